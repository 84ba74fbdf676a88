"""The Markdown-body format, pinned on the seed framework and small fixtures."""

from __future__ import annotations

from conftest import FIXTURES, SEED, codes, load

from docgen.errors import Severity
from docgen.model import MARKDOWN_FORMAT


def seed():
    catalog = load(SEED, root=SEED.parents[2])
    assert catalog.problems == ()
    (framework,) = catalog.frameworks
    return framework


def criterion(framework, text):
    return next(c for _, _, c in framework.criteria() if c.text == text)


def test_seed_levels_categories_and_counts():
    fw = seed()
    assert fw.id == "engineering/backend"
    assert fw.format == MARKDOWN_FORMAT
    assert fw.title == "🛠️ Backend Engineering Framework"
    assert fw.short_title == "🛠️ Backend"
    assert fw.group == "engineering"
    assert [lv.number for lv in fw.levels] == [1, 2, 3, 4, 5, 6]
    assert [sum(1 for _ in lv.criteria()) for lv in fw.levels] == [8, 21, 25, 37, 32, 11]
    assert sum(1 for _ in fw.criteria()) == 134
    base = ["Mastery", "Impact", "Influence", "Communication & Feedback"]
    assert [c.title for c in fw.levels[0].categories] == base
    for level in fw.levels[2:]:
        assert [c.title for c in level.categories] == base + ["Leadership"]


def test_seed_introduction_is_the_opening_paragraph():
    fw = seed()
    assert fw.introduction == ("Check out the original backend engineering framework "
                               "[here](https://eng-progression.monzo.com/framework/backend/).")


def test_seed_nested_items_are_details_of_their_criterion():
    fw = seed()
    go = criterion(fw, "Writes idiomatic Go code")
    assert [d.text for d in go.details] == [
        "Follows the guidelines in [Effective Go](https://golang.org/doc/effective_go.html), "
        "avoids using patterns that are idiomatic in other languages"]
    rpc = criterion(fw, "Implements complex RPC handlers")
    assert rpc.details[0].text.startswith("Implements complex business logic")
    race = criterion(fw, "Mitigates race conditions and partial failure states in distributed systems")
    assert race.details[0].text.startswith("Uses locking where appropriate")
    with_details = [c.text for _, _, c in fw.criteria() if c.details]
    assert len(with_details) == 3
    # a detail is never also a criterion of its own
    texts = {c.text for _, _, c in fw.criteria()}
    assert not any(d.text in texts for t in with_details for d in criterion(fw, t).details)


def test_seed_examples_and_quotes_belong_to_their_criteria():
    fw = seed()
    assert criterion(fw, "Implements simple RPC handlers").examples == (
        "Basic CRUD handlers, Internal/external API proxies, etc.",)
    assert criterion(fw, "Builds systems that scale reliably without intervention").examples == (
        "Services can withstand a year’s worth of growth in load/user base without needing first aid",)
    pr = criterion(fw, "Writes PR descriptions that provide context and provide rationale "
                       "for significant decisions")
    assert pr.quotes == ("I decided to X instead of Y here, I also considered Z but for these "
                         "reasons I went with X",)
    assert pr.examples == ()
    assert sum(len(c.examples) for _, _, c in fw.criteria()) == 5
    assert sum(len(c.quotes) for _, _, c in fw.criteria()) == 3


def test_seed_locations_are_real_lines():
    fw = seed()
    go = criterion(fw, "Writes idiomatic Go code")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[go.location.line - 1] == "- Writes idiomatic Go code"
    assert go.location.column == 1
    assert lines[fw.levels[2].location.line - 1] == "## Level 3"


def test_prose_paragraphs_are_kept_as_category_content():
    catalog = load(FIXTURES / "markdown" / "prose.md")
    (fw,) = catalog.frameworks
    knowledge = fw.levels[0].categories[0]
    assert knowledge.criteria == ()
    assert [p.text for p in knowledge.content] == [
        "You are early in your design career and learn the basics.",
        "You ask for help when you need it."]


def test_text_before_the_first_level_is_the_introduction_and_category_heading_warns():
    catalog = load(FIXTURES / "markdown" / "prose.md")
    (fw,) = catalog.frameworks
    assert fw.introduction == "How designers grow here.\n\n### Read this first\n\nLevels are cumulative."
    warning = next(p for p in catalog.problems if p.code == "category-before-level")
    assert (warning.location.line, warning.severity) == (12, Severity.WARNING)


def test_raw_html_and_jinja_stay_text_and_explicit_ids_are_read():
    catalog = load(FIXTURES / "markdown" / "prose.md")
    (fw,) = catalog.frameworks
    first, second = fw.levels[1].categories[0].criteria
    assert first.text == "Uses <script>alert(1)</script> safely"
    assert first.id == "knowledge-safe"
    assert second.text == "Prints {{ 7*7 }} as text"
    assert second.examples == ("Plain note that is neither label nor quote",)


def test_empty_category_warns():
    catalog = load(FIXTURES / "markdown" / "prose.md")
    assert "empty-category" in codes(catalog)


def test_bom_and_crlf_load_cleanly_with_emoji_title_intact():
    catalog = load(FIXTURES / "markdown" / "bom_crlf.md")
    assert catalog.problems == ()
    (fw,) = catalog.frameworks
    assert fw.title == "🕵🏽\u200d♂️ Quality"
    assert fw.path == "/bom"
    assert [c.text for _, _, c in fw.criteria()] == ["Writes test plans"]
    assert fw.levels[0].categories[0].criteria[0].location.line == 8


def test_level_heading_that_is_not_a_number_is_an_error():
    catalog = load(FIXTURES / "bad" / "markdown_level_not_integer.md")
    (problem,) = catalog.problems
    assert problem.severity is Severity.ERROR
    assert (problem.location.line, problem.code) == (5, "level-not-integer")
