"""docgen changes: every kind of change between tagged revisions, in every format, and errors."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from conftest import pdf_pages_text, squash

from docgen import api
from docgen.changes.matching import SIMILAR, similarity, word_diff
from docgen.schemas import schema_file

from .conftest import git


def _changes(root, since, until=None):
    return api.changes(api.open_project(root), since, until)


def _kinds(change_set):
    (fw,) = change_set.frameworks
    return sorted((c.kind, c.new_text or c.old_text) for c in fw.criteria)


def test_rewordings_are_one_change_each_not_a_removal_and_an_addition(history):
    found = _kinds(_changes(history, "v1", "v2"))
    assert found == [
        ("added", "Designs within those limits"),  # the second half of a split sentence
        ("reworded", "Asks engineers about technical limits"),  # the first half
        ("reworded", "Sketches ideas quickly on paper before building them"),  # a word added
        ("reworded", "Writes clear and consistent user interface copy"),  # a typo fixed
    ]


def test_the_word_diff_strikes_deleted_words_and_marks_added_ones(history):
    (fw,) = _changes(history, "v1", "v2").frameworks
    typo = next(c for c in fw.criteria if "consistent" in c.new_text)
    assert typo.words == (("same", "Writes clear and"), ("deleted", "consistant"),
                          ("added", "consistent"), ("same", "user interface copy"))
    assert typo.old_place.level == typo.new_place.level == 1


def test_added_removed_moved_and_example_changes(history):
    (fw,) = _changes(history, "v2", "v3").frameworks
    by_kind = {c.kind: c for c in fw.criteria}
    assert set(by_kind) == {"added", "removed", "moved", "details"}
    assert by_kind["added"].new_text == "Mentors junior designers"
    assert by_kind["added"].new_place.level == 2
    assert by_kind["removed"].old_text == "Shares work early with the product team"
    moved = by_kind["moved"]
    assert (moved.old_place.level, moved.old_place.category) == (2, "Craft")
    assert (moved.new_place.level, moved.new_place.category) == (1, "Collaboration")
    assert by_kind["details"].what == ("examples",)


def test_a_renamed_framework_file_is_one_framework_renamed(history):
    (fw,) = _changes(history, "v3", "v4").frameworks
    assert (fw.status, fw.old_id, fw.id, fw.criteria) == ("renamed", "design", "product/design",
                                                          ())


def test_levels_and_frameworks_added_and_removed(history):
    design = history / "framework" / "product" / "design.md"
    design.write_text(design.read_text() + "\n## Level 3\n### Craft\n- Sets the design vision\n",
                      encoding="utf-8")
    (history / "framework" / "ops.md").unlink()
    (history / "framework" / "data.md").write_text(
        "---\ntitle: Data\nyaml: false\n---\n## Level 1\n### Analysis\n- Queries data\n",
        encoding="utf-8")
    found = {fw.id: fw for fw in _changes(history, "v4").frameworks}
    assert found["product/design"].levels_added == (3,)
    assert (found["ops"].status, found["data"].status) == ("removed", "added")
    assert [c.kind for c in found["ops"].criteria] == ["removed"]


def test_unchanged_revisions_have_no_changes_and_default_since_is_the_last_tag(history):
    change_set = _changes(history, None)
    assert change_set.since.name == "v4" and change_set.until.name == "working tree"
    assert change_set.frameworks == ()


def test_similarity_threshold_keeps_unrelated_criteria_apart():
    assert similarity("Writes clear and consistant copy", "Writes clear and consistent copy") >= SIMILAR
    assert similarity("Keeps the lights on", "Leads design critiques for the team") < SIMILAR
    assert word_diff("a b c", "a c d") == (("same", "a"), ("deleted", "b"), ("same", "c"),
                                           ("added", "d"))


def test_markdown_for_a_pull_request(run, history):
    result = run(["changes", "--since", "v1", "--until", "v3"])
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("## Framework changes since v1 (")
    assert "- **Reworded** (Craft): Writes clear and ~~consistant~~ **consistent** user" in text
    assert "- **Removed** (Collaboration): ~~Shares work early with the product team~~" in text
    assert "**Level 2**" in text


def test_markdown_shows_framework_text_as_text(history):
    design = history / "framework" / "design.md"
    git(history, "checkout", "-q", "v3")
    design.write_text(design.read_text().replace(
        "- Mentors junior designers", "- Mentors <b>junior</b> [designers](http://x) *now*"))
    text = api.changes_document(api.open_project(history), _changes(history, "v3"),
                                "markdown").decode()
    assert r"\<b\>junior\</b\> \[designers\](http://x) \*now\*" in text


def test_json_matches_its_published_schema(run, history):
    result = run(["changes", "--since", "v1", "--until", "v3", "--format", "json"])
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(schema_file("changes").read_text()))
    kinds = [c["kind"] for c in data["frameworks"][0]["criteria"]]
    assert sorted(kinds) == ["added", "added", "details", "moved", "removed", "reworded",
                             "reworded", "reworded"]
    assert re.fullmatch(r"[0-9a-f]{40}", data["since"]["commit"])


def test_pdf_for_people_lists_every_change_with_its_level(run, history, tmp_path):
    out = tmp_path / "changes.pdf"
    result = run(["changes", "--since", "v1", "--until", "v3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = squash(" ".join(pdf_pages_text(out.read_bytes())))
    assert "What changed since v1" in text
    for expected in ("REWORDED", "Writes clear and consistant", "consistent user interface copy",
                     "REMOVED", "Shares work early with the product team", "MOVED",
                     "from Level 2 · Craft to Collaboration", "Level 2", "Mentors junior designers"):
        assert expected in text, expected
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        struck = [m for word in ("consistant", "before designing", "Shares work early")
                  for m in page.search(word)]
        kept = page.search("Mentors junior designers")
        crossed = [any(line["x0"] <= m["x0"] + 1 and line["x1"] >= m["x1"] - 1
                       and m["top"] < line["top"] < m["bottom"] for line in page.lines)
                   for m in struck + kept]
    assert crossed == [True, True, True, False]  # deleted words are struck through


def test_html_is_escaped(history):
    git(history, "checkout", "-q", "v3")
    design = history / "framework" / "design.md"
    design.write_text(design.read_text().replace("- Mentors junior designers",
                                                 "- Mentors <script>x()</script> designers"))
    html = api.changes_document(api.open_project(history), _changes(history, "v3"),
                                "html").decode()
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html


@pytest.mark.parametrize("args, message", [
    (["--since", "v9"], "git has no revision 'v9'"),
    (["--since", "v1", "--until", "nope"], "git has no revision 'nope'"),
])
def test_a_revision_git_does_not_have_is_a_clear_error(run, history, args, message):
    result = run(["changes", *args])
    assert result.exit_code == 1 and message in result.stderr
    assert "Traceback" not in result.output


def test_a_shallow_clone_says_to_fetch_the_history(run, history, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history}", str(clone))
    result = run(["changes", "--since", "v1"], cwd=clone)
    assert result.exit_code == 1
    assert "shallow" in result.stderr and "fetch-depth: 0" in result.stderr


def test_a_project_outside_git_is_a_clear_error(run, project_dir):
    result = run(["changes"])
    assert result.exit_code == 1 and "not in a git repository" in result.stderr


def test_malformed_options_exit_2(run, history):
    assert run(["changes", "--format", "docx"]).exit_code == 2
    assert run(["changes", "--format", "pdf"]).exit_code == 2  # a PDF needs -o
    assert run(["changes", "-o", "x.json", "--format", "pdf"]).exit_code == 2
    assert run(["changes", "--since", "v1", "-o", "x.docx"]).exit_code == 2
    assert not (history / "x.docx").exists()


def test_a_misspelt_framework_gets_a_suggestion(run, history):
    result = run(["changes", "--since", "v1", "--framework", "desing"])
    assert result.exit_code == 1 and "did you mean 'design'?" in result.stderr
