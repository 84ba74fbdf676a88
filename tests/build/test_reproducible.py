"""Byte-identical outputs from separate processes (in-process tests cannot see process state)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import FIXTURES, REPO


def run_docgen(args: list[str], out: str, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "docgen", "-q", *args], cwd=REPO, env=env, check=True,
                   capture_output=True, timeout=300)


def test_two_processes_make_the_same_bytes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outputs = []
    for attempt in ("a", "b"):
        out = tmp_path / attempt
        run_docgen(["handbook", "-o", str(out / "handbook.pdf")], str(out), env)
        run_docgen(["cards", "--card", "A7", "-o", str(out / "cards")], str(out), env)
        run_docgen(["packet", str(FIXTURES / "assessments" / "ada.yaml"), "-o", str(out / "packets")],
                   str(out), env)
        outputs.append(sorted((p.relative_to(out).as_posix(), p.read_bytes())
                              for p in out.rglob("*") if p.is_file()))
    assert [name for name, _ in outputs[0]] == [
        "cards/engineering-backend.pdf", "handbook.pdf",
        "packets/ada-lovelace/promotion-case.docx", "packets/ada-lovelace/promotion-case.pdf"]
    # (-o DIR for packets is DIR/<candidate>/, so the packets went to out/packets here)
    assert outputs[0] == outputs[1]
