"""Assessment files: loading, validation against the framework, init, CSV import, schema."""

from __future__ import annotations

import json

import jsonschema
from conftest import FIXTURES, REPO, load
from ruamel.yaml import YAML

from docgen import api
from docgen.errors import Severity

ASSESSMENTS = FIXTURES / "assessments"
SCHEMA = json.loads((REPO / "src/docgen/schemas/assessment.schema.json").read_text())


def check(*paths):
    return load(*paths, root=REPO)


def problems_of(catalog, name):
    return [p for p in catalog.problems if p.location.path.endswith(name)]


def test_a_good_assessment_loads_with_its_ratings():
    catalog = check(ASSESSMENTS / "ada.yaml")
    assert problems_of(catalog, "ada.yaml") == []
    (ada,) = catalog.assessments
    assert (ada.candidate.name, ada.candidate.team, ada.current_level, ada.target_level) == \
        ("Ada Lovelace", "Payments", 2, 3)
    assert [a.name for a in ada.assessors] == ["Grace Hopper", "Katherine Johnson"]
    go = ada.rating("l3.mastery.writes-idiomatic-go-code")
    assert (go.self_rating, go.manager_rating) == ("consistently", "exceeds")
    assert go.evidence[0].url == "https://example.com/pr/1"
    assert go.evidence[1].text == "Reviews cited in the Q3 review" and go.evidence[1].url == ""


def test_unknown_framework_and_off_scale_rating_and_target_not_above():
    catalog = check(ASSESSMENTS / "bad.yaml")
    found = {(p.code, p.severity, p.location.line) for p in problems_of(catalog, "bad.yaml")}
    assert ("unknown-framework", Severity.ERROR, 1) in found
    assert ("rating-off-scale", Severity.ERROR, 7) in found  # the value, not the criterion
    (off_scale,) = [p for p in catalog.problems if p.code == "rating-off-scale"]
    assert off_scale.location.column == 11  # `self: brilliant`: where "brilliant" starts
    assert ("target-not-above", Severity.WARNING, 4) in found
    framework = next(p for p in catalog.problems if p.code == "unknown-framework")
    assert "did you mean 'engineering/backend'" in framework.hint


def test_unknown_criterion_suggests_the_closest():
    catalog = check(FIXTURES / "assessments-bad" / "unknown_criterion.yaml")
    (problem,) = [p for p in catalog.problems if p.code == "unknown-criterion"]
    assert problem.location.line == 6
    assert "did you mean 'l3.mastery.writes-idiomatic-go-code'" in problem.hint


def test_the_same_criterion_twice_is_an_error_with_its_line():
    catalog = check(FIXTURES / "assessments-bad" / "rated_twice.yaml")
    (problem,) = catalog.errors
    assert problem.code == "rated-twice" and problem.location.line == 8
    assert "l3.mastery.writes-idiomatic-go-code is rated twice" in problem.message


def test_met_without_evidence_warns(tmp_path):
    file = tmp_path / "a.yaml"
    file.write_text("framework: engineering/backend\ncandidate: X\ncurrent_level: 2\n"
                    "target_level: 3\nratings:\n  l3.mastery.writes-idiomatic-go-code:\n"
                    "    manager: exceeds\n", encoding="utf-8")
    catalog = check(file)
    assert [(p.code, p.location.line) for p in catalog.problems] == [("met-without-evidence", 6)]


def test_init_lists_every_criterion_of_the_level_and_checks_clean(tmp_path, run):
    result = run(["assessment", "init", "--framework", "engineering/backend", "--level", "3",
                  "--candidate", "Ada", "-o", str(tmp_path / "ada.yaml")], cwd=REPO)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((tmp_path / "ada.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    catalog = api.load_clean_catalog(api.open_project(REPO))
    level3 = [c.id for c in catalog.frameworks[0].level(3).criteria()]
    assert list(data["ratings"]) == level3 and len(level3) == 25
    checked = run(["check", str(tmp_path / "ada.yaml")], cwd=REPO)
    assert checked.exit_code == 0 and "checked 1 framework and 1 assessment: no problems" in checked.stderr


def test_fixture_matches_the_schema():
    jsonschema.validate(YAML(typ="safe").load((ASSESSMENTS / "ada.yaml").read_text()), SCHEMA)


def test_csv_import(tmp_path, run):
    csv = tmp_path / "ada.csv"
    csv.write_text('Criterion,Self,Manager,Evidence,Links,Comments\n'
                   'l3.mastery.writes-idiomatic-go-code,consistently,exceeds,'
                   '"Ledger rewrite\nReview quotes",https://x.y/1,Solid\n', encoding="utf-8")
    result = run(["assessment", "import", str(csv), "--framework", "engineering/backend",
                  "--candidate", "Ada", "--current", "2", "--target", "3",
                  "-o", str(tmp_path / "ada.yaml")], cwd=REPO)
    assert result.exit_code == 0, result.output
    data = YAML(typ="safe").load((tmp_path / "ada.yaml").read_text(encoding="utf-8"))
    go = data["ratings"]["l3.mastery.writes-idiomatic-go-code"]
    assert go == {"self": "consistently", "manager": "exceeds", "comments": "Solid",
                  "evidence": [{"text": "Ledger rewrite", "url": "https://x.y/1"},
                               {"text": "Review quotes"}]}


def test_csv_import_errors_name_the_row(tmp_path, run):
    csv = tmp_path / "bad.csv"
    csv.write_text("criterion,self,colour\nx,y,z\n", encoding="utf-8")
    result = run(["assessment", "import", str(csv), "--framework", "engineering/backend",
                  "--candidate", "Ada", "--current", "2", "--target", "3"], cwd=REPO)
    assert result.exit_code == 1 and "bad.csv:1:3: error: unknown column 'colour'" in result.stderr
    csv.write_text("criterion,self\nl3.mastery.nope,consistently\n", encoding="utf-8")
    result = run(["assessment", "import", str(csv), "--framework", "engineering/backend",
                  "--candidate", "Ada", "--current", "2", "--target", "3"], cwd=REPO)
    assert result.exit_code == 1 and "bad.csv:2:1: error:" in result.stderr
    assert "has no criterion 'l3.mastery.nope'" in result.stderr
    # a cell over two lines: the next row starts on line 4, and the error says so
    csv.write_text('criterion,self,evidence\nl3.a,x,"one\ntwo"\n,x,y\n', encoding="utf-8")
    result = run(["assessment", "import", str(csv), "--framework", "engineering/backend",
                  "--candidate", "Ada", "--current", "2", "--target", "3"], cwd=REPO)
    assert "bad.csv:4:1: error: this row has no criterion id" in result.stderr


def test_init_for_a_missing_level_is_a_clear_error(run):
    result = run(["assessment", "init", "--framework", "engineering/backend", "--level", "9"],
                 cwd=REPO)
    assert result.exit_code == 1 and "has no Level 9" in result.stderr


def test_only_the_first_20_unknown_ids_get_a_suggestion(tmp_path):
    ids = [c.id for _, _, c in load(REPO / "framework").frameworks[0].criteria()
           if c.id.startswith("l3.")]
    wrong = [f"{ids[i % len(ids)]}x{i}" for i in range(25)]
    case = tmp_path / "case.yaml"
    case.write_text("framework: engineering/backend\ncandidate: Ada\ncurrent_level: 2\n"
                    "target_level: 3\nratings:\n" + "".join(f"  {w}: {{self: developing}}\n"
                                                           for w in wrong), encoding="utf-8")
    catalog = load(REPO / "framework", case, root=tmp_path)
    unknown = [p for p in catalog.problems if p.code == "unknown-criterion"]
    assert len(unknown) == 25
    assert [p.hint.startswith("did you mean") for p in unknown] == [True] * 20 + [False] * 5
