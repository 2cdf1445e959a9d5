"""``patientcourse guide``: the instructor guide (answer key, rationales, prompts, readability)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..instructor.feedback import check_book_url
from ..instructor.guide import write_guide
from .common import COURSE_OPTION, EXIT_BAD_INPUT, console, load_or_exit


def guide(out: Path = typer.Option(..., "--out", help="Folder for instructor-guide.md and .html "
                                   "(not inside book/, notebooks/ or _build/)."),
          chapters: str | None = typer.Option(None, "--chapters", help="Chapters to include: ids or numbers, "
                                              "comma-separated, e.g. 1,2 (default: all)."),
          book_url: str | None = typer.Option(None, "--book-url", help="The published book's address, for "
                                              "the links to each question's section (default: _build/html)."),
          course: Path = COURSE_OPTION) -> None:
    """Write the instructor guide, which holds the answer key and is never part of the book or a pack."""
    model = load_or_exit(course)
    try:
        if chapters:
            model = model.subset([c.strip() for c in chapters.split(",") if c.strip()])
        written = write_guide(model, out, book_url=check_book_url(book_url) if book_url else None)
    except (KeyError, ValueError) as err:
        console.print(str(err.args[0] if err.args else err), style="red")
        raise typer.Exit(EXIT_BAD_INPUT)
    questions = sum(len(c.quiz.questions) for c in model.chapters)
    console.print(f"Wrote the instructor guide ({len(model.chapters)} chapters, {questions} questions): "
                  + ", ".join(str(p) for p in written))


def register(app: typer.Typer) -> None:
    app.command()(guide)
