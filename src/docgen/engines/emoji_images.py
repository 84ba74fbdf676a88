"""Colour emoji made into images once per process, not once for every emoji drawn.

WeasyPrint draws a glyph of a bitmap colour font (Noto Color Emoji) as an
image, and makes that image anew for every emoji on every page: it opens the
glyph's PNG and, as Noto's are palette images with a transparent colour,
converts it to RGBA and encodes a PNG again.  Framework titles and category
names start with emoji, which the running heads repeat on every page: that
was a tenth of the CPU time of the corpus handbook (941 images for 43
different emoji).  An image depends on nothing but the glyph's id and PNG
bytes, so one is made for each and drawn wherever that emoji stands, in this
document and the next: the PDF bytes are the same.
"""

from __future__ import annotations

import functools
from collections import OrderedDict

KEEP_IMAGES = 512  # different emoji images kept (each a few kilobytes)


@functools.cache  # set up once per process (and in the processes forked from it)
def share_emoji_images() -> None:
    """Have WeasyPrint's text drawing reuse the image of an emoji it has drawn before (from
    the first call on, in this process)."""
    from weasyprint.draw import text

    text.RasterImage = _SharedImages(text.RasterImage)


class _SharedImages:
    """Stands for WeasyPrint's `RasterImage` where text drawing makes emoji images."""

    def __init__(self, make):
        self.make = make
        self.images: "OrderedDict[tuple[str, bytes], object]" = OrderedDict()

    def __call__(self, pillow_image, image_id, image_data, *more, **options):
        if more or options or not isinstance(image_data, bytes):
            return self.make(pillow_image, image_id, image_data, *more, **options)
        key = (image_id, image_data)
        image = self.images.pop(key, None)
        if image is None:
            image = self.make(pillow_image, image_id, image_data)
        self.images[key] = image
        while len(self.images) > KEEP_IMAGES:
            self.images.popitem(last=False)
        return image
