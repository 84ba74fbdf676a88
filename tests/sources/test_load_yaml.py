"""The YAML-topics format: inheritance from the generic framework and real-file quirks."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, codes, load

from docgen.errors import Severity
from docgen.model import YAML_FORMAT

YAML = FIXTURES / "yaml"


@pytest.fixture(scope="module")
def catalog():
    return load(YAML)


def platform(catalog):
    return catalog.framework("platform")


def category(framework, level, key):
    return next(c for c in framework.level(level).categories if c.key == key)


def problem(catalog, code):
    return next(p for p in catalog.problems if p.code == code)


def test_generic_framework_is_listed_like_any_other(catalog):
    generic = catalog.framework("generic")
    assert generic.is_generic and generic.format == YAML_FORMAT
    assert not any(c.inherited for _, _, c in generic.criteria())


def test_matching_topic_takes_generic_title_and_adds_generic_criteria_after_its_own(catalog):
    comms = category(platform(catalog), 1, "communication")
    assert comms.inherited is True
    assert comms.title == "💬 Communication"
    assert [(c.text, c.inherited) for c in comms.criteria] == [
        ("Writes design notes before building", False),
        ("Seeks out feedback", False),  # stated by the framework, not repeated from generic
        ("Actively communicates what they are working on", True),
    ]
    assert "repeats-generic" in codes(catalog)


def test_generic_examples_are_inherited_too(catalog):
    comms = category(platform(catalog), 2, "communication")
    clear = next(c for c in comms.criteria if c.text == "Writes clear updates")
    assert clear.inherited and clear.examples == ("A weekly note to the team",)
    assert clear.location.path.endswith("generic.md")


def test_empty_criteria_loads_and_generic_fills_the_level(catalog):
    comms = category(platform(catalog), 2, "communication")
    assert all(c.inherited for c in comms.criteria)
    assert len(comms.criteria) == 2


def test_generic_content_only_goes_into_levels_the_framework_has(catalog):
    fw = platform(catalog)
    # generic has Level 4; platform declares 2 levels and has content up to 3
    assert [lv.number for lv in fw.levels] == [1, 2, 3]


def test_content_above_declared_levels_is_kept_with_a_warning(catalog):
    fw = platform(catalog)
    assert [c.text for c in category(fw, 3, "communication").criteria] == [
        "Presents the platform roadmap"]
    warning = next(p for p in catalog.problems if p.code == "levels-mismatch"
                   and p.location.path.endswith("platform.md"))
    assert warning.severity is Severity.WARNING and warning.location.line == 21


def test_tab_after_list_dash_is_repaired_with_a_warning(catalog):
    craft = category(platform(catalog), 1, "craft")
    assert craft.criteria[0].text == "Keeps the build green"
    warning = problem(catalog, "yaml-tab-after-dash")
    assert (warning.location.line, warning.severity) == (35, Severity.WARNING)


def test_unquoted_criterion_with_colon_keeps_whole_text_with_a_warning(catalog):
    craft = category(platform(catalog), 1, "craft")
    assert craft.criteria[1].text == "Reviews code: kindly, and within a day"
    assert problem(catalog, "yaml-unquoted-colon").location.line == 36


def test_null_name_takes_key_from_title_and_explicit_ids_in_both_forms(catalog):
    craft = category(platform(catalog), 1, "craft")
    assert craft.title == "🛠️ Craft" and craft.inherited is False
    ids = [c.id for c in craft.criteria]
    assert ids[2] == "craft-pins" and craft.criteria[2].text == "Pins dependency versions"
    assert ids[3] == "craft-runbooks" and craft.criteria[3].text == "Writes runbooks"
    automates = craft.criteria[4]
    assert automates.examples == ("Replaced a manual deploy step with a script",)
    assert automates.id == "l1.craft.automates-toil"


def test_near_miss_of_a_generic_topic_name_warns(catalog):
    warning = problem(catalog, "near-generic-topic")
    assert "communcation" in warning.message and "communication" in warning.message
    assert warning.location.line == 27


def test_read_past_keys_are_a_note_and_subtitle_is_used(catalog):
    note = problem(catalog, "key-not-shown")
    assert note.severity is Severity.INFO and "levelPrefix" in note.message
    fw = platform(catalog)
    assert fw.level_prefix == "L" and fw.subtitle == "Run by the Platform guild"
    assert not [p for p in catalog.problems if p.code == "unknown-key"]


def test_zwj_and_skin_tone_emoji_survive(catalog):
    assert platform(catalog).title == "👩🏽\u200d💻 Platform Engineering"


def test_body_is_the_introduction(catalog):
    assert platform(catalog).introduction == "The platform team builds the paved road."


def test_no_errors_only_warnings_and_notes(catalog):
    assert catalog.errors == ()
    assert not catalog.failed()
    assert catalog.failed(strict=True)


def test_without_the_generic_framework_nothing_is_inherited():
    catalog = load(YAML / "platform.md")
    comms = category(catalog.frameworks[0], 1, "communication")
    assert comms.inherited is False
    assert not any(c.inherited for c in comms.criteria)
    assert comms.title == "Communication"
