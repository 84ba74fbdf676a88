"""The handbook laid out in units and joined equals the handbook laid out in one pass.

Page by page: the same words at the same places, the same outline (titles,
nesting, target pages), every link going to the same page.  Then what only
units have: the cache, parallel layout, reproducible bytes, and a very large
chapter cut into levels.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
from datetime import datetime, timezone

import pdfplumber
import pypdf
import pytest
from conftest import FIXTURES, REPO, squash

from docgen import api
from docgen.documents.handbook import book as assembly
from docgen.documents.handbook import units
from docgen.documents.handbook.context import build_handbook_context
from docgen.engines.pdf import html_to_pdf

EPOCH = 1_700_000_000


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Four frameworks in three parts: Markdown and YAML, criteria and prose."""
    root = tmp_path_factory.mktemp("book")
    (root / "framework").mkdir()
    shutil.copy(REPO / "framework" / "engineering" / "backend.md", root / "framework")
    for name in ("yaml/platform.md", "yaml/generic.md", "markdown/prose.md"):
        shutil.copy(FIXTURES / name, root / "framework")
    return api.open_project(root)


@pytest.fixture(scope="module")
def book(project):
    catalog = api.load_catalog(project).usable()
    assert len(catalog.frameworks) == 4
    return build_handbook_context(catalog.frameworks, title="Handbook", organisation="Acme",
                                  date=datetime.fromtimestamp(EPOCH, tz=timezone.utc),
                                  paper="A4", medium="print")


@pytest.fixture(scope="module")
def search_path(project):
    from docgen.documents import handbook

    return handbook.settings(project).search_path


@pytest.fixture(scope="module")
def single_pass(book, search_path):
    html = search_path.render(assembly.TEMPLATE, book=book)
    return html_to_pdf(html, search_path, None, EPOCH).data


@pytest.fixture(scope="module")
def joined(book, search_path, tmp_path_factory):
    cache = tmp_path_factory.mktemp("units")
    made = assembly.print_handbook(book, search_path, EPOCH, workers=2, cache=cache)
    return made, cache


def words(data: bytes) -> list[list[tuple[str, float, float]]]:
    """Each page's words with their place, in a fixed order."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [sorted((w["text"], w["top"], w["x0"]) for w in page.extract_words())
                for page in pdf.pages]


def same_place(want, got) -> bool:
    """The same words, each within a tenth of a millimetre (laid out apart, the floating-point
    sums of positions may differ in the last digits)."""
    left = list(got)
    for text, top, x0 in want:
        match = next((w for w in left if w[0] == text and abs(w[1] - top) < 0.3
                      and abs(w[2] - x0) < 0.3), None)
        if match is None:
            return False
        left.remove(match)
    return not left


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """The outline, flat: (depth, title, 0-based page)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def links(data: bytes) -> list[tuple[int, tuple[float, ...], int]]:
    """Every internal link: (its page, its box, the page it goes to)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    named = reader.named_destinations
    found = []
    for number, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or ():
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link" or "/Dest" not in annotation:
                continue
            target = reader.get_destination_page_number(named[str(annotation["/Dest"])])
            box = tuple(round(float(v), 1) for v in annotation["/Rect"])
            found.append((number, box, target))
    return sorted(found)


def test_the_joined_book_has_the_pages_and_words_of_the_single_pass(single_pass, joined):
    made, _ = joined
    expected, actual = words(single_pass), words(made.pdf.data)
    assert made.pdf.pages == len(actual) == len(expected) > 10
    for number, (want, got) in enumerate(zip(expected, actual), start=1):
        assert [w[0] for w in got] == [w[0] for w in want], f"page {number}: other words"
        assert same_place(want, got), f"page {number}: words elsewhere"


def test_the_joined_book_has_the_outline_of_the_single_pass(single_pass, joined):
    expected = outline(single_pass)
    assert outline(joined[0].pdf.data) == expected
    depths = {depth for depth, _, _ in expected}
    assert depths == {0, 1, 2}  # framework › level › category


def test_every_link_of_the_joined_book_goes_where_it_did(single_pass, joined):
    expected = links(single_pass)
    assert len(expected) > 20  # contents, overview tables, "new at this level"
    assert links(joined[0].pdf.data) == expected


def test_the_contents_are_numbered_with_the_chapters_pages(joined):
    data = joined[0].pdf.data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        lines = pdf.pages[1].extract_text().splitlines()
    chapters = [(title, page) for depth, title, page in outline(data) if depth == 0]
    assert len(chapters) == 4
    for title, page in chapters:  # "🛠️ Backend Engineering Framework 3"
        name = squash(title.split(" ", 1)[-1])
        (line,) = [line for line in lines if name in squash(line)]
        assert line.split()[-1] == str(page + 1), line


def test_metadata_and_language_are_the_books(joined):
    reader = pypdf.PdfReader(io.BytesIO(joined[0].pdf.data))
    assert reader.metadata.title.startswith("Handbook")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.creation_date.timestamp() == EPOCH


def test_a_second_run_takes_every_unit_from_the_cache_and_gives_the_same_bytes(
        book, search_path, joined):
    made, cache = joined
    again = assembly.print_handbook(book, search_path, EPOCH, workers=1, cache=cache)
    assert made.laid_out == made.units + 2  # every unit, then the front numbered and the footer
    assert again.laid_out == 0
    assert again.pdf.data == made.pdf.data


def test_one_changed_chapter_is_the_one_laid_out_again(project, book, search_path, joined):
    from dataclasses import replace

    made, cache = joined
    part = book.parts[0]
    chapter = part.chapters[0]
    edited = replace(chapter, title=chapter.title + " (edited)")
    changed = replace(book, parts=(replace(part, chapters=(edited, *part.chapters[1:])),
                                   *book.parts[1:]))
    again = assembly.print_handbook(changed, search_path, EPOCH, workers=1, cache=cache)
    # the chapter, and the contents that name it (placeholder pass and numbered pass)
    assert again.laid_out == 3
    assert "(edited)" in pypdf.PdfReader(io.BytesIO(again.pdf.data)).pages[1].extract_text()


def test_a_changed_date_lays_out_the_numbered_front_matter_alone(book, search_path, joined):
    from dataclasses import replace

    made, cache = joined
    later = replace(book, date="1 December 2026", date_iso="2026-12-01T00:00:00Z",
                    edition="2026-12-01")
    again = assembly.print_handbook(later, search_path, EPOCH + 86400, workers=1, cache=cache)
    assert again.laid_out == 1
    cover = pypdf.PdfReader(io.BytesIO(again.pdf.data)).pages[0].extract_text()
    assert "1 December 2026" in cover


def test_an_edit_that_keeps_the_pages_is_laid_out_in_one_round(book, search_path, tmp_path):
    from dataclasses import replace

    assembly.print_handbook(book, search_path, EPOCH, workers=2, cache=tmp_path)
    part = book.parts[-1]
    chapter = part.chapters[0]
    reworded = replace(chapter, subtitle=chapter.subtitle + " (reworded)")
    edited = replace(book, parts=(*book.parts[:-1],
                                  replace(part, chapters=(reworded, *part.chapters[1:]))),
                     date="1 December 2026")  # a commit: a new date on the cover
    again = assembly.print_handbook(edited, search_path, EPOCH, workers=2, cache=tmp_path)
    # the chapter and the contents numbered as last time, side by side: the guess was right
    assert (again.laid_out, again.rounds) == (2, 1)
    alone = assembly.print_handbook(edited, search_path, EPOCH, workers=1, cache=None)
    assert again.pdf.data == alone.pdf.data


def test_a_wrong_or_forged_guess_of_the_pages_changes_nothing(book, search_path, single_pass,
                                                               tmp_path):
    import json

    assembly.print_handbook(book, search_path, EPOCH, workers=1, cache=tmp_path)
    memory = tmp_path / "books.json"
    facts = json.loads(memory.read_text())
    (key,) = facts
    for forged in ({"pages": {name: "999" for name in facts[key]["pages"]}, "total": 40},
                   {"pages": {}, "total": 10 ** 12}, {"pages": "x", "total": "y"}):
        memory.write_text(json.dumps({key: forged}))
        made = assembly.print_handbook(book, search_path, EPOCH, workers=1, cache=tmp_path)
        assert outline(made.pdf.data) == outline(single_pass)
        assert links(made.pdf.data) == links(single_pass)
        assert made.pdf.pages == len(pypdf.PdfReader(io.BytesIO(single_pass)).pages)


def test_bytes_do_not_depend_on_the_processes(book, search_path, joined, tmp_path):
    alone = assembly.print_handbook(book, search_path, EPOCH, workers=1, cache=None)
    assert alone.pdf.data == joined[0].pdf.data


def test_a_large_chapter_is_cut_into_levels_and_parts_of_levels(book, search_path, monkeypatch):
    monkeypatch.setattr(units, "UNIT_CHARACTERS", 20_000)
    made = assembly.print_handbook(book, search_path, EPOCH, workers=2, cache=None)
    assert made.units > 1 + 4  # more units than the front matter and one per chapter
    data = made.pdf.data
    marks = outline(data)
    # the levels of a cut chapter still sit under it, the categories under their level
    backend = [m for m in marks if m[0] == 0 and "Backend" in m[1]][0]
    after = marks[marks.index(backend) + 1:]
    assert [depth for depth, _, _ in after[:2]] == [1, 2]
    levels = [m for m in after if m[0] == 1][:6]
    assert [title for _, title, _ in levels] == [f"Level {n}" for n in range(1, 7)]
    text = [squash(page) for page in (p.extract_text() for p in
                                      pypdf.PdfReader(io.BytesIO(data)).pages)]
    # every criterion is there, and every page past the contents has its running heads
    backend_text = " ".join(text)
    for criterion in ("Writes correct Go code", "Delegates to make better use of their time"):
        assert criterion in backend_text
    for number, page in enumerate(text[2:], start=3):
        assert f"Page {number} of {len(text)}" in page
    for _, title, page in levels[1:]:
        assert title in text[page + 1] or any(title in t for t in text[page:page + 2])
    assert links(data)  # links still resolve across units (named destinations kept)


def test_a_chapter_cut_by_level_still_equals_the_single_pass(search_path, monkeypatch):
    # the seed's levels hold 2–10 KB of text each: over 12 KB, the chapter is cut by level
    monkeypatch.setattr(units, "UNIT_CHARACTERS", 12_000)
    seed = api.load_clean_catalog(api.open_project(REPO))
    book = build_handbook_context(seed.frameworks, title="Handbook", organisation="",
                                  date=datetime.fromtimestamp(EPOCH, tz=timezone.utc),
                                  paper="A4", medium="print")
    single = html_to_pdf(search_path.render(assembly.TEMPLATE, book=book), search_path, None,
                         EPOCH).data
    made = assembly.print_handbook(book, search_path, EPOCH, workers=2, cache=None)
    assert made.units == 1 + 1 + 6  # front matter, the chapter's opening, six levels
    expected, actual = words(single), words(made.pdf.data)
    assert len(actual) == len(expected)
    for number, (want, got) in enumerate(zip(expected, actual), start=1):
        assert same_place(want, got), f"page {number}"
    assert outline(made.pdf.data) == outline(single)
    assert links(made.pdf.data) == links(single)


def test_a_running_footer_laid_out_in_parts_numbers_every_page_as_one(book, search_path,
                                                                      single_pass, monkeypatch):
    # a long book's footer is laid out a few hundred pages at a time; here, three at a time
    monkeypatch.setattr(assembly, "FOOTER_PAGES", 3)
    made = assembly.print_handbook(book, search_path, EPOCH, workers=2)
    expected, actual = words(single_pass), words(made.pdf.data)
    assert len(actual) == len(expected) > 3 * 3
    total = len(expected)
    for number, (want, got) in enumerate(zip(expected, actual), start=1):
        assert same_place(want, got), f"page {number}: other words or places"
        footer = " ".join(w[0] for w in sorted(got, key=lambda w: (w[1], w[2]))[-4:])
        assert (f"Page {number} of {total}" in footer) == (number > 1), footer


def test_a_book_of_one_chapter_unit_is_laid_out_in_one_pass(search_path, tmp_path):
    seed = api.load_clean_catalog(api.open_project(REPO))
    book = build_handbook_context(seed.frameworks, title="Handbook", organisation="",
                                  date=datetime.fromtimestamp(EPOCH, tz=timezone.utc),
                                  paper="A4", medium="print")
    single = html_to_pdf(search_path.render(assembly.TEMPLATE, book=book), search_path, None,
                         EPOCH).data
    made = assembly.print_handbook(book, search_path, EPOCH, workers=2, cache=tmp_path)
    assert (made.units, made.laid_out) == (1, 1)
    assert made.pdf.data == single
    assert not list(tmp_path.iterdir())  # nothing cached: no unit was made
    assert assembly.chapters(book, search_path) == []  # and none for shards to share out


def test_with_two_cores_a_book_of_one_unit_is_laid_out_in_a_worker_started_early():
    """The parent makes the HTML and checks its glyphs while the worker imports WeasyPrint
    and lays it out: WeasyPrint is never imported in the parent (with one core it is)."""
    probe = textwrap.dedent(f"""
        import sys
        from datetime import datetime, timezone
        from docgen import api
        from docgen.documents import handbook
        from docgen.documents.handbook import book as assembly
        from docgen.documents.handbook.context import build_handbook_context
        project = api.open_project({str(REPO)!r})
        seed = api.load_clean_catalog(project)
        book = build_handbook_context(seed.frameworks, title="Handbook", organisation="",
                                      date=datetime.fromtimestamp({EPOCH}, tz=timezone.utc),
                                      paper="A4", medium="print")
        made = assembly.print_handbook(book, handbook.settings(project).search_path, {EPOCH},
                                       workers=int(sys.argv[1]))
        print(made.pdf.pages, made.units, "weasyprint" in sys.modules)
        """)
    for workers, here in (("2", "False"), ("1", "True")):
        result = subprocess.run([sys.executable, "-c", probe, workers], capture_output=True,
                                text=True, check=True)
        pages, made_units, imported = result.stdout.split()
        assert int(pages) > 3 and made_units == "1" and imported == here, workers


EARLY_PROBE = """
import sys
from docgen import api, parallel
from docgen.cli import cli
from docgen.engines.libraries import import_weasyprint
reading = api.load_catalog

def load_catalog(*args, **kwargs):  # how many workers are ready as the frameworks are read
    print("ready", len(parallel._ready.get(import_weasyprint, [])))
    return reading(*args, **kwargs)

api.load_catalog = load_catalog
try:
    cli.main(["-q", "handbook", *sys.argv[1:]])
except SystemExit as end:
    print("exit", end.code, "weasyprint" in sys.modules)
"""


@pytest.mark.parametrize("frameworks, options, ready, imported_here", [
    (2, ["-j", "2"], 2, False),  # the chapters laid out by workers that imported WeasyPrint
    (1, ["-j", "2"], 1, False),  # one pass in one worker
    (2, ["-j", "2", "--format", "html"], 0, False),
    (2, ["-j", "1"], 0, True),
])
def test_the_handbook_starts_its_workers_before_it_reads_the_frameworks(
        project_dir, frameworks, options, ready, imported_here):
    if frameworks == 1:
        (project_dir / "framework" / "design.md").unlink()
    result = subprocess.run([sys.executable, "-c", EARLY_PROBE, *options], cwd=project_dir,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["ready", str(ready), "exit", "0", str(imported_here)], \
        result.stdout + result.stderr
    made = project_dir / "out" / ("handbook.html" if "html" in options else "handbook.pdf")
    assert made.stat().st_size > 10_000


def test_floated_columns_sit_in_a_formatting_context_of_their_own(book, search_path):
    """The two-column lists ("new at this level", the contents' levels) are floats: in a
    formatting context that holds floats WeasyPrint measures every later line against them
    (a seventh of the chapters' layout time), so each list contains its own."""
    from docgen.engines.pdf import lay_out

    laid = lay_out(search_path.render(assembly.TEMPLATE, book=book), search_path)
    floats: list[str] = []

    def walk(box, parent) -> None:
        if box.style["float"] != "none":
            floats.append(box.element_tag)
            assert parent.establishes_formatting_context(), parent.element.get("class")
        for child in getattr(box, "children", ()):
            walk(child, box)

    for page in laid.document.pages:
        walk(page._page_box, None)
    assert floats.count("li") > 10, floats
