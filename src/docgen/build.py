"""What `docgen build` makes, and only what changed: plan, cache, parallel, shards, manifest.

The plan lists every artifact (one output file each) with a key: a digest
of exactly what it is made from (its framework files, or all of them for
the handbook; its assessment; the templates; the configuration; docgen's
version) and its date: the newest date of those input files, so editing
one framework moves only the artifacts made from it.  An artifact whose record in
`out/.docgen/records/` has the same key, and whose file still has the
recorded digest, is not made again.  Artifacts are made in worker
processes and written atomically; `out/manifest.json` is written last, and
only when every planned artifact is in place, so a failed build leaves the
previous manifest and artifacts as they were.

`--shard I/N` makes every N-th artifact of the sorted plan.  Shards write
their artifacts and records but not the manifest; `docgen build` over the
union of the shards' outputs renders nothing and writes it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from docgen import __version__
from docgen.errors import DocgenError
from docgen.model import Assessment, Framework
from docgen.output import leftover_temp_files, safe_output_path, write_atomic

RECORDS = ".docgen/records"
PLAN = ".docgen/plan.json"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Artifact:
    """One output file: where it goes, what makes it, and the key of its inputs."""

    path: str  # relative to the output folder, "/"-separated
    kind: str  # handbook-pdf, handbook-html, cards, case-template, packet-docx, packet-pdf
    key: str
    epoch: int  # the date it is stamped with: the newest of its inputs' dates
    framework_id: str = ""
    level: int = 0
    assessment: Optional[Assessment] = field(default=None, compare=False)


class BuildError(DocgenError):
    """Raised when making one artifact failed; names the artifact."""


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """'2/4' → Shard(2, 4)."""
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise DocgenError(f"--shard takes I/N, such as 1/4, not '{text}'") from None
        if not 1 <= index <= count:
            raise DocgenError(f"--shard {text}: I must be between 1 and N")
        return cls(index, count)

    def select(self, artifacts: Sequence[Artifact]) -> list[Artifact]:
        """This shard's share of the (sorted) plan."""
        ordered = sorted(artifacts, key=lambda a: a.path)
        return [a for i, a in enumerate(ordered) if i % self.count == self.index - 1]


@dataclass(frozen=True)
class Record:
    """What was made: the artifact's key, size and digest."""

    path: str
    key: str
    bytes: int
    sha256: str


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so different splits never collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folders: Iterable[Path]) -> str:
    """A digest of every file below `folders`, names included."""
    parts: list[bytes | str] = []
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@dataclass(frozen=True)
class Inputs:
    """What the plan knows of each input file, by framework id or assessment source."""

    digests: dict[str, str]
    dates: dict[str, int]

    def key_and_date(self, common: str, names: Sequence[str]) -> tuple[str, int]:
        """The key of an artifact made from `names` (and `common`), and its date."""
        return (digest(common, *(self.digests[n] for n in names)),
                max(self.dates[n] for n in names))


def plan(frameworks: Sequence[Framework], assessments: Sequence[Assessment], *,
         inputs: Inputs, common: str, handbook: bool = True, cards: bool = True,
         case_templates: bool = True, packets: bool = True, out_dir: Path) -> list[Artifact]:
    """Every artifact of a build.

    `common` is the digest of what every artifact depends on (templates,
    configuration, docgen version); each artifact adds its own input files.
    """
    generic = next((f.id for f in frameworks if f.is_generic), None)

    def sources(fw: Framework) -> list[str]:
        return [fw.id] + ([generic] if generic and generic != fw.id and fw.format == "yaml"
                          else [])

    artifacts: list[Artifact] = []
    if handbook and frameworks:
        key, epoch = inputs.key_and_date(common, [f.id for f in frameworks])
        artifacts += [Artifact("handbook.pdf", "handbook-pdf", key, epoch),
                      Artifact("handbook.html", "handbook-html", key, epoch)]
    for fw in frameworks:
        key, epoch = inputs.key_and_date(common, sources(fw))
        if cards:
            artifacts.append(Artifact(_relative(safe_output_path(out_dir / "cards", fw.id,
                                                                 suffix=".pdf"), out_dir),
                                      "cards", key, epoch, fw.id))
        if case_templates:
            for level in fw.levels:
                if any(True for _ in level.criteria()):
                    path = safe_output_path(out_dir / "case-templates", fw.id,
                                            suffix=f"-L{level.number}.docx")
                    artifacts.append(Artifact(_relative(path, out_dir), "case-template", key,
                                              epoch, fw.id, level.number))
    by_id = {f.id: f for f in frameworks}
    if packets:
        for assessment in assessments:
            fw = by_id[assessment.framework_id]
            key, epoch = inputs.key_and_date(common, sources(fw) + [assessment.source])
            folder = safe_output_path(out_dir / "packets",
                                      assessment.candidate.name or Path(assessment.source).stem)
            for fmt in ("docx", "pdf"):
                artifacts.append(Artifact(_relative(folder / f"promotion-case.{fmt}", out_dir),
                                          f"packet-{fmt}", key, epoch, fw.id,
                                          assessment=assessment))
    paths = [a.path for a in artifacts]
    clash = next((p for p in paths if paths.count(p) > 1), None)
    if clash:
        raise DocgenError(f"two artifacts would be written to {clash}: give the candidates "
                          "different names")
    return artifacts


def save_plan(out_dir: Path, stamp: str, artifacts: Sequence[Artifact],
              problems: Sequence[tuple[str, str]], inputs_digest: str) -> None:
    """Remember the plan made from inputs with this `stamp`, for a build where nothing changed."""
    data = {"stamp": stamp, "inputs_sha256": inputs_digest, "problems": list(problems),
            "artifacts": [[a.path, a.kind, a.key, a.epoch] for a in artifacts]}
    write_atomic(out_dir / PLAN, json.dumps(data).encode("utf-8"))


def cached_plan(out_dir: Path, stamp: str) -> Optional[tuple[list[Artifact], list, str]]:
    """(artifacts, problems, inputs digest) of the last build if its inputs had this stamp."""
    try:
        data = json.loads((out_dir / PLAN).read_text(encoding="utf-8"))
        if data["stamp"] != stamp:
            return None
        artifacts = [Artifact(path, kind, key, epoch) for path, kind, key, epoch in
                     data["artifacts"]]
        return artifacts, [tuple(p) for p in data["problems"]], data["inputs_sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def records(out_dir: Path) -> dict[str, Record]:
    """The records of what earlier builds made in `out_dir`."""
    found = {}
    folder = out_dir / RECORDS
    for file in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            record = Record(**json.loads(file.read_text(encoding="utf-8")))
        except (ValueError, TypeError, OSError):
            continue  # a damaged record only means the artifact is made again
        found[record.path] = record
    return found


def stale(artifacts: Sequence[Artifact], out_dir: Path) -> list[Artifact]:
    """The artifacts whose inputs changed or whose file is missing or altered."""
    known = records(out_dir)
    return [a for a in artifacts if not _fresh(a, known.get(a.path), out_dir)]


def write_record(out_dir: Path, artifact: Artifact, data: bytes) -> Record:
    """Record what was made for `artifact`."""
    record = Record(artifact.path, artifact.key, len(data), hashlib.sha256(data).hexdigest())
    name = digest(artifact.path)[:24] + ".json"
    write_atomic(out_dir / RECORDS / name,
                 (json.dumps(asdict(record), indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return record


def write_manifest(out_dir: Path, artifacts: Sequence[Artifact],
                   inputs_digest: str) -> Optional[Path]:
    """`out/manifest.json`, when every planned artifact has its record; else None."""
    known = records(out_dir)
    if any(a.path not in known for a in artifacts):
        return None
    entries = [{"path": a.path, "bytes": known[a.path].bytes, "sha256": known[a.path].sha256}
               for a in sorted(artifacts, key=lambda a: a.path)]
    epoch = max((a.epoch for a in artifacts), default=0)
    manifest = {"docgen_version": __version__, "inputs_sha256": inputs_digest,
                "source_date_epoch": epoch, "artifacts": entries}
    return write_atomic(out_dir / MANIFEST,
                        (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))


def clean(out_dir: Path, artifacts: Sequence[Artifact]) -> list[str]:
    """Remove artifacts earlier builds made that the plan no longer has; return their paths.

    Only recorded files are removed, and the temporary files of writes that were
    killed: docgen never deletes what it did not make.
    """
    planned = {a.path for a in artifacts}
    removed = []
    for path, _ in records(out_dir).items():
        if path in planned:
            continue
        target = out_dir / path
        if target.is_file():
            target.unlink()
        (out_dir / RECORDS / (digest(path)[:24] + ".json")).unlink(missing_ok=True)
        removed.append(path)
    for temp in leftover_temp_files(out_dir):
        temp.unlink()
        removed.append(temp.relative_to(out_dir).as_posix())
    return removed


def _fresh(artifact: Artifact, record: Optional[Record], out_dir: Path) -> bool:
    if record is None or record.key != artifact.key:
        return False
    path = out_dir / artifact.path
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return len(data) == record.bytes and hashlib.sha256(data).hexdigest() == record.sha256


def _relative(path: Path, out_dir: Path) -> str:
    return path.relative_to(out_dir).as_posix()
