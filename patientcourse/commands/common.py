"""What every command shares: loading the course with readable errors, and exit codes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.console import Console

from ..structure import Course, CourseError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def plain_console(*, stderr: bool = True) -> Console:
    """The console every command prints through.

    Lines are never wrapped or cropped at the terminal width (``soft_wrap``): a
    ``file:line: field: message`` line or a path is one whole line that editors can jump to
    and grep can find, however narrow the terminal. Text is never read as rich markup or
    emoji codes, so a path such as ``course[draft]/:x:/`` prints exactly as it is; style
    a message with ``style=`` instead."""
    return Console(stderr=stderr, highlight=False, markup=False, emoji=False, soft_wrap=True)


console = plain_console()

COURSE_OPTION = typer.Option(Path("course"), "--course", "-c", help="The course source folder.",
                             show_default=True)
# The review-date rule compares with today; tests and reviewers can pin the day.
TODAY_OPTION = typer.Option(None, "--today", hidden=True, help="Pretend today is YYYY-MM-DD.")


def parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date. Write it as YYYY-MM-DD, e.g. 2026-11-24.",
                                 param_hint="--today")


def load_or_exit(course_dir: Path) -> Course:
    """Load the course (``book.pipeline.load``); on bad input print every located problem and
    exit 2 (before anything is written or executed)."""
    from ..book.pipeline import load

    try:
        return load(course_dir)
    except CourseError as err:
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)


def report_problems(err: CourseError) -> None:
    n = len(err.problems)
    console.print(f"The course source has {n} problem{'s' if n != 1 else ''}; nothing was written.",
                  style="bold red")
    for problem in err.problems:
        console.print(f"  {problem}")
