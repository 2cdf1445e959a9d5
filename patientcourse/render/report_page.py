"""Course → ``book/report.md``: the "Readability and quality report" page for instructors.

The page runs the same rules as ``patientcourse check`` on the course source. It stays the
same from day to day (no review-date rule: that needs today's date) and does not read the
generated notebooks (they are being written in the same run); ``patientcourse check`` covers
both.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..checks import RULES, run_checks
from ..checks.findings import Finding
from ..checks.pemat import NEEDS_A_PERSON, pemat_items
from ..checks.run import CheckReport
from ..structure import Course
from .common import GENERATED, about_box

# Rules the page cannot run (see the module docstring).
NOT_ON_PAGE = {"review-dates", "disclaimer-credit", "source-trace"}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no role, HTML tag or column break sneaks in."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\{(?=[\w:-]+\}`)", r"\\{", text).replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":--" if i == 0 else "--:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _summary(report: CheckReport) -> str:
    rows = [[f"{c.chapter.number}. {c.chapter.title}", f"{c.readability.fk_grade:.1f}",
             f"{c.readability.smog:.1f}", f"{c.readability.flesch_reading_ease:.1f}",
             str(c.readability.words), str(c.readability.sentences),
             str(c.count("error")), str(c.count("warning")), str(c.count("info"))]
            for c in report.chapters]
    return _table(["Chapter", "FK grade", "SMOG", "Reading ease", "Words", "Sentences",
                   "Errors", "Warnings", "Numbers to look at"], rows)


def _findings(findings: list[Finding]) -> str:
    shown = [f for f in findings if f.severity != "info"]
    if not shown:
        return "No errors or warnings."
    return _table(["Severity", "Line", "Rule", "What is wrong", "How to fix it"],
                  [[f.severity, str(f.line or ""), f.rule, f.message, f.fix] for f in shown])


def _pemat(c, t) -> str:
    marks = {True: "met", False: "not met", None: "does not apply"}
    return "PEMAT-P items a program can judge:\n\n" + _table(
        ["Item", "Result", "Why"], [[i.name, marks[i.met], i.detail] for i in pemat_items(c, t)])


def _chapter(c, t) -> str:
    r = c.readability
    longest = "\n".join(f"- line {s.line}, {s.words} words: “{_cell(s.text)}”" for s in r.longest_sentences)
    numbers = sorted({f.line for f in c.findings if f.rule == "numbers" and f.line})
    return "\n\n".join(filter(None, [
        f"## {c.chapter.number}. {c.chapter.title}",
        f"Source: `{Path(c.chapter.file).parent.parent.name}/chapters/{Path(c.chapter.file).name}`. Flesch-Kincaid grade **{r.fk_grade:.1f}**, SMOG {r.smog:.1f}, "
        f"Flesch Reading Ease {r.flesch_reading_ease:.1f}; {r.words} words in {r.sentences} sentences.",
        "Longest sentences:\n\n" + longest if longest else "",
        _findings(c.findings),
        _pemat(c, t),
        (f"Numbers for a human look (check each against the article): lines "
         f"{', '.join(map(str, numbers))}.") if numbers else "",
    ]))


def report_page(course: Course) -> str:
    report = run_checks(course, today=None, notebooks_dir=None, trace=False)
    t = report.thresholds
    status = ("Every chapter passes the error-level rules." if report.passed else
              f"**{report.count('error')} error(s)** to fix: run `patientcourse check` for file and line.")
    rules = "\n".join(f"- **{name}**: {_cell(text)}" for name, text in RULES.items() if name not in NOT_ON_PAGE)
    return "\n\n".join([
        GENERATED,
        "(quality-report)=\n# Readability and quality report",
        ":::{admonition} For instructors\n:class: important pc-instructors\n"
        "This page is for instructors and course authors, not for learners. It shows how easy each "
        "chapter is to read and how it meets patient-education standards (NIH: below grade 8; "
        "AMA/HHS: grade 6; AHRQ PEMAT; CDC Clear Communication Index).\n:::",
        about_box(course),
        status,
        "## Summary",
        _summary(report),
        f"Grades are US school grades, from textstat, on each chapter's running text only: headings, "
        f"list markers, code, quizzes and widgets are left out. **Blockquotes are not scored**: they "
        f"hold the article's direct quotations (the Fascia Research Congress definition of fascia), "
        f"which the course keeps word for word. A grade above {t.fk_grade_error} is an error and "
        f"above {t.fk_grade_warning} a warning. Reading ease runs from 0 (hard) to 100 (easy).",
        "## What is checked",
        rules,
        "The review dates, the trace of every source sentence, and the disclaimer, source credit "
        "and figures on the built pages, are checked by `patientcourse check` when the book is built.",
        "PEMAT-P (AHRQ) items that need a person, for every chapter:\n\n"
        + "\n".join(f"- {_cell(item)}" for item in NEEDS_A_PERSON),
        *(_chapter(c, t) for c in report.chapters),
    ])
