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


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each page of a PDF, read back with pdfplumber."""
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def squash(text: str) -> str:
    """Whitespace folded to single spaces, for comparing text across line breaks."""
    return " ".join(text.split())


def plain_text(markdown_inline: str) -> str:
    """What a line of Markdown reads as once rendered (links become their text)."""
    from docgen.packetcontext import plain_text as rendered_words

    return rendered_words(markdown_inline)
