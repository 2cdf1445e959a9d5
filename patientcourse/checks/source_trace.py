"""The trace as a check: every source sentence is carried or left out with a reason, and
every left_out / reworded quote in course.yml matches what it says."""
from __future__ import annotations

from pathlib import Path

from ..authoring.read import ArticleError
from ..structure import Course
from .findings import Finding
from .thresholds import Thresholds, course_yml


def source_trace(course: Course, t: Thresholds) -> list[Finding]:
    from ..trace import Limits, run_trace  # imported here: pysbd and rapidfuzz load on use

    file = str(Path(course.root) / "course.yml")
    located = course_yml(course)
    try:
        report = run_trace(course, Limits(t.trace_carried, t.trace_weak, t.trace_from_source))
    except ArticleError as err:
        return [Finding("source-trace", "warning", file, located.line_of(("source", "file")),
                        f"the course was not traced against its source: {err}",
                        "Fix source.file in course.yml so it names the article's text.")]
    findings = [Finding("source-trace", "error", file, located.line_of(("source", field, i, "text")),
                        f"source.{field}[{i}]: {problem}.",
                        "Quote the words exactly as they are (copy them from the files).")
                for field, i, problem in report.unmatched]
    article = str(report.source_file)
    findings += [Finding("source-trace", "error", article, s.line,
                         f"the source sentence “{s.text}” is not carried by the course "
                         f"(best match {s.score:.0%}) and not left out.",
                         "Carry it in a chapter; or, if the course says it in other words, add it to "
                         "source.reworded with the course sentence; or add it to source.left_out "
                         "with a reason.")
                 for s in report.missing]
    return findings
