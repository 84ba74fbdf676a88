"""A document without notes is read with WeasyPrint's user-agent stylesheet minus its note
rules: no note styles computed for its elements, and the same PDF bytes; a document with
footnotes keeps the whole stylesheet, calls and markers included."""

from __future__ import annotations

import collections

import pytest

from docgen.engines import pdf, user_agent
from docgen.engines.templating import SearchPath
from tests.conftest import pdf_pages_text

RICH = """<!DOCTYPE html><html lang="en"><head><title>T</title><style>
li.star::marker { color: #1d4f73; } td { border: 0.5pt solid #999; padding: 2pt; }
</style></head><body>
<h1 id="top">Title</h1><h2>Part</h2><h3>Section</h3>
<p>Some <b>bold</b>, <i>italic</i>, <small>small</small> and <a href="#top">a link</a>.</p>
<ol><li>one</li><li>two<ul><li class="star">nested</li><li>disc</li></ul></li></ol>
<blockquote>A quote.</blockquote><pre>  code  kept</pre>
<table><thead><tr><th>Head</th><th>Other</th></tr></thead>
<tbody><tr><td>cell</td><td>cell</td></tr></tbody></table>
<hr><dl><dt>Term</dt><dd>Definition</dd></dl>
</body></html>"""

FOOTNOTED = """<!DOCTYPE html><html lang="en"><head><style>
.note { float: footnote; }</style></head>
<body><p>Measured<span class="note">On two cores.</span> twice.</p></body></html>"""


@pytest.fixture
def pseudo_styles(monkeypatch):
    """How many styles WeasyPrint computes for each kind of pseudo-element."""
    import weasyprint.css

    counts: collections.Counter = collections.Counter()
    original = weasyprint.css.StyleFor.set_computed_styles

    def counted(self, element, *args, pseudo_type=None, **kwargs):
        counts[pseudo_type] += 1
        return original(self, element, *args, pseudo_type=pseudo_type, **kwargs)

    pdf.import_weasyprint()
    monkeypatch.setattr(weasyprint.css.StyleFor, "set_computed_styles", counted)
    return counts


def test_a_document_without_notes_computes_no_note_styles(pseudo_styles):
    pdf.lay_out(RICH, SearchPath.with_user_folders())
    assert pseudo_styles[None] > 15 and pseudo_styles["marker"] > 0
    assert not any(pseudo_styles[kind] for kind in
                   ("footnote-call", "footnote-marker", "note-call", "note-marker"))


def test_the_lean_stylesheet_gives_the_same_bytes(monkeypatch):
    import weasyprint

    search_path = SearchPath.with_user_folders()
    lean = pdf.html_to_pdf(RICH, search_path, epoch=1_700_000_000)
    assert user_agent.document_class(RICH) is not weasyprint.HTML
    monkeypatch.setattr(pdf, "document_class", lambda html: weasyprint.HTML)
    whole = pdf.html_to_pdf(RICH, search_path, epoch=1_700_000_000)
    assert lean.data == whole.data and lean.pages == 1


def test_footnotes_keep_their_calls_and_markers(pseudo_styles):
    import weasyprint

    assert user_agent.document_class(FOOTNOTED) is weasyprint.HTML
    text = pdf_pages_text(pdf.html_to_pdf(FOOTNOTED, SearchPath.with_user_folders()).data)[0]
    # the call (a superscript, read out of line) and the marker of the footnote
    assert "1. On two cores." in text and text.count("1") == 2, text
    assert pseudo_styles["footnote-call"] > 0


@pytest.mark.parametrize("word", ["footnote", "note(", "<link", "@import"])
def test_any_word_that_could_use_notes_keeps_the_whole_stylesheet(word):
    import weasyprint

    pdf.import_weasyprint()
    assert user_agent.document_class(RICH.replace("Title", f"Title {word}")) is weasyprint.HTML
    assert user_agent.document_class(RICH) is not weasyprint.HTML
