"""`docgen changes`: what changed in the frameworks between two git revisions.

`revisions.py` reads the frameworks of a revision from git, `matching.py`
pairs criteria across revisions, `changeset.py` says what changed, and
`report.py` writes it for people (PDF, HTML), for pull requests (Markdown)
and for programs (JSON).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from docgen.changes.changeset import FrameworkChanges, compare
from docgen.changes.revisions import (WORKING_TREE, Repository, Revision, RevisionError,
                                      scratch_folder)
from docgen.errors import ProblemsError, UnknownFrameworkError
from docgen.project import Project

__all__ = ["ChangeSet", "RevisionError", "changes_between"]


@dataclass(frozen=True)
class ChangeSet:
    """The frameworks that changed between `since` and `until`, and how."""

    since: Revision
    until: Revision
    frameworks: tuple[FrameworkChanges, ...]


def changes_between(project: Project, since: Optional[str] = None, until: Optional[str] = None,
                    frameworks: Sequence[str] = ()) -> ChangeSet:
    """Compare the project's frameworks at `since` (default: the last tag, else HEAD~1) with
    `until` (default: the working tree); only `frameworks` (ids, old or new) when given.

    RevisionError for a revision git does not have; ProblemsError when a
    framework of either revision has errors.
    """
    repository = Repository(project)
    old_revision = repository.resolve(since or repository.default_since())
    new_revision = repository.resolve(until) if until else Revision(WORKING_TREE)
    with scratch_folder() as scratch:
        old = repository.catalog(old_revision, Path(scratch))
        new = repository.catalog(new_revision, Path(scratch))
        for revision, catalog in ((old_revision, old), (new_revision, new)):
            if catalog.errors and revision.commit:
                first = catalog.errors[0]
                where = Path(first.location.path).resolve()
                shown = where.relative_to(Path(scratch).resolve() / revision.commit).as_posix()
                raise RevisionError(
                    f"the frameworks at {revision.short} have {len(catalog.errors)} error(s), "
                    f"the first: {shown}:{first.location.line}:{first.location.column}: "
                    f"{first.message} (compare from a revision that passes 'docgen check')")
            if catalog.errors:
                raise ProblemsError(catalog.errors)
    found = compare(old.frameworks, new.frameworks)
    if frameworks:
        known = {fw.id for fw in old.frameworks} | {fw.id for fw in new.frameworks}
        unknown = [fw_id for fw_id in frameworks if fw_id not in known]
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(known), n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else "see 'docgen list'"
            raise UnknownFrameworkError(f"no framework '{unknown[0]}' in either revision "
                                        f"({hint})")
        found = [fw for fw in found if fw.id in frameworks or fw.old_id in frameworks]
    return ChangeSet(old_revision, new_revision, tuple(found))

