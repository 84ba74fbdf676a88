"""The command line as an adapter: options parsed into `docgen.api` calls, with the library mocked.

`FakeApi` stands in for the public functions of `docgen.api` that the
commands call, records what they were called with, and returns small fixed
results; these tests only check how the command line reads options and
reports, not what the library makes.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from docgen import api
from docgen.build import BuildResult
from docgen.build.run import Made
from docgen.documents import Rendered
from docgen.errors import ConfigError, Location, Problem, Severity

WARNING = Problem(Location("framework/a.md", 3, 1), Severity.WARNING, "vague criterion")


class FakeApi:
    """Records each call of the api functions the CLI uses."""

    def __init__(self, monkeypatch, problems=()):
        self.calls: list[tuple[str, dict]] = []
        self.problems = tuple(problems)
        for name in ("open_project", "load_catalog", "load_clean_catalog", "make", "render",
                     "build", "template_problems"):
            monkeypatch.setattr(api, name, self._recorder(name))

    def _recorder(self, name):
        def call(*args, **kwargs):
            self.calls.append((name, {"args": args, **kwargs}))
            return getattr(self, f"_{name}")(*args, **kwargs)
        return call

    def called(self, name: str) -> dict:
        found = [kwargs for called, kwargs in self.calls if called == name]
        assert found, f"api.{name} was not called: {self.calls}"
        return found[-1]

    def _open_project(self, root=None, config=None, **overrides):
        return SimpleNamespace(root=root, config=config, overrides=overrides,
                               framework_dir=Path("framework"))

    def _load_catalog(self, project, paths=None, frameworks=()):
        catalog = SimpleNamespace(problems=self.problems, frameworks=("a",), assessments=(),
                                errors=())
        catalog.usable = lambda: catalog
        return catalog

    _load_clean_catalog = _load_catalog

    def _template_problems(self, project):
        return []

    def _make(self, project, kind, catalog, **options):
        return [Made(name=f"{kind}/a", paths=(Path(f"out/{kind}/a.pdf"),), record=None,
                     warnings=("a glyph is missing",), pages=(3,), sizes=(2048,))]

    def _render(self, project, kind, catalog, **options):
        return [Rendered("handbook.html", b"<html>the handbook</html>\n", "text/html")]

    def _build(self, project, **options):
        return BuildResult(planned=2, made=(), unchanged=2, removed=(), manifest=None,
                           warnings=("framework/a.md:3:1: warning: vague criterion",
                                     "a glyph is missing"))


@pytest.fixture
def fake(monkeypatch):
    return FakeApi(monkeypatch)


@pytest.mark.parametrize("args", [["-q", "build"], ["build", "-q"], ["build", "--quiet"]])
def test_quiet_is_accepted_before_and_after_the_command(run, fake, args):
    result = run(args)
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and fake.called("build")


@pytest.mark.parametrize("args", [["--root", "/p", "check"], ["check", "--root", "/p"]])
def test_root_is_accepted_before_and_after_the_command(run, fake, args):
    assert run(args).exit_code == 0
    assert fake.called("open_project")["args"][0] == Path("/p")


def test_verbose_build_prints_each_warning_once_with_one_prefix(run, fake):
    result = run(["build", "-v"])
    lines = [line for line in result.stderr.splitlines() if "warning" in line]
    assert lines == ["framework/a.md:3:1: warning: vague criterion",
                     "docgen: warning: a glyph is missing"]


@pytest.mark.parametrize("shard", ["5/4", "x", "0/2", "1/0"])
def test_a_bad_shard_is_a_usage_error(run, fake, shard):
    result = run(["build", "--shard", shard])
    assert result.exit_code == 2 and "Error:" in result.stderr and "Traceback" not in result.output
    assert not [name for name, _ in fake.calls if name == "build"]


def test_a_good_shard_reaches_the_library(run, fake):
    assert run(["build", "--shard", "2/4"]).exit_code == 0
    shard = fake.called("build")["shard"]
    assert (shard.index, shard.count) == (2, 4)


@pytest.mark.parametrize("given, paper", [("letter", "Letter"), ("LETTER", "Letter"), ("a4", "A4")])
def test_paper_choices_are_case_insensitive_and_canonical(run, fake, given, paper):
    assert run(["handbook", "--paper", given]).exit_code == 0
    assert fake.called("open_project")["paper"] == paper


def test_card_size_and_back_are_case_insensitive(run, fake):
    assert run(["cards", "--card", "a7", "--back", "BLANK", "-j", "2"]).exit_code == 0
    assert fake.called("open_project")["card"] == "A7"
    assert fake.called("open_project")["card_back"] == "blank"
    assert fake.called("make")["jobs"] == 2


def test_dash_o_dash_prints_a_text_handbook(run, fake):
    result = run(["handbook", "--format", "html", "-o", "-"])
    assert result.exit_code == 0 and result.stdout == "<html>the handbook</html>\n"
    assert not [name for name, _ in fake.calls if name == "make"]


@pytest.mark.parametrize("args", [["handbook", "-o", "-"], ["cards", "-o", "-"],
                                  ["packet", ".", "-o", "-"]])
def test_dash_o_dash_for_binary_output_is_a_usage_error(run, fake, args):
    result = run(args)
    assert result.exit_code == 2 and "-o -" in result.stderr


def test_output_reaches_the_library_as_given(run, fake, tmp_path):
    assert run(["cards", "-o", str(tmp_path / "cards.pdf")]).exit_code == 0
    assert fake.called("make")["output"] == tmp_path / "cards.pdf"


def test_written_files_are_reported_with_size_and_pages(run, fake):
    result = run(["handbook"])
    assert "docgen: wrote out/handbook/a.pdf (2 KiB, 3 pages)" in result.stderr
    assert "docgen: warning: a glyph is missing" in result.stderr


@pytest.mark.parametrize("option", ["--output-format", "--format"])
def test_check_output_format_and_its_old_name(run, fake, option):
    result = run(["check", option, "JSON"])
    assert result.exit_code == 0 and result.stdout.strip() == "[]"


def test_a_config_error_is_reported_in_the_chosen_format(run, monkeypatch):
    def bad_config(*args, **kwargs):
        raise ConfigError("paper must be one of A4, Letter", Location("docgen.toml", 2, 9))
    monkeypatch.setattr(api, "open_project", bad_config)
    json_report = run(["check", "--output-format", "json"])
    assert json_report.exit_code == 1 and '"file": "docgen.toml"' in json_report.stdout
    github = run(["check", "--output-format", "github"])
    assert github.exit_code == 1
    assert github.stdout.startswith("::error file=docgen.toml,line=2,col=9")
    text = run(["check"])
    assert text.exit_code == 1 and text.stderr.startswith("docgen: docgen.toml:2:9: error:")


def test_quiet_strict_check_prints_the_warnings_that_failed_it(run, monkeypatch):
    FakeApi(monkeypatch, problems=[WARNING])
    result = run(["-q", "check", "--strict"])
    assert result.exit_code == 1
    assert result.stdout.strip() == "framework/a.md:3:1: warning: vague criterion"
    assert run(["-q", "check"]).stdout == ""


def test_packet_formats_are_checked_before_anything_runs(run, fake):
    result = run(["packet", ".", "--format", "docx,odt"])
    assert result.exit_code == 2 and "--format" in result.stderr
    assert fake.calls == []
