"""Documents laid out in one process share WeasyPrint's font configuration, and leave no
temporary font folders behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import FIXTURES, REPO

from docgen.engines import font_configs, pdf
from docgen.engines.templating import SearchPath

FACE = '<style>@font-face { font-family: Inter; src: url("static/fonts/Inter-Regular.otf"); }</style>'


def test_documents_with_the_same_font_faces_share_a_configuration(tmp_path):
    search_path = SearchPath.with_user_folders()
    first = font_configs.font_config(FACE + "<p>one</p>", search_path)
    assert font_configs.font_config(FACE + "<p>two</p>", search_path) is first
    assert font_configs.font_config("<p>no faces</p>", search_path) is not first
    other = SearchPath.with_user_folders([tmp_path])  # a user folder may hold other fonts
    assert font_configs.font_config(FACE + "<p>one</p>", other) is not first


def test_shared_configuration_gives_the_same_bytes():
    search_path = SearchPath.with_user_folders()
    html = FACE + "<h1>Title 🛠️</h1><p>Some text, <b>bold</b> and <i>italic</i>.</p>"
    first = pdf.html_to_pdf(html, search_path, epoch=1_700_000_000).data
    font_configs._remove_all()  # a fresh configuration
    assert pdf.html_to_pdf(html, search_path, epoch=1_700_000_000).data == first


def test_no_temporary_font_folder_is_left_behind(tmp_path):
    root = tmp_path / "book"
    (root / "framework").mkdir(parents=True)
    shutil.copy(REPO / "framework" / "engineering" / "backend.md", root / "framework")
    for name in ("yaml/platform.md", "yaml/generic.md"):
        shutil.copy(FIXTURES / name, root / "framework")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    subprocess.run([sys.executable, "-m", "docgen", "-q", "--root", str(root), "build", "-j", "2"],
                   check=True, env={**os.environ, "TMPDIR": str(temporary)})
    assert (root / "out" / "handbook.pdf").is_file()
    assert [p.name for p in temporary.iterdir() if p.name.startswith("weasyprint-")] == []
