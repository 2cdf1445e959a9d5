"""One scoring, two languages: the runtime's scoring.py (what the notebook and the grader use)
and the book's scoring.js are both held to the same table of cases,
tests/fixtures/scoring_cases.json (made by tests/fixtures/make_scoring_cases.py)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from patientcourse_runtime.scoring import score

HERE = Path(__file__).resolve().parent
TABLE = HERE / "fixtures" / "scoring_cases.json"
SCORING_JS = HERE.parent / "patientcourse" / "web" / "scoring.js"


@pytest.fixture(scope="module")
def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


def test_the_table_covers_every_question_type_with_right_wrong_partial_and_malformed(table):
    types = {table["questions"][c["question"]]["type"] for c in table["cases"]}
    assert types == {"single", "multiple", "truefalse", "matching", "ordering", "numeric"}
    scores = {c["score"] for c in table["cases"]}
    assert {0.0, 1.0} <= scores and any(0 < s < 1 for s in scores)
    assert sum(c["feedback"] == ["No answer was given in a form this question accepts."]
               for c in table["cases"]) >= 20


def test_python_scores_every_case_as_the_table_says(table):
    for case in table["cases"]:
        got = score(table["questions"][case["question"]], case["answer"])
        assert (got.score, got.feedback) == (pytest.approx(case["score"]), case["feedback"]), case


def test_the_books_script_scores_every_case_as_the_table_says(table):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed; CI=true, so the JavaScript scoring test must run.")
        pytest.skip("node is not installed")
    done = subprocess.run([node, str(HERE / "js" / "score_table.js"), str(SCORING_JS), str(TABLE)],
                          capture_output=True, text=True, check=True)
    for case, got in zip(table["cases"], json.loads(done.stdout), strict=True):
        assert (got["score"], got["feedback"]) == (pytest.approx(case["score"]), case["feedback"]), case
