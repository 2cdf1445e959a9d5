"""Feedback to every learner (``grade … --feedback DIR``): one printable HTML page each, with no
script. Per question: their final answer and first try, right or wrong, the right answer and
its explanation, the feedback for what they chose, and a link to the section in the
published book (``--book-url``).

File names are made from the learner's name (or id) in plain letters and digits, and a short
hash of who they are, so they are safe on every system and unique per learner; pages are
also put in ``feedback.zip`` for a bulk upload.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from patientcourse_runtime.fileio import atomic_write

from ..structure import Course
from ..structure.loader import slugify
from .answers import NOT_ANSWERED, Choice, answer_text, choices, right_answer_text
from .grading import Gradebook, LearnerGrade
from .html import render

ZIP_NAME = "feedback.zip"


@dataclass(frozen=True)
class QuestionFeedback:
    number: int
    question: object
    answered: bool
    score: float
    verdict: str
    lines: list[Choice]
    feedback: list[str]
    first_try: str
    attempts: int
    right_answer: str
    section_title: str
    section_url: str | None


def check_book_url(url: str) -> str:
    """The published book's address; only http(s), so a link can never run script."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"--book-url {url!r} is not a web address. Give the published book's "
                         "address, e.g. https://example.org/fascia-course/")
    return url.rstrip("/")


def verdict(score: float, answered: bool) -> str:
    if not answered:
        return "Not answered"
    if score >= 1 - 1e-9:
        return "Right"
    return "Not right" if score <= 1e-9 else f"Partly right ({score:.0%} of the point)"


def page_name(grade: LearnerGrade) -> str:
    who = grade.learner_id or grade.learner
    digest = hashlib.sha256(f"{grade.learner_id}\x00{grade.learner}".encode()).hexdigest()[:6]
    return f"{(slugify(who)[:40].strip('-') or 'learner')}-{digest}.html"


def learner_questions(course: Course, book: Gradebook, grade: LearnerGrade,
                      book_url: str | None) -> list[QuestionFeedback]:
    out = []
    for number, (chapter_id, question) in enumerate(book.questions, 1):
        chapter = course.chapter(chapter_id)
        result = grade.answers.get(question.id)
        answered = result is not None
        answer = result.answer if answered else None
        scored = question.score(answer) if answered else None
        section = chapter.section(question.section)
        url = (f"{book_url}/notebooks/{quote(chapter.id)}.html#{quote(chapter.label(question.section))}"
               if book_url else None)
        out.append(QuestionFeedback(
            number=number, question=question, answered=answered, score=result.score if answered else 0.0,
            verdict=verdict(result.score if answered else 0.0, answered),
            lines=choices(book.course_id, question, answer),
            feedback=scored.feedback if scored else [], first_try=_first_try(book, question, result),
            attempts=result.attempts if answered else 0, right_answer=right_answer_text(book.course_id, question),
            section_title=section.title if section else question.section, section_url=url))
    return out


def _first_try(book: Gradebook, question, result) -> str:
    if result is None:
        return NOT_ANSWERED
    if not result.first_known:
        return "not recorded (this results file was saved before first tries were kept)"
    if result.attempts <= 1:
        return "this was your first try"
    said = answer_text(book.course_id, question, result.first_answer)
    return f"{verdict(result.first_score or 0.0, True)}: {said}"


def feedback_page(course: Course, book: Gradebook, grade: LearnerGrade, *, title: str,
                  book_url: str | None) -> str:
    return render("feedback.html.j2", course=course, book=book, grade=grade, title=title,
                  questions=learner_questions(course, book, grade, book_url),
                  chapters={c: course.chapter(c).title for c in book.chapters})


def write_feedback(course: Course, book: Gradebook, out: Path, *, title: str,
                   book_url: str | None = None) -> list[Path]:
    """One page per graded learner, and ``feedback.zip`` of them all; returns the pages."""
    pages: dict[str, str] = {}
    for grade in book.grades:
        name = page_name(grade)
        while name in pages:  # two learners with one name and id: keep both pages
            name = name.replace(".html", "-2.html")
        pages[name] = feedback_page(course, book, grade, title=title, book_url=book_url)
    out.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(pages.items()):
            atomic_write(out / name, text.encode("utf-8"))
            archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), text.encode("utf-8"))
    atomic_write(out / ZIP_NAME, buffer.getvalue())
    return [out / name for name in sorted(pages)]
