"""``patientcourse export``: chapters for an LMS: a Canvas QTI zip, Moodle GIFT text, or a SCORM
package of the book itself."""
from __future__ import annotations

from pathlib import Path

import typer
from text2qti.err import Text2qtiError

from ..book.execute import ExecutionFailed
from ..book.jupyterbook import BookBuildFailed
from ..book.pipeline import build_html
from ..instructor.exports import ExportRequest, run_export
from .common import COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, console, load_or_exit


def export(fmt: str = typer.Option(..., "--format", help="qti (Canvas quiz, a .zip), gift (Moodle, text) "
                                   "or scorm (the chapters' book as a SCORM 1.2 .zip)."),
           out: Path = typer.Option(..., "--out", help="The file to write."),
           chapters: str | None = typer.Option(None, "--chapters", help="Chapters to export: ids or numbers, "
                                               "comma-separated, e.g. 1,2 (default: all)."),
           mode: str = typer.Option("practice", "--mode", help="scorm: practice (completed when every "
                                    "question is answered) or graded (passed/failed on first tries)."),
           mastery: int | None = typer.Option(None, "--mastery", help="scorm, graded: the score out of 100 "
                                              "that passes (default 80)."),
           config: Path = typer.Option(Path("_config.yml"), "--config", help="scorm: the book's _config.yml."),
           course: Path = COURSE_OPTION,
           ) -> None:
    """Export chapters for an LMS; every format holds the answer key, so give it to the LMS, not to learners."""
    model = load_or_exit(course)
    request = ExportRequest(fmt, out, mode=mode, mastery=mastery, config=config,
                            chapters=[c.strip() for c in chapters.split(",") if c.strip()] if chapters is not None else None)
    try:
        result = run_export(model, request, build_html=build_html)
    except (KeyError, ValueError, Text2qtiError) as err:
        console.print(str(err.args[0] if err.args else err), style="red")
        raise typer.Exit(EXIT_BAD_INPUT)
    except (ExecutionFailed, BookBuildFailed) as err:
        console.print(f"The package's book did not build, so nothing was written.\n{err}")
        raise typer.Exit(EXIT_FAILED)
    for line in result.report.summary() if result.report else []:
        console.print(line)
    if result.package:
        package = result.package
        rule = (f"passed at {package.mastery} of 100 on first tries" if package.mode == "graded"
                else "completed when every question is answered")
        n = len(package.chapters)
        console.print(f"SCORM 1.2 package, {package.mode} ({rule}): {n} chapter{'s' if n != 1 else ''} "
                      f"({', '.join(package.chapters)}), {package.files} files.")
    console.print(f"Wrote {result.path} ({result.size_bytes:,} bytes).")


def register(app: typer.Typer) -> None:
    app.command()(export)
