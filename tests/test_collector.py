"""The garbage collector spared its last walk when the command line ends."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


def test_the_command_line_leaves_what_is_alive_at_its_end_to_no_collection():
    # atexit handlers run after main() returns: what they see is what the interpreter's last
    # collections would walk
    probe = ("import atexit, gc; from docgen.cli import main; "
             "atexit.register(lambda: print(gc.get_freeze_count() > 1000)); main()")
    assert _run(probe, "--version").splitlines()[-1] == "True"


def test_a_command_that_fails_is_spared_the_collection_too(tmp_path):
    probe = ("import atexit, gc, sys; from docgen.cli import main; "
             "atexit.register(lambda: print(gc.get_freeze_count() > 1000)); "
             "sys.argv[1:] = ['--root', sys.argv[1], 'handbook']; main()")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "nowhere")],
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert result.stdout.strip().splitlines()[-1] == "True"
