"""Two builds of one out/ (a person's and a hook's): the second waits, says so, then builds."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from docgen.build.lock import build_lock


def test_a_second_build_waits_for_the_first(project_dir):
    (project_dir / "docgen.toml").write_text('outputs = ["case-templates"]\n')
    out = project_dir / "out"
    with build_lock(out):
        second = subprocess.Popen([sys.executable, "-m", "docgen", "build", "--clean"],
                                  cwd=project_dir, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "CI": "true"})
        time.sleep(3)
        assert second.poll() is None, second.stderr.read()  # still waiting
        assert not (out / "manifest.json").exists()
    _, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr
    assert f"waiting for the build of {out} by process {os.getpid()}" in stderr
    assert (out / "manifest.json").is_file()
    assert (out / ".docgen" / "lock").read_text() == ""  # released, and no holder named
