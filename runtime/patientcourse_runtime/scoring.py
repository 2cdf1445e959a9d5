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

Besides the score, a result counts the parts (``right`` of ``of``, and ``wrong`` picks in a
"pick all that apply"), and says the verdict and the tally in words (``verdict``, ``tally``),
so the book's script and the notebook tell a learner the same thing from the same numbers.
This module also reads a typed number (``parse_number``): what the numeric inputs of both
faces accept. ``scoring.js`` does all of this the same way (checked by the shared tables
``tests/fixtures/scoring_cases.json`` and ``number_cases.json``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

INVALID = "No answer was given in a form this question accepts."
ALL_MATCHES_RIGHT = "All matches are right."
ORDER_RIGHT = "The order is right."
# A hair of slack so 19.9 with tolerance 0.1 around 20 is not lost to float rounding.
NUMERIC_SLACK = 1e-9


@dataclass(frozen=True)
class Scored:
    """The result of checking one answer: a share of the point (0..1), feedback lines, and how
    many parts were right: ``right`` of ``of`` (options to find, pairs, steps; 1 for the other
    types) and, for "pick all that apply", ``wrong`` choices picked."""
    score: float
    feedback: list[str] = field(default_factory=list)
    right: int = 0
    of: int = 1
    wrong: int = 0
    kind: str = ""

    @property
    def correct(self) -> bool:
        return self.score >= 1.0 - 1e-9

    @property
    def verdict(self) -> str:
        return verdict(self.score)

    @property
    def tally(self) -> str:
        """How much of the answer is right, without naming which parts ("" when all is right,
        and for questions of one part)."""
        return tally(self.kind, self.right, self.of, self.wrong) if not self.correct else ""


def verdict(score: float) -> str:
    """Right or wrong in words (never colour alone)."""
    if score >= 1 - 1e-9:
        return "Correct."
    if score <= 1e-9:
        return "Not correct."
    return f"Partly correct: {round(score * 100)}% of the marks."


COUNT_WORDS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


def _count(n: int) -> str:
    """A count that starts a sentence: "One", "Two"… (digits past ten)."""
    return COUNT_WORDS[n] if 0 <= n < len(COUNT_WORDS) else str(n)


def tally(kind: str, right: int, of: int, wrong: int) -> str:
    if kind == "multiple":
        wrong_text = "" if not wrong else (" One choice is wrong." if wrong == 1
                                           else f" {_count(wrong)} choices are wrong.")
        return f"You found {right} of {of}.{wrong_text}"
    if kind == "matching":
        return f"{right} of {of} pairs are right."
    if kind == "ordering":
        return f"{right} of {of} steps are in the right place."
    return ""


# A verdict an author wrote at the start of a feedback line ("Right. …", "Not quite. …"). The
# quiz says the verdict itself, so faces show the line without it: no verdict is said twice.
LEADING_VERDICT = re.compile(r"^(?:Right|Correct|Yes|No|Not quite|Not so|Wrong|Exactly)[.!:]\s*")


def without_verdict(line: str) -> str:
    rest = LEADING_VERDICT.sub("", line, count=1)
    return rest[:1].upper() + rest[1:]


def _invalid() -> Scored:
    return Scored(0.0, [INVALID], right=0, of=1)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _single(q: dict, answer: Any) -> Scored:
    option = next((o for o in q["options"] if o["id"] == answer), None) if isinstance(answer, str) else None
    if option is None:
        return _invalid()
    ok = bool(option["correct"])
    return Scored(1.0 if ok else 0.0, [option["feedback"]], right=int(ok))


def _multiple(q: dict, answer: Any) -> Scored:
    by_id = {o["id"]: o for o in q["options"]}
    if not _is_text_list(answer) or not set(answer) <= set(by_id):
        return _invalid()
    chosen = [o for o in q["options"] if o["id"] in answer]  # option order; a repeat counts once
    right = sum(o["correct"] for o in q["options"])
    hits = sum(o["correct"] for o in chosen)
    wrong_picks = len(chosen) - hits
    # Partial credit: each right pick earns a share, each wrong pick takes one back.
    return Scored(max(0.0, (hits - wrong_picks) / right), [o["feedback"] for o in chosen],
                  right=hits, of=right, wrong=wrong_picks, kind="multiple")


def _truefalse(q: dict, answer: Any) -> Scored:
    if not isinstance(answer, bool):
        return _invalid()
    ok = answer == q["answer"]
    return Scored(1.0 if ok else 0.0, [q["if_true"] if answer else q["if_false"]], right=int(ok))


def _matching(q: dict, answer: Any) -> Scored:
    items = [p["item_id"] for p in q["pairs"]]
    matches = {p["match_id"] for p in q["pairs"]}
    if (not isinstance(answer, dict) or set(answer) != set(items)
            or not all(isinstance(v, str) and v in matches for v in answer.values())):
        return _invalid()
    wrong = [p["feedback"] for p in q["pairs"] if answer[p["item_id"]] != p["match_id"]]
    return Scored((len(items) - len(wrong)) / len(items), wrong or [ALL_MATCHES_RIGHT],
                  right=len(items) - len(wrong), of=len(items), kind="matching")


def _ordering(q: dict, answer: Any) -> Scored:
    ids = [s["id"] for s in q["steps"]]  # in the right order
    if not _is_text_list(answer) or sorted(answer) != sorted(ids):
        return _invalid()
    wrong = [s["feedback"] for s, given in zip(q["steps"], answer) if given != s["id"]]
    return Scored((len(ids) - len(wrong)) / len(ids), wrong or [ORDER_RIGHT],
                  right=len(ids) - len(wrong), of=len(ids), kind="ordering")


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
    return Scored(1.0 if ok else 0.0, [q["if_correct"] if ok else q["if_wrong"]], right=int(ok))


SCORERS: dict[str, Callable[[dict, Any], Scored]] = {
    "single": _single, "multiple": _multiple, "truefalse": _truefalse,
    "matching": _matching, "ordering": _ordering, "numeric": _numeric,
}


def score(question: dict, answer: Any) -> Scored:
    """Score ``answer`` against a practice-bundle ``question`` (one with its answer key)."""
    return SCORERS[question["type"]](question, answer)


# -- a typed number ---------------------------------------------------------------------------
# What people type for a number: "20", " 20 ", "20.0", "2,5" (decimal comma), "1,500"
# (a thousands comma: a comma before exactly three digits), "20 minutes", "twenty",
# "twenty-five", "one". Anything else is not a number (None), and the face says so.
NUMBER_WORDS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS_WORDS = {word: 10 * n for n, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
# [0-9], not \d: Python's \d also takes other scripts' digits, which scoring.js does not.
DIGITS = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$")
THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?[0-9]*,[0-9]+$")


def _without_unit(text: str, units: list[str]) -> str:
    """The text without a trailing unit: the unit as written, its singular, or a short form of
    at least three letters ("min", "mins")."""
    for unit in units:
        unit = unit.strip().lower()
        if not unit:
            continue
        word = re.match(r"^(.*?) ?([a-z]+)$", text)
        if word and word[1] and (word[2] == unit or (len(word[2]) >= 3 and unit.startswith(word[2].rstrip("s")))):
            return word[1]
    return text


def _number_words(text: str) -> float | None:
    if text.startswith("-"):  # "-twenty" is not a number anyone means
        return None
    parts = text.replace("-", " ").split()
    if len(parts) == 1 and parts[0] in NUMBER_WORDS:
        return float(NUMBER_WORDS[parts[0]])
    if parts and parts[0] in TENS_WORDS and len(parts) <= 2:
        ones = NUMBER_WORDS.get(parts[1], -1) if len(parts) == 2 else 0
        return float(TENS_WORDS[parts[0]] + ones) if 0 <= ones <= 9 else None
    return None


def parse_number(text: str, units: list[str] | tuple[str, ...] = ()) -> float | None:
    """A number typed by a learner, or None if what was typed is not one. ``units`` are the
    question's unit words ("minutes", "minute") that may follow the number."""
    if not isinstance(text, str):
        return None
    # A full stop at the end ("20.", "20 minutes.") ends a sentence, not a number.
    cleaned = _without_unit(" ".join(text.lower().split()).rstrip("."), list(units))
    if DIGITS.match(cleaned):
        return float(cleaned)
    if THOUSANDS.match(cleaned):
        return float(cleaned.replace(",", ""))
    if DECIMAL_COMMA.match(cleaned):
        return float(cleaned.replace(",", "."))
    return _number_words(cleaned)
