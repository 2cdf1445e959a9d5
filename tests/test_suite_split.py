"""The fast unit suite (`pytest -m "not browser and not slow"`) holds no browser test and no
test that builds a book; `make test` runs every test."""
from __future__ import annotations

import subprocess
import sys

from support import REPO


def collected(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                           *args], capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return {line.split("::")[0] + "::" + line.split("::")[1].split("[")[0]
            for line in done.stdout.splitlines() if "::" in line}


def test_the_fast_suite_has_no_browser_and_no_book_building_test():
    fast = collected("-m", "not browser and not slow", "tests")
    everything = collected("tests")
    assert fast < everything
    assert not [t for t in fast if t.startswith("tests/browser/")]
    # Tests that use a built book (by fixture) or a browser outside tests/browser/.
    for slow in ("tests/test_build.py::test_every_page_shows_the_disclaimer",
                 "tests/test_instructor_pack.py::test_pack_holds_the_chosen_chapters_book_notebooks_and_readme",
                 "tests/test_instructor_book_results.py::test_book_download_and_notebook_file_grade_the_same",
                 "tests/test_packaging.py::test_a_wheel_installed_in_a_fresh_venv_builds_the_book"):
        assert slow in everything and slow not in fast, slow


def test_make_test_runs_every_test():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    [command] = [line.strip() for line in makefile.splitlines() if "-m pytest" in line]
    assert command == "$(BIN)/python -m pytest $(PYTEST_ARGS)"  # no -m: nothing is left out
