"""Shared helpers: where the fixtures are, loading them, running the CLI."""

from __future__ import annotations

import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from docgen import api
from docgen.cli import cli

# The same examples on every run, so that `make test` (and CI) passes or fails for the code alone;
# `pytest --hypothesis-profile=explore` draws new ones each run, to find new failures.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("repeatable")

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
    from docgen.documents.packet.context import plain_text as rendered_words

    return rendered_words(markdown_inline)


def with_config(project: api.Project, **settings) -> api.Project:
    """`project` with these settings changed, as if docgen.toml said so."""
    from dataclasses import replace

    return api.Project(project.root, replace(project.config, **settings))


def rendered(project: api.Project, kind: str, catalog: api.Catalog, **options):
    """The one file document `kind` makes, rendered in memory (api.render)."""
    (file,) = api.render(project, kind, catalog, **options)
    return file


def handbook(project: api.Project, catalog: api.Catalog, frameworks=(), fmt: str = "pdf",
             **options):
    """The handbook in one format, rendered in memory."""
    return rendered(project, "handbook", catalog, frameworks=frameworks, formats=(fmt,),
                    **options)


def cards(project: api.Project, catalog: api.Catalog, framework_id: str, card: str | None = None,
          **options):
    """One framework's card sheets, rendered in memory."""
    if card:
        project = with_config(project, card=card)
    return rendered(project, "cards", catalog, frameworks=(framework_id,), **options)


def packet_files(project: api.Project, framework, assessment, formats=("docx", "pdf"),
                 **options) -> dict:
    """A packet (or, with no assessment, a case template) by format, rendered in memory."""
    from docgen.documents import packet

    settings = packet.settings(project, **options).dated(1700000000)
    level = None if assessment is not None else options.pop("level", None)
    context = packet.packet_context(framework, assessment, settings, level)
    files = packet.render_packet(context, settings, [f"p.{fmt}" for fmt in formats])
    return dict(zip(formats, files))
