"""``patientcourse trace``: the source article and the course, sentence by sentence."""
from __future__ import annotations

from pathlib import Path

import typer

from ..authoring.read import ArticleError
from ..checks import load_thresholds
from ..structure import CourseError
from ..trace import Limits, run_trace
from ..trace.page import kind_of, write_trace
from .common import COURSE_OPTION, EXIT_BAD_INPUT, console, load_or_exit, report_problems


def trace(course: Path = COURSE_OPTION,
          out: Path = typer.Option(Path("_build/trace"), "--out", help="Folder for index.html and trace.json."),
          source: Path | None = typer.Option(None, "--source", help="The article's text "
                                             "[default: source.file in course.yml]."),
          ) -> None:
    """Write the review page: how each source sentence is carried, and course sentences not from it.

    Each source sentence is carried, weakly carried, not carried or left out; every course
    sentence that is not from the source is listed too."""
    model = load_or_exit(course)
    try:
        t = load_thresholds(model)
        report = run_trace(model, Limits(t.trace_carried, t.trace_weak, t.trace_from_source), source)
    except CourseError as err:
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)
    except ArticleError as err:
        console.print(str(err), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    written = write_trace(report, out)
    n = len(report.traced)
    console.print(f"{n} source sentences: " + ", ".join(
        f"{report.count(s)} {s} ({report.share(s):.1%})" for s in ("carried", "weak", "not-carried", "left-out"))
        + ".", markup=False, soft_wrap=True)
    for s in report.missing:
        console.print(f"  not carried: {report.source_file}:{s.line}: “{s.text}”", markup=False, soft_wrap=True)
    console.print(f"{len(report.not_from_source)} of {len(report.courses)} course sentences are not "
                  "from the source:", markup=False, soft_wrap=True)
    for c in report.not_from_source:
        console.print(f"  [{kind_of(c)}] {c.where}: “{c.text}”", markup=False, soft_wrap=True)
    console.print("Wrote " + ", ".join(str(p) for p in written), markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(trace)
