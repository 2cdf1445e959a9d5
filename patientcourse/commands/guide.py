"""``patientcourse guide``: the instructor guide (answer key, rationales, prompts, readability)."""
from __future__ import annotations

from pathlib import Path

import typer

from .common import COURSE_OPTION, EXIT_BAD_INPUT, console, load_or_exit


def guide(out: Path = typer.Option(..., "--out", help="Folder for instructor-guide.md and .html "
                                   "(not inside book/, notebooks/ or _build/)."),
          course: Path = COURSE_OPTION) -> None:
    """Write the instructor guide. It holds the answer key: it is never part of the book or a pack."""
    from ..instructor.guide import write_guide  # the readability libraries load only for this command

    model = load_or_exit(course)
    try:
        written = write_guide(model, out)
    except ValueError as err:
        console.print(str(err), style="red")
        raise typer.Exit(EXIT_BAD_INPUT)
    questions = sum(len(c.quiz.questions) for c in model.chapters)
    console.print(f"Wrote the instructor guide ({len(model.chapters)} chapters, {questions} questions): "
                  + ", ".join(str(p) for p in written))


def register(app: typer.Typer) -> None:
    app.command()(guide)
