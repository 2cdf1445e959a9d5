"""Course → the runtime bundle ``notebooks/course.json`` (format in docs/architecture.md)."""
from __future__ import annotations

import json

from ..structure import Course

# What an assessment bundle must not carry: anything that reveals the right answer.
ANSWER_FIELDS = {"correct", "feedback", "explanation", "answer", "if_true", "if_false",
                 "if_correct", "if_wrong", "tolerance"}


def bundle(course: Course, *, mode: str = "practice", assignment: dict | None = None) -> dict:
    if mode not in ("practice", "assessment"):
        raise ValueError(f"mode must be 'practice' or 'assessment', not {mode!r}")
    return {
        "schema": "patientcourse.bundle",
        "version": 1,
        "mode": mode,
        "course": {"id": course.id, "title": course.meta.title,
                   "disclaimer": course.meta.disclaimer, "credit": course.meta.source.credit},
        "assignment": assignment,
        "chapters": {chapter.id: _chapter(chapter, mode) for chapter in course.chapters},
    }


def _chapter(chapter, mode: str) -> dict:
    questions = [_with_ids(q) for q in chapter.quiz.questions]
    if mode == "assessment":
        questions = [_without_answers(q) for q in questions]
    return {
        "title": chapter.title,
        "sections": {s.id: {"title": s.title, "anchor": chapter.label(s.id)} for s in chapter.sections},
        "objectives": {o.id: o.text for o in chapter.meta.objectives},
        "quiz": {"title": chapter.quiz.title, "questions": questions},
        "widgets": [w.model_dump(mode="json") for w in chapter.widgets],
    }


def _with_ids(question) -> dict:
    """The question as JSON, with the ids answers are recorded in (see structure/quiz.py)."""
    q = question.model_dump(mode="json")
    if q["type"] in ("single", "multiple"):
        for option, option_id in zip(q["options"], question.option_ids()):
            option["id"] = option_id
    if q["type"] == "matching":
        for pair, item_id, match_id in zip(q["pairs"], question.item_ids(), question.match_ids()):
            pair["item_id"], pair["match_id"] = item_id, match_id
    if q["type"] == "ordering":
        for step, step_id in zip(q["steps"], question.step_ids()):
            step["id"] = step_id
        q["shown_order"] = question.shown_order()
    return q


def _without_answers(q: dict) -> dict:
    """Keep what a learner needs to answer; drop every key that reveals correctness.

    Pairs and steps are written in the right order, so an assessment bundle lists items
    and matches each sorted by their (opaque) id, and steps in the shuffled order shown."""
    out = {k: v for k, v in q.items() if k not in ANSWER_FIELDS | {"pairs", "steps"}}
    if "options" in q:
        out["options"] = [{"id": o["id"], "text": o["text"]} for o in q["options"]]
    if q["type"] == "matching":
        out["items"] = sorted(({"id": p["item_id"], "text": p["item"]} for p in q["pairs"]), key=lambda x: x["id"])
        out["matches"] = sorted(({"id": p["match_id"], "text": p["match"]} for p in q["pairs"]), key=lambda x: x["id"])
    if q["type"] == "ordering":
        # In the order every learner sees them, which is never the right order.
        by_id = {s["id"]: s["text"] for s in q["steps"]}
        out["steps"] = [{"id": step_id, "text": by_id[step_id]} for step_id in q["shown_order"]]
        del out["shown_order"]
    return out


def bundle_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
