"""What a build makes: every document kind's jobs, each with a key and a date; shards.

An `Artifact` is a job of a document kind with its key: a digest of exactly
what it is made from (its input files' bytes, plus `common`: the templates,
the configuration and docgen's version) and its date, the newest date of
those inputs, so editing one framework moves only what is made from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from docgen.digests import digest
from docgen.sourcedate import in_range
from docgen.documents import Job
from docgen.errors import DocgenError, UsageError


# What making any document costs, in input bytes: a small document is not free
JOB_WEIGHT = 20_000


@dataclass(frozen=True)
class Inputs:
    """Each input's digest, date and size in bytes, by framework id or assessment source."""

    digests: Mapping[str, str]
    dates: Mapping[str, int]
    sizes: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Artifact:
    """A job with its key; `key` is empty for a job made outside a build (no record).

    `weight` estimates the work: the bytes of its inputs, plus what any
    document costs; shards are balanced by it.
    """

    job: Job
    key: str = ""
    weight: int = 0

    @property
    def name(self) -> str:
        """The job's name: its first output file."""
        return self.job.name


def dated(jobs: Sequence[Job], dates: Mapping[str, int]) -> list[Job]:
    """The jobs, each stamped with the newest date of its inputs (within what documents hold)."""
    return [replace(job, epoch=in_range(max(dates[name] for name in job.inputs))) for job in jobs]


def keyed(jobs: Sequence[Job], inputs: Inputs, common: str) -> list[Artifact]:
    """The jobs, dated, each with the key of its inputs; DocgenError if two write one path."""
    artifacts = [Artifact(job, digest(common, job.kind, repr(job.options),
                                      *(inputs.digests[name] for name in job.inputs)),
                          JOB_WEIGHT + sum(inputs.sizes.get(name, 0) for name in job.inputs))
                 for job in dated(jobs, inputs.dates)]
    seen: dict[str, str] = {}
    for artifact in artifacts:
        for path in artifact.job.outputs:
            if path in seen:
                raise DocgenError(f"two documents would be written to {path} ({seen[path]} and "
                                  f"{artifact.name}): give the candidates different names")
            seen[path] = artifact.name
    return artifacts


@dataclass(frozen=True)
class Piece:
    """A piece of an artifact that a shard can make apart (a chapter of the handbook PDF)."""

    artifact: Artifact
    piece: str
    weight: int

    @property
    def name(self) -> str:
        """The artifact's name and the piece's."""
        return f"{self.artifact.name}#{self.piece}"


def in_pieces(artifact: Artifact, pieces: Sequence[tuple[str, int]]) -> list[Piece]:
    """The artifact's pieces, weighed so that together they weigh what the artifact does."""
    total = sum(weight for _, weight in pieces) or 1
    return [Piece(artifact, name, max(1, round(artifact.weight * weight / total)))
            for name, weight in pieces]


@dataclass(frozen=True)
class Shard:
    """Shard `index` of `count` (1-based): a share of the plan of about 1/count of its weight.

    Every shard computes the same split from the same plan: the heaviest
    jobs first, each to the lightest shard so far (ties: the lower index).
    """

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """'2/4' → Shard(2, 4); UsageError (exit 2) for anything else."""
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise UsageError(f"--shard takes I/N, such as 1/4, not '{text}'") from None
        if not 1 <= index <= count:
            raise UsageError(f"--shard {text}: I must be between 1 and N")
        return cls(index, count)

    def select(self, artifacts: Sequence) -> list:
        """This shard's share of the plan, in the plan's order."""
        loads = [0] * self.count
        mine = set()
        for artifact in sorted(artifacts, key=lambda a: (-a.weight, a.name)):
            lightest = loads.index(min(loads))
            loads[lightest] += max(artifact.weight, 1)
            if lightest == self.index - 1:
                mine.add(artifact.name)
        return [a for a in artifacts if a.name in mine]
