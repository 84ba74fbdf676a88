"""The only way WeasyPrint may read anything while rendering.

WeasyPrint's default fetcher reads any `file://` path and any `http://`
address.  This one serves files from the template search path (so a user's
template folder can replace a default asset) and `data:` URIs that docgen's
own templates make, and refuses everything else: other files, the network,
every other scheme.  Refused addresses are remembered so docgen can say
what a template asked for, and names that no template folder has (a font
or image a template names but nobody installed) so docgen can stop.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from docgen.engines.templating import SearchPath


class RefusedURL(ValueError):
    """Raised (and caught by WeasyPrint) for an address docgen does not serve."""


class SafeFetcher(URLFetcher):
    """Serves the template search path and `data:` URIs; refuses everything else."""

    def __init__(self, search_path: SearchPath):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.search_path = search_path
        self.refused: list[str] = []
        self.served: list[str] = []
        self.missing: list[str] = []  # names inside the template folders that no folder has

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            relative = self._relative(url)
            found = self.search_path.find(relative) if relative else None
            if found is not None:
                self.served.append(relative)
                mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                return URLFetcherResponse(found.as_uri(), found.read_bytes(),
                                          {"Content-Type": mime})
            if relative:
                self.missing.append(relative)
                raise RefusedURL(f"{relative} is in none of the template folders")
        self.refused.append(url)
        raise RefusedURL(f"docgen does not load {url!r}: only files of the template folders")

    def _relative(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = url2pathname(unquote(parts.path))
        return self.search_path.relative_to_any(Path(path))
