"""``patientcourse export``: chapters' quizzes for an LMS (Canvas QTI zip, or Moodle GIFT)."""
from __future__ import annotations

from pathlib import Path

import typer

from patientcourse_runtime.fileio import atomic_write
from .common import COURSE_OPTION, EXIT_BAD_INPUT, console, load_or_exit


def export(fmt: str = typer.Option(..., "--format", help="qti (Canvas, a .zip) or gift (Moodle, text)."),
           out: Path = typer.Option(..., "--out", help="The file to write."),
           chapters: str | None = typer.Option(None, "--chapters", help="Comma-separated chapter ids "
                                               "or numbers (default: all)."),
           course: Path = COURSE_OPTION,
           ) -> None:
    """Export quiz questions, answers and feedback for an LMS. The export holds the answer key:
    give it to the LMS, not to learners."""
    from text2qti.err import Text2qtiError  # text2qti loads only for this command

    from ..instructor.export_gift import export_gift
    from ..instructor.export_qti import export_qti

    model = load_or_exit(course)
    try:
        if chapters:
            model = model.subset([c.strip() for c in chapters.split(",") if c.strip()])
        title = f"{model.meta.title}: " + ", ".join(c.title for c in model.chapters)
        if fmt == "qti":
            data, report = export_qti(model, title)
        elif fmt == "gift":
            text, report = export_gift(model, title)
            data = text.encode("utf-8")
        else:
            raise ValueError(f"--format must be qti or gift, not {fmt!r}.")
    except (KeyError, ValueError, Text2qtiError) as err:
        console.print(str(err.args[0] if err.args else err), style="red")
        raise typer.Exit(EXIT_BAD_INPUT)
    atomic_write(out, data)
    for line in report.summary():
        console.print(line)
    console.print(f"Wrote {out} ({len(data):,} bytes).")


def register(app: typer.Typer) -> None:
    app.command()(export)
