"""What earlier builds made, kept in `out/.docgen/`: records, the last plan, the manifest.

A record per job says which files it made, with their size and digest, and
the key it was made with: a job is made again when its key changed or one
of its files is missing or altered, and its files are removed when the plan
no longer has it (its inputs are gone).  Records are data: a path in one that
would lead outside `out/` is never followed.  `manifest.json` is written
only when every planned file has its record, so a failed build leaves the
previous manifest as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional, Sequence

from docgen import __version__
from docgen.build.plan import Artifact
from docgen.digests import digest
from docgen.documents import Job, Rendered
from docgen.output import leftover_temp_files, write_atomic

RECORDS = ".docgen/records"
PLAN = ".docgen/plan.json"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class FileRecord:
    """One file a job made: its path below `out/`, size and SHA-256."""

    path: str
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Record:
    """What one job made, and the key it was made with."""

    job: str
    key: str
    files: tuple[FileRecord, ...]


def write_record(out_dir: Path, artifact: Artifact, files: Sequence[Rendered]) -> Record:
    """Record what `artifact` made."""
    record = Record(artifact.name, artifact.key,
                    tuple(FileRecord(f.path, len(f.data), hashlib.sha256(f.data).hexdigest())
                          for f in files))
    write_atomic(_record_file(out_dir, artifact.name),
                 (json.dumps(asdict(record), indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return record


def records(out_dir: Path) -> dict[str, Record]:
    """The records of what earlier builds made in `out_dir`, by job name."""
    found = {}
    folder = out_dir / RECORDS
    for file in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            record = Record(data["job"], data["key"],
                            tuple(FileRecord(**f) for f in data["files"]))
        except (ValueError, TypeError, KeyError, OSError):
            continue  # a damaged record only means the job is made again
        found[record.job] = record
    return found


def stale(artifacts: Sequence[Artifact], out_dir: Path) -> list[Artifact]:
    """The artifacts whose inputs changed or one of whose files is missing or altered."""
    known = records(out_dir)
    return [a for a in artifacts if not _fresh(a, known.get(a.name), out_dir)]


def write_manifest(out_dir: Path, artifacts: Sequence[Artifact],
                   inputs_digest: str) -> Optional[Path]:
    """`out/manifest.json`, when every planned job has its record; else None."""
    known = records(out_dir)
    if any(a.name not in known or known[a.name].key != a.key for a in artifacts):
        return None
    entries = sorted(({"path": f.path, "bytes": f.bytes, "sha256": f.sha256}
                      for a in artifacts for f in known[a.name].files),
                     key=lambda entry: entry["path"])
    epoch = max((a.job.epoch for a in artifacts), default=0)
    manifest = {"docgen_version": __version__, "inputs_sha256": inputs_digest,
                "source_date_epoch": epoch, "artifacts": entries}
    return write_atomic(out_dir / MANIFEST,
                        (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))


def drop_untrue_manifest(out_dir: Path) -> None:
    """Remove `manifest.json` unless every file it lists is on disk with its size and digest.

    After a failed build some documents may be new and others old: a manifest
    that no longer describes `out/` is worse than none.
    """
    path = out_dir / MANIFEST
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["artifacts"]
        true = all(_matches(out_dir, e["path"], e["bytes"], e["sha256"]) for e in entries)
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError):
        true = False
    if not true:
        path.unlink(missing_ok=True)


def _matches(out_dir: Path, relative: str, size: int, sha256: str) -> bool:
    """True when `out_dir/relative` is inside `out_dir` and holds these bytes."""
    target = out_dir / relative
    if out_dir.resolve() not in target.resolve().parents:
        return False
    try:
        data = target.read_bytes()
    except OSError:
        return False
    return len(data) == size and hashlib.sha256(data).hexdigest() == sha256


def clean(out_dir: Path, artifacts: Sequence[Artifact], refused: Optional[list[str]] = None,
          thorough: bool = False) -> list[str]:
    """Remove files earlier builds made that the plan no longer has (orphans); return their paths.

    An orphan is a recorded file whose inputs are gone (a deleted
    assessment's packet) or that the configuration no longer makes.
    `thorough` (`build --clean`) also removes the temporary files of writes
    that were killed, and the folders the removals leave empty.  Only
    recorded files inside `out_dir` are removed: docgen never deletes what it
    did not make.  Records are data (a restored CI cache can hold anything):
    a recorded path that leads outside `out_dir`, by `..`, an absolute path
    or a link, is never followed, and is named in `refused`.
    """
    planned = {path for a in artifacts for path in a.job.outputs}
    names = {a.name for a in artifacts}
    root = out_dir.resolve()
    removed = []
    for name, record in records(out_dir).items():
        for file in record.files:
            target = out_dir / file.path
            if file.path in planned:
                continue
            if root not in target.resolve().parents:
                if refused is not None:
                    refused.append(f"{_record_file(out_dir, name)}: the recorded path "
                                   f"'{file.path}' is outside {out_dir}; it was not removed")
                continue
            if target.is_file():
                target.unlink()
            removed.append(file.path)
        if name not in names:
            _record_file(out_dir, name).unlink(missing_ok=True)
    if thorough:
        for temp in leftover_temp_files(out_dir):
            temp.unlink()
            removed.append(temp.relative_to(out_dir).as_posix())
        _remove_emptied_folders(out_dir, removed)
    return removed


def _remove_emptied_folders(out_dir: Path, removed: Sequence[str]) -> None:
    """Remove the folders under `out_dir` that held removed files and are now empty."""
    folders = {parent for path in removed for parent in Path(path).parents if parent != Path(".")}
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        try:
            (out_dir / folder).rmdir()  # only when empty
        except OSError:
            pass


def save_plan(out_dir: Path, stamp: str, artifacts: Sequence[Artifact],
              warnings: Sequence[str], skipped: Sequence[str], inputs_digest: str) -> None:
    """Remember the plan made from inputs with this `stamp`, for a build where nothing changed."""
    data = {"stamp": stamp, "inputs_sha256": inputs_digest, "warnings": list(warnings),
            "skipped": list(skipped),
            "artifacts": [[a.job.kind, list(a.job.outputs), a.key, a.job.epoch, a.weight]
                          for a in artifacts]}
    write_atomic(out_dir / PLAN, json.dumps(data).encode("utf-8"))


def cached_plan(out_dir: Path,
                stamp: str) -> Optional[tuple[list[Artifact], list[str], list[str], str]]:
    """(artifacts, warnings, skipped, inputs digest) of the last build if its inputs had this stamp."""
    try:
        data = json.loads((out_dir / PLAN).read_text(encoding="utf-8"))
        if data["stamp"] != stamp:
            return None
        artifacts = [Artifact(Job(kind, tuple(outputs), (), epoch=epoch), key, int(weight))
                     for kind, outputs, key, epoch, weight in data["artifacts"]]
        return (artifacts, [str(w) for w in data["warnings"]], [str(s) for s in data["skipped"]],
                data["inputs_sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _fresh(artifact: Artifact, record: Optional[Record], out_dir: Path) -> bool:
    if record is None or record.key != artifact.key:
        return False
    if tuple(f.path for f in record.files) != artifact.job.outputs:
        return False
    return all(_matches(out_dir, f.path, f.bytes, f.sha256) for f in record.files)


def _record_file(out_dir: Path, name: str) -> Path:
    return out_dir / RECORDS / (digest(name)[:24] + ".json")
