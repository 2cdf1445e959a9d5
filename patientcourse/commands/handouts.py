"""``patientcourse handouts``: one printable PDF per chapter (prose, key points, figures, the
quiz as a worksheet and its answer key on the last page)."""
from __future__ import annotations

from pathlib import Path

import typer

from ..book.execute import ExecutionFailed
from ..book.handouts import HandoutsFailed, write_handouts
from ..book.jupyterbook import BookBuildFailed
from .build import build_html
from .common import COURSE_OPTION, EXIT_FAILED, console, load_or_exit, render_or_exit


def handouts(out: Path = typer.Option(..., "--out", help="Folder for the PDFs, one per chapter."),
             course: Path = COURSE_OPTION,
             project: Path = typer.Option(Path("."), "--project", help="The book project (holds _config.yml)."),
             ) -> None:
    """Build the book (reusing what is already built) and write each chapter as a PDF handout."""
    model = load_or_exit(course)
    files = render_or_exit(model)
    try:
        site = build_html(project, files)
        written = write_handouts(model, site, out)
    except (ExecutionFailed, BookBuildFailed, HandoutsFailed) as err:
        console.print("[bold red]No handouts written.[/]")
        console.print(str(err), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_FAILED)
    console.print(f"Wrote {len(written)} handouts to {out.resolve()}: "
                  + ", ".join(p.name for p in written), markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(handouts)
