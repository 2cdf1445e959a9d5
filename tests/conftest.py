"""Shared fixtures: the real course, a copy of the small test course, and a built book."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from patientcourse.render.project import render_project
from patientcourse.structure import load_course

from support import COURSE_DIR, MINI_COURSE, make_project


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
    from patientcourse.commands.build import build_html

    project = make_project(tmp_path_factory.mktemp("book"))
    return build_html(project, render_project(course))


@pytest.fixture(scope="session")
def lite_book(tmp_path_factory, course) -> Path:
    """The real course built with ``--lite`` (the in-browser JupyterLab under ``lite/``) into a
    temporary project; returns its ``_build/html``. Its downloads come from the user's cache."""
    from patientcourse.commands.build import build_html

    project = make_project(tmp_path_factory.mktemp("lite"))
    return build_html(project, render_project(course), lite=True)
