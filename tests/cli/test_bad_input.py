"""Each bad input gives exit 1 and one clear file:line:col error, and other files still get checked."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES

BAD = FIXTURES / "bad"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")

CASES = {
    "unclosed_front_matter.md": (1, 1, "never closed"),
    "bad_indentation.md": (10, 6, "not indented like the lines above"),
    "duplicate_key.md": (5, 1, 'duplicate key "levels"'),
    "empty.md": (1, 1, "the file is empty"),
    "not_utf8.md": (2, 12, "not UTF-8"),
    "topics_not_list.md": (5, 3, "'topics' must be a list"),
    "level_not_integer.md": (7, 16, "level must be a whole number, not 'two'"),
    "markdown_level_not_integer.md": (5, 1, "level 'one' is not a whole number"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_clear_error_line(run, name):
    result = run(["check", str(BAD / name)])
    assert result.exit_code == 1
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1, result.stdout
    match = LINE.match(lines[0])
    assert match, lines[0]
    line, col, words = CASES[name]
    assert match["file"].endswith(name)
    assert (int(match["line"]), int(match["col"])) == (line, col)
    assert words in match["message"]
    assert "Traceback" not in result.output


def test_missing_folder(run, tmp_path):
    result = run(["check", str(tmp_path / "no-such-folder")])
    assert result.exit_code == 1
    assert re.match(r"^\S*no-such-folder:1:1: error: no such framework file or folder", result.stdout)


def test_missing_assessment_says_what_to_give(run, tmp_path):
    result = run(["check", str(tmp_path / "assesments" / "ada.yaml")])
    assert result.exit_code == 1
    assert "no such assessment file or folder (give an assessment file" in result.stdout


def test_every_bad_file_is_reported_and_good_files_are_still_checked(run):
    good = FIXTURES / "markdown" / "bom_crlf.md"
    result = run(["check", str(BAD), str(good), "--format", "json"])
    assert result.exit_code == 1
    import json

    problems = json.loads(result.stdout)
    reported = {p["file"].rsplit("/", 1)[-1] for p in problems if p["severity"] == "error"}
    assert reported == set(CASES)
    assert not any(p["file"].endswith("bom_crlf.md") for p in problems)


def test_a_level_error_does_not_hide_the_rest_of_the_file(tmp_path, run):
    bad = tmp_path / "two.md"
    bad.write_text("---\ntitle: T\nyaml: true\ntopics:\n  - name: a\n    content:\n"
                   "      - level: x\n      - level: 2\n        criteria: ['ok']\n"
                   "  - 7\n---\n", encoding="utf-8")
    result = run(["check", str(bad)])
    assert result.exit_code == 1
    assert [ln.split(": error: ")[0].split(":", 1)[1] for ln in result.stdout.strip().split("\n")] \
        == ["7:16", "10:5"]
