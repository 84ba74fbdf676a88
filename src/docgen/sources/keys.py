"""The closed list of keys of every structure docgen reads, and the check that holds files to it.

A key not in its structure's list is an error at its `file:line:col`, with
the closest known key suggested (`critera` → `criteria`): a misspelt key
must never vanish.  Keys that real frameworks carry and docgen reads past on
purpose are in `READ_PAST`, with the reason; they are a note at most.
The JSON Schemas in `docgen/schemas/` publish the same lists.
"""

from __future__ import annotations

import difflib
from typing import Any, Mapping

from docgen.errors import Problem, Severity, quoted

FRONT_MATTER = ("path", "title", "sidebarTitle", "sidebarGroup", "yaml", "levels", "homepage",
                "topics", "subtitle", "description")
TOPIC = ("name", "title", "content", "description", "subtitle")
CONTENT_ENTRY = ("level", "criteria", "exampleCriteria")
CRITERION = ("text", "id", "examples")
EXAMPLE_CRITERION = ("criteria", "examples", "id")
ASSESSMENT = ("framework", "framework_revision", "candidate", "current_level", "target_level",
              "period", "assessors", "summary", "ratings", "archived")
RATING = ("self", "manager", "evidence", "comments")
EVIDENCE = ("text", "url", "link")
PERSON = ("name", "role", "team")

EVERY_KEY = tuple(sorted({*FRONT_MATTER, *TOPIC, *CONTENT_ENTRY, *CRITERION, *EXAMPLE_CRITERION,
                          *ASSESSMENT, *RATING, *EVIDENCE, *PERSON}))

# Keys seen in real framework files that docgen does not print, and why (a note in `check`).
READ_PAST = {
    "levelPrefix": "docgen names levels 'Level N' (and [levels] in docgen.toml names them)",
    "categories": "docgen takes categories from the topics and headings themselves",
}


def check_keys(mapping: Mapping[Any, Any], known: tuple[str, ...], what: str, source,
               problems: list[Problem]) -> None:
    """Report each key of `mapping` that is not in `known` (`what` names the structure)."""
    for key in mapping:
        name = str(key)
        if name in known:
            continue
        location = source.key(mapping, key)
        if name in READ_PAST:
            problems.append(Problem(location, Severity.INFO,
                                    f"'{name}' is not shown in docgen's documents",
                                    hint=READ_PAST[name], code="key-not-shown"))
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
        problems.append(Problem(location, Severity.ERROR, f"unknown key {quoted(name)} in {what}",
                                hint=hint, code="unknown-key"))
