"""Chapters → a QTI 1.2 zip for Canvas: every question, one question group per chapter.

text2qti writes the zip and the items it has a type for: we write its plain-text quiz format
and call its API (``Quiz`` → ``QTI``). It has no matching type, so matching and ordering items
are written from our template (``templates/qti_item.xml.j2``) in the shape Canvas itself
exports a ``matching_question``, and put in place of a stand-in item text2qti wrote for them.

=========== ======================================================================
ours        Canvas (QTI 1.2)
=========== ======================================================================
single      multiple_choice_question, options in display order, each one's feedback
multiple    multiple_answers_question, options in display order, each one's feedback
truefalse   true_false_question, if_true/if_false as feedback
numeric     numerical_question, ``answer ± tolerance``; if_correct/if_wrong as feedback
            (from our template when text2qti refuses the range, e.g. exactly 0)
matching    matching_question: each item's right match earns its share of the point;
            each pair's feedback shows when that item is matched wrong
ordering    matching_question: each step (in the shuffled order the book shows) matched
            to its position, "Step 1" … "Step N": Canvas has no ordering type that its
            quiz import reads; the share of steps in place is our own scoring too
=========== ======================================================================

The explanation is each question's general feedback. Each chapter is a question group
(titled with the chapter, all its questions picked, 1 point each). text2qti executes code
blocks only when asked (``run_code_blocks``); we never ask, and every text is Markdown-
escaped so course text cannot become markup, math or an image.
"""
from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from text2qti.config import Config
from text2qti.err import Text2qtiError
from text2qti.qti import QTI
from text2qti.quiz import Quiz as Text2qtiQuiz

from ..structure import Course
from ..structure.quiz import display_order
from .html import render
from .lms import ExportReport, one_line

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
Q = f"{{{QTI_NS}}}"
QTI_TYPE = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
            "truefalse": "true_false_question", "numeric": "numerical_question",
            "matching": "matching_question", "ordering": "matching_question"}
ORDERING_NOTE = ("Ordering questions are Canvas matching questions: each step is matched to its "
                 "position (Step 1, Step 2, …), and each step in place earns its share of the point.")
# Python-Markdown's backslash escapes, plus '$' (text2qti's LaTeX) and '|' (tables).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$>])")


def md(text: str) -> str:
    """Course text as literal Markdown: shown as written, never read as markup."""
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;")
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _prompt(question) -> str:
    return question.prompt + (f" (answer in {question.unit})" if question.type == "numeric" else "")


def _question_text(number: int, course_id: str, question) -> list[str]:
    """The question in text2qti's format (single, multiple, true/false, numeric)."""
    lines = [f"Title: {question.id}", "Points: 1", f"{number}.  {md(_prompt(question))}",
             f"... {md(question.explanation)}"]
    if question.type in ("single", "multiple"):
        right = set(question.correct_ids())
        # The letters are text2qti's syntax, in sequence; Canvas shows no letters.
        for letter, option_id in zip("abcdefghijklmnopqrstuvwxyz", display_order(course_id, question)):
            option = question.option(option_id)
            if question.type == "single":
                mark = f"*{letter})" if option_id in right else f"{letter}) "
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


def _stand_in(number: int, question) -> list[str]:
    """A text2qti item that holds the place (and the ids) of an item we write ourselves."""
    return [f"Title: {question.id}", "Points: 1", f"{number}.  {md(question.id)}", "*a) 1", "b) 2"]


def _para(text: str) -> str:
    return f"<p>{html.escape(one_line(text))}</p>"


def own_item(question, ident: str, question_ref: str) -> str:
    """Our template's item for ``question`` (matching, ordering, or a refused numeric)."""
    common = dict(ident=ident, title=question.id, question_ref=question_ref, prompt_html=_para(_prompt(question)))
    if question.type == "numeric":
        low, high = question.answer - question.tolerance, question.answer + question.tolerance
        return render("qti_item.xml.j2", question_type="numerical_question", answers=[], matches=[],
                      exact=f"{question.answer:g}", low=f"{low:g}", high=f"{high:g}",
                      feedback=[("general_fb", _para(question.explanation)), ("correct_fb", _para(question.if_correct)),
                                ("general_incorrect_fb", _para(question.if_wrong))], **common)
    if question.type == "matching":
        # Items in pair order and matches sorted by their opaque id, as the book shows them.
        match_ids = {m: str(2001 + n) for n, m in enumerate(sorted(question.match_ids()))}
        match_text = dict(zip(question.match_ids(), (p.match for p in question.pairs)))
        matches = [{"id": match_ids[m], "text": one_line(match_text[m])} for m in sorted(question.match_ids())]
        answers = [{"id": str(1001 + n), "text": one_line(p.item), "match_id": match_ids[m], "feedback": p.feedback}
                   for n, (m, p) in enumerate(zip(question.match_ids(), question.pairs))]
    else:  # ordering: the steps in the order the book shows them, each matched to its position
        place = {step_id: n for n, step_id in enumerate(question.step_ids())}
        steps = dict(zip(question.step_ids(), question.steps))
        matches = [{"id": str(2001 + n), "text": f"Step {n + 1}"} for n in range(len(question.steps))]
        answers = [{"id": str(1001 + k), "text": one_line(steps[s].text), "match_id": str(2001 + place[s]),
                    "feedback": steps[s].feedback} for k, s in enumerate(question.shown_order())]
    feedback = [("general_fb", _para(question.explanation))] + [(f"{a['id']}_fb", _para(a["feedback"])) for a in answers]
    return render("qti_item.xml.j2", question_type="matching_question", answers=answers, matches=matches,
                  share=f"{100 / len(answers):.2f}", feedback=feedback, **common)


def export_qti(course: Course, title: str) -> tuple[bytes, ExportReport]:
    """The QTI zip of every question of ``course``'s chapters, and what was written how."""
    report = ExportReport("QTI 1.2 (Canvas)")
    blocks = [f"Quiz title: {md(title)}", f"Quiz description: {md(course.meta.source.credit)}"]
    ours: dict[str, object] = {}  # question id -> the question, for items we write
    number = 0
    for chapter in course.chapters:
        blocks.append(f"GROUP\npick: {len(chapter.quiz.questions)}\npoints per question: 1")
        for question in chapter.quiz.questions:
            number += 1
            lines = None
            if question.type not in ("matching", "ordering"):
                lines = _question_text(number, course.id, question)
                try:  # one question at a time, so a failure names the question
                    Text2qtiQuiz("\n".join(lines), config=Config())
                except Text2qtiError as err:
                    report.notes.append(f"{question.id}: text2qti refused it ({one_line(str(err))}); "
                                        "written from our own template.")
                    lines = None
            if lines is None:
                ours[question.id] = question
                lines = _stand_in(number, question)
            blocks.append("\n".join(lines))
            report.exported.append((question.id, question.type, QTI_TYPE[question.type]))
        blocks.append("END_GROUP")
    if any(q.type == "ordering" for q in ours.values()):
        report.notes.append(ORDERING_NOTE)
    qti = QTI(Text2qtiQuiz("\n\n".join(blocks) + "\n", config=Config(), source_name=f"{course.id}.txt"))
    assessment = _complete(qti.assessment, [c.title for c in course.chapters], ours)
    return _zip(qti, assessment), report


def _complete(assessment_xml: str, chapter_titles: list[str], ours: dict) -> bytes:
    """text2qti's assessment with our items in place of the stand-ins, and each question
    group titled with its chapter."""
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.fromstring(assessment_xml.encode("utf-8"))
    groups = [s for s in root.iter(f"{Q}section") if s.get("ident") != "root_section"]
    for group, chapter_title in zip(groups, chapter_titles, strict=True):
        group.set("title", one_line(chapter_title))
        for index, item in enumerate(list(group)):
            if item.tag != f"{Q}item" or item.get("title") not in ours:
                continue
            ref = next(f.findtext(f"{Q}fieldentry") for f in item.iter(f"{Q}qtimetadatafield")
                       if f.findtext(f"{Q}fieldlabel") == "assessment_question_identifierref")
            group.remove(item)
            group.insert(index, ET.fromstring(own_item(ours[item.get("title")], item.get("ident"), ref)))
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _zip(qti: QTI, assessment: bytes) -> bytes:
    """text2qti's ``QTI.write``, with our assessment file."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", qti.imsmanifest_xml)
        archive.writestr(zipfile.ZipInfo("non_cc_assessments/"), b"")
        archive.writestr(f"{qti.assessment_identifier}/assessment_meta.xml", qti.assessment_meta)
        archive.writestr(f"{qti.assessment_identifier}/{qti.assessment_identifier}.xml", assessment)
    return stream.getvalue()
