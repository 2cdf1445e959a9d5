"""``patientcourse handouts``: one printable PDF per chapter (prose, key points, figures, the
quiz as a worksheet and its answer key on the last page)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..book.execute import ExecutionFailed
from ..book.handouts import HandoutsFailed, write_handouts
from ..book.jupyterbook import BookBuildFailed
from ..book.pipeline import build_book
from ..structure import CourseError
from .common import COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, TODAY_OPTION, console, parse_today, report_problems


def handouts(out: Path = typer.Option(..., "--out", help="Folder for the PDFs, one per chapter."),
             course: Path = COURSE_OPTION,
             project: Path = typer.Option(Path("."), "--project", help="The book project (holds _config.yml)."),
             today: str = TODAY_OPTION,
             ) -> None:
    """Build the book (reusing what is already built) and write each chapter as a PDF handout."""
    try:
        # As `make book` builds it (without stopping at the check: a handout of the book as it is).
        built = build_book(course, project, today=parse_today(today), check=False)
        written = write_handouts(built.course, built.html, out)
    except CourseError as err:
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)
    except (ExecutionFailed, BookBuildFailed, HandoutsFailed) as err:
        console.print("No handouts written.", style="bold red")
        console.print(str(err))
        raise typer.Exit(EXIT_FAILED)
    console.print(f"Wrote {len(written)} handouts to {out.resolve()}: " + ", ".join(p.name for p in written))


def register(app: typer.Typer) -> None:
    app.command()(handouts)
