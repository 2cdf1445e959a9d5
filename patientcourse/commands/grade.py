"""``patientcourse grade``: score handed-in results files into grades.csv and items.csv."""
from __future__ import annotations

from pathlib import Path

import typer

from ..instructor.grading import Grader
from ..instructor.pack import read_pack_assignment
from ..instructor.reports import write_reports
from patientcourse_runtime.results import parse_due
from .common import COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, console, load_or_exit


def grade(results: list[Path] = typer.Argument(..., help="Results files, or folders of them (*.json)."),
          out: Path = typer.Option(..., "--out", help="Folder for grades.csv, items.csv, skipped.csv."),
          course: Path = COURSE_OPTION,
          pack: Path | None = typer.Option(None, "--pack", help="The student pack made by `assign`: "
                                           "grade its chapters, against its assignment and due date."),
          chapters: str | None = typer.Option(None, "--chapters", help="Comma-separated chapter ids "
                                              "to grade (default: the pack's, else all)."),
          due: str | None = typer.Option(None, "--due", help="Due date, e.g. 2026-12-01 (end of day, "
                                         "UTC); answers after it are flagged late."),
          ) -> None:
    """Recompute every score from the chosen answers (never from a score in the file)."""
    model = load_or_exit(course)
    assignment_id, chapter_ids, due_text = None, None, due
    try:
        if pack is not None:
            assignment, chapter_ids = read_pack_assignment(pack)
            assignment_id, due_text = assignment["id"], due or assignment.get("due")
        if chapters:
            chapter_ids = [c.strip() for c in chapters.split(",") if c.strip()]
            for chapter_id in chapter_ids:
                model.chapter(chapter_id)
        due_at = parse_due(due_text) if due_text else None
    except (KeyError, ValueError) as err:
        console.print(str(err.args[0]), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    files = _expand(results)
    book = Grader(model, chapters=chapter_ids, assignment_id=assignment_id, due=due_at).grade(files)
    written = write_reports(book, out)
    console.print(f"Graded {len(book.grades)} learner{'s' if len(book.grades) != 1 else ''} from "
                  f"{len(files)} file{'s' if len(files) != 1 else ''}; skipped {len(book.skipped)}.")
    for skipped in book.skipped:
        console.print(f"  skipped {skipped.path}: {skipped.reason}", markup=False, soft_wrap=True)
    console.print("Wrote " + ", ".join(str(p) for p in written), markup=False, soft_wrap=True)
    if files and not book.grades:
        raise typer.Exit(EXIT_FAILED)


def _expand(paths: list[Path]) -> list[Path]:
    """Folders stand for the *.json files anywhere under them, in name order."""
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.rglob("*.json")) if path.is_dir() else [path])
    return out


def register(app: typer.Typer) -> None:
    app.command()(grade)
