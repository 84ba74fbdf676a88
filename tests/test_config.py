"""Configuration: defaults, docgen.toml, [tool.docgen], overrides and clear errors."""

from __future__ import annotations

import pytest

from docgen.config import Config, load_config
from docgen.errors import ConfigError


def test_defaults_without_any_file(tmp_path):
    config = load_config(tmp_path)
    assert config == Config()
    assert (config.frameworks, config.out) == ("framework", "out")


def test_docgen_toml_with_level_names(tmp_path):
    (tmp_path / "docgen.toml").write_text('organisation = "Acme"\n[levels]\nL3 = "Senior"\n4 = "Staff"\n')
    config = load_config(tmp_path)
    assert config.organisation == "Acme"
    assert config.levels == {3: "Senior", 4: "Staff"}


def test_tool_docgen_in_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.docgen]\nout = "build"\n')
    assert load_config(tmp_path).out == "build"


def test_overrides_that_are_not_none_win(tmp_path):
    (tmp_path / "docgen.toml").write_text('out = "build"\n')
    assert load_config(tmp_path, overrides={"out": "elsewhere", "organisation": None}).out == "elsewhere"


def test_unknown_setting_names_file_and_line(tmp_path):
    (tmp_path / "docgen.toml").write_text('organisation = "Acme"\n\ncolour = "red"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'docgen.toml'}:3:1: error: unknown setting 'colour'")


def test_broken_toml_names_line_and_column(tmp_path):
    (tmp_path / "docgen.toml").write_text('organisation = "Acme\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert ":1:" in str(caught.value) and "error:" in str(caught.value)


def test_config_error_is_exit_1_without_traceback(run, tmp_path):
    (tmp_path / "docgen.toml").write_text('levels = 3\n')
    result = run(["--root", str(tmp_path), "check"])
    assert result.exit_code == 1
    assert "docgen.toml:1:1: error: 'levels' must be a table" in result.stderr
