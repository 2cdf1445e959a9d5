"""What every command shares: loading the course with readable errors, and exit codes."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ..structure import Course, CourseError, load_course

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

console = Console(stderr=True, highlight=False)

COURSE_OPTION = typer.Option(Path("course"), "--course", "-c", help="The course source folder.",
                             show_default=True)


def load_or_exit(course_dir: Path) -> Course:
    """Load and validate the course; on bad input print every located problem and exit 2
    (before anything is written or executed)."""
    try:
        return load_course(course_dir)
    except CourseError as err:
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)


def report_problems(err: CourseError) -> None:
    n = len(err.problems)
    console.print(f"[bold red]The course source has {n} problem{'s' if n != 1 else ''}; "
                  "nothing was written.[/]")
    for problem in err.problems:
        console.print(f"  {problem}", markup=False)


def render_or_exit(model: Course) -> dict[str, bytes]:
    """Every generated file of the project; a problem found while rendering (e.g. invalid
    check thresholds, read by the report page) is bad input too: print it and exit 2."""
    from ..render.project import render_project

    try:
        return render_project(model)
    except CourseError as err:
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)
