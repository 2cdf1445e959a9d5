"""``patientcourse build``: course source → validated model → notebooks → executed → HTML.

Read top to bottom, it is the whole pipeline. Nothing in the project changes until every
stage has succeeded: the notebooks are written and the site is swapped in at the end, so a
failed or interrupted build leaves the previous notebooks and ``_build/html`` usable.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..book.execute import ExecutionFailed, code_fingerprint, execute_notebooks
from ..book.jupyterbook import BookBuildFailed, built_html, publish, run_jupyter_book, stage_config, sync_stage
from ..lite import LiteBuildFailed
from ..lite.button import with_button
from ..lite.site import LITE_DIR, build_lite
from ..render.notebooks import NOTEBOOK_DIR
from ..checks import run_checks
from ..checks.report import print_report
from ..render.project import write_files
from ..structure import Course
from .common import COURSE_OPTION, EXIT_FAILED, console, load_or_exit, render_or_exit


def stage_notebooks(project_dir: Path, files: dict[str, bytes]) -> Path:
    """Put the generated notebooks and their bundle where they will run (outside the Sphinx
    source tree and outside the project's own notebooks/, which change only on success)."""
    run_dir = Path(project_dir) / "_build" / ".run"
    sync_stage({k: v for k, v in files.items() if k.startswith(f"{NOTEBOOK_DIR}/")}, run_dir)
    return run_dir / NOTEBOOK_DIR


def build_html(project_dir: Path, files: dict[str, bytes] | None = None, *,
               workers: int | None = None, progress: Progress | None = None, lite: bool = False) -> Path:
    """Execute and build a project's notebooks into ``<project_dir>/_build/html``.

    ``files`` are the generated inputs (``render_project``); when omitted they are read from
    ``project_dir``. With ``lite``, the site also gets the in-browser JupyterLab (``lite/``)
    and its chapter pages an "Open in the browser" button. Returns the published HTML folder."""
    project_dir = Path(project_dir)
    files = dict(files) if files is not None else _read_inputs(project_dir)
    files["_config.yml"] = stage_config(project_dir / "_config.yml")
    if lite:
        files["_config.yml"] = with_button(files["_config.yml"], f"{LITE_DIR}/lab/index.html")
    names = sorted(Path(k).name for k in files if k.endswith(".ipynb"))

    fingerprint = code_fingerprint()

    task = progress.add_task("Execute notebooks", total=len(names)) if progress else None
    executed = execute_notebooks(stage_notebooks(project_dir, files), names,
                                 project_dir / "_build" / ".cache", fingerprint=fingerprint, workers=workers,
                                 on_done=lambda name, cached: progress and progress.advance(task))
    # The code fingerprint is staged too: a changed runtime (JS, CSS) must reach the site.
    stage = project_dir / "_build" / ".stage"
    changed = sync_stage({k: v for k, v in files.items() if not k.endswith(".ipynb")}
                         | {f"{NOTEBOOK_DIR}/{n}": executed[n] for n in names}
                         | {".fingerprint": fingerprint.encode()}, stage)

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
    extras = {}
    if lite:
        task = progress.add_task("Build the in-browser JupyterLab (JupyterLite)", total=1) if progress else None
        extras[LITE_DIR] = build_lite(project_dir, files)
        if progress:
            progress.advance(task)
    published = project_dir / "_build" / "html"
    publish(built, published, extras)
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
          check: bool = typer.Option(True, "--check/--no-check", help="Run the health-literacy check "
                                     "first and stop on its errors."),
          lite: bool = typer.Option(False, "--lite", help="Also build the in-browser JupyterLab into "
                                    "_build/html/lite, with an \"Open in the browser\" button on each chapter."),
          ) -> None:
    """Validate and check the course, generate the notebooks, execute them and build the book."""
    with _progress() as progress:
        task = progress.add_task("Load and validate source", total=1)
        model = load_or_exit(course)
        progress.advance(task)
        progress.console.print(_summary(model))

        task = progress.add_task("Write notebooks", total=1)
        files = render_or_exit(model)
        notebooks_dir = stage_notebooks(project, files)
        progress.advance(task)

        if check:
            task = progress.add_task("Check health literacy", total=1)
            report = run_checks(model, today=dt.date.today(), notebooks_dir=notebooks_dir)
            progress.advance(task)
            if not report.passed:
                progress.stop()
                print_report(report, console, show_info=False)
                console.print("[bold red]Build stopped by the check[/]; fix the errors above "
                              "(or build with --no-check). Nothing was changed.")
                raise typer.Exit(EXIT_FAILED)
        try:
            html = build_html(project, files, workers=workers or None, progress=progress, lite=lite)
        except (ExecutionFailed, BookBuildFailed, LiteBuildFailed) as err:
            console.print(f"[bold red]Build failed[/]; the previous notebooks and site are unchanged.")
            console.print(str(err), markup=False, soft_wrap=True)  # keep file names whole
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
