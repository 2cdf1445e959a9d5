"""Bundle quiz dicts → what a quiz face shows, for both bundle modes.

The live widget and the static HTML draw the same choices in the same order with the same
ids, so an answer given in the book and one given in Jupyter are byte-for-byte the same JSON
(encodings in ``patientcourse/structure/quiz.py``).

A practice bundle holds whole questions: we rebuild the pydantic models (so scoring is the
one in ``structure/quiz.py``, never a copy). An assessment bundle has had every answer field
removed (``render/bundle.py``), so there is no model to rebuild; we only keep what is shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..structure.quiz import Question

QUESTION_ADAPTER = TypeAdapter(Question)
TRUE_FALSE = [("true", "True"), ("false", "False")]


@dataclass(frozen=True)
class Choice:
    id: str
    text: str


@dataclass(frozen=True)
class ShownQuestion:
    """One question as a learner sees it. ``model`` is None in assessment mode."""
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
    model: Any = None


class QuizDataError(ValueError):
    """The bundle's quiz is not what this version of patientcourse can show."""


def rebuild_question(data: dict) -> Any:
    """A practice-bundle question dict → its pydantic model, dropping the ids the bundle adds."""
    clean = {k: v for k, v in data.items() if k != "shown_order"}
    if "options" in clean:
        clean["options"] = [{k: v for k, v in o.items() if k != "id"} for o in clean["options"]]
    if "pairs" in clean:
        clean["pairs"] = [{k: v for k, v in p.items() if k not in ("item_id", "match_id")}
                          for p in clean["pairs"]]
    if "steps" in clean:
        clean["steps"] = [{k: v for k, v in s.items() if k != "id"} for s in clean["steps"]]
    return QUESTION_ADAPTER.validate_python(clean)


def shown_questions(chapter_id: str, quiz: dict, mode: str) -> list[ShownQuestion]:
    out = []
    for number, data in enumerate(quiz.get("questions", []), start=1):
        where = f"course.json: chapters.{chapter_id}.quiz.questions[{number - 1}]"
        try:
            out.append(_shown(number, data, mode))
        except (KeyError, TypeError, ValidationError) as err:
            raise QuizDataError(f"{where} (id {data.get('id', '?')!r}): this question cannot be shown "
                                f"({err}). Regenerate the bundle with `patientcourse generate`.") from err
    return out


def _shown(number: int, data: dict, mode: str) -> ShownQuestion:
    common = dict(number=number, id=data["id"], type=data["type"], prompt=data["prompt"],
                  objective=data.get("objective", ""), section=data.get("section", ""))
    if mode == "assessment":
        return ShownQuestion(**common, **_assessment_parts(data))
    model = rebuild_question(data)
    return ShownQuestion(**common, **_practice_parts(model), model=model)


def _practice_parts(q) -> dict:
    if q.type in ("single", "multiple"):
        return {"choices": [Choice(i, o.text) for i, o in zip(q.option_ids(), q.options)]}
    if q.type == "truefalse":
        return {"choices": [Choice(*c) for c in TRUE_FALSE]}
    if q.type == "matching":
        # Matches sorted by their opaque id, as in an assessment bundle: never the pair order.
        matches = sorted((Choice(m, p.match) for m, p in zip(q.match_ids(), q.pairs)), key=lambda c: c.id)
        return {"items": [Choice(i, p.item) for i, p in zip(q.item_ids(), q.pairs)], "matches": matches}
    if q.type == "ordering":
        text = dict(zip(q.step_ids(), (s.text for s in q.steps)))
        return {"steps": [Choice(sid, text[sid]) for sid in q.shown_order()]}
    if q.type == "numeric":
        return {"unit": q.unit}
    raise QuizDataError(f"unknown question type {q.type!r}")


def _assessment_parts(data: dict) -> dict:
    kind = data["type"]
    if kind in ("single", "multiple"):
        return {"choices": [Choice(o["id"], o["text"]) for o in data["options"]]}
    if kind == "truefalse":
        return {"choices": [Choice(*c) for c in TRUE_FALSE]}
    if kind == "matching":
        return {"items": [Choice(i["id"], i["text"]) for i in data["items"]],
                "matches": [Choice(m["id"], m["text"]) for m in data["matches"]]}
    if kind == "ordering":
        return {"steps": [Choice(s["id"], s["text"]) for s in data["steps"]]}
    if kind == "numeric":
        return {"unit": data.get("unit", "")}
    raise QuizDataError(f"unknown question type {kind!r}")


def answer_key(q: ShownQuestion) -> dict:
    """What the browser needs to check an answer exactly like ``Question.score`` does.

    Lists, not objects, wherever order matters: feedback comes back in the order Python gives
    it. Only for practice mode: an assessment page must not carry it."""
    m = q.model
    key: dict = {"explanation": m.explanation}
    if q.type in ("single", "multiple"):
        key["options"] = [{"id": i, "correct": o.correct, "feedback": o.feedback}
                          for i, o in zip(m.option_ids(), m.options)]
    elif q.type == "truefalse":
        key.update(answer=m.answer, if_true=m.if_true, if_false=m.if_false)
    elif q.type == "matching":
        key["pairs"] = [{"item": i, "match": mid, "feedback": p.feedback}
                        for i, mid, p in zip(m.item_ids(), m.match_ids(), m.pairs)]
    elif q.type == "ordering":  # in the right order
        key["steps"] = [{"id": sid, "feedback": s.feedback} for sid, s in zip(m.step_ids(), m.steps)]
    else:
        key.update(answer=m.answer, tolerance=m.tolerance, if_correct=m.if_correct, if_wrong=m.if_wrong)
    return key


def right_answer_text(q: ShownQuestion) -> list[str]:
    """The right answer in words, for the no-JavaScript ``<details>`` and the live widget."""
    m = q.model
    if q.type in ("single", "multiple"):
        return [f"{i}. {o.text}" for i, o in zip(m.option_ids(), m.options) if o.correct]
    if q.type == "truefalse":
        return ["True" if m.answer else "False"]
    if q.type == "matching":
        return [f"{p.item} → {p.match}" for p in m.pairs]
    if q.type == "ordering":
        return [f"{n}. {s.text}" for n, s in enumerate(m.steps, start=1)]
    tolerance = f" (give or take {m.tolerance:g})" if m.tolerance else ""
    return [f"{m.answer:g} {m.unit}{tolerance}"]
