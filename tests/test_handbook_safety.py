"""Untrusted framework text stays text: no file read, no request, no HTML, no Jinja."""

from __future__ import annotations

import http.server
import threading

import pypdf
import pytest
from conftest import pdf_pages_text, squash

from docgen import api
from docgen.render.fetcher import RefusedURL, SafeFetcher
from docgen.templating import SearchPath

SECRET = "TOP-SECRET-7f3a9c"


@pytest.fixture
def loopback():
    """A real HTTP server on 127.0.0.1 that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"x")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile(tmp_path, loopback):
    port, hits = loopback
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    frameworks = tmp_path / "framework"
    frameworks.mkdir()
    (frameworks / "evil.md").write_text(f"""---
title: "Evil <script>alert(1)</script> {{{{ 7*7 }}}}"
yaml: false
---
Intro ![x](file://{secret}) and <img src="http://127.0.0.1:{port}/intro.png">

## Level 1
### Attacks
- Image ![x](file://{secret})
- Remote <img src="http://127.0.0.1:{port}/img.png">
- Attach <link rel="attachment" href="{secret}">
- Script <script>document.write('pwned')</script>
- Jinja {{{{ 7*7 }}}} and {{% include '{secret}' %}}
- Link [click](file://{secret}) and [web](http://127.0.0.1:{port}/link)
- Style <style>@import url("http://127.0.0.1:{port}/css");</style>
""", encoding="utf-8")
    project = api.open_project(tmp_path)
    return project, api.load_clean_catalog(project), hits


def test_pdf_reads_no_file_and_makes_no_request(hostile):
    project, catalog, hits = hostile
    document = api.handbook(project, catalog)
    text = squash(" ".join(pdf_pages_text(document.data)))
    assert SECRET not in text and SECRET.encode() not in document.data
    assert "{{ 7*7 }}" in text  # printed, not evaluated
    assert "<script>alert(1)</script>" in text
    reader = pypdf.PdfReader(__import__("io").BytesIO(document.data))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:  # only web links survive as links, never file: ones
        for annotation in page.get("/Annots", []) or []:
            uri = annotation.get_object().get("/A", {}).get("/URI")
            assert uri is None or str(uri).startswith(("http://", "https://", "mailto:"))
    assert hits == []


def test_html_holds_the_text_escaped_and_loads_nothing(hostile):
    project, catalog, hits = hostile
    html = api.handbook(project, catalog, fmt="html").data.decode("utf-8")
    assert SECRET not in html
    assert "<script" not in html and "<img" not in html and "<link" not in html
    assert "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in html and "{% include" in html
    assert 'href="file:' not in html and ' src="' not in html and "@import" not in html.split("</style>")[0]
    assert hits == []


def test_the_fetcher_serves_only_the_template_folders(tmp_path):
    search = SearchPath.with_user_folders()
    fetcher = SafeFetcher(search)
    font = (search.default / "static/fonts/Inter-Regular.otf").as_uri()
    assert fetcher.fetch(font).read()[:4] == b"OTTO"
    for url in ["file:///etc/passwd", "http://127.0.0.1:9/", "https://example.com/x.css",
                (search.default / "../pyproject.toml").as_uri(), "ftp://x/y", "file://host/etc/passwd"]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


def test_a_user_folder_replaces_a_default_asset(tmp_path):
    (tmp_path / "static" / "fonts").mkdir(parents=True)
    (tmp_path / "static" / "fonts" / "Inter-Regular.otf").write_bytes(b"mine")
    search = SearchPath.with_user_folders([tmp_path])
    fetcher = SafeFetcher(search)
    assert fetcher.fetch((search.default / "static/fonts/Inter-Regular.otf").as_uri()).read() == b"mine"
