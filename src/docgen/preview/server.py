"""The HTTP side of `docgen serve`: the page, a stream of server-sent events, the chapter PDF.

Only three addresses are served; nothing is read from disk because of a
URL (the PDF is the one file `Site` names).
"""

from __future__ import annotations

import http.server
from urllib.parse import urlsplit

from docgen.preview.site import Site

KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream, so proxies keep it open


class PreviewServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server holding the `Site` it serves."""

    daemon_threads = True  # an open event stream does not keep docgen from stopping

    def __init__(self, address: tuple[str, int], site: Site):
        super().__init__(address, _Handler)
        self.site = site

    @property
    def url(self) -> str:
        """The address to open, with the port actually bound."""
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", self.server.site.page)
        elif path == "/_docgen/events":
            self._events()
        elif path == "/_docgen/pdf" and self.server.site.pdf and self.server.site.pdf.file:
            self._send(200, "application/pdf", self.server.site.pdf.file.read_bytes())
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        site = self.server.site
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, seen_pdf = None, None
        try:
            while True:
                version, pdf = site.wait(seen, seen_pdf, KEEP_ALIVE) if seen is not None \
                    else (site.version, site.pdf)
                if version != seen:
                    self.wfile.write(f"event: version\ndata: {version}\n\n".encode())
                if pdf is not None and pdf != seen_pdf:
                    self.wfile.write(f"event: pdf\ndata: {pdf.as_event(version)}\n\n".encode())
                if (version, pdf) == (seen, seen_pdf):
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                seen, seen_pdf = version, pdf
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed or reloaded

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        pass  # docgen says what it did itself; one line per request would drown it
