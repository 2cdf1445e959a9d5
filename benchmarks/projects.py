"""The two book projects being compared, and the commands that build them.

* **ours**: the repo's ``_config.yml`` plus the generated files, built by ``build_html``
  (notebooks executed by nbclient in parallel with a cache, then ``jupyter-book build`` on
  a stage folder, then published atomically).
* **bare**: the same generated notebooks, ``_toc.yml``, ``book/`` pages and ``course.json``
  with the same ``_config.yml`` except ``execute_notebooks: force``, built by a plain
  ``jupyter-book build <dir>``: what an author would get from Jupyter Book alone.

Each build runs in its own process so its time and memory are measured like a user's.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from patientcourse.book.jupyterbook import jupyter_book_command, stage_config
from patientcourse.render.project import write_files

from reuse import REPO, support_helpers

RUN_OURS = Path(__file__).resolve().parent / "run_ours.py"


def write_our_project(dest: Path, files: dict[str, bytes]) -> Path:
    """A fresh project: the repo's ``_config.yml`` (via the tests' ``make_project``) + files."""
    shutil.rmtree(dest, ignore_errors=True)
    support_helpers().make_project(dest)
    write_files(files, dest)
    return dest


def write_bare_project(dest: Path, files: dict[str, bytes]) -> Path:
    """The same inputs for a plain ``jupyter-book build`` that executes every notebook itself.

    The config is the one our stage uses (``stage_config``: the runtime's static folder as
    an absolute path, since a bare project has no ``patientcourse/static``), with execution
    switched to ``force`` so Jupyter Book runs the notebooks instead of our executor."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    config = yaml.safe_load(stage_config(REPO / "_config.yml"))
    config["execute"]["execute_notebooks"] = "force"
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    write_files(files, dest)
    return dest


def our_build_command(project: Path, phases_out: Path, workers: int | None = None) -> list[str]:
    """``build_html`` in a fresh interpreter; it writes its phase times to ``phases_out``."""
    return [sys.executable, str(RUN_OURS), str(project), str(workers or 0), str(phases_out)]


def bare_build_command(project: Path) -> list[str]:
    return [*jupyter_book_command(), "build", str(project)]


def cache_entries(project: Path) -> set[str]:
    """Executed notebooks in our cache: one new entry per notebook a build executed."""
    return {p.name for p in (project / "_build" / ".cache").glob("*.ipynb")}


def published_page(project: Path, chapter_id: str) -> Path:
    """A chapter's page in the built site (ours publishes to, and bare builds into, _build/html)."""
    return project / "_build" / "html" / "notebooks" / f"{chapter_id}.html"
