"""What `docgen --version` says: docgen's version and the engines it found."""

from __future__ import annotations

import platform
from importlib import metadata

from docgen import DISTRIBUTION, __version__
from docgen.engines.libraries import import_weasyprint

MISSING = "not found"


def version_report() -> str:
    """docgen's version, then one line per engine: its version, or 'not found'."""
    lines = [f"docgen {__version__} ({DISTRIBUTION})",
             f"Python {platform.python_version()}"]
    lines += [f"{name} {version}" for name, version in engines()]
    return "\n".join(lines)


def engines() -> list[tuple[str, str]]:
    """(name, version) of each library docgen renders with; MISSING when it cannot be used."""
    return [("WeasyPrint", _distribution("weasyprint")), ("Pango", _pango()),
            ("python-docx", _distribution("python-docx")), ("docxtpl", _distribution("docxtpl"))]


def _distribution(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return MISSING


def _pango() -> str:
    try:  # loading WeasyPrint's bindings opens the system's Pango library
        import_weasyprint()
        from weasyprint.text.ffi import pango
        number = pango.pango_version()
    except (ImportError, OSError, AttributeError):
        return MISSING
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"
