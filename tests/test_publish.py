"""Publishing the built site: readers always find a whole site (the old one or the new one),
a copy that fails halfway leaves the old site whole, and two builds of one project never
run at once."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from support import MINI_COURSE, make_project
from patientcourse.book import jupyterbook
from patientcourse.book.jupyterbook import publish
from patientcourse.book.pipeline import lock_path


def write_site(folder: Path, version: str, pages: int = 20) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{version}</p>")
    for i in range(pages):
        (folder / "notebooks").mkdir(exist_ok=True)
        (folder / "notebooks" / f"page{i}.html").write_text(f"{version} page {i}")
    return folder


def site_version(dest: Path) -> str:
    """Which whole site ``dest`` shows; fails if it shows none, or a mix."""
    index = (dest / "index.html").read_text()
    version = index[3:-4]
    pages = sorted((dest / "notebooks").iterdir())
    assert len(pages) == 20 and all(p.read_text().startswith(f"{version} page") for p in pages), version
    return version


def test_a_new_site_replaces_the_old_in_one_step(tmp_path, monkeypatch):
    dest = tmp_path / "_build" / "html"
    publish(write_site(tmp_path / "built-old", "old"), dest)
    assert site_version(dest) == "old"

    seen = []

    def watched(name, fn):
        def call(*args, **kwargs):
            result = fn(*args, **kwargs)
            seen.append((name, site_version(dest)))  # after every step, a whole site is there
            return result
        return call

    for module, names in ((os, ("replace", "rename", "unlink", "rmdir", "symlink", "remove")),
                          (shutil, ("rmtree", "copytree", "move"))):
        for name in names:
            monkeypatch.setattr(module, name, watched(name, getattr(module, name)))
    publish(write_site(tmp_path / "built-new", "new"), dest)
    assert site_version(dest) == "new"
    assert ("old" in [v for _, v in seen]) and seen[-1][1] == "new"


def test_a_copy_that_fails_halfway_leaves_the_old_site_whole(tmp_path, monkeypatch):
    dest = tmp_path / "_build" / "html"
    publish(write_site(tmp_path / "built-old", "old"), dest)
    before = {p.relative_to(dest): p.read_bytes() for p in dest.rglob("*") if p.is_file()}

    copied = []
    real_copy = shutil.copyfile  # what copytree's copy2 calls for each file

    def copy_then_fail(src, dst, *args, **kwargs):
        if len(copied) == 10:
            raise OSError(28, "No space left on device")
        copied.append(src)
        return real_copy(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", copy_then_fail)
    with pytest.raises(OSError, match="No space left"):
        publish(write_site(tmp_path / "built-new", "new"), dest)
    assert len(copied) == 10  # it did fail halfway
    assert {p.relative_to(dest): p.read_bytes() for p in dest.rglob("*") if p.is_file()} == before
    monkeypatch.undo()
    # Nothing half-copied is left to pile up: the next publish works and cleans after itself.
    publish(write_site(tmp_path / "built-next", "next"), dest)
    assert site_version(dest) == "next"
    assert len(list(jupyterbook.releases_of(dest).iterdir())) == 2, "older releases go; the previous one stays"


@pytest.mark.slow
def test_a_second_build_of_the_project_waits_for_the_first(tmp_path):
    project = make_project(tmp_path / "project")
    course = shutil.copytree(MINI_COURSE, tmp_path / "course")
    lock = FileLock(lock_path(project))
    lock.acquire()  # a first build is running
    build = subprocess.Popen([sys.executable, "-m", "patientcourse", "build", "--course", str(course), "--project",
                              str(project), "--today", "2026-11-24"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, env=dict(os.environ, COLUMNS="200"))
    try:
        said = []
        for line in build.stdout:
            said.append(line)
            if "Another build of this project is running" in line:
                break
        assert any("Another build of this project is running" in line for line in said), "".join(said)
        assert str(lock_path(project)) in said[-1]
        time.sleep(1)
        assert build.poll() is None, "it waits"
        assert not (project / "_build" / "html").exists() and not (project / "notebooks").exists()
    finally:
        lock.release()
    output, _ = build.communicate(timeout=600)
    assert build.returncode == 0, "".join(said) + output
    assert (project / "_build" / "html" / "index.html").is_file()


def test_a_site_published_as_a_plain_folder_is_replaced(tmp_path):
    """Projects built before releases existed have a real _build/html folder."""
    dest = tmp_path / "_build" / "html"
    write_site(dest, "old")
    publish(write_site(tmp_path / "built-new", "new"), dest)
    assert dest.is_symlink() and site_version(dest) == "new"
    publish(write_site(tmp_path / "built-next", "next"), dest)
    assert site_version(dest) == "next"
    assert len(list(jupyterbook.releases_of(dest).iterdir())) == 2
