"""docgen serve: the live handbook, read over HTTP and in a real browser (Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from docgen import api
from docgen.preview import serve

DESIGN = "framework/design.md"
BROKEN = "---\ntitle: Design\nyaml: false\nlevels: [\n---\n## Level 1\n"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _until(condition, timeout: float = 15.0, step: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


@pytest.fixture
def served(project_dir):
    """`docgen serve` of the project in a thread: yields its URL."""
    ready = threading.Event()
    stop = threading.Event()
    where = {}

    def on_ready(url: str) -> None:
        where["url"] = url
        ready.set()

    thread = threading.Thread(target=serve, args=(lambda: api.open_project(project_dir),
                                                  "127.0.0.1", 0, on_ready, lambda m: None, stop),
                              daemon=True)
    thread.start()
    assert ready.wait(60)
    yield where["url"]
    stop.set()
    thread.join(10)
    assert not thread.is_alive()


def test_the_page_is_the_handbook_on_loopback_with_the_live_script(served):
    assert served.startswith("http://127.0.0.1:")
    page = _get(served)
    assert "Leads critiques" in page and "/_docgen/events" in page
    with pytest.raises(urllib.error.HTTPError) as missing:
        _get(served + "../../framework/design.md")
    assert missing.value.code == 404


def test_a_save_makes_a_new_page_and_a_broken_file_is_shown_in_it(served, project_dir):
    design = project_dir / DESIGN
    design.write_text(design.read_text() + "- Runs design reviews\n", encoding="utf-8")
    _until(lambda: "Runs design reviews" in _get(served))
    design.write_text(BROKEN, encoding="utf-8")
    page = _until(lambda: (text := _get(served)) and "could not make" in text and text)
    assert re.search(r"framework/design\.md:\d+:\d+: error:", page)
    design.write_text("---\ntitle: Design\nyaml: false\n---\n## Level 1\n### Craft\n"
                      "- Sketches again\n", encoding="utf-8")
    assert "Sketches again" in _until(lambda: (text := _get(served)) and "Sketches" in text
                                      and text)


def test_the_edited_chapter_pdf_is_made_and_served(served, project_dir):
    design = project_dir / DESIGN
    design.write_text(design.read_text() + "- Runs design reviews\n", encoding="utf-8")
    from conftest import pdf_pages_text

    def pdf():
        try:
            with urllib.request.urlopen(served + "_docgen/pdf", timeout=10) as response:
                return response.read()
        except urllib.error.HTTPError:
            return None

    data = _until(pdf, timeout=60)
    assert data.startswith(b"%PDF")
    text = " ".join(pdf_pages_text(data))
    assert "Runs design reviews" in text and "Backend" not in text


def _browser(tmp_path: Path):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("needs Debian's chromium and chromium-driver (make test installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(driver))


def test_in_a_browser_a_save_shows_without_a_manual_reload(project_dir, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", "0"],
                              cwd=project_dir, stderr=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONUNBUFFERED="1"))
    browser = None
    try:
        line = server.stderr.readline()
        url = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
        assert url, line
        browser = _browser(tmp_path)
        browser.get(url.group(1))
        body = lambda: browser.find_element(By.TAG_NAME, "body").text  # noqa: E731
        assert "Leads critiques" in body()
        design = project_dir / DESIGN
        saved = time.monotonic()
        design.write_text(design.read_text() + "- Runs design reviews\n", encoding="utf-8")
        WebDriverWait(browser, 15, 0.05).until(lambda _: "Runs design reviews" in body())
        shown_after = time.monotonic() - saved
        print(f"save to new text in the browser: {shown_after:.2f} s")
        link = WebDriverWait(browser, 60, 0.1).until(
            lambda b: b.find_elements(By.ID, "docgen-chapter-pdf"))
        assert "PDF of Design" in link[0].text
        design.write_text(BROKEN, encoding="utf-8")
        WebDriverWait(browser, 15, 0.05).until(lambda _: "could not make" in body())
        assert re.search(r"framework/design\.md:\d+:\d+: error:", body())
        assert server.poll() is None  # the server lives on
    finally:
        if browser is not None:
            browser.quit()
        server.terminate()
        server.wait(10)


def test_a_busy_port_is_a_clear_error(run, project_dir):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
