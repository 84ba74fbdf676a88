"""Atomic writes and safe output names."""

from __future__ import annotations

import os

import pytest

from docgen.errors import OutputError
from docgen.output import safe_output_path, write_atomic


def test_write_atomic_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "sub" / "file.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["file.json"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "file.json"
    write_atomic(target, b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["file.json"]


@pytest.mark.parametrize("name", ["../../etc/passwd", "/abs/path", "a/b", "\x00\x1b[31m", "x" * 300, ".."])
def test_names_from_data_stay_inside_the_output_folder(tmp_path, name):
    path = safe_output_path(tmp_path, name, suffix=".pdf")
    assert path.parent == tmp_path
    assert "/" not in path.name and ".." not in path.name.removesuffix(".pdf")
    assert 1 <= len(path.name) <= 90
