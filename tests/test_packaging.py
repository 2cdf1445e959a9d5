"""The package as others install it: pyproject.toml is the one list of dependencies, and a
wheel (installed non-editable in a fresh virtualenv, outside the repository) builds the book."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from support import MINI_COURSE, REPO, make_project
from patientcourse.packaging import build_runtime_wheel

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def requirement_lines(path: Path) -> list[str]:
    return [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip()]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_requirements_files_name_the_project_and_no_package(name):
    """A package listed here as well as in pyproject.toml would drift from it. The runtime
    (runtime/, its own distribution) comes first: pip cannot find it on the package index."""
    extras = set(PYPROJECT["project"]["optional-dependencies"])
    lines = requirement_lines(REPO / name)
    assert lines[0] == "-e ./runtime", f"{name}: install the notebooks' runtime first (-e ./runtime)"
    for line in lines[1:]:
        match = re.fullmatch(r"-e \.(?:\[([\w,]+)\])?", line)
        assert match, f"{name}: {line!r} is not the project itself; list dependencies in pyproject.toml"
        assert set(filter(None, (match.group(1) or "").split(","))) <= extras, line


def test_every_test_import_is_a_declared_dependency():
    declared = {re.split(r"[<>=!\[ ;]", d)[0].lower().replace("_", "-")
                for d in PYPROJECT["project"]["dependencies"]
                + [d for group in PYPROJECT["project"]["optional-dependencies"].values() for d in group]}
    for needed in ("pytest", "pytest-xdist", "playwright", "axe-playwright-python", "psutil", "filelock"):
        assert needed in declared, needed


def _site_packages(venv: Path) -> Path:
    return Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_venv_builds_the_book(tmp_path):
    # Build from a copy, so setuptools' build/ and egg-info never land in the repository; the
    # runtime's wheel as a pack gets it.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "patientcourse", source / "patientcourse",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(source)],
                   check=True, cwd=tmp_path)
    build_runtime_wheel(dist)
    wheels = [str(w) for w in dist.glob("*.whl")]
    assert len(wheels) == 2, wheels

    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", *wheels],
                   check=True, cwd=tmp_path)
    # The dependencies come from this environment (installing them again would only test the
    # registry); the package itself only from the wheel: a .pth path line does not run the
    # editable install's own .pth file, so the repository is not on the fresh venv's path.
    (_site_packages(venv) / "borrowed-dependencies.pth").write_text(str(_site_packages(Path(sys.prefix))) + "\n")
    for package in ("patientcourse", "patientcourse_runtime"):
        where = subprocess.run([str(python), "-c", f"import {package}; print({package}.__file__)"],
                               check=True, capture_output=True, text=True, cwd=tmp_path).stdout.strip()
        assert Path(where).is_relative_to(venv), where

    project = make_project(tmp_path / "project")
    course = shutil.copytree(MINI_COURSE, tmp_path / "course")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(venv / "bin" / "patientcourse"), "build", "--course", str(course),
                             "--project", str(project), "--today", "2026-11-24"],
                            capture_output=True, text=True, cwd=tmp_path, env=env | {"COLUMNS": "200"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "_build" / "html"
    assert (site / "notebooks" / "01-basics.html").is_file()
    for static in ("patientcourse.js", "patientcourse.css", "favicon.svg"):
        assert (site / "_static" / static).is_file(), static
