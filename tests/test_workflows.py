"""The shipped GitHub workflows: valid, pinned, read-only, and saying what the README says."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is a test dependency (pip install -e '.[test]')"
    return found


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def test_there_are_two_workflows():
    assert [w.name for w in WORKFLOWS] == ["docgen-sharded.yml", "docgen.yml"]


def test_workflows_match_the_github_schema():
    result = subprocess.run([_tool("check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor_security_audit():
    """Unpinned actions, write permissions, persisted credentials, injection: each fails it."""
    result = subprocess.run([_tool("zizmor"), "--offline", "--no-progress",
                             *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_actions_are_pinned_to_a_commit_with_the_version_in_a_comment(workflow):
    uses = re.findall(r"uses: (\S+)(.*)", workflow.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"# v\d+\.\d+\.\d+", comment), action


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_read_only_pinned_docgen_and_no_build_on_pull_requests(workflow):
    data = _load(workflow)
    assert data["permissions"] == {"contents": "read"}
    assert re.fullmatch(r"progression-docgen==\d+\.\d+\.\d+", data["env"]["DOCGEN"])
    assert set(data["on"]) == {"pull_request", "push", "workflow_dispatch"}
    assert data["on"]["push"] == {"branches": ["main"]}
    check = data["jobs"]["check"]
    assert not any("apt-get" in step.get("run", "") for step in check["steps"])
    for name, job in data["jobs"].items():
        if name != "check":  # every job that builds runs after check, and never on a PR
            runs_on_prs = "if" not in job and "if" not in data["jobs"][job["needs"]]
            assert not runs_on_prs, name


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_the_uploaded_documents_leave_out_packets_and_records(workflow):
    final = [step for job in _load(workflow)["jobs"].values() for step in job["steps"]
             if step.get("with", {}).get("name") == "docgen-out"]
    (upload,) = final
    assert upload["with"]["path"].split() == ["out", "!out/.docgen", "!out/packets"]


def test_the_sharded_workflow_joins_every_share_and_builds_once_more():
    jobs = _load(REPO / ".github" / "workflows" / "docgen-sharded.yml")["jobs"]
    shard_run = " ".join(step.get("run", "") for step in jobs["shard"]["steps"])
    assert 'docgen build --shard "$SHARD/$SHARDS"' in shard_run
    join = jobs["join"]["steps"]
    download = next(s for s in join if "download-artifact" in s.get("uses", ""))
    assert download["with"] == {"pattern": "docgen-shard-*", "merge-multiple": True,
                                "path": "out"}
    assert any(s.get("run", "").startswith("docgen build") and "--shard" not in s["run"]
               for s in join)


def test_the_readme_pins_the_same_release_as_the_workflows():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for workflow in WORKFLOWS:
        assert _load(workflow)["env"]["DOCGEN"] in readme


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_pull_requests_get_the_framework_changes_in_the_run_summary(workflow):
    check = _load(workflow)["jobs"]["check"]
    assert check["steps"][0]["with"]["fetch-depth"] == 0
    step = next(s for s in check["steps"] if "docgen changes" in s.get("run", ""))
    assert step["if"] == "github.event_name == 'pull_request'"
    assert '--since "origin/$BASE_REF"' in step["run"] and "$GITHUB_STEP_SUMMARY" in step["run"]
