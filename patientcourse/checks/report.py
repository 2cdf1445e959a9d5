"""Show a ``CheckReport``: a rich summary table, one findings table per chapter, or JSON."""
from __future__ import annotations

import json

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

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
                          "blockquotes (direct quotations) are not scored.", show_edge=False)
    # Short headings so the table fits an 80-column terminal; the caption spells them out.
    table.add_column("Chapter", no_wrap=True)
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


def summary_lines(report: CheckReport) -> list[str]:
    """The summary table as one line per chapter, for terminals too narrow for the table."""
    out = []
    for c in report.chapters:
        r = c.readability
        out.append(f"{c.chapter.id}: FK {r.fk_grade:.1f}, SMOG {r.smog:.1f}, FRE {r.flesch_reading_ease:.1f}, "
                   f"{r.words} words, {r.sentences} sentences; {c.count('error')} error(s), "
                   f"{c.count('warning')} warning(s), {c.count('info')} note(s)")
    return out


def other_text_lines(report: CheckReport) -> list[str]:
    """The other-text table as one line per chapter, for terminals too narrow for the table."""
    out = []
    for c in report.chapters:
        parts = [(name, c.text_parts.get(part)) for name, part in
                 (("boxes", "boxes"), ("quiz", "quiz"), ("tools", "widgets"))]
        out.append(f"{c.chapter.id}: other text FK " + ", ".join(
            f"{name} {r.fk_grade:.1f}" if r else f"{name} -" for name, r in parts))
    return out


def _table_or_lines(console: Console, table: Table, lines: list[str]) -> None:
    """The table when the terminal is wide enough for it, else its title and one line per row."""
    natural = Measurement.get(console, console.options.update(width=10_000), table).maximum
    if natural <= console.width:
        console.print(table)
    else:
        console.print(table.title, style="bold")
        for line in lines:
            console.print(line)


def print_report(report: CheckReport, console: Console, *, show_info: bool = True) -> None:
    """Print the report through ``console`` (see ``commands.common.plain_console``).

    Every finding and every longest sentence is one ``file:line: ...`` line, printed whole
    (never wrapped or folded into a table cell), so editors can jump to it and grep finds it.
    Only the per-chapter summaries are tables, and only when the terminal is wide enough."""
    _table_or_lines(console, summary_table(report), summary_lines(report))
    _table_or_lines(console, other_text_table(report), other_text_lines(report))
    order = {"error": 0, "warning": 1, "info": 2}
    groups = [("Course", "", report.course_findings, [])]
    groups += [(f"{c.chapter.file}: {c.chapter.title}", c.chapter.file, c.findings,
                c.readability.longest_sentences) for c in report.chapters]
    for title, file, findings, longest in groups:
        shown = sorted((f for f in findings if show_info or f.severity != "info"),
                       key=lambda f: (order[f.severity], f.file, f.line or 0))
        if not shown and not longest:
            continue
        console.print(title, style="bold")
        for f in shown:
            console.print(f"  {f}", style=STYLE[f.severity])
        for sentence in longest:
            console.print(f"  {file}:{sentence.line}: longest sentence ({sentence.words} words): "
                          f"“{sentence.text}”")
    errors = [f for f in report.findings if f.severity == "error"]
    if errors:  # again at the end, so `make` output ends with what to fix
        console.print("Errors to fix:", style="bold red")
        for f in errors:
            console.print(str(f))
    n = {s: report.count(s) for s in STYLE}
    console.print(Text.assemble(("PASSED", "bold green") if report.passed else ("FAILED", "bold red"),
                                f": {n['error']} error(s), {n['warning']} warning(s), {n['info']} note(s) "
                                "for a human look."))
