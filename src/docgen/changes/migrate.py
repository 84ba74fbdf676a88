"""`docgen assessment migrate`: an assessment's criterion ids brought to the current framework.

The framework at the revision the assessment was written against (its
`framework_revision`, or `--since`) is compared with the current one, with
the matching `docgen changes` uses.  A rating whose criterion was renamed
follows it; a rating of a removed criterion moves to `archived:` with the
criterion's old text (never dropped; only an entry nobody filled in is
taken out); criteria of the target level that have no rating are added
blank.  The file is edited in place, keeping its
comments and order, and written atomically.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.changes.changeset import REMOVED, compare
from docgen.changes.revisions import Repository, Revision, last_commit, scratch_folder
from docgen.errors import DocgenError, ProblemsError
from docgen.project import Catalog, Project, load_catalog
from docgen.sources import display_path
from docgen.sources.assessment_file import load_assessment


@dataclass(frozen=True)
class Migration:
    """What migrating one assessment file does, and the file's new text."""

    path: Path
    revision: Revision
    renamed: tuple[tuple[str, str], ...] = ()
    archived: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()  # ids neither revision has: left for `check` to report
    framework: tuple[str, str] = ("", "")  # (old id, new id) when the framework was renamed
    blank_removed: tuple[str, ...] = ()  # removed criteria whose rating was still blank
    text: str = field(default="", repr=False)

    @property
    def changes_anything(self) -> bool:
        """True when the file's text changes."""
        return bool(self.renamed or self.archived or self.added or self.framework[0]
                    or self.blank_removed)

    def describe(self) -> str:
        """One line saying what was (or would be) done."""
        parts = []
        if self.framework[0]:
            parts.append(f"framework {self.framework[0]} → {self.framework[1]}")
        if self.renamed:
            parts.append(f"{len(self.renamed)} renamed ("
                         + ", ".join(f"{a} → {b}" for a, b in self.renamed) + ")")
        if self.archived:
            parts.append(f"{len(self.archived)} archived ({', '.join(self.archived)})")
        if self.added:
            parts.append(f"{len(self.added)} added blank")
        if self.blank_removed:
            parts.append(f"{len(self.blank_removed)} blank of removed criteria taken out")
        if self.unknown:
            parts.append(f"{len(self.unknown)} unknown in both revisions "
                         f"({', '.join(self.unknown)})")
        return "; ".join(parts) or "already matches the framework"


def plan_migrations(project: Project, paths: list[Path],
                    since: Optional[str] = None) -> list[Migration]:
    """The migration of each assessment file, against `since` or the revision it records."""
    current = load_catalog(project)
    if current.errors:
        raise ProblemsError(current.errors)
    repository = Repository(project)
    old_catalogs: dict[str, Catalog] = {}
    migrations = []
    with scratch_folder() as scratch:
        for path in paths:
            problems: list = []
            assessment = load_assessment(path, display_path(path), problems)
            name = since or assessment.framework_revision or repository.default_since()
            revision = repository.resolve(name)
            if revision.commit not in old_catalogs:
                old_catalogs[revision.commit] = repository.catalog(revision, Path(scratch))
            migrations.append(_migration(path, assessment, revision,
                                         old_catalogs[revision.commit], current))
    return migrations


def write(migration: Migration) -> None:
    """Write the migrated file atomically."""
    from docgen.output import write_atomic

    write_atomic(migration.path, migration.text.encode("utf-8"))


def _migration(path: Path, assessment, revision: Revision, old: Catalog,
               current: Catalog) -> Migration:
    changed = compare(old.frameworks, current.frameworks)
    framework_id = assessment.framework_id
    entry = next((fw for fw in changed if framework_id in (fw.id, fw.old_id)), None)
    new_id = entry.id if entry is not None and entry.status != "removed" else framework_id
    framework = next((fw for fw in current.frameworks if fw.id == new_id), None)
    if framework is None:
        raise DocgenError(f"{display_path(path)}: the framework '{framework_id}' is in neither "
                          f"{revision.short} nor the working tree (see 'docgen list')")
    renames = {c.old_id: c.new_id for c in (entry.criteria if entry else ())
               if c.old_id and c.new_id and c.old_id != c.new_id}
    removed = {c.old_id: c.old_text for c in (entry.criteria if entry else ())
               if c.kind == REMOVED}
    current_ids = {c.id for _, _, c in framework.criteria()}
    target = framework.level(assessment.target_level)
    wanted = [c.id for c in target.criteria()] if target else []

    is_json = path.suffix.lower() == ".json"
    text = path.read_text(encoding="utf-8-sig")
    yaml = _yaml()
    data = json.loads(text) if is_json else yaml.load(text)
    ratings = data.get("ratings") or ({} if is_json else CommentedMap())
    data["ratings"] = ratings
    renamed, archived, unknown, dropped = [], [], [], []
    for key in list(ratings):
        if key in current_ids:
            continue
        if key in renames and renames[key] not in ratings:
            _rename(ratings, key, renames[key])
            renamed.append((key, renames[key]))
        elif key in removed or key in renames:
            value = ratings.pop(key)
            if _blank_rating(value):
                dropped.append(key)  # nothing was written in it: there is nothing to keep
                continue
            old_text = removed.get(key) or next(
                (c.old_text for c in entry.criteria if c.old_id == key), "")
            _archive(data, key, value, old_text, revision, is_json)
            archived.append(key)
        else:
            unknown.append(key)
    if not ratings and not is_json:
        # an emptied mapping keeps the comments of its old entries, which YAML cannot place
        ratings = data["ratings"] = CommentedMap()
    added = [cid for cid in wanted if cid not in ratings]
    for cid in added:
        ratings[cid] = _blank(is_json)
    renamed_framework = ("", "")
    if new_id != framework_id:
        data["framework"] = new_id
        renamed_framework = (framework_id, new_id)
    now = last_commit(Path(framework.source))
    if now is not None and "framework_revision" in data:
        data["framework_revision"] = now.commit
    migration = Migration(path, revision, tuple(renamed), tuple(archived), tuple(added),
                          tuple(unknown), renamed_framework, tuple(dropped))
    if not migration.changes_anything:
        return _with_text(migration, text)
    if is_json:
        return _with_text(migration, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    out = io.StringIO()
    yaml.dump(data, out)
    return _with_text(migration, out.getvalue())


def _with_text(migration: Migration, text: str) -> Migration:
    return replace(migration, text=text)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # long evidence stays on its line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _rename(ratings, old: str, new: str) -> None:
    """Rename a key where it stands, keeping the comments attached to it."""
    if not isinstance(ratings, CommentedMap):
        ratings[new] = ratings.pop(old)
        return
    position = list(ratings).index(old)
    comment = ratings.ca.items.pop(old, None)
    value = ratings.pop(old)
    ratings.insert(position, new, value)
    if comment is not None:
        ratings.ca.items[new] = comment


def _archive(data, key: str, value: Any, text: str, revision: Revision, is_json: bool) -> None:
    archived = data.get("archived")
    if archived is None:
        archived = {} if is_json else CommentedMap()
        data["archived"] = archived
    entry = {} if is_json else CommentedMap()
    entry["text"] = text
    entry["revision"] = revision.commit
    if isinstance(value, dict):
        entry.update(value)
    archived[key] = entry


def _blank_rating(value: Any) -> bool:
    """True for a rating nobody has filled in (what `assessment init` writes)."""
    if value is None:
        return True
    if not isinstance(value, dict):
        return False
    return not any(value.get(name) for name in ("self", "manager", "evidence", "comments"))


def _blank(is_json: bool):
    if is_json:
        return {"self": None, "manager": None, "evidence": [], "comments": ""}
    blank = CommentedMap()
    blank["self"] = None
    blank["manager"] = None
    evidence = CommentedSeq()
    evidence.fa.set_flow_style()
    blank["evidence"] = evidence
    blank["comments"] = ""
    return blank
