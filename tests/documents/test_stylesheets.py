"""A document's `<style>` parsed once per process and shared: the same bytes, one parse for
documents of the same CSS, and each document still told what its styles asked for."""

from __future__ import annotations

import pytest

from docgen.engines import pdf, stylesheets
from docgen.engines.templating import SearchPath

EPOCH = 1_700_000_000
STYLE = """<style>
@font-face { font-family: Far; src: url(https://example.com/far.woff2); }
body { font: 10pt Inter, sans-serif; } h1 { font-weight: 700; color: #1d4f73; }
li:nth-child(odd) { margin-right: 2mm; } .box > p { border: 0.5pt solid #999; padding: 2pt; }
@page { size: A5; @bottom-right { content: "Page " counter(page); } }
</style>"""
DOCUMENT = """<!DOCTYPE html><html lang="en"><head><title>T</title>{style}</head><body>
<h1>Title {n}</h1><ol><li>one</li><li>two</li><li>three</li></ol>
<div class="box"><p style="color: #a00">Boxed, coloured by its own style attribute.</p></div>
</body></html>"""


def document(n: int, style: str = STYLE) -> str:
    return DOCUMENT.format(style=style, n=n)


@pytest.fixture
def parses(monkeypatch):
    """How many times WeasyPrint parses a stylesheet."""
    import weasyprint

    pdf.import_weasyprint()
    count = []
    original = weasyprint.CSS.__init__

    def counted(self, *args, **kwargs):
        count.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.CSS, "__init__", counted)
    monkeypatch.setattr(stylesheets, "_PARSED", type(stylesheets._PARSED)())
    return count


def test_shared_styles_give_the_same_bytes(monkeypatch):
    search_path = SearchPath.with_user_folders()
    shared = [pdf.html_to_pdf(document(n), search_path, epoch=EPOCH) for n in range(2)]
    monkeypatch.setattr(pdf, "shared_styles", lambda html, *args: (html, []))
    own = [pdf.html_to_pdf(document(n), search_path, epoch=EPOCH) for n in range(2)]
    assert [r.data for r in shared] == [r.data for r in own]
    assert shared[0].data != shared[1].data and shared[0].pages == 1


def test_documents_of_the_same_styles_parse_them_once(parses):
    search_path = SearchPath.with_user_folders()
    for n in range(3):
        pdf.html_to_pdf(document(n), search_path, epoch=EPOCH)
    assert len(parses) == 1
    pdf.html_to_pdf(document(0, STYLE.replace("#1d4f73", "#000")), search_path, epoch=EPOCH)
    assert len(parses) == 2


def test_every_document_sharing_a_sheet_is_told_what_it_refused(parses):
    search_path = SearchPath.with_user_folders()
    refused = [pdf.html_to_pdf(document(n), search_path).refused for n in range(2)]
    assert refused == [("https://example.com/far.woff2",)] * 2 and len(parses) == 1


@pytest.mark.parametrize("style", [
    '<style media="print">h1 { color: red }</style>',
    "<style>@import url(more.css); h1 { color: red }</style>",
    "<style>@counter-style thumbs { system: cyclic; symbols: x; }</style>",
])
def test_styles_that_could_do_more_stay_in_the_document(style):
    html = document(0, style)
    assert stylesheets.shared_styles(html, "file:///", None, None) == (html, [])


def test_a_document_missing_a_file_does_not_leave_its_sheet_behind(parses):
    missing = STYLE.replace("https://example.com/far.woff2", "static/fonts/Nowhere.woff2")
    search_path = SearchPath.with_user_folders()
    for _ in range(2):
        with pytest.raises(pdf.RenderError, match="Nowhere.woff2"):
            pdf.html_to_pdf(document(0, missing), search_path)
    assert len(parses) == 2 and not stylesheets._PARSED


def test_a_kept_sheet_does_not_keep_its_font_configuration_alive(parses):
    import gc

    from weasyprint.text.fonts import FontConfiguration

    from docgen.engines.fetcher import SafeFetcher

    fonts = FontConfiguration()
    search_path = SearchPath.with_user_folders()
    stylesheets.shared_styles(document(0), "file:///", SafeFetcher(search_path), fonts)
    (kept,) = stylesheets._PARSED.values()
    del fonts
    gc.collect()
    # ended (and its temporary font folder removed) now, not at the interpreter's end
    assert kept.fonts() is None
