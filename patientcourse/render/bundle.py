"""Course → the runtime bundle ``notebooks/course.json`` (format in docs/architecture.md).

A practice bundle carries each question whole (``Question.runtime()``: what the runtime
scores with). An assessment bundle is made by keeping, per question type, only the fields a
learner is shown: an allowlist, so a field added to the question model later (a hint, a
rationale) stays out of assessment packs until someone decides it may go in.
"""
from __future__ import annotations

import json

from ..structure import Course
from ..structure.quiz import ChoiceQuestion, display_order

MODES = ("practice", "assessment")
# What every question shows, whatever its type.
SHOWN = ("id", "type", "prompt", "objective", "section")


def bundle(course: Course, *, mode: str = "practice", assignment: dict | None = None) -> dict:
    if mode not in MODES:
        raise ValueError(f"mode must be 'practice' or 'assessment', not {mode!r}")
    return {
        "schema": "patientcourse.bundle",
        "version": 1,
        "mode": mode,
        "course": {"id": course.id, "title": course.meta.title,
                   "disclaimer": course.meta.disclaimer, "credit": course.meta.source.credit},
        "assignment": assignment,
        "chapters": {chapter.id: _chapter(chapter, mode, course.id) for chapter in course.chapters},
    }


def _question(question, course_id: str) -> dict:
    """``Question.runtime()`` plus, for options, the order every face shows them in."""
    q = question.runtime()
    if isinstance(question, ChoiceQuestion):
        q["order"] = display_order(course_id, question)
    return q


def _chapter(chapter, mode: str, course_id: str) -> dict:
    questions = [_question(q, course_id) for q in chapter.quiz.questions]
    if mode == "assessment":
        questions = [shown_only(q) for q in questions]
    return {
        "title": chapter.title,
        "sections": {s.id: {"title": s.title, "anchor": chapter.label(s.id)} for s in chapter.sections},
        "objectives": {o.id: o.text for o in chapter.meta.objectives},
        "quiz": {"title": chapter.quiz.title, "questions": questions},
        "widgets": [w.model_dump(mode="json") for w in chapter.widgets],
    }


def shown_only(q: dict) -> dict:
    """What a learner needs to answer ``q`` (a ``Question.runtime()`` dict), and nothing else.

    Pairs and steps are kept in the right order in ``q``, so items and matches are each sorted
    by their (opaque) id, and steps listed in the shuffled order every learner sees."""
    out = {k: q[k] for k in SHOWN}
    kind = q["type"]
    if kind in ("single", "multiple"):
        # Listed in the shown order, so the file does not keep the written one either.
        text = {o["id"]: o["text"] for o in q["options"]}
        out["order"] = list(q["order"])
        out["options"] = [{"id": option_id, "text": text[option_id]} for option_id in q["order"]]
    elif kind == "matching":
        out["items"] = sorted(({"id": p["item_id"], "text": p["item"]} for p in q["pairs"]), key=lambda x: x["id"])
        out["matches"] = sorted(({"id": p["match_id"], "text": p["match"]} for p in q["pairs"]), key=lambda x: x["id"])
    elif kind == "ordering":
        text = {s["id"]: s["text"] for s in q["steps"]}
        out["steps"] = [{"id": step_id, "text": text[step_id]} for step_id in q["shown_order"]]
    elif kind == "numeric":
        out.update(unit=q["unit"], unit_one=q["unit_one"], example=q["example"])
    return out


def bundle_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
