"""The build pipeline: course source → validated model → checked → notebooks → executed → HTML.

Read top to bottom, ``build_book`` is the whole of ``make book``. The command line, student
packs, the benchmark and the tests all call these functions; ``commands/build.py`` only
parses options and prints. Nothing in the project changes until every stage has succeeded:
the notebooks are written and the site is swapped in at the end, so a failed or interrupted
build leaves the previous notebooks and ``_build/html`` usable.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from filelock import FileLock, Timeout

from ..render.notebooks import NOTEBOOK_DIR
from ..render.project import render_project, render_report, write_files
from ..structure import Course, load_course
from .checked import Checked, run_or_reuse
from .execute import code_fingerprint, execute_notebooks
from .jupyterbook import BookBuildFailed, built_html, publish, run_jupyter_book, site_id, stage_config, sync_stage

if TYPE_CHECKING:
    from ..checks.run import CheckReport


class CheckFailed(Exception):
    """The health-literacy check found errors, so nothing was built or written."""

    def __init__(self, report: "CheckReport"):
        self.report = report
        super().__init__(f"the check found {report.count('error')} error(s)")


class Stages:
    """How a build shows its progress: ``start`` a stage (returns the function that
    advances it) and ``note`` a line. This default shows nothing."""

    def start(self, description: str, total: int = 1) -> Callable[[], None]:
        return lambda: None

    def note(self, text: str) -> None:
        pass


@dataclass(frozen=True)
class Built:
    course: Course
    check: Checked  # the check's outcome (reused when nothing it reads changed)
    html: Path  # the published site
    changed: list[str]  # project files written because they changed


def load(course_dir: Path) -> Course:
    """Load and validate the course, its widgets' data included; raises ``CourseError``."""
    return load_course(course_dir)


def generate(course: Course) -> tuple[dict[str, bytes], "CheckReport"]:
    """Every generated file of the project (what ``patientcourse generate`` writes), and the
    check report its report page was made from (no clock, no notebooks: the same every day)."""
    from ..checks import run_checks  # the text libraries load only for commands that check

    # No source trace: the report page does not show it (it is a `check` rule), and it reads the article.
    report = run_checks(course, today=None, notebooks_dir=None, trace=False)
    return render_project(course) | render_report(course, report), report


def generate_project(course_dir: Path, project: Path) -> tuple[Course, list[str]]:
    """``patientcourse generate``: load the course and write its generated files into the
    project (only those that changed). Returns the course and the changed paths."""
    course = load(course_dir)
    files, _ = generate(course)
    with project_lock(project, Stages()):
        return course, write_files(files, project)


def build_book(course_dir: Path, project: Path, *, today: dt.date, check: bool = True,
               workers: int | None = None, stages: Stages = Stages(), lite: bool = False) -> Built:
    """``make book`` (``make lite`` with ``lite``). Raises ``CourseError`` (bad source),
    ``CheckFailed`` (only when ``check``), ``ExecutionFailed``, ``BookBuildFailed`` or
    ``LiteBuildFailed``; then nothing was changed.
    A second build of the same project waits until the first has finished."""
    project = Path(project)
    done = stages.start("Load and validate source")
    course = load(course_dir)
    done()
    stages.note(summary(course))
    with project_lock(project, stages):
        return _build_loaded(course, project, today=today, check=check, workers=workers, stages=stages,
                             lite=lite)


def lock_path(project: Path) -> Path:
    return Path(project) / "_build" / ".build.lock"


@contextmanager
def project_lock(project: Path, stages: Stages) -> Iterator[None]:
    """Hold the project's build lock: two builds at once would mix their stages, caches and
    published sites. Says so, then waits, when another build holds it."""
    path = lock_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        stages.note(f"Another build of this project is running (it holds {path}); waiting for it to finish.")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _build_loaded(course: Course, project: Path, *, today: dt.date, check: bool, workers: int | None,
                  stages: Stages, lite: bool = False) -> Built:
    """The rest of ``build_book``, under the project's lock."""
    done = stages.start("Write notebooks")
    files = render_project(course)
    notebooks_dir = stage_notebooks(project, files)
    done()

    done = stages.start("Check health literacy")
    fingerprint = code_fingerprint()
    checked = run_or_reuse(course, notebooks_dir, {k: v for k, v in files.items() if k.endswith(".ipynb")},
                           today=today, code=fingerprint, cache_dir=project / "_build" / ".check-cache")
    done()
    if check and not checked.passed:
        raise CheckFailed(checked.report)
    files |= checked.report_page

    html = build_html(project, files, workers=workers, stages=stages, fingerprint=fingerprint, lite=lite)
    return Built(course, checked, html, write_files(files, project))


def summary(course: Course) -> str:
    questions = sum(len(c.quiz.questions) for c in course.chapters)
    widgets = sum(len(c.widgets) for c in course.chapters)
    return (f"{len(course.chapters)} chapters, {questions} questions, {widgets} widgets, "
            f"{len(course.glossary.terms)} glossary terms")


def stage_notebooks(project_dir: Path, files: dict[str, bytes]) -> Path:
    """Put the generated notebooks and their bundle where they will run (outside the Sphinx
    source tree and outside the project's own notebooks/, which change only on success)."""
    run_dir = Path(project_dir) / "_build" / ".run"
    sync_stage({k: v for k, v in files.items() if k.startswith(f"{NOTEBOOK_DIR}/")}, run_dir)
    return run_dir / NOTEBOOK_DIR


def build_html(project_dir: Path, files: dict[str, bytes] | None = None, *,
               workers: int | None = None, stages: Stages = Stages(), fingerprint: str | None = None,
               lite: bool = False) -> Path:
    """Execute and build a project's notebooks into ``<project_dir>/_build/html``.

    ``files`` are the generated inputs (``generate``); when omitted they are read from
    ``project_dir``. ``fingerprint`` is ``code_fingerprint()`` when the caller already took
    it. With ``lite``, the site also gets the in-browser JupyterLab (``lite/``) and its
    chapter pages an "Open in the browser" button. Returns the published HTML folder; when
    nothing it was made from has changed since the site there was published, it is left as
    it is (not copied or swapped again)."""
    project_dir = Path(project_dir)
    files = dict(files) if files is not None else _read_inputs(project_dir)
    files["_config.yml"] = stage_config(project_dir / "_config.yml")
    if lite:  # the lite modules load only for builds that ask for it
        from ..lite.button import with_button
        from ..lite.site import LITE_DIR, LITE_URL, build_lite

        files["_config.yml"] = with_button(files["_config.yml"], LITE_URL)
    names = sorted(Path(k).name for k in files if k.endswith(".ipynb"))

    fingerprint = fingerprint or code_fingerprint()

    advance = stages.start("Execute notebooks", total=len(names))
    executed = execute_notebooks(stage_notebooks(project_dir, files), names, project_dir / "_build" / ".cache",
                                 workers=workers, on_done=lambda name, cached: advance())
    stages.note(executed.summary())
    # The code fingerprint is staged too: a changed runtime (JS, CSS) must reach the site.
    stage = project_dir / "_build" / ".stage"
    staged = ({k: v for k, v in files.items() if not k.endswith(".ipynb")}
              | {f"{NOTEBOOK_DIR}/{n}": executed.notebooks[n] for n in names}
              | {".fingerprint": fingerprint.encode()})
    changed = sync_stage(staged, stage)

    done = stages.start("Write HTML (Jupyter Book)")
    if changed or not (built_html(stage) / "index.html").exists():
        try:
            built = run_jupyter_book(stage)
        except BookBuildFailed:
            (stage / ".fingerprint").unlink(missing_ok=True)  # so the next build runs Sphinx again
            raise
    else:  # nothing Sphinx reads has changed: its output would be the same
        built = built_html(stage)
    done()
    extras = {}
    if lite:  # built before anything is published: a failure leaves the previous site as it was
        done = stages.start("Build the in-browser JupyterLab (JupyterLite)")
        extras[LITE_DIR] = build_lite(project_dir, files)
        done()
    published = project_dir / "_build" / "html"
    publish(built, published, site_id(staged, extras), extras=extras)
    return published


def _read_inputs(project_dir: Path) -> dict[str, bytes]:
    files = {"_toc.yml": (project_dir / "_toc.yml").read_bytes(),
             f"{NOTEBOOK_DIR}/course.json": (project_dir / NOTEBOOK_DIR / "course.json").read_bytes()}
    for folder, pattern in ((NOTEBOOK_DIR, "*.ipynb"), (f"{NOTEBOOK_DIR}/figures", "*.svg"), ("book", "*.md")):
        for path in sorted((project_dir / folder).glob(pattern)):
            files[f"{folder}/{path.name}"] = path.read_bytes()
    return files
