"""Frameworks as they were at a git revision, read without a checkout (`git show REV:path`).

Each revision's framework files are copied into a temporary folder laid out
like the project and loaded by the usual pipeline, so an old revision is
read exactly as a current one.  Every git failure is a `RevisionError` that
says what to do (a shallow clone: fetch the whole history).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Optional

from docgen.errors import DocgenError
from docgen.project import Catalog, Project, load_catalog
from docgen.sourcedate import long_date
from docgen.sources import FRAMEWORK_SUFFIXES

WORKING_TREE = "working tree"


class RevisionError(DocgenError):
    """A revision git does not have, or a project git does not hold."""


@dataclass(frozen=True)
class Revision:
    """A commit (or the working tree, when `commit` is empty), with its date."""

    name: str  # as the user gave it: v1.2, HEAD~1, a SHA, or "working tree"
    commit: str = ""
    date: str = ""  # ISO 8601, the committer date

    @property
    def short(self) -> str:
        """The name, with the short commit when the name is not one."""
        if not self.commit:
            return self.name
        if self.commit.startswith(self.name) and len(self.name) >= 7:  # a SHA: short
            return self.commit[:7]
        return f"{self.name} ({self.commit[:7]})"

    @property
    def label(self) -> str:
        """The short name and the date, as documents print it: "v1 (a1b2c3d) of 1 March 2026"."""
        try:
            return f"{self.short} of {long_date(datetime.fromisoformat(self.date))}"
        except ValueError:  # no date: the working tree
            return self.short


class Repository:
    """The git repository holding a project's frameworks."""

    def __init__(self, project: Project):
        self.project = project
        top = self._git("rev-parse", "--show-toplevel", cwd=project.root, check=False)
        if top is None:
            raise RevisionError(f"{project.root} is not in a git repository: 'docgen changes' "
                                "compares revisions of the frameworks that git keeps (git init, "
                                "then commit them)")
        self.top = Path(top.strip()).resolve()
        try:
            self.folder = project.framework_dir.resolve().relative_to(self.top).as_posix()
        except ValueError:
            raise RevisionError(f"{project.framework_dir} is not inside the git repository at "
                                f"{self.top}") from None

    def resolve(self, name: str) -> Revision:
        """The commit `name` names; RevisionError (what to do) when there is none."""
        commit = self._git("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False)
        if commit is None or not commit.strip():
            shallow = (self._git("rev-parse", "--is-shallow-repository", check=False) or
                       "").strip() == "true"
            hint = ("this clone is shallow: fetch the whole history (git fetch --unshallow, or "
                    "fetch-depth: 0 in actions/checkout)") if shallow else \
                "give a tag, a branch, a commit SHA or HEAD~N; git log lists them"
            raise RevisionError(f"git has no revision '{name}' ({hint})")
        commit = commit.strip()
        date = (self._git("show", "-s", "--format=%cI", commit) or "").strip()
        return Revision(name, commit, date)

    def default_since(self) -> str:
        """The last tag reachable from HEAD, else the commit before HEAD."""
        tag = self._git("describe", "--tags", "--abbrev=0", check=False)
        if tag and tag.strip():
            return tag.strip()
        if self._git("rev-parse", "--verify", "--quiet", "HEAD~1^{commit}", check=False):
            return "HEAD~1"
        return "HEAD"

    def catalog(self, revision: Revision, scratch: Path) -> Catalog:
        """The frameworks at `revision`, loaded from copies written below `scratch`."""
        if not revision.commit:
            return load_catalog(self.project)
        listing = self._git("ls-tree", "-r", "-z", "--name-only", revision.commit, "--",
                            self.folder) or ""
        root = scratch / revision.commit
        for name in filter(None, listing.split("\0")):
            if not name.lower().endswith(FRAMEWORK_SUFFIXES):
                continue
            data = self._git_bytes("show", f"{revision.commit}:{name}")
            target = root / self.project.config.frameworks / Path(name).relative_to(self.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (root / self.project.config.frameworks).mkdir(parents=True, exist_ok=True)
        config = replace(self.project.config, assessments=".no-assessments")
        return load_catalog(Project(root, config))

    def _git(self, *args: str, cwd: Optional[Path] = None, check: bool = True) -> Optional[str]:
        data = self._run(args, cwd, check)
        return None if data is None else data.decode("utf-8", "replace")

    def _git_bytes(self, *args: str) -> bytes:
        return self._run(args, None, True) or b""

    def _run(self, args, cwd: Optional[Path], check: bool) -> Optional[bytes]:
        try:
            result = subprocess.run(["git", *args], cwd=cwd or self.top, capture_output=True,
                                    timeout=120, check=False)
        except FileNotFoundError:
            raise RevisionError("git is not installed: 'docgen changes' reads revisions "
                                "with it") from None
        except subprocess.TimeoutExpired:
            raise RevisionError(f"git {args[0]} took more than 120 s") from None
        if result.returncode != 0:
            if check:
                message = result.stderr.decode("utf-8", "replace").strip().splitlines()
                raise RevisionError(f"git {args[0]} failed: {message[-1] if message else ''}")
            return None
        return result.stdout


def last_commit(path: Path) -> Optional[Revision]:
    """The last commit that changed the file at `path`, or None (not in git, never committed)."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%H%x00%cI", "--", path.name],
                                cwd=path.parent, capture_output=True, text=True, timeout=30,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit, _, date = result.stdout.strip().partition("\0")
    if result.returncode != 0 or not commit:
        return None
    return Revision(commit[:12], commit, date)


def scratch_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder for the copies of old revisions."""
    return tempfile.TemporaryDirectory(prefix="docgen-changes-")
