"""Paths and helpers shared by test modules (import them from here, not from a conftest:
there are two conftest modules, and `from conftest import` picks whichever came first)."""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable, TypeVar

REPO = Path(__file__).resolve().parent.parent
COURSE_DIR = REPO / "course"
MINI_COURSE = Path(__file__).resolve().parent / "fixtures" / "minicourse"

T = TypeVar("T")


def make_project(dest: Path) -> Path:
    """An empty book project: just the repo's hand-written _config.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "_config.yml", dest / "_config.yml")
    return dest


def problems(course_dir: Path) -> list[str]:
    """The located problems loading ``course_dir`` raises, as the command line prints them."""
    import pytest

    from patientcourse.structure import CourseError, load_course

    with pytest.raises(CourseError) as info:
        load_course(course_dir)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a fixture file (which must hold it) with ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for_value(read: Callable[[], T], until: Callable[[T], bool], timeout: float = 10.0) -> T:
    """``read()`` again and again until ``until(value)`` holds, or ``timeout`` seconds pass;
    returns the last value read. For state that something asynchronous sets a moment after the
    action that starts it (a page's script after a click, a kernel after a comm message, a
    background thread): reading it once, right after the action, races it. The caller asserts
    on the value returned, so a failure still shows what was there instead."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value) or time.monotonic() >= deadline:
            return value
        time.sleep(0.05)
