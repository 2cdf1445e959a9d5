"""``patientcourse check``: hold every chapter to patient-education standards.

Exit 0 when no error-level rule fails (warnings allowed), 1 when one does, 2 when the course
source (or its ``checks:`` thresholds) cannot be read."""
from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from ..checks import run_checks
from ..checks.report import print_report, report_json
from ..structure import CourseError, load_course
from .common import (COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, TODAY_OPTION, parse_today,
                     plain_console, report_problems)


def check(course: Path = COURSE_OPTION,
          json_: bool = typer.Option(False, "--json", help="Print the report as JSON on stdout."),
          notebooks: Path = typer.Option(None, "--notebooks", show_default=False,
                                         help="Generated chapter notebooks to check for disclaimer, "
                                              "credit and figures [default: <course>/../notebooks]."),
          no_info: bool = typer.Option(False, "--no-info", help="Hide the notes for a human look "
                                                                "(numbers) in the table."),
          today: str = TODAY_OPTION,
          ) -> None:
    """Check readability, structure and quiz coverage of every chapter."""
    when = parse_today(today)
    # normpath keeps paths in findings short and relative: course -> notebooks, . -> ../notebooks
    notebooks_dir = notebooks if notebooks is not None else Path(os.path.normpath(course / ".." / "notebooks"))
    try:
        report = run_checks(load_course(course), today=when, notebooks_dir=notebooks_dir)
    except CourseError as err:
        if json_:
            typer.echo(json.dumps({"schema": "patientcourse.check", "version": 1, "passed": False,
                                   "problems": [str(p) for p in err.problems]}, indent=2))
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)
    if json_:
        typer.echo(report_json(report))
    else:
        print_report(report, plain_console(stderr=False), show_info=not no_info)
    raise typer.Exit(EXIT_OK if report.passed else EXIT_FAILED)


def register(app: typer.Typer) -> None:
    app.command()(check)
