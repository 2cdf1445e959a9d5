"""One scoring, two languages: the runtime's scoring.py (what the notebook and the grader use)
and the book's scoring.js are both held to the same table of cases,
tests/fixtures/scoring_cases.json (made by tests/fixtures/make_scoring_cases.py): the score,
the feedback, the counts of right parts and the verdict and tally said to the learner.
The numeric inputs of both faces read typed numbers by the hand-written table
tests/fixtures/number_cases.json."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from patientcourse_runtime.scoring import parse_number, score, without_verdict

HERE = Path(__file__).resolve().parent
TABLE = HERE / "fixtures" / "scoring_cases.json"
NUMBERS = HERE / "fixtures" / "number_cases.json"
SAID = ("score", "feedback", "right", "of", "wrong", "verdict", "tally")
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


def test_the_table_says_how_many_parts_are_right_in_words(table):
    tallies = {c["tally"] for c in table["cases"]}
    assert {"You found 1 of 2. One choice is wrong.", "0 of 3 pairs are right.",
            "3 of 5 steps are in the right place."} <= tallies
    assert {c["verdict"] for c in table["cases"]} >= {"Correct.", "Not correct.", "Partly correct: 50% of the marks."}


def said(result: dict) -> tuple:
    return tuple(pytest.approx(result[k]) if k == "score" else result[k] for k in SAID)


def test_python_scores_every_case_as_the_table_says(table):
    for case in table["cases"]:
        got = score(table["questions"][case["question"]], case["answer"])
        assert said({k: getattr(got, k) for k in SAID}) == said(case), case


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed; CI=true, so the JavaScript scoring test must run.")
        pytest.skip("node is not installed")
    return node


def test_the_books_script_scores_every_case_as_the_table_says(table):
    done = subprocess.run([node_or_skip(), str(HERE / "js" / "score_table.js"), str(SCORING_JS), str(TABLE)],
                          capture_output=True, text=True, check=True)
    for case, got in zip(table["cases"], json.loads(done.stdout), strict=True):
        assert said(got) == said(case), case


@pytest.fixture(scope="module")
def numbers() -> dict:
    return json.loads(NUMBERS.read_text(encoding="utf-8"))


def test_python_reads_typed_numbers_as_the_table_says(numbers):
    for case in numbers["cases"]:
        assert parse_number(case["text"], case["units"]) == case["value"], case
    for case in numbers["feedback_lines"]:
        assert without_verdict(case["line"]) == case["shown"], case


def test_the_books_script_reads_typed_numbers_as_the_table_says(numbers):
    done = subprocess.run([node_or_skip(), str(HERE / "js" / "number_table.js"), str(SCORING_JS), str(NUMBERS)],
                          capture_output=True, text=True, check=True)
    got = json.loads(done.stdout)
    for case, value in zip(numbers["cases"], got["values"], strict=True):
        assert value == case["value"], case
    for case, shown in zip(numbers["feedback_lines"], got["shown"], strict=True):
        assert shown == case["shown"], case
