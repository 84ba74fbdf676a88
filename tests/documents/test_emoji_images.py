"""A colour emoji is made into an image once per process, however often it is drawn, and the
PDF is the same as when WeasyPrint makes the image each time."""

from __future__ import annotations

import pytest

from docgen.engines import emoji_images, pdf
from docgen.engines.glyphs import missing_glyphs
from docgen.engines.templating import SearchPath

HTML = "<p>🛠️ tools</p>" * 6 + "<p>🚀 launch 🛠️</p>"


@pytest.fixture
def made(monkeypatch):
    """Every emoji image WeasyPrint makes, by glyph id."""
    if missing_glyphs("🛠🚀", []):
        pytest.skip("no colour emoji font installed (make test installs one)")
    weasyprint = pdf.import_weasyprint()
    text = drawing()
    made: list[str] = []
    original = weasyprint.images.RasterImage.__init__  # what the shared images make with

    def counted(self, pillow_image, image_id, *args, **kwargs):
        made.append(image_id)
        original(self, pillow_image, image_id, *args, **kwargs)

    monkeypatch.setattr(weasyprint.images.RasterImage, "__init__", counted)
    monkeypatch.setattr(text.RasterImage, "images", type(text.RasterImage.images)())
    return made


def drawing():
    """WeasyPrint's text drawing, where emoji images are made."""
    from weasyprint.draw import text

    return text


def test_each_emoji_is_made_once_for_every_document(made):
    search_path = SearchPath.with_user_folders()
    first = pdf.html_to_pdf(HTML, search_path, epoch=1_700_000_000).data
    second = pdf.html_to_pdf(HTML + "<p>more</p>", search_path, epoch=1_700_000_000)
    assert len(made) == len(set(made)) == 2, made
    assert second.data != first and second.pages == 1


def test_shared_images_give_the_same_bytes(made, monkeypatch):
    text = drawing()
    search_path = SearchPath.with_user_folders()
    shared = pdf.html_to_pdf(HTML, search_path, epoch=1_700_000_000).data
    monkeypatch.setattr(text, "RasterImage", text.RasterImage.make)  # as WeasyPrint does it
    made.clear()
    assert pdf.html_to_pdf(HTML, search_path, epoch=1_700_000_000).data == shared
    assert len(made) == 8  # one image for each emoji drawn, without sharing


def test_sharing_is_set_up_once():
    pdf.import_weasyprint()
    shared = drawing().RasterImage
    emoji_images.share_emoji_images()
    pdf.import_weasyprint()
    assert drawing().RasterImage is shared and isinstance(shared, emoji_images._SharedImages)
    assert not isinstance(shared.make, emoji_images._SharedImages)
