"""Renderers: a context in, bytes out.  No renderer reads `framework/` or writes a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Rendered:
    """A rendered document: its bytes, its media type, and what the user should know about it."""

    data: bytes
    media_type: str
    pages: Optional[int] = None
    warnings: tuple[str, ...] = ()
