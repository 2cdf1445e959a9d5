"""Chapters → a QTI 1.2 zip for Canvas, written by text2qti (we never write QTI XML by hand).

We write text2qti's plain-text quiz format, then call its API (``Quiz`` → ``QTI``). Mapping:

=========== ======================================================================
ours        text2qti / Canvas
=========== ======================================================================
single      multiple choice (``a)`` / ``*b)``), each option's feedback kept
multiple    multiple answers (``[ ]`` / ``[*]``), each option's feedback kept
truefalse   true/false (choices "True" and "False"), if_true/if_false as feedback
numeric     numerical, ``answer +- tolerance``; if_correct/if_wrong as feedback
matching    **not exported**: text2qti has no matching type
ordering    **not exported**: text2qti has no ordering type
=========== ======================================================================

The explanation is each question's general feedback. Matching and ordering are skipped, not
squeezed into another type (one-choice-per-item would change the points and the question):
the export report lists them; use the GIFT export (Moodle has matching) or add them in
Canvas by hand. text2qti executes code blocks only when asked (``run_code_blocks``); we never
ask, and every text is Markdown-escaped so course text cannot become markup, math or an image.
"""
from __future__ import annotations

import re

from text2qti.config import Config
from text2qti.err import Text2qtiError
from text2qti.qti import QTI
from text2qti.quiz import Quiz as Text2qtiQuiz

from ..structure import Course
from .lms import ExportReport, one_line

NO_QTI_TYPE = {
    "matching": "text2qti (and so this export) has no matching type; use --format gift, or add it in Canvas as a Matching question",
    "ordering": "text2qti (and so this export) has no ordering type; use --format gift (as matching to positions), or add it in Canvas by hand",
}
QTI_TYPE = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
            "truefalse": "true_false_question", "numeric": "numerical_question"}
# Python-Markdown's backslash escapes, plus '$' (text2qti's LaTeX) and '|' (tables).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$>])")


def md(text: str) -> str:
    """Course text as literal Markdown: shown as written, never read as markup."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _question_text(number: int, question) -> list[str]:
    prompt = question.prompt + (f" (answer in {question.unit})" if question.type == "numeric" else "")
    lines = [f"Title: {question.id}", "Points: 1", f"{number}.  {md(prompt)}",
             f"... {md(question.explanation)}"]
    if question.type in ("single", "multiple"):
        right = set(question.correct_ids())
        for option_id, option in zip(question.option_ids(), question.options):
            if question.type == "single":
                mark = f"*{option_id})" if option_id in right else f"{option_id}) "
            else:
                mark = "[*]" if option_id in right else "[ ]"
            lines += [f"{mark} {md(option.text)}", f"... {md(option.feedback)}"]
    elif question.type == "truefalse":
        lines += [f"{'*' if question.answer else ''}a) True", f"... {md(question.if_true)}",
                  f"{'*' if not question.answer else ''}b) False", f"... {md(question.if_false)}"]
    elif question.type == "numeric":
        lines += [f"+   {md(question.if_correct)}", f"-   {md(question.if_wrong)}",
                  f"=   {question.answer:g} +- {question.tolerance:g}"]
    return lines


def export_qti(course: Course, title: str) -> tuple[bytes, ExportReport]:
    """The QTI zip of every mappable question of ``course``'s chapters, and what was skipped."""
    report = ExportReport("QTI 1.2 (Canvas)")
    blocks = [f"Quiz title: {md(title)}",
              f"Quiz description: {md(course.meta.source.credit)}"]
    number = 0
    for chapter in course.chapters:
        for question in chapter.quiz.questions:
            if question.type in NO_QTI_TYPE:
                report.skipped.append((question.id, NO_QTI_TYPE[question.type]))
                continue
            lines = _question_text(number + 1, question)
            try:  # one question at a time, so a failure names the question
                Text2qtiQuiz("\n".join(lines), config=Config())
            except Text2qtiError as err:
                report.skipped.append((question.id, f"text2qti refused it: {err}"))
                continue
            number += 1
            blocks.append("\n".join(lines))
            report.exported.append((question.id, question.type, QTI_TYPE[question.type]))
    if not report.exported:
        raise ValueError("no question of these chapters can be exported as QTI "
                         "(matching and ordering have no QTI type here). Try --format gift.")
    quiz = Text2qtiQuiz("\n\n".join(blocks) + "\n", config=Config(), source_name=f"{course.id}.txt")
    return QTI(quiz).zip_bytes(), report
