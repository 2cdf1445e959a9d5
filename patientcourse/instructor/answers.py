"""Answers in words: what a learner chose, and the right answer, as instructors and learners
read them (option text, not ids), for the CSVs, the item report and the feedback pages.

Options are always listed in ``display_order`` (the order every face shows them) and never
with a letter: the letters a learner saw come from that order, and printing our option ids
(``a``, ``b`` by written position) would name a different option than the one they saw.

Every function takes any JSON value as the answer (a results file may hold anything) and
never raises: an answer in a form the question does not accept reads as ``INVALID``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from patientcourse_runtime.scoring import INVALID as SCORING_INVALID

from ..structure.quiz import display_order

INVALID = "(an answer in a form this question does not accept)"
NOT_ANSWERED = "(not answered)"


@dataclass(frozen=True)
class Choice:
    """One line of a question as shown: an option, a true/false value, a match or a step."""
    text: str
    chosen: bool
    right: bool
    detail: str = ""  # e.g. for matching: "your match: …"


def is_number(answer: Any) -> bool:
    """A finite number a numeric question can compare (bool is not a number here)."""
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return False
    try:
        return math.isfinite(float(answer))
    except OverflowError:  # an int too large for a float
        return False


def number_text(value: float, unit: str = "") -> str:
    return f"{value:g} {unit}".strip()


def _invalid(question, answer: Any) -> bool:
    # The scoring implementation is the one judge of what form a question accepts.
    return question.score(answer).feedback == [SCORING_INVALID]


def option_order(course_id: str, question) -> list[str]:
    return display_order(course_id, question)


def answer_text(course_id: str, question, answer: Any) -> str:
    """The answer in words (one line), or ``INVALID``."""
    if _invalid(question, answer):
        return INVALID
    kind = question.type
    if kind in ("single", "multiple"):
        picked = [answer] if kind == "single" else answer
        return "; ".join(question.option(i).text for i in option_order(course_id, question) if i in picked)
    if kind == "truefalse":
        return "True" if answer else "False"
    if kind == "numeric":
        return number_text(float(answer), question.unit)
    if kind == "matching":
        match_text = dict(zip(question.match_ids(), (p.match for p in question.pairs)))
        return "; ".join(f"{p.item} → {match_text[answer[i]]}" for i, p in zip(question.item_ids(), question.pairs))
    step_text = dict(zip(question.step_ids(), (s.text for s in question.steps)))
    return " → ".join(step_text[s] for s in answer)


def wrong_part_text(course_id: str, question, answer: Any) -> str:
    """Like ``answer_text``, but for matching only the pairs that are wrong: what to re-teach."""
    if question.type != "matching" or _invalid(question, answer):
        return answer_text(course_id, question, answer)
    match_text = dict(zip(question.match_ids(), (p.match for p in question.pairs)))
    return "; ".join(f"{p.item} → {match_text[answer[i]]}"
                     for i, m, p in zip(question.item_ids(), question.match_ids(), question.pairs)
                     if answer[i] != m)


def right_answer_text(course_id: str, question) -> str:
    kind = question.type
    if kind in ("single", "multiple"):
        right = set(question.correct_ids())
        return "; ".join(question.option(i).text for i in option_order(course_id, question) if i in right)
    if kind == "truefalse":
        return "True" if question.answer else "False"
    if kind == "numeric":
        tolerance = f" (± {question.tolerance:g})" if question.tolerance else ""
        return number_text(question.answer, question.unit) + tolerance
    if kind == "matching":
        return "; ".join(f"{p.item} → {p.match}" for p in question.pairs)
    return " → ".join(s.text for s in question.steps)


def choices(course_id: str, question, answer: Any) -> list[Choice]:
    """The question's lines as shown, each marked chosen and/or right, for a feedback page.
    With no valid answer (``answer`` invalid or missing), nothing is marked chosen."""
    valid = not _invalid(question, answer)
    kind = question.type
    if kind in ("single", "multiple"):
        picked = set() if not valid else {answer} if kind == "single" else set(answer)
        right = set(question.correct_ids())
        return [Choice(question.option(i).text, i in picked, i in right) for i in option_order(course_id, question)]
    if kind == "truefalse":
        return [Choice(text, valid and answer is value, question.answer is value)
                for text, value in (("True", True), ("False", False))]
    if kind == "numeric":
        given = number_text(float(answer), question.unit) if valid else NOT_ANSWERED
        return [Choice(given, valid, valid and question.score(answer).correct)]
    if kind == "matching":
        match_text = dict(zip(question.match_ids(), (p.match for p in question.pairs)))
        return [Choice(p.item, valid, valid and answer[i] == m,
                       f"your match: {match_text[answer[i]]}" if valid else "")
                for i, m, p in zip(question.item_ids(), question.match_ids(), question.pairs)]
    step_text = dict(zip(question.step_ids(), (s.text for s in question.steps)))
    right_order = question.step_ids()
    return [Choice(step_text[s], True, right_order[n] == s, f"place {n + 1}")
            for n, s in enumerate(answer)] if valid else []
