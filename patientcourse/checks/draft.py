"""The author's to-do list on a draft made by `patientcourse new`: sections that still hold
only the article's passage, blanks marked TODO, chapters without questions. Each is located."""
from __future__ import annotations

from pathlib import Path

from ..authoring.markers import PLACEHOLDER_QUESTION, SOURCE_MARK, TODO
from ..structure import Chapter, Course
from .findings import Finding
from .located import quiz_source
from .markdown import chapter_lines
from .thresholds import Thresholds

PROSE = {"prose", "item", "item-cont", "quote"}


def draft_sections(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    findings = []
    for section in chapter.sections:
        lines = [line for sid, line in chapter_lines(chapter) if sid == section.id]
        has_source = any(line.raw.startswith(SOURCE_MARK) for line in lines)
        has_prose = any(line.kind in PROSE and line.text.strip() for line in lines)
        if has_source and not has_prose:
            findings.append(Finding("draft", "error", chapter.file, section.line,
                                    f"the section “{section.title}” still holds only the article's passage.",
                                    "Write the plain-language version under the '% SOURCE' lines "
                                    "(short sentences, everyday words).", chapter.id))
    return findings


def quiz_questions(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    questions = chapter.quiz.questions
    if any(not q.id.startswith(PLACEHOLDER_QUESTION) for q in questions):
        return []
    quiz = quiz_source(chapter)
    return [Finding("quiz-questions", "error", str(quiz.file), quiz.line_of(("questions",)),
                    "the chapter has no quiz questions yet, only the draft's placeholder.",
                    "Write 3-5 questions, one or more for each learning objective, and delete the "
                    "placeholder (see the README for the question types).", chapter.id)]


def todo_marks(course: Course, t: Thresholds) -> list[Finding]:
    """Every line holding TODO in the course files (quiz files: see quiz_questions)."""
    root = Path(course.root)
    files = [root / "course.yml", root / "glossary.yml"] + [Path(c.file) for c in course.chapters] + [
        Path(c.file).with_name(f"{c.id}.widgets.yml") for c in course.chapters]
    owner = {c.file: c.id for c in course.chapters}
    findings = []
    for path in files:
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            if TODO in line and not line.startswith("%"):
                findings.append(Finding("draft", "error", str(path), number,
                                        f"left to do: “{line.strip()[:100]}”",
                                        "Fill in this blank, then delete the word TODO.",
                                        owner.get(str(path))))
    return findings


DRAFT_RULES = [draft_sections, quiz_questions]
