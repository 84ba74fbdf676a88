"""Any text in a framework or assessment file gives docgen's own errors, each at a file and line."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.errors import DocgenError, SourceError
from docgen.sources.assessment_csv import read_ratings_csv
from docgen.sources.assessment_file import load_assessment
from docgen.sources.front_matter import load_framework_file
from yaml_texts import LINES, yamlish

BODY = st.lists(st.sampled_from(["## Level 1", "## Level x", "### Mastery", "- item", "  - nested",
                                 "> **Examples**", "> quote", "---", "", "text {#id}", "    code"]),
                max_size=15).map("\n".join)


def check(path: Path, load) -> None:
    problems: list = []
    try:
        load(path, problems)
    except SourceError as exc:
        problems.append(exc.problem)
    except DocgenError:
        raise AssertionError("a loader raised a DocgenError with no place in the file")
    for problem in problems:
        assert problem.location.path == str(path)
        assert problem.location.line >= 1 and problem.location.column >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=LINES, body=BODY, yaml_flag=st.sampled_from(["true", "false", "maybe", ""]))
def test_any_framework_file_gives_only_located_problems(front, body, yaml_flag):
    text = f"---\nyaml: {yaml_flag}\n{yamlish(front)}\n---\n{body}\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fw.md"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        check(path, lambda p, problems: load_framework_file(p, "fw", str(p), problems))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_any_bytes_as_a_framework_file(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fw.md"
        path.write_bytes(b"---\n" + data)
        check(path, lambda p, problems: load_framework_file(p, "fw", str(p), problems))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES)
def test_any_assessment_file_gives_only_located_problems(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.yaml"
        path.write_text("framework: x\ncandidate: y\n" + yamlish(lines) + "\n", encoding="utf-8")
        check(path, lambda p, problems: load_assessment(p, str(p), problems))


CSV_CELLS = st.text(st.sampled_from(list('ab,;"\n\r\t x') + ["\x00", "é", "\ufeff"]), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.sampled_from(["criterion,self,manager,evidence,links,comments", "id,self",
                               "criterion", "nope,self", ""]), body=CSV_CELLS)
def test_any_csv_of_ratings_gives_only_located_problems(header, body):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ratings.csv"
        path.write_text(header + "\n" + body, encoding="utf-8")
        check(path, lambda p, problems: read_ratings_csv(p, str(p)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(200, 3000), kind=st.sampled_from(["[", "{a: ", "- "]))
def test_yaml_nested_thousands_deep_is_a_located_problem(depth, kind):
    closing = {"[": "]", "{a: ": "}", "- ": ""}[kind]
    nested = kind * depth + "1" + closing * depth
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.yaml"
        path.write_text("framework: x\ncandidate: " + nested + "\n", encoding="utf-8")
        check(path, lambda p, problems: load_assessment(p, str(p), problems))
