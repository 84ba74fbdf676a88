"""Change marks for print: which criteria changed since a revision, and what was removed.

The handbook draws a change bar beside each criterion added, reworded or
moved since the revision and lists removed criteria at the end of their
level; cards put a small marker on changed criteria.  Marks are plain data,
computed once per run, so documents stay reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from docgen.changes.changeset import DETAILS, REMOVED

MARKED_KINDS = ("added", "reworded", "moved")  # what a change bar marks


@dataclass(frozen=True)
class ChangeMarks:
    """What changed since `label`'s revision, by framework id."""

    label: str  # "v1 (a1b2c3d) of 1 March 2026"
    changed: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # id → criterion → kind
    removed: Mapping[str, Mapping[int, tuple[str, ...]]] = field(default_factory=dict)

    def changed_in(self, framework_id: str) -> Mapping[str, str]:
        """How each changed criterion of the framework changed: id → "added", "reworded" or
        "moved"."""
        return self.changed.get(framework_id, {})

    def removed_at(self, framework_id: str, level: int) -> tuple[str, ...]:
        """The texts of the criteria removed from this level."""
        return self.removed.get(framework_id, {}).get(level, ())


def change_marks(change_set) -> ChangeMarks:
    """The marks of a change set (see `docgen.changes.changes_between`)."""
    changed: dict[str, dict[str, str]] = {}
    removed: dict[str, dict[int, tuple[str, ...]]] = {}
    for fw in change_set.frameworks:
        for item in fw.criteria:
            if item.kind == REMOVED:
                level = item.old_place.level
                removed.setdefault(fw.id, {})
                removed[fw.id][level] = removed[fw.id].get(level, ()) + (item.old_text,)
            elif item.kind != DETAILS:
                changed.setdefault(fw.id, {})[item.new_id] = item.kind
    return ChangeMarks(change_set.since.label, changed, removed)


def marks_since(project) -> Optional[ChangeMarks]:
    """The marks of the project's `changes_since` revision against the working tree, or None."""
    if not project.config.changes_since:
        return None
    from docgen.changes import changes_between  # git: only when marks are asked for

    return change_marks(changes_between(project, project.config.changes_since))
