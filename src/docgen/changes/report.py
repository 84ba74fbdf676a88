"""A change set written out: Markdown (pull-request comments), JSON, and HTML or PDF for people.

The words a reader sees ("Reworded", "New at this level") are written once,
in `LABELS`; the HTML and PDF come from `templates/changes/changes.html`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from docgen.changes.changeset import (ADDED, DETAILS, KINDS, MOVED, REMOVED, REWORDED,
                                      CriterionChange)
from docgen.engines.templating import SearchPath
from docgen.schemas import schema_id

LABELS = {ADDED: "Added", REMOVED: "Removed", REWORDED: "Reworded", MOVED: "Moved",
          DETAILS: "Details changed"}
COUNTED = {ADDED: "added", REMOVED: "removed", REWORDED: "reworded", MOVED: "moved",
           DETAILS: "with new details, examples or quotes"}
STATUS = {"added": "new framework", "removed": "framework removed",
          "renamed": "renamed from {old_id}", "changed": ""}


def as_json(changes) -> str:
    """The change set as JSON (schema: schemas/changes.schema.json)."""
    data: dict[str, Any] = {"$schema": schema_id("changes"), **_plain(changes)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_markdown(changes) -> str:
    """The change set as GitHub Markdown: a heading per framework, a list per level."""
    lines = [f"## Framework changes since {_md(changes.since.short)}", ""]
    if not changes.frameworks:
        return "\n".join(lines + [f"No framework changed between {_md(changes.since.short)} and "
                                  f"{_md(changes.until.short)}.", ""])
    lines += [f"{_summary(changes)} between {_md(changes.since.short)} and "
              f"{_md(changes.until.short)}.", ""]
    for fw in changes.frameworks:
        note = STATUS[fw.status].format(old_id=fw.old_id)
        lines.append(f"### {_md(fw.title)}" + (f" ({note})" if note else ""))
        if fw.levels_added and fw.status != "added":
            lines.append(f"Levels added: {', '.join(map(str, fw.levels_added))}.")
        if fw.levels_removed and fw.status != "removed":
            lines.append(f"Levels removed: {', '.join(map(str, fw.levels_removed))}.")
        for level, items in fw.by_level():
            lines += ["", f"**Level {level}**", ""]
            lines += [f"- {_md_item(item)}" for item in items]
        lines.append("")
    return "\n".join(lines)


def as_html(changes, search_path: SearchPath, lang: str = "en", paper: str = "A4") -> str:
    """The "what changed" document as HTML."""
    return search_path.render("changes/changes.html", changes=changes, labels=LABELS,
                              status=STATUS, summary=_summary(changes), lang=lang, paper=paper)


def as_pdf(changes, search_path: SearchPath, lang: str = "en", paper: str = "A4") -> bytes:
    """The "what changed" document as PDF."""
    from docgen.engines.pdf import html_to_pdf  # WeasyPrint: only for a PDF

    return html_to_pdf(as_html(changes, search_path, lang, paper), search_path).data


def _summary(changes) -> str:
    counts = {kind: sum(fw.count(kind) for fw in changes.frameworks) for kind in KINDS}
    parts = [f"{n} {COUNTED[kind]}" for kind, n in counts.items() if n]
    frameworks = len(changes.frameworks)
    return (f"{frameworks} framework{'s' if frameworks != 1 else ''} changed"
            + (f"; criteria: {', '.join(parts)}" if parts else ""))


def _md_item(item: CriterionChange) -> str:
    label = f"**{LABELS[item.kind]}**"
    if item.kind == ADDED:
        return f"{label} ({_md(item.new_place.category)}): {_md(item.new_text)}"
    if item.kind == REMOVED:
        return f"{label} ({_md(item.old_place.category)}): ~~{_md(item.old_text)}~~"
    where = _md(item.new_place.category)
    if item.kind == MOVED:
        where = (f"from Level {item.old_place.level} {_md(item.old_place.category)} to "
                 f"Level {item.new_place.level} {_md(item.new_place.category)}")
    text = _md_words(item) if item.words else _md(item.new_text)
    what = f"; {', '.join(item.what)} changed" if item.what else ""
    return f"{label} ({where}{what}): {text}"


def _md_words(item: CriterionChange) -> str:
    shown = {"same": "{}", "deleted": "~~{}~~", "added": "**{}**"}
    return " ".join(shown[op].format(_md(text)) for op, text in item.words)


def _md(text: str) -> str:
    """Text as Markdown that shows it as it is: no markup, links or HTML from the framework."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>|~" else c for c in text)
    return " ".join(escaped.split())


def _plain(changes) -> dict[str, Any]:
    data = asdict(changes)
    for fw in data["frameworks"]:
        for item in fw["criteria"]:
            item["words"] = [{"op": op, "text": text} for op, text in item["words"]]
            item["what"] = list(item["what"])
    return data
