"""Results file names, made the same in the notebook (patientcourse_runtime/filenames.py) and
in the book's "Download my results" (patientcourse/web/filenames.js): both are held to
tests/fixtures/file_names.json. Collected files must not collide, must be safe on every
system, and must keep a learner's name readable in any script."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from patientcourse_runtime.filenames import results_file_name

HERE = Path(__file__).resolve().parent
TABLE = HERE / "fixtures" / "file_names.json"
FILENAMES_JS = HERE.parent / "patientcourse" / "web" / "filenames.js"
UNSAFE = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


@pytest.fixture(scope="module")
def table() -> list[dict]:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def test_the_runtime_names_every_case_as_the_table_says(table):
    for case in table:
        assert results_file_name(case["course"], case["assignment"], case["learner"]) == case["file"], case


def test_every_name_in_the_table_is_safe_and_short(table):
    for case in table:
        assert not UNSAFE & set(case["file"]) and not case["file"].startswith("."), case
        assert len(case["file"]) <= 200
    assert len({c["file"] for c in table if c["learner"]["name"] or c["learner"]["id"]}) > 10


def test_the_books_script_names_every_case_as_the_table_says(table):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed; CI=true, so the JavaScript file name test must run.")
        pytest.skip("node is not installed")
    done = subprocess.run([node, str(HERE / "js" / "file_names.js"), str(FILENAMES_JS), str(TABLE)],
                          capture_output=True, text=True, check=True, encoding="utf-8")
    assert json.loads(done.stdout) == [case["file"] for case in table]
