"""Bundle quiz dicts → what a quiz face shows, for both bundle modes.

The live widget and the static HTML draw the same choices in the same order with the same
ids, so an answer given in the book and one given in Jupyter are byte-for-byte the same JSON
(encodings in ``scoring.py``).

Options are shown in the bundle's ``order`` (a fixed shuffle, the same on every face) and
labelled a, b, c in that order (``displayed_letters``), so "option b" is the second option
shown everywhere; answers keep recording option ids (their written position).

A practice bundle holds whole questions (``key``: what ``scoring.score`` and the book's
script check answers against). An assessment bundle holds only what a learner is shown
(``render/bundle.py`` keeps an allowlist), so ``key`` is None there.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from string import ascii_lowercase

from ..scoring import without_verdict

TRUE_FALSE = [("true", "True"), ("false", "False")]
TYPES = ("single", "multiple", "truefalse", "matching", "ordering", "numeric")


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    label: str = ""  # the letter it is shown with (options only)


def displayed_letters(order: list[str]) -> dict[str, str]:
    """Option id -> the letter it is shown with: a, b, c… in the order shown."""
    return dict(zip(order, ascii_lowercase))


@dataclass(frozen=True)
class ShownQuestion:
    """One question as a learner sees it. ``key`` is None in assessment mode."""
    number: int
    id: str
    type: str
    prompt: str
    objective: str
    section: str
    choices: list[Choice] = field(default_factory=list)   # single, multiple, truefalse
    items: list[Choice] = field(default_factory=list)     # matching: the left column
    matches: list[Choice] = field(default_factory=list)   # matching: what each item can match
    steps: list[Choice] = field(default_factory=list)     # ordering: in the shown (shuffled) order
    unit: str = ""                                       # numeric
    unit_one: str = ""                                   # numeric: the unit for one
    example: float | None = None                         # numeric: never an accepted answer
    hint: str | None = None                              # practice: after a wrong answer
    reveal_after: int = 2                                # practice: wrong tries before the answer shows
    key: dict | None = None

    @property
    def units(self) -> list[str]:
        return [u for u in (self.unit, self.unit_one) if u]

    def unit_for(self, value: float) -> str:
        return self.unit_one if value == 1 and self.unit_one else self.unit


class QuizDataError(ValueError):
    """The bundle's quiz is not what this version of the runtime can show."""


def shown_questions(chapter_id: str, quiz: dict, mode: str) -> list[ShownQuestion]:
    out = []
    for number, data in enumerate(quiz.get("questions", []), start=1):
        where = f"course.json: chapters.{chapter_id}.quiz.questions[{number - 1}]"
        try:
            out.append(_shown(number, data, mode))
        except (KeyError, TypeError, QuizDataError) as err:
            raise QuizDataError(f"{where} (id {data.get('id', '?')!r}): this question cannot be shown "
                                f"({err}). Regenerate the bundle with `patientcourse generate`.") from err
    return out


def _shown(number: int, data: dict, mode: str) -> ShownQuestion:
    if data["type"] not in TYPES:
        raise QuizDataError(f"unknown question type {data['type']!r}")
    common = dict(number=number, id=data["id"], type=data["type"], prompt=data["prompt"],
                  objective=data.get("objective", ""), section=data.get("section", ""))
    if mode == "assessment":
        return ShownQuestion(**common, **_assessment_parts(data))
    return ShownQuestion(**common, **_practice_parts(data), key=data, hint=data.get("hint"),
                         reveal_after=int(data.get("reveal_after", 2)))


def _options(q: dict) -> list[Choice]:
    """Options in the shown order, with their shown letters (a bundle written before options
    were shuffled has no ``order``: the written order then)."""
    text = {o["id"]: o["text"] for o in q["options"]}
    order = q.get("order") or list(text)
    if sorted(order) != sorted(text):
        raise QuizDataError("its option order does not list each option once")
    letters = displayed_letters(order)
    return [Choice(option_id, text[option_id], letters[option_id]) for option_id in order]


def _numeric_parts(q: dict) -> dict:
    return {"unit": q.get("unit", ""), "unit_one": q.get("unit_one") or q.get("unit", ""),
            "example": q.get("example", 12)}


def _practice_parts(q: dict) -> dict:
    kind = q["type"]
    if kind in ("single", "multiple"):
        return {"choices": _options(q)}
    if kind == "truefalse":
        return {"choices": [Choice(*c) for c in TRUE_FALSE]}
    if kind == "matching":
        # Matches sorted by their opaque id, as in an assessment bundle: never the pair order.
        matches = sorted((Choice(p["match_id"], p["match"]) for p in q["pairs"]), key=lambda c: c.id)
        return {"items": [Choice(p["item_id"], p["item"]) for p in q["pairs"]], "matches": matches}
    if kind == "ordering":
        text = {s["id"]: s["text"] for s in q["steps"]}
        return {"steps": [Choice(sid, text[sid]) for sid in q["shown_order"]]}
    return _numeric_parts(q)


def _assessment_parts(q: dict) -> dict:
    kind = q["type"]
    if kind in ("single", "multiple"):
        return {"choices": _options(q)}
    if kind == "truefalse":
        return {"choices": [Choice(*c) for c in TRUE_FALSE]}
    if kind == "matching":
        return {"items": [Choice(i["id"], i["text"]) for i in q["items"]],
                "matches": [Choice(m["id"], m["text"]) for m in q["matches"]]}
    if kind == "ordering":
        return {"steps": [Choice(s["id"], s["text"]) for s in q["steps"]]}
    return _numeric_parts(q)


def right_answer_text(q: ShownQuestion) -> list[str]:
    """The right answer in words, for the no-JavaScript ``<details>`` and the live widget."""
    key = q.key
    if q.type in ("single", "multiple"):
        right = {o["id"] for o in key["options"] if o["correct"]}
        return [f"{c.label}. {c.text}" for c in q.choices if c.id in right]
    if q.type == "truefalse":
        return ["True" if key["answer"] else "False"]
    if q.type == "matching":
        return [f"{p['item']} → {p['match']}" for p in key["pairs"]]
    if q.type == "ordering":
        return [f"{n}. {s['text']}" for n, s in enumerate(key["steps"], start=1)]
    tolerance = f" (give or take {key['tolerance']:g})" if key["tolerance"] else ""
    return [f"{key['answer']:g} {q.unit_for(key['answer'])}{tolerance}"]


def option_notes(q: ShownQuestion) -> list[tuple[str, str]]:
    """Per-option feedback for the disclosure: (label, why) for each choice, pair or step. The
    verdict is said once: the author's own "Right." or "No." is left off."""
    key = q.key
    if q.type in ("single", "multiple"):
        options = {o["id"]: o for o in key["options"]}
        return [(f"{c.label}. {c.text}", _said_once("Right." if options[c.id]["correct"] else "Wrong.",
                                                    options[c.id]["feedback"])) for c in q.choices]
    if q.type == "truefalse":
        return [("True", _said_once("Right." if key["answer"] else "Wrong.", key["if_true"])),
                ("False", _said_once("Wrong." if key["answer"] else "Right.", key["if_false"]))]
    if q.type == "matching":
        return [(p["item"], p["feedback"]) for p in key["pairs"]]
    if q.type == "ordering":
        return [(s["text"], s["feedback"]) for s in key["steps"]]
    return []


def _said_once(verdict: str, feedback: str) -> str:
    return " ".join(part for part in (verdict, without_verdict(feedback)) if part)
