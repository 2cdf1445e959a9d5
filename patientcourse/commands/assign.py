"""``patientcourse assign``: a self-contained student pack of chosen chapters."""
from __future__ import annotations

from pathlib import Path

import typer

from ..book.execute import ExecutionFailed
from ..book.jupyterbook import BookBuildFailed
from ..instructor.pack import PackError, make_pack
from patientcourse_runtime.results import parse_due
from .common import COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, console, load_or_exit


def assign(chapters: str = typer.Option(..., "--chapters", help="Comma-separated chapter ids or "
                                        "numbers, e.g. 01-fascia-anatomy,3."),
           title: str = typer.Option(..., "--title", help="The assignment's title; its id is made from it."),
           out: Path = typer.Option(..., "--out", help="New folder for the pack."),
           due: str | None = typer.Option(None, "--due", help="Due date, e.g. 2026-12-01 "
                                          "(end of that day, UTC) or 2026-12-01T17:00:00+01:00."),
           mode: str = typer.Option("practice", "--mode", help="practice (feedback right away) or "
                                    "assessment (no answers or feedback in the pack)."),
           course: Path = COURSE_OPTION,
           config: Path = typer.Option(Path("_config.yml"), "--config", help="The book's _config.yml."),
           ) -> None:
    """Make a student pack: chosen chapter notebooks, a small HTML book, and a README."""
    model = load_or_exit(course)
    try:
        chapter_ids = [model.chapter(c.strip()).id for c in chapters.split(",") if c.strip()]
        if not chapter_ids:
            raise PackError("--chapters names no chapter. List ids or numbers, e.g. 1,2.")
        if due:
            parse_due(due)  # refuse a date the grader could not read later
        pack = make_pack(model, chapter_ids, title=title, due=due, mode=mode, out=out,
                         config=config)
    except (KeyError, ValueError) as err:
        console.print(str(err.args[0]), style="red")
        raise typer.Exit(EXIT_BAD_INPUT)
    except (ExecutionFailed, BookBuildFailed) as err:
        console.print(f"The pack's book did not build, so no pack was written.\n{err}")
        raise typer.Exit(EXIT_FAILED)
    console.print(f"Wrote the {pack.mode} pack {pack.folder} for assignment {pack.assignment['id']!r}: "
                  f"{len(pack.chapters)} chapters ({', '.join(pack.chapters)}), {pack.files} files, "
                  f"{pack.size_bytes / 1e6:.1f} MB.")
    if pack.mode == "assessment":
        console.print(f"Checked every byte: none of the {pack.scanned_secrets} answer-key strings "
                      "and no correctness marker is in the pack.")
    console.print(f"Grade what learners hand in with: patientcourse grade --pack {pack.folder} "
                  "--out grades/ RESULTS...")


def register(app: typer.Typer) -> None:
    app.command()(assign)
