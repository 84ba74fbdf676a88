"""Criterion ids: readable, deterministic, stable under edits, settable by the author."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import load

from docgen.errors import Severity
from docgen.ids import automatic_id

HEADER = "---\ntitle: T\nyaml: false\n---\n## Level 2\n### Mastery\n"


def ids_of(tmp_path: Path, items: list[str]) -> tuple[dict[str, str], object]:
    file = tmp_path / "fw.md"
    file.write_text(HEADER + "".join(f"- {item}\n" for item in items), encoding="utf-8")
    catalog = load(file, root=tmp_path)
    return {c.text: c.id for _, _, c in catalog.frameworks[0].criteria()}, catalog


def test_id_is_level_category_and_meaningful_words():
    assert automatic_id(3, "mastery", "Writes idiomatic Go code") == "l3.mastery.writes-idiomatic-go-code"
    assert automatic_id(1, "impact", "Delivers assigned tasks, working with a more senior team "
                        "member") == "l1.impact.delivers-assigned-tasks-working-more-senior"
    assert automatic_id(2, "craft", "Uses [Effective Go](https://x.y/z) ✨") == "l2.craft.uses-effective-go"
    assert automatic_id(2, "craft", "🚀") == automatic_id(2, "craft", " 🚀 ")
    rocket, sparkles = automatic_id(2, "craft", "🚀"), automatic_id(2, "craft", "✨")
    assert re.fullmatch(r"l2\.craft\.c[0-9a-f]{8}", rocket) and rocket != sparkles


def test_ids_do_not_change_when_others_are_inserted_removed_or_reordered(tmp_path):
    before, _ = ids_of(tmp_path, ["Fixes simple bugs", "Writes tests", "Deploys services"])
    inserted, _ = ids_of(tmp_path, ["Reads logs", "Fixes simple bugs", "Writes tests",
                                    "Ships small changes", "Deploys services"])
    removed, _ = ids_of(tmp_path, ["Deploys services", "Fixes simple bugs"])
    for text, old_id in before.items():
        assert inserted[text] == old_id
        if text in removed:
            assert removed[text] == old_id


def test_explicit_id_is_used_exactly_and_stays_when_the_text_changes(tmp_path):
    first, _ = ids_of(tmp_path, ["Fixes simple bugs {#bugs-basic}"])
    second, _ = ids_of(tmp_path, ["Fixes small, simple bugs {#bugs-basic}"])
    assert first == {"Fixes simple bugs": "bugs-basic"}
    assert second == {"Fixes small, simple bugs": "bugs-basic"}


def test_duplicate_explicit_id_is_an_error(tmp_path):
    _, catalog = ids_of(tmp_path, ["One {#same}", "Two {#same}"])
    (error,) = catalog.errors
    assert error.code == "duplicate-criterion-id" and error.location.line == 8


def test_colliding_automatic_ids_get_a_suffix_and_a_warning(tmp_path):
    found, catalog = ids_of(tmp_path, ["Writes tests for every change they make quickly",
                                       "Writes tests for every change they make quickly in prod"])
    assert sorted(found.values()) == ["l2.mastery.writes-tests-every-change-make-quickly",
                                      "l2.mastery.writes-tests-every-change-make-quickly-2"]
    (warning,) = catalog.problems
    assert warning.severity is Severity.WARNING and "{#" in warning.hint


def test_repeated_criterion_is_named_as_such(tmp_path):
    _, catalog = ids_of(tmp_path, ["Writes tests", "Writes tests"])
    (warning,) = catalog.problems
    assert warning.code == "repeated-criterion" and "fw.md:7:1" in warning.message


@pytest.mark.parametrize("texts, expected", [
    (["Пишет понятный код", "Проводит ревью кода"],
     ["l2.mastery.pishet-poniatnyi-kod", "l2.mastery.provodit-reviu-koda"]),
    (["Γράφει καθαρό κώδικα"], ["l2.mastery.graphei-katharo-kodika"]),
    (["يكتب شيفرة واضحة"], ["l2.mastery.yktb-shyfr-wdh"]),
    (["编写清晰的代码", "审查代码"], ["l2.mastery.bian-xie-qing-xi-de-dai", "l2.mastery.shen-cha-dai-ma"]),
])
def test_ids_in_other_alphabets_are_transliterated(tmp_path, texts, expected):
    ids, catalog = ids_of(tmp_path, texts)
    assert [ids[t] for t in texts] == expected
    assert not [p for p in catalog.problems if p.code == "duplicate-criterion-id"]


def test_ids_in_another_alphabet_survive_an_insertion(tmp_path):
    before, _ = ids_of(tmp_path, ["Пишет код", "Учит других"])
    after, _ = ids_of(tmp_path, ["Ведёт проект", "Пишет код", "Учит других"])
    assert {t: after[t] for t in before} == before


def test_emoji_only_criteria_get_a_content_key_not_a_position(tmp_path):
    before, _ = ids_of(tmp_path, ["🚀", "✨"])
    after, _ = ids_of(tmp_path, ["🎉", "🚀", "✨"])
    assert len(set(after.values())) == 3 and {t: after[t] for t in before} == before


def test_category_keys_of_other_alphabets(tmp_path):
    file = tmp_path / "fw.md"
    file.write_text("---\ntitle: T\nyaml: false\n---\n## Level 1\n### Мастерство\n- Пишет код\n"
                    "### 🚀\n- Ships\n", encoding="utf-8")
    framework = load(file, root=tmp_path).frameworks[0]
    keys = [category.key for category in framework.levels[0].categories]
    assert keys[0] == "masterstvo" and keys[1].startswith("category-") and len(keys[1]) == 17
