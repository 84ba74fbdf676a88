"""A git repository whose frameworks change commit by commit, tagged at each step."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

FIRST = """---
title: "Design"
yaml: false
---
## Level 1
### Craft
- Sketches ideas on paper before building them
- Writes clear and consistant user interface copy
- Runs usability tests with real users every month

    > **Examples**
    >
    > Hallway tests, remote sessions.

### Collaboration
- Shares work early with the product team
- Asks engineers about technical limits before designing

## Level 2
### Craft
- Leads design critiques for the whole team
- Owns the design system components they build
"""


def git(root: Path, *args: str) -> str:
    """Run git in `root` as a fixed author at a fixed date (commits are reproducible)."""
    env = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org",
           "GIT_AUTHOR_DATE": "2026-03-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00Z",
           "PATH": "/usr/bin:/bin", "HOME": str(root)}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout


def commit(root: Path, message: str, tag: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    git(root, "tag", tag)


@pytest.fixture
def history(tmp_path, monkeypatch) -> Path:
    """Tags v1 (first), v2 (reworded: typo fix, word added, sentence split), v3 (added,
    removed, moved to another level, example changed), v4 (framework file renamed)."""
    root = tmp_path / "repo"
    (root / "framework").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    design = root / "framework" / "design.md"
    design.write_text(FIRST, encoding="utf-8")
    (root / "framework" / "ops.md").write_text(
        "---\ntitle: Operations\nyaml: false\n---\n## Level 1\n### Running\n- Keeps the lights on\n",
        encoding="utf-8")
    commit(root, "first", "v1")
    text = FIRST.replace("Writes clear and consistant", "Writes clear and consistent") \
        .replace("Sketches ideas on paper", "Sketches ideas quickly on paper") \
        .replace("- Asks engineers about technical limits before designing",
                 "- Asks engineers about technical limits\n- Designs within those limits")
    design.write_text(text, encoding="utf-8")
    commit(root, "reword", "v2")
    text = design.read_text(encoding="utf-8")
    text = text.replace("- Shares work early with the product team\n", "") \
        .replace("- Owns the design system components they build\n", "") \
        .replace("    > Hallway tests, remote sessions.", "    > Hallway tests, diary studies.") \
        .replace("### Collaboration\n", "### Collaboration\n- Owns the design system components "
                 "they build\n", 1) \
        .replace("- Leads design critiques for the whole team\n",
                 "- Leads design critiques for the whole team\n- Mentors junior designers\n")
    design.write_text(text, encoding="utf-8")
    commit(root, "add, remove, move, example", "v3")
    (root / "framework" / "product").mkdir()
    git(root, "mv", "framework/design.md", "framework/product/design.md")
    commit(root, "rename", "v4")
    monkeypatch.chdir(root)
    return root
