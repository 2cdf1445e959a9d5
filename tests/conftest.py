"""Shared fixtures (the real course, a copy of the small test course, a built book) and
the markers that split the suite.

Which tests are ``browser`` or ``slow`` is decided here, by folder and by fixture, not by
remembering a decorator: everything under tests/browser/ and every test that uses Chromium
is ``browser``; every test that uses a built book is ``slow``. A test that executes
notebooks or runs Jupyter Book without being ``slow`` fails, so
``pytest -m "not browser and not slow"`` really is the fast unit suite (``make test`` runs all).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from patientcourse.structure import load_course

from support import COURSE_DIR, MINI_COURSE, make_project


BROWSER_FOLDER = Path(__file__).resolve().parent / "browser"
BROWSER_FIXTURES = {"chromium_browser", "browser_context", "page", "book_url"}
SLOW_FIXTURES = {"built_book", "book_url", "packs", "hostile_book", "lite_book"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FOLDER in Path(item.path).resolve().parents or fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _only_slow_tests_build_books(request, monkeypatch):
    """Outside ``slow`` tests, executing notebooks or running Jupyter Book is an error that
    says how to mark the test (in this process; a test that builds in a subprocess is marked
    ``slow`` by hand)."""
    if request.node.get_closest_marker("slow"):
        return
    import patientcourse.book.pipeline as pipeline

    def refuse(*args, **kwargs):
        raise AssertionError(f"{request.node.nodeid} builds a book, which is slow: use a built-book "
                             "fixture (built_book, book_url, packs) or mark it @pytest.mark.slow.")

    for name in ("execute_notebooks", "run_jupyter_book"):
        monkeypatch.setattr(pipeline, name, refuse)


@pytest.fixture(scope="session")
def course():
    """The real course, loaded and validated."""
    return load_course(COURSE_DIR)


@pytest.fixture
def mini_course_dir(tmp_path) -> Path:
    """A writable copy of the small two-chapter course, for tests that break it."""
    return Path(shutil.copytree(MINI_COURSE, tmp_path / "course"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, course) -> Path:
    """The real course built into a temporary project; returns its ``_build/html``."""
    from patientcourse.book.pipeline import build_html, generate

    project = make_project(tmp_path_factory.mktemp("book"))
    return build_html(project, generate(course)[0])


@pytest.fixture(scope="session")
def lite_book(tmp_path_factory, course) -> Path:
    """The real course built with ``--lite`` (the in-browser JupyterLab under ``lite/``) into a
    temporary project; returns its ``_build/html``. Its downloads come from the user's cache.

    Built once per test run, not once per pytest-xdist worker: the first worker to need it
    builds it under a lock in the run's shared temporary folder, the others wait and reuse it."""
    from filelock import FileLock

    from patientcourse.book.pipeline import build_html, generate

    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist each worker's folder (popen-gwN) sits in the run's folder.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    project, done = shared / "lite-book", shared / "lite-book.built"
    with FileLock(shared / "lite-book.lock"):
        if not done.is_file():
            make_project(project)
            done.write_text(str(build_html(project, generate(course)[0], lite=True)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))
