"""How an answer is scored: the one implementation, used by the live quiz, the builder and
the grader (the book's ``scoring.js`` is checked against it by a shared table of cases,
``tests/fixtures/scoring_cases.json``).

A question here is the JSON the runtime bundle carries (``patientcourse.structure`` writes
it with ``Question.runtime()``): option ids, item/match ids and step ids included. An answer
is plain JSON, encoded per type:

=========== ==============================================  =============================
type        answer                                          example
=========== ==============================================  =============================
single      an option id                                    ``"b"``
multiple    a list of option ids                            ``["a", "c"]``
truefalse   a boolean                                       ``false``
matching    for each item id, the id of the match chosen    ``{"i3f2a1c": "m90b1d2", ...}``
ordering    the step ids in the order chosen                ``["s1c9e20", "s77ab01", ...]``
numeric     a number                                        ``20``
=========== ==============================================  =============================

Scoring never raises: an answer of the wrong form (anything a results file may hold) scores
0 with ``INVALID`` as its feedback.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

INVALID = "No answer was given in a form this question accepts."
ALL_MATCHES_RIGHT = "All matches are right."
ORDER_RIGHT = "The order is right."
# A hair of slack so 19.9 with tolerance 0.1 around 20 is not lost to float rounding.
NUMERIC_SLACK = 1e-9


@dataclass(frozen=True)
class Scored:
    """The result of checking one answer: a share of the point (0..1) and feedback lines."""
    score: float
    feedback: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.score >= 1.0 - 1e-9


def _invalid() -> Scored:
    return Scored(0.0, [INVALID])


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _single(q: dict, answer: Any) -> Scored:
    option = next((o for o in q["options"] if o["id"] == answer), None) if isinstance(answer, str) else None
    if option is None:
        return _invalid()
    return Scored(1.0 if option["correct"] else 0.0, [option["feedback"]])


def _multiple(q: dict, answer: Any) -> Scored:
    by_id = {o["id"]: o for o in q["options"]}
    if not _is_text_list(answer) or not set(answer) <= set(by_id):
        return _invalid()
    chosen = [o for o in q["options"] if o["id"] in answer]  # option order; a repeat counts once
    right = sum(o["correct"] for o in q["options"])
    hits = sum(o["correct"] for o in chosen)
    wrong_picks = len(chosen) - hits
    # Partial credit: each right pick earns a share, each wrong pick takes one back.
    return Scored(max(0.0, (hits - wrong_picks) / right), [o["feedback"] for o in chosen])


def _truefalse(q: dict, answer: Any) -> Scored:
    if not isinstance(answer, bool):
        return _invalid()
    return Scored(1.0 if answer == q["answer"] else 0.0, [q["if_true"] if answer else q["if_false"]])


def _matching(q: dict, answer: Any) -> Scored:
    items = [p["item_id"] for p in q["pairs"]]
    matches = {p["match_id"] for p in q["pairs"]}
    if (not isinstance(answer, dict) or set(answer) != set(items)
            or not all(isinstance(v, str) and v in matches for v in answer.values())):
        return _invalid()
    wrong = [p["feedback"] for p in q["pairs"] if answer[p["item_id"]] != p["match_id"]]
    return Scored((len(items) - len(wrong)) / len(items), wrong or [ALL_MATCHES_RIGHT])


def _ordering(q: dict, answer: Any) -> Scored:
    ids = [s["id"] for s in q["steps"]]  # in the right order
    if not _is_text_list(answer) or sorted(answer) != sorted(ids):
        return _invalid()
    wrong = [s["feedback"] for s, given in zip(q["steps"], answer) if given != s["id"]]
    return Scored((len(ids) - len(wrong)) / len(ids), wrong or [ORDER_RIGHT])


def _numeric(q: dict, answer: Any) -> Scored:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return _invalid()
    try:
        # An int too large for a float (a 400-digit number) is simply not the answer.
        value = float(answer)
    except OverflowError:
        return _invalid()
    if not math.isfinite(value):
        return _invalid()
    ok = abs(value - q["answer"]) <= q["tolerance"] + NUMERIC_SLACK
    return Scored(1.0 if ok else 0.0, [q["if_correct"] if ok else q["if_wrong"]])


SCORERS: dict[str, Callable[[dict, Any], Scored]] = {
    "single": _single, "multiple": _multiple, "truefalse": _truefalse,
    "matching": _matching, "ordering": _ordering, "numeric": _numeric,
}


def score(question: dict, answer: Any) -> Scored:
    """Score ``answer`` against a practice-bundle ``question`` (one with its answer key)."""
    return SCORERS[question["type"]](question, answer)
