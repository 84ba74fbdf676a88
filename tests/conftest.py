"""Shared helpers: where the fixtures are, loading them, running the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import api
from docgen.cli import cli

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = REPO / "framework" / "engineering" / "backend.md"


def load(*paths: Path, root: Path | None = None, **overrides) -> api.Catalog:
    """Load and validate the frameworks at `paths` as `docgen check` would."""
    project = api.open_project(root or FIXTURES, **overrides)
    return api.load_catalog(project, list(paths))


def codes(catalog: api.Catalog) -> list[str]:
    """The codes of every problem, in order."""
    return [p.code for p in catalog.problems]


@pytest.fixture
def run(monkeypatch):
    """Run the docgen CLI in-process: run(args, cwd=None) → click Result."""

    def invoke(args: list[str], cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, args, catch_exceptions=False)

    return invoke
