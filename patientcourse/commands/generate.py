"""``patientcourse generate``: write notebooks, ``_toc.yml`` and book pages from the source."""
from __future__ import annotations

from pathlib import Path

import typer

from ..book.pipeline import generate_project
from ..structure import CourseError
from .common import COURSE_OPTION, EXIT_BAD_INPUT, console, report_problems


def generate(course: Path = COURSE_OPTION,
             project: Path = typer.Option(Path("."), "--project", help="Where notebooks/, book/ and _toc.yml go.")
             ) -> None:
    """Generate the book's inputs (no execution, no HTML). Writes only files that changed."""
    try:
        model, changed = generate_project(course, project)
    except CourseError as err:  # a bad source, or invalid check thresholds (read for the report page)
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)
    console.print(f"Generated {len(model.chapters)} chapter notebooks, _toc.yml and book pages "
                  f"({len(changed)} file{'s' if len(changed) != 1 else ''} changed).")


def register(app: typer.Typer) -> None:
    app.command()(generate)
