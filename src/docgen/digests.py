"""Digests: what the caches of docgen key their entries by."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so different splits never collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folders: Iterable[Path]) -> str:
    """A digest of every file below `folders`, names included."""
    parts: list[bytes | str] = []
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)
