"""What `docgen serve` shows: the HTML handbook made again on each change, or the problems
that stopped it, and the PDF of the chapter last edited, made in the background.

`Site` is shared by the watcher (which calls `update`) and the server's
threads (which read `page` and wait on `changes`); a lock guards its state.
"""

from __future__ import annotations

import html
import json
import threading
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from docgen import api
from docgen.errors import DocgenError, ProblemsError, Severity
from docgen.sources import discover, display_path

PREVIEW_FOLDER = ".docgen/preview"  # below out/: the chapter PDFs the page links to
LIVE_SCRIPT = (Path(__file__).resolve().parent / "live.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class ChapterPdf:
    """The PDF of one chapter: being made, ready (`file` set) or failed (`problem` set)."""

    framework_id: str
    title: str
    file: Optional[Path] = None
    problem: str = ""

    def as_event(self, version: int) -> str:
        """The JSON the page's script reads."""
        state = "ready" if self.file else "failed" if self.problem else "making"
        return json.dumps({"id": self.framework_id, "title": self.title, "state": state,
                           "url": f"/_docgen/pdf?v={version}" if self.file else "",
                           "problem": self.problem})


class Site:
    """The served page, its version (one more per rebuild), and the chapter PDF."""

    def __init__(self, open_project: Callable[[], api.Project],
                 log: Callable[[str], None] = lambda message: None):
        self._open_project = open_project
        self._log = log
        self._lock = threading.Condition()
        self._pdf_maker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-pdf")
        self._pending: Optional[Future] = None
        self.version = 0
        self.page = b""
        self.pdf: Optional[ChapterPdf] = None
        self.project: Optional[api.Project] = None

    def update(self, changed: Iterable[Path] = ()) -> None:
        """Make the page again (after `changed` files were saved) and tell the waiting pages."""
        changed = list(changed)
        try:
            self.project = project = self._open_project()
            catalog = api.load_catalog(project)
            if catalog.errors:
                raise ProblemsError(catalog.errors)
            files = api.render(project, "handbook", catalog, formats=("html",))
            page, edited = files[0].data, self._edited_framework(project, catalog, changed)
        except ProblemsError as exc:
            page, edited = _problems_page([str(p) for p in exc.problems
                                           if p.severity is Severity.ERROR]), None
        except DocgenError as exc:
            page, edited = _problems_page([str(exc)]), None
        except Exception:  # a bug of docgen's: shown in the page, the server keeps serving
            page, edited = _problems_page(["docgen failed (a bug; please report it):",
                                           traceback.format_exc()]), None
        with self._lock:
            self.version += 1
            self.page = _live(page, self.version)
            self._lock.notify_all()
        self._log(f"page {self.version} ready" + (f" ({', '.join(display_path(p) for p in changed)}"
                                                  " changed)" if changed else ""))
        if edited is not None:
            self._make_pdf(*edited)

    def wait(self, seen: int, seen_pdf: Optional[ChapterPdf],
             timeout: float) -> tuple[int, Optional[ChapterPdf]]:
        """Block until the version or the chapter PDF differs from what a page has seen."""
        with self._lock:
            self._lock.wait_for(lambda: self.version != seen or self.pdf != seen_pdf, timeout)
            return self.version, self.pdf

    def close(self) -> None:
        """Stop making PDFs and wake every waiting page."""
        self._pdf_maker.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            self._lock.notify_all()

    def _edited_framework(self, project, catalog, changed) -> Optional[tuple[str, str]]:
        """(id, title) of the first saved file that is a framework of `catalog`."""
        titles = {fw.id: fw.title for fw in catalog.frameworks}
        folder = project.framework_dir.resolve()
        files = [p for p in changed if Path(p).is_file() and folder in Path(p).resolve().parents]
        for source in discover(files, [], project.framework_dir):  # ids as the loader gives them
            if source.framework_id in titles:
                return source.framework_id, titles[source.framework_id]
        return None

    def _make_pdf(self, framework_id: str, title: str) -> None:
        if self._pending is not None:
            self._pending.cancel()  # a newer save supersedes a PDF not yet started
        self._set_pdf(ChapterPdf(framework_id, title))
        self._pending = self._pdf_maker.submit(self._pdf_job, self.project, framework_id, title)

    def _pdf_job(self, project: api.Project, framework_id: str, title: str) -> None:
        target = project.out_dir / PREVIEW_FOLDER / "chapter.pdf"
        try:
            catalog = api.load_clean_catalog(project, frameworks=(framework_id,))
            api.make(project, "handbook", catalog, frameworks=(framework_id,), output=target,
                     jobs=1, formats=("pdf",))
            self._set_pdf(ChapterPdf(framework_id, title, file=target))
            self._log(f"PDF of {framework_id} ready")
        except DocgenError as exc:
            self._set_pdf(ChapterPdf(framework_id, title, problem=str(exc)))

    def _set_pdf(self, pdf: ChapterPdf) -> None:
        with self._lock:
            self.pdf = pdf
            self._lock.notify_all()


def _live(page: bytes, version: int) -> bytes:
    """The page with the script that reloads it when a newer version is made."""
    script = LIVE_SCRIPT.replace("__VERSION__", str(version)).encode("utf-8")
    end = page.rfind(b"</body>")
    return page[:end] + script + page[end:] if end >= 0 else page + script


def _problems_page(problems: list[str]) -> bytes:
    items = "\n".join(f"<li><pre>{html.escape(problem)}</pre></li>" for problem in problems)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>docgen: problems</title><style>{_PROBLEM_STYLE}</style></head><body>"
            f"<h1>docgen could not make the handbook</h1><p>Fix the file and save it: this "
            f"page reloads by itself.</p><ul class=\"problems\">{items}</ul></body></html>"
            ).encode("utf-8")


_PROBLEM_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:60rem;"
                  "padding:0 1rem;color:#222}h1{color:#a40000;font-size:1.5rem}"
                  "pre{white-space:pre-wrap;margin:0;font-size:.95rem}"
                  ".problems li{background:#fff4f4;border-left:4px solid #a40000;"
                  "padding:.5rem .75rem;margin:.5rem 0;list-style:none}")
