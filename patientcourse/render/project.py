"""Course → every generated file of a book project, then written atomically.

``render_project`` is pure (course in, ``{relative path: bytes}`` out), so a source error
stops before anything touches the disk, and tests can compare bytes without writing. The
instructors' report page is rendered apart (``render_report``) from the check report the
caller already has, so no renderer runs the checks again (see ``book/pipeline.py``).
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from patientcourse_runtime.fileio import atomic_write
from ..checks.run import CheckReport
from ..structure import Course
from .bundle import bundle, bundle_bytes
from .notebooks import NOTEBOOK_DIR, notebook_path, render_notebook
from .pages import glossary_page, instructors_page, landing_page, progress_page, sources_page
from .report_page import report_page
from .toc import render_toc

BUNDLE_PATH = f"{NOTEBOOK_DIR}/course.json"


def render_project(course: Course, *, mode: str = "practice", assignment: dict | None = None,
                   instructor_pages: bool = True) -> dict[str, bytes]:
    """Every generated file but the report page, which ``instructor_pages`` links to (add it
    with ``render_report``)."""
    files = {notebook_path(c): render_notebook(course, c, mode) for c in course.chapters}
    # A figure's drawing sits next to the notebooks, at the path the chapter names (e.g.
    # notebooks/figures/x.svg), so the notebook and `jupyter-book build .` both find it.
    files.update({f"{NOTEBOOK_DIR}/{f.file}": f.svg.encode("utf-8") for c in course.chapters for f in c.figures})
    files[BUNDLE_PATH] = bundle_bytes(bundle(course, mode=mode, assignment=assignment))
    files["_toc.yml"] = render_toc(course, instructor_pages=instructor_pages)
    pages = {"index": landing_page,
             "glossary": glossary_page, "sources": sources_page,
             "progress": lambda c: progress_page(c, assignment, mode)}
    if instructor_pages:
        pages["instructors"] = instructors_page
    for name, render in pages.items():
        files[f"book/{name}.md"] = _page_bytes(render(course))
    return files


def render_report(course: Course, report: CheckReport) -> dict[str, bytes]:
    """``book/report.md``, the instructors' quality report, from the check report."""
    return {"book/report.md": _page_bytes(report_page(course, report))}


def _page_bytes(text: str) -> bytes:
    return (text.rstrip("\n") + "\n").encode("utf-8")


def write_files(files: dict[str, bytes], dest: Path) -> list[str]:
    """Write each file via a temporary file and ``os.replace``, so a reader never sees half a
    file; leave files whose bytes are unchanged alone (their mtimes drive incremental builds).
    Then remove generated notebooks of chapters that no longer exist. Returns changed paths."""
    changed = []
    for rel, data in sorted(files.items()):
        target = dest / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write(target, data)
        changed.append(rel)
    changed += _remove_stale_notebooks(files, dest)
    return changed


def _remove_stale_notebooks(files: dict[str, bytes], dest: Path) -> list[str]:
    removed = []
    for path in sorted((dest / NOTEBOOK_DIR).glob("*.ipynb")):
        rel = f"{NOTEBOOK_DIR}/{path.name}"
        if rel in files:
            continue
        try:  # only ever delete what we generated: a learner's own notebook stays
            generated = "patientcourse" in nbformat.read(path, as_version=4).metadata
        except Exception:
            generated = False
        if generated:
            path.unlink()
            removed.append(rel)
    return removed
