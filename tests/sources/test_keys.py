"""A misspelt key is an error at its place, with the key it was meant to be; none vanishes."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from conftest import FIXTURES, REPO, load

from docgen.errors import Severity
from docgen.sources import keys
from docgen.sources.text import split_front_matter
from docgen.sources.yaml_parser import YamlSource, parse_yaml

TOPICS = """---
title: T
yaml: true
topics:
  - name: craft
    title: Craft
    content:
      - level: 1
        criteria:
          - Writes tests
"""
END = "---\n"


def unknown(catalog) -> list:
    return [p for p in catalog.problems if p.code == "unknown-key"]


@pytest.mark.parametrize("original, typo, line, meant, where", [
    ("        criteria:", "        critera:", 9, "criteria", "a content entry"),
    ("    title: Craft", "    titel: Craft", 6, "title", "a topic"),
    ("title: T", "titel: T", 2, "title", "the front matter"),
    ("      - level: 1", "      - levle: 1", 8, "level", "a content entry"),
])
def test_a_misspelt_framework_key_is_an_error_with_did_you_mean(tmp_path, original, typo, line,
                                                                 meant, where):
    file = tmp_path / "fw.md"
    file.write_text(TOPICS.replace(original, typo) + END, encoding="utf-8")
    [problem] = unknown(load(file, root=tmp_path))
    assert problem.severity is Severity.ERROR and where in problem.message
    assert (problem.location.line, problem.hint) == (line, f"did you mean '{meant}'?")


def test_a_misspelt_key_in_an_example_criterion(tmp_path):
    file = tmp_path / "fw.md"
    file.write_text(TOPICS + "        exampleCriteria:\n          - criteria: Reviews code\n"
                    "            exmaples: [Reviewed 40 pull requests]\n" + END, encoding="utf-8")
    [problem] = unknown(load(file, root=tmp_path))
    assert problem.hint == "did you mean 'examples'?" and problem.location.line == 13


@pytest.mark.parametrize("original, typo, meant", [
    ("    self: consistently\n    manager: exceeds", "    slef: consistently\n    manager: exceeds",
     "self"),
    ("        url: https://example.com/pr/1", "        ulr: https://example.com/pr/1", "url"),
    ("  role: Backend Engineer", "  rloe: Backend Engineer", "role"),
    ("period: 2026 H2", "peroid: 2026 H2", "period"),
    ("    role: Engineering Manager", "    roel: Engineering Manager", "role"),
])
def test_a_misspelt_assessment_key_is_an_error(tmp_path, original, typo, meant):
    text = (FIXTURES / "assessments" / "ada.yaml").read_text(encoding="utf-8")
    assert original in text
    file = tmp_path / "ada.yaml"
    file.write_text(text.replace(original, typo, 1), encoding="utf-8")
    catalog = load(REPO / "framework", file, root=tmp_path)
    [problem] = unknown(catalog)
    assert problem.severity is Severity.ERROR and problem.hint == f"did you mean '{meant}'?"


def schema(name: str) -> dict:
    return json.loads((resources.files("docgen") / "schemas" / name).read_text(encoding="utf-8"))


def test_the_assessment_schema_closes_the_same_structures():
    assessment = schema("assessment.schema.json")
    assert assessment["additionalProperties"] is False
    assert set(assessment["properties"]) == set(keys.ASSESSMENT)
    assert set(assessment["$defs"]["person"]["properties"]) == set(keys.PERSON)
    assert set(assessment["$defs"]["rating"]["properties"]) == set(keys.RATING)
    evidence = assessment["$defs"]["rating"]["properties"]["evidence"]["items"]["oneOf"][1]
    assert set(evidence["properties"]) == set(keys.EVIDENCE)


def test_the_framework_schema_closes_the_same_structures():
    framework = schema("framework.schema.json")
    defs = framework["$defs"]
    assert set(framework["properties"]) == set(keys.FRONT_MATTER) | set(keys.READ_PAST)
    assert set(defs["topic"]["properties"]) == set(keys.TOPIC)
    assert set(defs["content"]["properties"]) == set(keys.CONTENT_ENTRY)
    assert set(defs["criterion"]["oneOf"][1]["properties"]) == set(keys.CRITERION)
    assert set(defs["exampleCriterion"]["properties"]) == set(keys.EXAMPLE_CRITERION)
    assert all(d.get("additionalProperties") is False for d in
               (framework, defs["topic"], defs["content"], defs["exampleCriterion"]))


def test_the_framework_schema_accepts_the_fixtures_and_refuses_a_typo():
    validator = jsonschema.Draft202012Validator(schema("framework.schema.json"))
    for file in [*(FIXTURES / "yaml").glob("*.md"), REPO / "framework/engineering/backend.md"]:
        document = split_front_matter(file.read_text(encoding="utf-8"), file.name)
        header = parse_yaml(document.front_matter, YamlSource(file.name, 2), [])
        assert list(validator.iter_errors(header)) == [], file
    assert list(validator.iter_errors({"title": "T", "critera": []}))


def test_a_topic_subtitle_is_its_description_and_is_printed(tmp_path):
    from docgen import api

    (tmp_path / "framework").mkdir()
    (tmp_path / "framework" / "fw.md").write_text(
        TOPICS.replace("    title: Craft", "    title: Craft\n    subtitle: How we build things")
        + END, encoding="utf-8")
    project = api.open_project(tmp_path)
    catalog = api.load_clean_catalog(project)
    [category] = catalog.frameworks[0].levels[0].categories
    assert category.description == "How we build things"
    (html,) = api.render(project, "handbook", catalog, formats=("html",))
    assert '<p class="category-description">How we build things</p>' in html.data.decode()
    assert '"description": "How we build things"' in api.export_json(catalog)
