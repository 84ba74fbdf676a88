"""Change bars: the handbook marks criteria changed since a revision; cards carry a marker."""

from __future__ import annotations

import pdfplumber
from conftest import squash

from docgen import api
from docgen.changes.marks import change_marks


def _bars_beside(pdf_path, text_starts: list[str]) -> dict[str, bool]:
    """For each criterion (by its first word), whether a bar stands in the margin on its line."""
    found = {}
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            column = min((w["x0"] for w in words if w["text"] == "•"), default=None)
            if column is None:
                continue
            bars = [r for r in page.rects if r["x1"] < column - 4 and r["x1"] - r["x0"] < 4]
            for start in text_starts:
                for word in words:
                    if word["text"] == start and word["x0"] > column:
                        found[start] = any(b["top"] <= word["top"] + 3
                                           and b["bottom"] >= word["bottom"] - 3 for b in bars)
    return found


def test_changed_criteria_have_a_bar_and_removed_ones_are_listed(run, history, tmp_path):
    out = tmp_path / "book.pdf"
    result = run(["handbook", "--changes-since", "v1", "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    bars = _bars_beside(out, ["Sketches", "Writes", "Runs", "Owns", "Asks", "Designs", "Leads",
                              "Mentors", "Keeps"])
    assert bars == {"Sketches": True, "Writes": True, "Runs": False, "Owns": True, "Asks": True,
                    "Designs": True, "Leads": False, "Mentors": True, "Keeps": False}
    with pdfplumber.open(out) as pdf:
        text = squash(" ".join(page.extract_text() or "" for page in pdf.pages))
    assert "Removed from Level 1 since v1" in text.replace("REMOVED FROM LEVEL 1 SINCE V1",
                                                           "Removed from Level 1 since v1")
    assert "Shares work early with the product team" in text
    assert "Changes since v1 (" in text and "of 1 March 2026 are marked" in text


def test_without_changes_since_there_are_no_bars_and_the_output_is_reproducible(run, history,
                                                                                tmp_path):
    plain = tmp_path / "plain.pdf"
    run(["handbook", "-o", str(plain), "-j", "1"])
    assert not any(_bars_beside(plain, ["Sketches", "Owns", "Mentors"]).values())
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    (history / "docgen.toml").write_text('changes_since = "v1"\n', encoding="utf-8")
    run(["handbook", "-o", str(first), "-j", "1"])
    run(["handbook", "-o", str(second), "-j", "2"])
    assert first.read_bytes() == second.read_bytes() != plain.read_bytes()


def _dots(pdf_path) -> int:
    """Small square marks (the marker drawn after a changed criterion) on the first page."""
    with pdfplumber.open(pdf_path) as pdf:
        return sum(1 for r in pdf.pages[0].rects
                   if 2 < r["x1"] - r["x0"] < 6 and abs((r["x1"] - r["x0"]) - r["height"]) < 0.2)


def test_cards_mark_the_changed_criteria(run, history, tmp_path):
    marks = change_marks(api.changes(api.open_project(history), "v1"))
    marked, plain = tmp_path / "marked.pdf", tmp_path / "plain.pdf"
    run(["cards", "--framework", "product/design", "-o", str(plain)])
    (history / "docgen.toml").write_text('changes_since = "v1"\n', encoding="utf-8")
    result = run(["cards", "--framework", "product/design", "-o", str(marked)])
    assert result.exit_code == 0, result.output
    assert len(marks.changed["product/design"]) == 6
    assert (_dots(marked), _dots(plain)) == (6, 0)


def test_a_build_remakes_the_marked_documents_when_the_revision_moves(history):
    from .conftest import git

    (history / "docgen.toml").write_text('changes_since = "since"\noutputs = ["handbook"]\n',
                                         encoding="utf-8")
    git(history, "tag", "since", "v3")
    first = api.build(api.open_project(history), jobs=1)
    assert first.written == ["handbook.html", "handbook.pdf"]
    assert api.build(api.open_project(history), jobs=1).made == ()
    git(history, "tag", "-f", "since", "v1")  # the same setting now names another commit
    again = api.build(api.open_project(history), jobs=1)
    assert again.written == ["handbook.html", "handbook.pdf"]
