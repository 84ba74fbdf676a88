"""The README stays true: every setting and every command is documented there."""

from __future__ import annotations

from conftest import REPO

from docgen.cli import cli
from docgen.config import SETTINGS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    assert [s for s in SETTINGS if f"| `{s}` |" not in README] == []


def test_every_command_is_in_the_readme():
    assert [c for c in cli.commands if f"`docgen {c}" not in README] == []


def test_the_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    assert "make build" in README and "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
