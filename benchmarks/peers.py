"""The projects being compared, and the commands that build them.

* **ours**: a project folder with the repo's ``_config.yml`` and a copy of the course source,
  built by ``patientcourse build`` exactly as a user runs it (the console script, a fresh
  process, in the project folder).
* **peer**: the same generated notebooks, ``_toc.yml``, ``book/`` pages and ``course.json``
  with the same Sphinx configuration, built by Jupyter Book alone: ``execute_notebooks:
  force`` for the clean build ("bare"), ``cache`` (Jupyter Book's own jupyter-cache) for the
  no-op and edit builds. An edit reaches the peer as the edited generated files, as if its
  author had edited the notebook or page directly.

Both run ``jupyter-book`` the same way: ``jupyter_book_command()``, which skips the one slow
optional import (``rfc3987_syntax``, 3 s) that our builder skips too, so neither side is
charged for it. The plain ``jupyter-book`` script pays it on every run.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

from patientcourse.book.jupyterbook import jupyter_book_command, stage_config
from patientcourse.book.pipeline import generate, load
from patientcourse.render.project import write_files

from reuse import support_helpers

OURS_SCRIPT = Path(sys.executable).with_name("patientcourse")


def write_our_project(dest: Path, course_source: Path, article: Path) -> Path:
    """A fresh project: the repo's ``_config.yml`` and a copy of ``course_source`` in
    ``course/``, naming its source ``article`` by an absolute path (the copy lives elsewhere)."""
    shutil.rmtree(dest, ignore_errors=True)
    support_helpers().make_project(dest)
    shutil.copytree(course_source, dest / "course")
    yml = dest / "course" / "course.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(re.sub(r"(?m)^(  file: ).*$", lambda m: f"{m.group(1)}{article}", text, count=1), encoding="utf-8")
    return dest


def our_build_command(project: Path, today: str) -> list[str]:
    return [str(OURS_SCRIPT), "build", "--course", str(project / "course"), "--project", str(project),
            "--today", today]


def check_command(project: Path, today: str) -> list[str]:
    return [str(OURS_SCRIPT), "check", "--course", str(project / "course"), "--today", today]


def generated(project: Path) -> dict[str, bytes]:
    """What the course in ``project/course`` generates (the peer's inputs)."""
    return generate(load(project / "course"))[0]


def write_peer_project(dest: Path, ours: Path, execute: str) -> Path:
    """The peer of our project ``ours``: its generated files, our config with Jupyter Book
    executing the notebooks itself (``execute``: force or cache)."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    config = yaml.safe_load(stage_config(ours / "_config.yml"))
    config["execute"]["execute_notebooks"] = execute
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    write_files(generated(ours), dest)
    return dest


def update_peer(peer: Path, ours: Path) -> list[str]:
    """Bring the peer's inputs up to our (edited) course; returns the files that changed."""
    return write_files(generated(ours), peer)


def peer_build_command(project: Path, jobs: int | None = None) -> list[str]:
    if jobs is None:
        return [*jupyter_book_command(), "build", str(project)]
    # Jupyter Book 1's command line has no -j; its build_sphinx takes ``jobs``.
    code = ("import sys; sys.modules.setdefault('rfc3987_syntax', None); import jupyter_book.sphinx as s; "
            f"real = s.build_sphinx; s.build_sphinx = lambda *a, **k: real(*a, **{{**k, 'jobs': {jobs}}}); "
            "from jupyter_book.cli.main import main; main()")
    return [sys.executable, "-c", code, "build", str(project)]


def executed_by_peer(output: str) -> int:
    """Notebooks the peer executed, from its log (myst-nb says so for each)."""
    return len(re.findall(r"Executing notebook", output))


def executed_by_ours(output: str) -> tuple[int, int, int]:
    """(executed, reused, in a kernel) from ``Executed N of M notebooks (K reused); J needed a kernel.``"""
    match = re.search(r"Executed (\d+) of \d+ notebooks \((\d+) reused\); (\d+) needed a kernel", output)
    if not match:
        raise ValueError(f"the build did not say what it executed:\n{output[-2000:]}")
    return int(match[1]), int(match[2]), int(match[3])


def page(project: Path, rel: str) -> str:
    return (project / "_build" / "html" / rel).read_text(encoding="utf-8")
