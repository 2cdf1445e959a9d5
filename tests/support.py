"""Paths and helpers shared by test modules (import them from here, not from a conftest:
there are two conftest modules, and `from conftest import` picks whichever came first)."""
from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COURSE_DIR = REPO / "course"
MINI_COURSE = Path(__file__).resolve().parent / "fixtures" / "minicourse"


def make_project(dest: Path) -> Path:
    """An empty book project: just the repo's hand-written _config.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "_config.yml", dest / "_config.yml")
    return dest
