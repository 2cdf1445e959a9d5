"""``patientcourse build``: course source → validated model → notebooks → executed → HTML.

Read top to bottom, it is the whole pipeline. Nothing in the project changes until every
stage has succeeded: the notebooks are written and the site is swapped in at the end, so a
failed or interrupted build leaves the previous notebooks and ``_build/html`` usable.
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..book.execute import ExecutionFailed, code_fingerprint, execute_notebooks
from ..book.jupyterbook import BookBuildFailed, built_html, publish, run_jupyter_book, stage_config, sync_stage
from ..render.notebooks import NOTEBOOK_DIR
from ..render.project import render_project, write_files
from ..structure import Course
from .common import COURSE_OPTION, EXIT_FAILED, console, load_or_exit


def build_html(project_dir: Path, files: dict[str, bytes] | None = None, *,
               workers: int | None = None, progress: Progress | None = None) -> Path:
    """Execute and build a project's notebooks into ``<project_dir>/_build/html``.

    ``files`` are the generated inputs (``render_project``); when omitted they are read from
    ``project_dir``. Returns the published HTML folder."""
    project_dir = Path(project_dir)
    files = dict(files) if files is not None else _read_inputs(project_dir)
    stage = project_dir / "_build" / ".stage"
    files["_config.yml"] = stage_config(project_dir / "_config.yml")

    notebooks = sorted(k for k in files if k.endswith(".ipynb"))
    task = progress.add_task("Execute notebooks", total=len(notebooks)) if progress else None
    names = [Path(n).name for n in notebooks]
    # Notebooks run from their own folder next to the bundle, outside the Sphinx source tree.
    run_dir = project_dir / "_build" / ".run"
    sync_stage({f"{NOTEBOOK_DIR}/{n}": files[f"{NOTEBOOK_DIR}/{n}"] for n in names}
               | {f"{NOTEBOOK_DIR}/course.json": files[f"{NOTEBOOK_DIR}/course.json"]}, run_dir)
    executed = execute_notebooks(run_dir / NOTEBOOK_DIR, names, project_dir / "_build" / ".cache", workers=workers,
                                 on_done=lambda name, cached: progress and progress.advance(task))
    # The code fingerprint is staged too: a changed runtime (JS, CSS) must reach the site.
    changed = sync_stage({k: v for k, v in files.items() if not k.endswith(".ipynb")}
                         | {f"{NOTEBOOK_DIR}/{n}": executed[n] for n in names}
                         | {".fingerprint": code_fingerprint().encode()}, stage)

    task = progress.add_task("Write HTML (Jupyter Book)", total=1) if progress else None
    if changed or not (built_html(stage) / "index.html").exists():
        try:
            built = run_jupyter_book(stage)
        except BookBuildFailed:
            (stage / ".fingerprint").unlink(missing_ok=True)  # so the next build runs Sphinx again
            raise
    else:  # nothing Sphinx reads has changed: its output would be the same
        built = built_html(stage)
    if progress:
        progress.advance(task)
    published = project_dir / "_build" / "html"
    publish(built, published)
    return published


def _read_inputs(project_dir: Path) -> dict[str, bytes]:
    files = {"_toc.yml": (project_dir / "_toc.yml").read_bytes(),
             f"{NOTEBOOK_DIR}/course.json": (project_dir / NOTEBOOK_DIR / "course.json").read_bytes()}
    for folder, pattern in ((NOTEBOOK_DIR, "*.ipynb"), ("book", "*.md")):
        for path in sorted((project_dir / folder).glob(pattern)):
            files[f"{folder}/{path.name}"] = path.read_bytes()
    return files


def build(course: Path = COURSE_OPTION,
          project: Path = typer.Option(Path("."), "--project", help="The book project (holds _config.yml)."),
          workers: int = typer.Option(0, "--workers", help="Notebooks executed at once (0: one per core)."),
          ) -> None:
    """Validate the course, generate the notebooks, execute them and build the book."""
    with _progress() as progress:
        task = progress.add_task("Load and validate source", total=1)
        model = load_or_exit(course)
        progress.advance(task)
        progress.console.print(_summary(model))

        task = progress.add_task("Write notebooks", total=1)
        files = render_project(model)
        progress.advance(task)
        try:
            html = build_html(project, files, workers=workers or None, progress=progress)
        except (ExecutionFailed, BookBuildFailed) as err:
            console.print(f"[bold red]Build failed[/]; the previous notebooks and site are unchanged.")
            console.print(str(err), markup=False)
            raise typer.Exit(EXIT_FAILED)
        changed = write_files(files, project)
    console.print(f"Wrote {len(changed)} changed source file{'s' if len(changed) != 1 else ''}. "
                  f"The book is ready: [bold]{(html / 'index.html').resolve()}[/]")
    console.print("Preview it with [bold]make serve[/].")


def _summary(model: Course) -> str:
    questions = sum(len(c.quiz.questions) for c in model.chapters)
    widgets = sum(len(c.widgets) for c in model.chapters)
    return (f"  {len(model.chapters)} chapters, {questions} questions, {widgets} widgets, "
            f"{len(model.glossary.terms)} glossary terms")


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console)


def register(app: typer.Typer) -> None:
    app.command()(build)
