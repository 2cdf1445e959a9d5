"""Course → ``book/report.md``: the "Readability and quality report" page for instructors.

The page shows the check report its caller already has (``patientcourse generate`` and
``build`` run the checks once, see ``book/pipeline.py``), limited to what the course source
alone decides: it stays the same from day to day (no review-date rule: that needs today's
date) and whether or not the generated notebooks were read; ``patientcourse check`` covers both.
"""
from __future__ import annotations

from pathlib import Path

from ..checks import RULES
from ..checks.findings import Finding
from ..checks.reader_text import TEXT_PARTS
from ..checks.pemat import NEEDS_A_PERSON, pemat_items
from ..checks.run import CheckReport
from ..structure import Course
from .common import GENERATED, about_box
from .text import plain

# Rules the page cannot run (see the module docstring).
NOT_ON_PAGE = {"review-dates", "disclaimer-credit", "source-trace"}


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; every cell is already Markdown (text through ``plain``: no role, HTML
    tag or column break sneaks into a cell)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(":--" if i == 0 else "--:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _summary(report: CheckReport) -> str:
    rows = [[f"{c.chapter.number}. {plain(c.chapter.title)}", f"{c.readability.fk_grade:.1f}",
             f"{c.readability.smog:.1f}", f"{c.readability.flesch_reading_ease:.1f}",
             str(c.readability.words), str(c.readability.sentences),
             str(c.count("error")), str(c.count("warning")), str(c.count("info"))]
            for c in report.chapters]
    return _table(["Chapter", "FK grade", "SMOG", "Reading ease", "Words", "Sentences",
                   "Errors", "Warnings", "Numbers to look at"], rows)


def _other_text(report: CheckReport) -> str:
    def grade(c, part: str) -> str:
        r = c.text_parts.get(part)
        return f"{r.fk_grade:.1f}" if r else "none"
    rows = [[f"{c.chapter.number}. {c.chapter.title}", *(grade(c, p) for p in TEXT_PARTS)]
            for c in report.chapters]
    return _table(["Chapter", "Boxes", "Quiz", "Interactive tools"], rows)


def _findings(findings: list[Finding], chapter_file: str) -> str:
    shown = [f for f in findings if f.severity != "info"]
    if not shown:
        return "No errors or warnings."
    # Findings about the quiz or widget file name it; the chapter's own just give the line.
    return _table(["Severity", "Where", "Rule", "What is wrong", "How to fix it"],
                  [[f.severity, f"line {f.line}" if f.file == chapter_file and f.line
                    else plain(f"{Path(f.file).name}:{f.line}" if f.line else Path(f.file).name),
                    f.rule, plain(f.message), plain(f.fix)] for f in shown])


def _pemat(c, t) -> str:
    marks = {True: "met", False: "not met", None: "does not apply"}
    return "PEMAT-P items a program can judge:\n\n" + _table(
        ["Item", "Result", "Why"], [[plain(i.name), marks[i.met], plain(i.detail)] for i in pemat_items(c, t)])


def _chapter(c, t) -> str:
    r = c.readability
    longest = "\n".join(f"- line {s.line}, {s.words} words: “{plain(s.text)}”" for s in r.longest_sentences)
    numbers = sorted({f.line for f in c.findings if f.rule == "numbers" and f.line})
    return "\n\n".join(filter(None, [
        f"## {c.chapter.number}. {plain(c.chapter.title)}",
        f"Source: `{Path(c.chapter.file).parent.parent.name}/chapters/{Path(c.chapter.file).name}`. Flesch-Kincaid grade **{r.fk_grade:.1f}**, SMOG {r.smog:.1f}, "
        f"Flesch Reading Ease {r.flesch_reading_ease:.1f}; {r.words} words in {r.sentences} sentences.",
        "Longest sentences:\n\n" + longest if longest else "",
        _findings(c.findings, c.chapter.file),
        _pemat(c, t),
        (f"Numbers for a human look (check each against the article): lines "
         f"{', '.join(map(str, numbers))}.") if numbers else "",
    ]))


def report_page(course: Course, report: CheckReport) -> str:
    report = report.source_only()
    t = report.thresholds
    status = ("Every chapter passes the error-level rules." if report.passed else
              f"**{report.count('error')} error(s)** to fix: run `patientcourse check` for file and line.")
    rules = "\n".join(f"- **{name}**: {plain(text)}" for name, text in RULES.items() if name not in NOT_ON_PAGE)
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
        f"Grades are US school grades, from textstat, on each chapter's running text, figure "
        f"captions and alt text: headings, list markers and code are left out. **Blockquotes are "
        f"not scored**: they hold the article's direct quotations (the Fascia Research Congress "
        f"definition of fascia), which the course keeps word for word. A grade above "
        f"{t.fk_grade_error} is an error and above {t.fk_grade_warning} a warning. Reading ease runs "
        f"from 0 (hard) to 100 (easy).",
        "The rest of what a learner reads is held to the same limits, scored on its own: the "
        f"boxes ({TEXT_PARTS['boxes']}), the quiz (questions, choices, feedback and explanations) "
        "and the interactive tools.",
        _other_text(report),
        "## What is checked",
        rules,
        "The review dates, the trace of every source sentence, and the disclaimer, source credit "
        "and figures on the built pages, are checked by `patientcourse check` when the book is built.",
        "PEMAT-P (AHRQ) items that need a person, for every chapter:\n\n"
        + "\n".join(f"- {plain(item)}" for item in NEEDS_A_PERSON),
        *(_chapter(c, t) for c in report.chapters),
    ])
