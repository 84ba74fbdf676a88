"""Criterion ids: readable, deterministic, and stable as a framework is edited.

An id is `l<level>.<category>.<words>`: the level number, the category's
key (YAML topic name, or the slug of the Markdown heading) and up to
`ID_WORDS` meaningful words of the criterion's text, for example
`l3.mastery.writes-idiomatic-go-code`.  It depends only on the criterion's
own level, category and text, so inserting, removing or reordering other
criteria never changes it.  An author fixes an id with `{#my-id}` at the end
of the text (or `id:` in YAML); that id is used exactly as written.  Two
criteria whose ids would be equal are told apart by `-2`, `-3` in document
order, with a warning suggesting an explicit id.
"""

from __future__ import annotations

from dataclasses import replace

from docgen.errors import Problem, Severity
from docgen.model import Category, Criterion, Framework, Level
from docgen.slugs import content_key, slugify

ID_WORDS = 6


def automatic_id(level: int, category_key: str, text: str) -> str:
    """The id a criterion gets when its author did not choose one."""
    words = slugify(text, max_words=ID_WORDS, drop_stop_words=True) or content_key(text, "c")
    return f"l{level}.{category_key}.{words}"


def assign_ids(framework: Framework) -> tuple[Framework, list[Problem]]:
    """`framework` with every criterion's id set, and the problems with ids."""
    problems: list[Problem] = []
    explicit: dict[str, Criterion] = {}
    for _, _, criterion in framework.criteria():
        if criterion.explicit_id is None:
            continue
        if criterion.explicit_id in explicit:
            first = explicit[criterion.explicit_id]
            problems.append(Problem(criterion.location, Severity.ERROR,
                                    f"duplicate criterion id '{criterion.explicit_id}'",
                                    hint=f"it is already used at {first.location}",
                                    code="duplicate-criterion-id"))
        else:
            explicit[criterion.explicit_id] = criterion
    taken: dict[str, Criterion] = dict(explicit)
    next_number: dict[str, int] = {}  # wanted id → the suffix to try next: linear, not quadratic

    def with_id(level: Level, category: Category, criterion: Criterion) -> Criterion:
        if criterion.explicit_id is not None:
            return replace(criterion, id=criterion.explicit_id)
        wanted = automatic_id(level.number, category.key, criterion.text)
        final, number = wanted, next_number.get(wanted, 2)
        while final in taken:
            final, number = f"{wanted}-{number}", number + 1
        next_number[wanted] = number
        if final != wanted and _same_text(taken[wanted], criterion):
            problems.append(Problem(
                criterion.location, Severity.WARNING,
                f"this criterion repeats {taken[wanted].location} word for word; "
                f"its id is '{final}'", hint="remove one of them", code="repeated-criterion"))
        elif final != wanted:
            problems.append(Problem(
                criterion.location, Severity.WARNING,
                f"criterion id '{wanted}' is already used by {taken[wanted].location}; "
                f"this one is '{final}'",
                hint="give one of them an explicit id: add {#your-id} to the end of its text",
                code="duplicate-criterion-id"))
        assigned = replace(criterion, id=final)
        taken[final] = assigned
        return assigned

    levels = tuple(
        replace(level, categories=tuple(
            replace(category, criteria=tuple(with_id(level, category, c)
                                             for c in category.criteria))
            for category in level.categories))
        for level in framework.levels)
    return replace(framework, levels=levels), problems


def _same_text(first: Criterion, second: Criterion) -> bool:
    return " ".join(first.text.casefold().split()) == " ".join(second.text.casefold().split())
