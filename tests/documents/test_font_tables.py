"""fontTools asked once per table tag for its module while WeasyPrint embeds the emoji font,
and the PDF the same as without."""

from __future__ import annotations

import collections

import pytest

from docgen.engines import pdf
from docgen.engines.glyphs import missing_glyphs
from docgen.engines.templating import SearchPath

HTML = "<p>🛠️ tools, 🚀 launch</p>"
EPOCH = 1_700_000_000


@pytest.fixture
def lookups(monkeypatch):
    """Each table tag fontTools works out a module for, as often as it does."""
    if missing_glyphs("🛠🚀", []):
        pytest.skip("no colour emoji font installed (make test installs one)")
    pdf.import_weasyprint()
    from fontTools.ttLib import ttFont

    remembering = ttFont.getTableModule
    asked: collections.Counter = collections.Counter()
    find = remembering.find

    def counted(tag):
        asked[tag] += 1
        return find(tag)

    monkeypatch.setattr(remembering, "find", counted)
    monkeypatch.setattr(remembering, "found", {})
    return asked


def test_each_tag_is_looked_up_once_however_many_glyphs(lookups):
    search_path = SearchPath.with_user_folders()
    pdf.html_to_pdf(HTML, search_path, epoch=EPOCH)
    pdf.html_to_pdf(HTML * 3, search_path, epoch=EPOCH)
    assert lookups["glyf"] == 1 and max(lookups.values()) == 1, lookups


def test_remembered_modules_give_the_same_bytes(lookups, monkeypatch):
    from fontTools.ttLib import ttFont

    search_path = SearchPath.with_user_folders()
    remembered = pdf.html_to_pdf(HTML, search_path, epoch=EPOCH).data
    monkeypatch.setattr(ttFont, "getTableModule", ttFont.getTableModule.find)
    lookups.clear()
    assert pdf.html_to_pdf(HTML, search_path, epoch=EPOCH).data == remembered
    assert lookups["glyf"] > 100  # once a glyph, as fontTools does it
