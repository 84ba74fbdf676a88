"""Any YAML or TOML value in any field: `docgen check` exits 0 or 1, never with a traceback, and
each problem is located and quotes at most a short piece of the value."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.cli import cli

LONG = "x" * 500
YAML_SCALARS = st.sampled_from([
    "1" * 5001, "1e999", "-.inf", ".nan", "0x1F", "0o17", "2020-01-01", "2001-12-14t21:59:43.10-05:00",
    "!!binary aGVsbG8=", "!foo bar", "!!set {a, b}", "{<<: {a: 1}}", "[1, [2, [3]]]", "~", "null",
    "true", "no", "'quoted'", '"\\x1b\\u202e"', "&a x", "*a", "|\n  block", ">-", "-1", "0", "99",
    "100000000000000000000", LONG, "{}", "[]", "''", "'²'", "٣", "L٣", "1_000",
]) | st.text(st.characters(blacklist_categories=["Cs"]), max_size=30).map(repr)
TOML_VALUES = st.sampled_from([
    "1" * 5001, "inf", "nan", "-0", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "[1, 2]",
    "[[1], ['a']]", "{ a = 1 }", "true", f'"{LONG}"', '"A4"', '"letter"', '"a7"', "''", '"x"',
    "0x10", "1e400",
])

FRAMEWORK_FIELDS = ["title: {v}", "yaml: {v}", "levels: {v}", "sidebarGroup: {v}",
                    "topics:\n  - name: {v}\n    title: T\n    content:\n      - level: 1\n"
                    "        criteria: [a]",
                    "yaml: true\ntopics:\n  - name: c\n    title: {v}",
                    "yaml: true\ntopics:\n  - name: c\n    content:\n      - level: {v}\n"
                    "        criteria: [a]",
                    "yaml: true\ntopics:\n  - name: c\n    content:\n      - level: 1\n"
                    "        criteria: [{v}]",
                    "yaml: true\ntopics:\n  - name: c\n    content:\n      - level: 1\n"
                    "        exampleCriteria:\n          - criteria: {v}\n            examples: [{v}]"]
ASSESSMENT_FIELDS = ["framework", "candidate", "current_level", "target_level", "period",
                     "assessors", "summary", "ratings"]
CONFIG_FIELDS = ["paper", "card", "card_back", "outputs", "rating_scale", "rating_met", "title",
                 "levels", "colours", "limits", "frameworks", "out"]
LOCATED = re.compile(r"^(docgen: )?[^\s:]+(:\d+:\d+)?: (error|warning|info): ")


def check(root: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(root), "check"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    output = result.stdout + result.stderr
    assert LONG[:90] not in output and "1" * 90 not in output
    if result.exit_code == 1:
        problems = [line for line in output.splitlines() if not line.startswith("docgen: checked")]
        assert problems and all(LOCATED.match(line) for line in problems), output


def project(tmp: str, framework: str = "title: T\nyaml: false", assessment: str = "",
            config: str = "") -> Path:
    root = Path(tmp)
    (root / "framework").mkdir()
    (root / "framework" / "fw.md").write_text(f"---\n{framework}\n---\n## Level 1\n### C\n- a\n",
                                              encoding="utf-8")
    if assessment:
        (root / "assessments").mkdir()
        (root / "assessments" / "case.yaml").write_text(assessment, encoding="utf-8")
    if config:
        (root / "docgen.toml").write_text(config, encoding="utf-8")
    return root


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FRAMEWORK_FIELDS), value=YAML_SCALARS)
def test_any_value_in_any_framework_field(field, value):
    with tempfile.TemporaryDirectory() as tmp:
        check(project(tmp, framework=field.format(v=value)))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(ASSESSMENT_FIELDS), value=YAML_SCALARS)
def test_any_value_in_any_assessment_field(field, value):
    base = {"framework": "fw", "candidate": "Ada", "current_level": "0", "target_level": "1",
            "ratings": "{l1.c.a: {self: developing}}"}
    base[field] = value
    text = "".join(f"{key}: {v}\n" for key, v in base.items())
    with tempfile.TemporaryDirectory() as tmp:
        check(project(tmp, assessment=text))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(CONFIG_FIELDS), value=TOML_VALUES)
def test_any_value_in_any_setting(field, value):
    with tempfile.TemporaryDirectory() as tmp:
        check(project(tmp, config=f"{field} = {value}\n"))
