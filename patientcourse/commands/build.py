"""``patientcourse build``: parse the options, run the build pipeline (``book/pipeline.py``),
show its progress and say how it ended."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..book.execute import ExecutionFailed
from ..book.jupyterbook import BookBuildFailed
from ..book.pipeline import CheckFailed, Stages, build_book
from ..lite import LiteBuildFailed
from ..structure import CourseError
from .common import (COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, TODAY_OPTION, console, parse_today,
                     report_problems)


class ProgressStages(Stages):
    """The pipeline's stages as rich progress bars."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def start(self, description: str, total: int = 1) -> Callable[[], None]:
        task = self.progress.add_task(description, total=total)
        return lambda: self.progress.advance(task)

    def note(self, text: str) -> None:
        self.progress.console.print(f"  {text}")


def build(course: Path = COURSE_OPTION,
          project: Path = typer.Option(Path("."), "--project", help="The book project (holds _config.yml)."),
          workers: int = typer.Option(0, "--workers", help="Notebooks executed at once (0: one per core)."),
          check: bool = typer.Option(True, "--check/--no-check", help="Run the health-literacy check "
                                     "first and stop on its errors."),
          today: str = TODAY_OPTION,
          lite: bool = typer.Option(False, "--lite", help="Also build the in-browser JupyterLab into "
                                    "_build/html/lite, with an \"Open in the browser\" button on each chapter."),
          ) -> None:
    """Validate and check the course, generate the notebooks, execute them and build the book."""
    day = parse_today(today)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), console=console)
    try:
        with progress:
            built = build_book(course, project, today=day, check=check, workers=workers or None,
                               stages=ProgressStages(progress), lite=lite)
    except CourseError as err:
        report_problems(err)
        raise typer.Exit(EXIT_BAD_INPUT)
    except CheckFailed as err:
        from ..checks.report import print_report  # the checks' modules load only when there is a report to show

        print_report(err.report, console, show_info=False)
        console.print("Build stopped by the check; fix the errors above (or build with --no-check). "
                      "Nothing was changed.", style="bold red")
        raise typer.Exit(EXIT_FAILED)
    except (ExecutionFailed, BookBuildFailed, LiteBuildFailed) as err:
        console.print("Build failed; the previous notebooks and site are unchanged.", style="bold red")
        console.print(str(err))
        raise typer.Exit(EXIT_FAILED)
    for warning in built.check.review_warnings:  # a review coming due is worth saying every build
        console.print(f"Warning: {warning}", style="yellow")
    n = len(built.changed)
    console.print(f"Wrote {n} changed source file{'s' if n != 1 else ''}.")
    # absolute(), not resolve(): _build/html is a link that each build points at a new release.
    console.print(f"The book is ready: {(built.html / 'index.html').absolute()}")
    console.print("Preview it with: make serve")


def register(app: typer.Typer) -> None:
    app.command()(build)
