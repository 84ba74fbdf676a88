"""Shared helpers: where the fixtures are, loading them, running the CLI."""

from __future__ import annotations

import http.server
import shutil
import threading
from contextlib import contextmanager
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
def project_dir(tmp_path, monkeypatch):
    """A project (the current folder) with the seed, a second small framework and one assessment."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "project"
    (root / "framework" / "engineering").mkdir(parents=True)
    shutil.copy(SEED, root / "framework" / "engineering" / "backend.md")
    (root / "framework" / "design.md").write_text(
        "---\ntitle: Design\nyaml: false\n---\n## Level 1\n### Craft\n- Sketches ideas\n"
        "## Level 2\n### Craft\n- Leads critiques\n", encoding="utf-8")
    (root / "assessments").mkdir()
    shutil.copy(FIXTURES / "assessments" / "ada.yaml", root / "assessments" / "ada.yaml")
    (root / "docgen.toml").write_text('card = "A7"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def counting_server():
    """A real HTTP server on 127.0.0.1: yields (port, the paths it was asked for)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def loopback():
    """A loopback HTTP server that counts requests: (port, hits)."""
    with counting_server() as server:
        yield server


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
