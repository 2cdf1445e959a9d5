"""Quiz coverage: every learning objective is asked about, every question points somewhere real."""
from __future__ import annotations

from ..structure import Chapter, Course
from .findings import Finding
from .located import front_matter, line_of, quiz_source
from .thresholds import Thresholds


def _quiz_file(chapter: Chapter) -> str:
    return str(quiz_source(chapter).file)


def objective_questions(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    asked = {q.objective for q in chapter.quiz.questions}
    source = front_matter(chapter)
    return [Finding("objective-questions", "error", chapter.file, line_of(source, "objectives", i, "id"),
                    f"no quiz question tests the learning objective {o.id!r} (“{o.text}”).",
                    f"Add a question with 'objective: {o.id}' to {_quiz_file(chapter)}.", chapter.id)
            for i, o in enumerate(chapter.meta.objectives) if o.id not in asked]


def question_links(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    sections = [s.id for s in chapter.sections]
    objectives = [o.id for o in chapter.meta.objectives]
    source, findings = quiz_source(chapter), []
    for i, q in enumerate(chapter.quiz.questions):
        for field, value, known in (("section", q.section, sections), ("objective", q.objective, objectives)):
            if value not in known:
                findings.append(Finding("question-links", "error", _quiz_file(chapter),
                                        line_of(source, "questions", i, field),
                                        f"question {q.id!r} links to {field} {value!r}, which "
                                        f"{chapter.id} does not have.",
                                        f"Use one of: {', '.join(known)}.", chapter.id))
    return findings


COVERAGE_RULES = [objective_questions, question_links]
