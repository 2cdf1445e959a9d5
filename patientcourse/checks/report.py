"""Show a ``CheckReport``: a rich summary table, one findings table per chapter, or JSON."""
from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .findings import Finding
from .reader_text import TEXT_PARTS
from .run import CheckReport
from .thresholds import Thresholds

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def report_json(report: CheckReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)


def summary_table(report: CheckReport) -> Table:
    t = report.thresholds
    table = Table(title=f"Health-literacy check: {report.course.meta.title}",
                  caption=f"FK: Flesch-Kincaid grade (error above {t.fk_grade_error}, warning above "
                          f"{t.fk_grade_warning}); FRE: Flesch Reading Ease. The chapter's prose; "
                          "blockquotes (direct quotations) are not scored.")
    # Short headings so the table fits an 80-column terminal; the caption spells them out.
    table.add_column("Chapter", overflow="fold")
    for name in ("FK", "SMOG", "FRE", "Words", "Sent.", "Err", "Warn", "Info"):
        table.add_column(name, justify="right", no_wrap=True)
    for c in report.chapters:
        r = c.readability
        table.add_row(c.chapter.id, _grade(r.fk_grade, t), f"{r.smog:.1f}",
                      f"{r.flesch_reading_ease:.1f}", str(r.words), str(r.sentences),
                      _count(c.count("error"), "error"), _count(c.count("warning"), "warning"),
                      str(c.count("info")))
    return table


def other_text_table(report: CheckReport) -> Table:
    """The grade of the rest of what a learner reads: boxes, quiz and tools, held to the same limits."""
    t = report.thresholds
    table = Table(title="Other text a learner reads: Flesch-Kincaid grade",
                  caption="Boxes: " + TEXT_PARTS["boxes"] + ". Tools: the interactive tools. "
                          "The same limits apply as to the prose.")
    table.add_column("Chapter", overflow="fold")
    for name in ("Boxes", "Quiz", "Tools"):
        table.add_column(name, justify="right", no_wrap=True)
    for c in report.chapters:
        parts = [c.text_parts.get(part) for part in ("boxes", "quiz", "widgets")]
        table.add_row(c.chapter.id, *(_grade(r.fk_grade, t) if r else Text("-") for r in parts))
    return table


def _grade(grade: float, t: Thresholds) -> Text:
    return Text(f"{grade:.1f}", style="bold red" if grade > t.fk_grade_error
                else "yellow" if grade > t.fk_grade_warning else "green")


def _count(n: int, severity: str) -> Text:
    return Text(str(n), style=STYLE[severity] if n else "green")


def findings_table(title: str, findings: list[Finding], home_file: str | None = None) -> Table:
    """One row per finding: severity, where (a line number in ``home_file``, else file:line),
    and the message with its fix under it; three columns so it reads on an 80-column terminal."""
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Where", overflow="fold", max_width=24)
    table.add_column("Finding", ratio=1)
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(findings, key=lambda f: (order[f.severity], f.file != home_file, f.line or 0)):
        where = f"line {f.line}" if f.file == home_file and f.line else f.where
        finding = Text.assemble((f"[{f.rule}] ", "bold"), f.message, "\n", ("Fix: " + f.fix, "dim"))
        table.add_row(Text(f.severity, style=STYLE[f.severity]), where, finding)
    return table


def print_report(report: CheckReport, console: Console, *, show_info: bool = True) -> None:
    console.print(summary_table(report))
    console.print(other_text_table(report))
    if report.course_findings:
        console.print(findings_table("Course", report.course_findings))
    for c in report.chapters:
        shown = [f for f in c.findings if show_info or f.severity != "info"]
        if shown:
            console.print(findings_table(f"{c.chapter.file}: {c.chapter.title}", shown, c.chapter.file))
        if c.readability.longest_sentences:
            longest = "; ".join(f"line {s.line}: {s.words} words" for s in c.readability.longest_sentences)
            console.print(f"  Longest sentences in {c.chapter.id}: {longest}", markup=False)
    errors = [f for f in report.findings if f.severity == "error"]
    # Plain file:line lines last, so `make` output ends with what to fix and editors can jump to it.
    for f in errors:
        console.print(str(f), markup=False, highlight=False, soft_wrap=True)
    n = {s: report.count(s) for s in STYLE}
    verdict = "[bold green]PASSED[/]" if report.passed else "[bold red]FAILED[/]"
    console.print(f"{verdict}: {n['error']} error(s), {n['warning']} warning(s), {n['info']} note(s) "
                  "for a human look.")
