"""Faults: a killed build, an output folder that cannot be written, a missing font or
template, a worker that raises or dies.  Each ends with a clear message and nothing lost."""

from __future__ import annotations

from dataclasses import replace

import errno
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import docx
import pypdf
import pytest
from conftest import files

from docgen import api, documents
from docgen.errors import BuildError
from docgen.errors import DocgenError
from docgen.output import leftover_temp_files
from docgen.engines import templating
from docgen.engines.templating import default_template_dir


@contextmanager
def no_hang(seconds: int):
    """Fail the test, instead of hanging the suite, if the block takes longer than `seconds`."""

    def hung(*_):
        raise AssertionError(f"still running after {seconds} s: docgen hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def docgen_process(root: Path, *args: str, **popen) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", CI="true")
    return subprocess.Popen([sys.executable, "-m", "docgen", *args], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen)


def readable(name: str, data: bytes) -> bool:
    """Whether `data` is a whole document of the kind its name says."""
    if name.endswith(".pdf"):
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        return len(reader.pages) > 0 and all(page.extract_text() is not None
                                             for page in reader.pages)
    if name.endswith(".docx"):
        return len(docx.Document(io.BytesIO(data)).paragraphs) > 0
    if name.endswith(".html"):
        return data.rstrip().endswith(b"</html>")
    return bool(json.loads(data))


def touch_every_framework(root: Path) -> None:
    """Change every framework so that every artifact has to be made again."""
    for path in (root / "framework").rglob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "- Added in review\n",
                        encoding="utf-8")


def test_a_build_killed_half_way_leaves_every_artifact_whole(project_dir):
    api.build(api.open_project(project_dir), jobs=1)
    out = project_dir / "out"
    before = files(out)
    touch_every_framework(project_dir)
    build = docgen_process(project_dir, "build", "-j2", start_new_session=True)
    first = build.stdout.readline()  # the first artifact of the new build is written
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert "[1/" in first and build.returncode == -signal.SIGKILL
    after = files(out)
    artifacts = [name for name in before if not name.startswith(".docgen/")]
    assert set(artifacts) <= set(after)
    changed = [name for name in artifacts if after[name] != before[name]]
    assert changed and "manifest.json" not in changed  # half-way: some made, no manifest yet
    for name in artifacts:
        assert readable(name, after[name]), name

    again = api.build(api.open_project(project_dir), jobs=1, clean_up=True)
    assert again.unchanged >= 1  # what the killed build finished is not made twice
    assert not leftover_temp_files(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in manifest["artifacts"]} == set(artifacts) - {"manifest.json"}


def test_a_read_only_output_folder_is_a_clear_error(project_dir, run, monkeypatch):
    api.build(api.open_project(project_dir), jobs=1)
    before = files(project_dir / "out")
    touch_every_framework(project_dir)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = run(["build", "-j1"])
    assert result.exit_code == 1
    assert "out/handbook.pdf: cannot write: Read-only file system (the file system is read-only: " \
           "choose another output folder" in result.output
    assert "Traceback" not in result.output
    assert files(project_dir / "out") == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_without_write_permission_is_a_clear_error(project_dir, run):
    out = project_dir / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run(["handbook"])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert "handbook.pdf: cannot write: Permission denied (docgen may not write there" \
           in result.output


def test_a_full_disk_is_a_clear_error_and_keeps_the_old_file(project_dir, run, monkeypatch):
    old = project_dir / "out" / "handbook.pdf"
    old.parent.mkdir()
    old.write_bytes(b"%PDF-1.7 the previous handbook")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run(["handbook"])
    assert result.exit_code == 1
    assert "handbook.pdf: cannot write: No space left on device (the disk is full: free some " \
           "space and build again" in result.output
    assert old.read_bytes() == b"%PDF-1.7 the previous handbook"
    assert not leftover_temp_files(old.parent)


def test_a_real_file_size_limit_fails_the_build_in_its_workers(project_dir):
    """The kernel refuses the writes (ulimit -f), in worker processes as in the parent."""
    api.build(api.open_project(project_dir), jobs=1)
    before = files(project_dir / "out")
    touch_every_framework(project_dir)

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    with no_hang(300):
        build = docgen_process(project_dir, "build", "-j2", preexec_fn=limit_file_size)
        output, _ = build.communicate()
    assert build.returncode == 1, output
    assert "File too large (the file is larger than this system lets a process write" in output
    assert "Traceback" not in output
    after = files(project_dir / "out")
    for name, data in before.items():
        if not name.startswith(".docgen/"):
            assert after[name] == data or readable(name, after[name]), name
    assert after["manifest.json"] == before["manifest.json"]


def test_a_missing_template_is_named(project_dir, run):
    mine = project_dir / "mytemplates" / "handbook"
    mine.mkdir(parents=True)
    (mine / "handbook.html").write_text('{% include "handbook/cover-of-ours.html" %}',
                                        encoding="utf-8")
    (project_dir / "docgen.toml").write_text('templates = "mytemplates"\n', encoding="utf-8")
    result = run(["handbook"])
    assert result.exit_code == 1
    assert "template 'handbook/cover-of-ours.html' not found" in result.output
    result = run(["--root", str(project_dir), "handbook", "--templates", "no-such-folder"])
    assert result.exit_code == 1
    assert "no-such-folder: template folder does not exist" in result.output


def test_a_font_a_template_names_but_nobody_installed_is_named(project_dir, run):
    mine = project_dir / "mytemplates" / "handbook"
    mine.mkdir(parents=True)
    css = (default_template_dir() / "handbook" / "print.css").read_text(encoding="utf-8")
    (mine / "print.css").write_text(
        '@font-face { font-family: House; src: url("static/fonts/HouseSans.otf"); }\n'
        + css + "body { font-family: House, Inter; }\n", encoding="utf-8")
    (project_dir / "docgen.toml").write_text('templates = "mytemplates"\n', encoding="utf-8")
    result = run(["handbook"])
    assert result.exit_code == 1
    assert "a template uses static/fonts/HouseSans.otf, which is in none of the template " \
           "folders" in result.output
    assert not (project_dir / "out" / "handbook.pdf").exists()


def test_a_shipped_font_lost_from_the_install_is_named(project_dir, run, tmp_path, monkeypatch):
    broken = tmp_path / "installed-templates"
    shutil.copytree(default_template_dir(), broken)
    (broken / "static" / "fonts" / "Inter-Bold.otf").unlink()
    monkeypatch.setattr(templating, "default_template_dir", lambda: broken)
    result = run(["cards"])
    assert result.exit_code == 1
    assert "a template uses static/fonts/Inter-Bold.otf" in result.output


def failing(kind_name: str, kind_of_failure: str, marker: str) -> documents.DocumentKind:
    """The registered kind `kind_name`, but failing for the job whose description has `marker`."""
    real = documents.kind(kind_name)

    def render(job, settings):
        if marker in job.description:
            if kind_of_failure == "raises":
                raise KeyError("a bug in a library")
            os._exit(3)  # the way a crash or the kernel's OOM killer ends a worker
        return real.render(job, settings)

    return replace(real, render=render)


@pytest.mark.parametrize("failure", ["raises", "dies"])
def test_a_worker_that_fails_names_its_artifact_and_never_hangs(project_dir, failure):
    # worker processes are forked, so they see the replaced kind too
    with documents.replaced(failing("cards", failure, "design")), no_hang(300), \
            pytest.raises(BuildError) as raised:
        api.build(api.open_project(project_dir), jobs=2)
    expected = {"raises": "cards/design.pdf: 'a bug in a library'",
                "dies": "cards/design.pdf: the worker process making it stopped abruptly"}
    assert str(raised.value).startswith(expected[failure])
    made = files(project_dir / "out")
    assert "cards/design.pdf" not in made and "manifest.json" not in made
    assert "handbook.pdf" in made  # the artifacts before it in the plan were made


def test_a_packet_worker_that_dies_names_the_assessment(project_dir, tmp_path):
    second = project_dir / "assessments" / "grace.yaml"
    second.write_text((project_dir / "assessments" / "ada.yaml").read_text(encoding="utf-8")
                      .replace("Ada Lovelace", "Grace Hopper"), encoding="utf-8")
    project = api.open_project(project_dir)
    catalog = api.load_clean_catalog(project)
    with documents.replaced(failing("packets", "dies", "grace.yaml")), no_hang(300), \
            pytest.raises(DocgenError, match=r"grace\.yaml\): the worker process making "
                                             r"it stopped abruptly"):
        api.make(project, "packets", catalog, output=tmp_path, jobs=2, formats=("docx",))
    assert (tmp_path / "ada-lovelace" / "promotion-case.docx").is_file()
    assert not (tmp_path / "grace-hopper").exists()


def slow_kind(started: Path, failing_index: Optional[int]) -> documents.DocumentKind:
    """A kind of 12 small text jobs that take a moment each; one of them may fail."""
    def plan(catalog, settings):
        framework = catalog.frameworks[0]
        return [documents.Job("slow", (f"slow/{i:02}.txt",), (framework.id,), (framework,),
                              options=(("i", i),)) for i in range(12)]

    def render(job, settings):
        index = job.option("i")
        (started / f"{index:02}").touch()
        time.sleep(0.3)
        if index == failing_index:
            raise KeyError("a bug in a library")
        criteria = sum(1 for _ in job.frameworks[0].criteria())
        return (documents.Rendered(job.outputs[0], f"{index}: {criteria} criteria".encode(),
                                   "text/plain"),)

    return documents.DocumentKind("slow", "slow", lambda project, **o: documents.DocumentSettings(
        **documents.DocumentSettings.common(project)), plan, render)


def test_a_failed_build_stops_starting_jobs_and_leaves_no_false_manifest(project_dir, tmp_path):
    (project_dir / "docgen.toml").write_text('outputs = ["slow"]\n', encoding="utf-8")
    started = tmp_path / "started"
    started.mkdir()
    with documents.replaced(slow_kind(started, None)):
        assert api.build(api.open_project(project_dir), jobs=2).manifest is not None
    for file in started.iterdir():
        file.unlink()
    touch_every_framework(project_dir)  # a new date: every job is made again
    with documents.replaced(slow_kind(started, 2)), no_hang(120), pytest.raises(BuildError):
        api.build(api.open_project(project_dir), jobs=2)
    assert len(list(started.iterdir())) <= 5  # jobs 0-2, and at most the two running beside
    out = project_dir / "out"
    # jobs 0 and 1 were made anew before job 2 failed: the old manifest no longer describes out/
    assert (out / "slow" / "00.txt").read_text() != "0: 1 criteria"
    assert not (out / "manifest.json").exists()


@pytest.mark.parametrize("jobs", [1, 2])  # -j 1 too: the limit puts the job in a worker
def test_a_worker_that_hangs_is_stopped_and_the_others_are_made(project_dir, tmp_path, jobs):
    (project_dir / "docgen.toml").write_text(
        'outputs = ["slow"]\n[limits]\nseconds_per_document = 3\n',
        encoding="utf-8")
    started = tmp_path / "started"
    started.mkdir()
    hanging = slow_kind(started, None)

    def render(job, settings):
        if job.option("i") == 4:
            time.sleep(3600)
        return hanging.render(job, settings)

    began = time.monotonic()
    with documents.replaced(replace(hanging, render=render)), no_hang(120), \
            pytest.raises(BuildError) as raised:
        api.build(api.open_project(project_dir), jobs=jobs)
    assert str(raised.value).startswith("slow/04.txt: stopped after 3 s, the limit for one document")
    made = sorted(p.name for p in (project_dir / "out" / "slow").iterdir())
    assert made == [f"{i:02}.txt" for i in range(12) if i != 4]
    assert time.monotonic() - began < 60
