"""Helpers for the instructor tests (imported by them): the right answer to every question,
and results documents in the documented version-1 shape. The course is ``quiz_samples``'
sample course (every question type, hostile markup), shared with the quiz tests."""
from __future__ import annotations

import json
from pathlib import Path

from quiz_samples import COURSE_ID, sample_course


def right_answers(course) -> dict[str, dict[str, object]]:
    """Every question's fully right answer, in the results encoding (chapter -> qid -> answer)."""
    out: dict[str, dict[str, object]] = {}
    for chapter in course.chapters:
        for q in chapter.quiz.questions:
            if q.type == "single":
                answer = q.correct_ids()[0]
            elif q.type == "multiple":
                answer = q.correct_ids()
            elif q.type in ("truefalse", "numeric"):
                answer = q.answer
            elif q.type == "matching":
                answer = dict(zip(q.item_ids(), q.match_ids()))
            else:
                answer = q.step_ids()
            out.setdefault(chapter.id, {})[q.id] = answer
    return out


def results_doc(answers: dict[str, dict[str, object]], *, name: str = "Ada", learner_id: str = "",
                origin: str = "book", saved_at: str = "2026-11-24T10:00:00Z",
                answered_at: str | None = None, assignment: dict | None = None,
                course_id: str = COURSE_ID) -> dict:
    return {
        "schema": "patientcourse.results", "version": 1, "course": course_id,
        "assignment": assignment, "learner": {"name": name, "id": learner_id},
        "origin": origin, "saved_at": saved_at,
        "chapters": {c: {"answers": {q: {"answer": a, "answered_at": answered_at or saved_at, "attempts": 1}
                                     for q, a in qs.items()}} for c, qs in answers.items()},
    }


def write_json(path: Path, document) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_right_answers_score_full_marks_with_the_models_own_scoring():
    course = sample_course()
    answers = right_answers(course)
    assert sum(len(qs) for qs in answers.values()) == 8
    for chapter in course.chapters:
        for question_id, answer in answers[chapter.id].items():
            assert chapter.quiz.question(question_id).score(answer).correct, question_id
