"""The lint rules that need the whole model."""

from __future__ import annotations

from pathlib import Path

from conftest import codes, load

from docgen.errors import Severity


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_declared_levels_missing_content(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: A\nyaml: false\nlevels: 3\n---\n## Level 1\n### X\n- y\n")
    catalog = load(tmp_path, root=tmp_path)
    (problem,) = catalog.problems
    assert problem.code == "levels-mismatch" and problem.location.line == 4
    assert "Levels 2, 3 have no content" in problem.message


def test_a_huge_declared_level_count_names_the_first_missing_and_counts_the_rest(tmp_path):
    # found by the property test: `levels: 1e20` listed every missing level, out of memory
    write(tmp_path, "a.md", "---\ntitle: A\nyaml: false\nlevels: 100000000000000000000\n---\n"
                            "## Level 1\n### X\n- y\n")
    (problem,) = load(tmp_path, root=tmp_path).problems
    assert problem.message.startswith("'levels: 100000000000000000000' is declared but Levels 2, 3")
    assert "101 (and 99999999999999999899 more) have no content" in problem.message


def test_duplicate_framework_paths_and_ids(tmp_path):
    text = '---\npath: "/same"\ntitle: A\nyaml: false\n---\n## Level 1\n### X\n- y\n'
    write(tmp_path / "one", "a.md", text)
    write(tmp_path / "two", "a.md", text)
    catalog = load(tmp_path / "one", tmp_path / "two", root=tmp_path)
    assert sorted(codes(catalog)) == ["duplicate-framework", "duplicate-path"]
    assert all(p.severity is Severity.ERROR for p in catalog.problems)


def test_empty_level_and_duplicate_level(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: A\nyaml: false\n---\n## Level 1\n### X\n- y\n"
          "## Level 2\n## Level 1\n### Z\n- w\n")
    catalog = load(tmp_path, root=tmp_path)
    assert sorted(codes(catalog)) == ["duplicate-level", "empty-level"]


def test_content_outside_a_category_is_kept_under_general(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: A\nyaml: false\n---\n## Level 1\n- loose item\n")
    catalog = load(tmp_path, root=tmp_path)
    assert codes(catalog) == ["content-outside-category"]
    category = catalog.frameworks[0].levels[0].categories[0]
    assert (category.title, category.criteria[0].text) == ("General", "loose item")
