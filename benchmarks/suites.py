"""The measurements: the real course (ours vs bare Jupyter Book, no-op, one-chapter edit),
scaling over synthetic courses, and serial vs parallel notebook execution.

Every build is a fresh process (``measure.run_measured``); every number kept is raw, and
the report takes medians.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Callable

from patientcourse.book.execute import code_fingerprint, execute_notebooks
from patientcourse.render.notebooks import NOTEBOOK_DIR
from patientcourse.book.pipeline import generate
from patientcourse.render.project import BUNDLE_PATH, write_files
from patientcourse.structure import Course, load_course

import projects
from measure import CommandFailed, Run, median, run_measured, summarize, timed
from synthetic import load_synthetic_course

Log = Callable[[str], None]
EDIT_MARK = "(Edited by the build benchmark.)"


def build_ours(project: Path, workers: int | None = None) -> dict:
    """One ``build_html`` of ``project``: its run, phase seconds and notebooks executed."""
    before = projects.cache_entries(project)
    phases_file = project.parent / f".{project.name}-phases.json"
    run = run_measured(projects.our_build_command(project, phases_file, workers), label="build_html")
    return {"run": run, "phases": json.loads(phases_file.read_text(encoding="utf-8")),
            "executed": len(projects.cache_entries(project) - before)}


def build_bare(project: Path) -> Run:
    shutil.rmtree(project / "_build", ignore_errors=True)
    return run_measured(projects.bare_build_command(project), label="jupyter-book build (bare)")


def _quizzes_published(project: Path, course: Course) -> bool:
    """Every chapter page of the built site shows its executed quiz output."""
    return all("data-pc-quiz" in projects.published_page(project, c.id).read_text(encoding="utf-8")
               for c in course.chapters)


def edited_course(course_dir: Path, work: Path, chapter_id: str) -> Course:
    """A copy of the course whose chapter ``chapter_id`` has one more sentence of prose."""
    copy = work / "course-edited"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(course_dir, copy)
    chapter = copy / "chapters" / f"{chapter_id}.md"
    # The last section's body gains a sentence; titles, ids and the quiz are untouched, so the
    # runtime bundle (and with it every other notebook's cache key) stays the same.
    chapter.write_text(chapter.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{EDIT_MARK}\n", encoding="utf-8")
    return load_course(copy)


def generated_files(course) -> dict[str, bytes]:
    """What ``patientcourse generate`` writes (the pipeline's ``generate``, check report included)."""
    return generate(course)[0]


def real_course_suite(course_dir: Path, work: Path, repeat: int, log: Log) -> dict:
    """Clean build (ours vs bare), no-op rebuild and one-chapter edit, ``repeat`` times."""
    load_seconds, course = timed(load_course, course_dir)
    render_seconds, files = timed(generated_files, course)
    edit_id = course.chapters[len(course.chapters) // 2].id
    edited_files = generated_files(edited_course(course_dir, work, edit_id))
    changed = sorted(k for k in files if files[k] != edited_files.get(k))

    ours, bare, noop, edit = [], [], [], []

    def bare_clean(tag: str) -> None:
        log(f"{tag} bare jupyter-book build (executes every notebook itself)")
        project = projects.write_bare_project(work / "bare", files)
        bare.append({"run": build_bare(project), "quizzes_on_every_page": _quizzes_published(project, course)})

    def ours_clean_noop_edit(tag: str) -> None:
        project = projects.write_our_project(work / "ours", files)
        log(f"{tag} our clean build")
        ours.append({**build_ours(project), "quizzes_on_every_page": _quizzes_published(project, course)})
        log(f"{tag} our no-op rebuild")
        noop.append(build_ours(project))
        log(f"{tag} rebuild after editing {edit_id}")
        write_files(edited_files, project)
        entry = build_ours(project)
        page = projects.published_page(project, edit_id).read_text(encoding="utf-8")
        edit.append({**entry, "edit_published": EDIT_MARK in page})

    for rep in range(repeat):
        # Alternate which build goes first, so a slow spell on a shared machine hits both.
        steps = (bare_clean, ours_clean_noop_edit) if rep % 2 else (ours_clean_noop_edit, bare_clean)
        for step in steps:
            step(f"  rep {rep + 1}/{repeat}:")
    return {
        # Both builds must have executed the notebooks: a page without its quiz output means
        # the comparison timed a build that skipped execution.
        "quizzes_on_every_page": {"ours": all(e["quizzes_on_every_page"] for e in ours),
                                  "bare": all(e["quizzes_on_every_page"] for e in bare)},
        "chapters": len(course.chapters), "load_seconds": load_seconds, "render_seconds": render_seconds,
        "ours_clean": _summary(ours), "bare_clean": _summary(bare), "noop": _summary(noop),
        "edit": {**_summary(edit), "chapter": edit_id, "files_changed_by_edit": changed,
                 "bundle_changed": BUNDLE_PATH in changed,
                 "edit_published_every_time": all(e["edit_published"] for e in edit)},
        "project": str(work / "ours"),
    }


def real_course_site(course_dir: Path, work: Path) -> dict:
    """One clean build of the real course with our builder: the site the page measurements use."""
    project = projects.write_our_project(work / "ours", render_project(load_course(course_dir)))
    entry = build_ours(project)
    return {"site": str(project / "_build" / "html"), "build_seconds": entry["run"].seconds}


def scaling_suite(course_dir: Path, work: Path, sizes: list[int], repeat: int, log: Log,
                  on_size_done: Callable[[list[dict]], None] = lambda rows: None) -> list[dict]:
    """Clean build of synthetic courses of each size (default workers: one per core).
    ``on_size_done(rows so far)`` lets the caller save each size as soon as it is measured."""
    rows = []
    for size in sizes:
        log(f"  {size} chapters: writing and loading the synthetic course")
        load_seconds, course = timed(load_synthetic_course, course_dir, work / f"synthetic-{size}", size)
        render_seconds, files = timed(generated_files, course)
        builds = []
        for rep in range(repeat):
            log(f"  {size} chapters: clean build {rep + 1}/{repeat}")
            project = projects.write_our_project(work / f"synthetic-{size}-project", files)
            builds.append(build_ours(project))
        summary = _summary(builds)
        rows.append({"chapters": size, "load_seconds": load_seconds, "render_seconds": render_seconds,
                     "build": summary,
                     "seconds_per_chapter": summary["seconds"] / size,
                     "peak_rss_mb_per_chapter": summary["peak_rss_mb"] / size})
        on_size_done(list(rows))
    return rows


def workers_suite(course_dir: Path, work: Path, chapters: int, repeat: int, log: Log) -> dict:
    """Notebook execution only (``execute_notebooks``, empty cache): workers=1 vs workers=2."""
    course = load_synthetic_course(course_dir, work / f"synthetic-{chapters}", chapters)
    files = generated_files(course)
    folder = work / "execute" / NOTEBOOK_DIR
    shutil.rmtree(folder.parent, ignore_errors=True)
    folder.mkdir(parents=True)
    for rel, data in files.items():
        if rel.startswith(f"{NOTEBOOK_DIR}/"):
            (folder / Path(rel).name).write_bytes(data)
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    seconds: dict[int, list[float]] = {1: [], 2: []}
    for rep in range(repeat):
        for workers in ((2, 1) if rep % 2 else (1, 2)):
            log(f"  {chapters} notebooks, workers={workers}: run {rep + 1}/{repeat}")
            cache = work / "execute" / f"cache-{workers}-{rep}"
            shutil.rmtree(cache, ignore_errors=True)
            elapsed, _ = timed(execute_notebooks, folder, names, cache, workers=workers,
                               fingerprint=code_fingerprint())
            seconds[workers].append(elapsed)
            shutil.rmtree(cache, ignore_errors=True)
    serial, parallel = median(seconds[1]), median(seconds[2])
    return {"chapters": chapters, "serial_seconds": serial, "parallel_seconds": parallel,
            "speedup": serial / parallel, "runs": {"workers_1": seconds[1], "workers_2": seconds[2]}}


# What a fresh interpreter pays before building anything. nbformat imports jsonschema, whose
# format checker imports rfc3987_syntax when it is installed (it is, via jupyterlab's
# jupyter-events); that import builds a parser grammar and dominates a no-op rebuild.
STARTUP_IMPORTS = {"patientcourse.commands.build": "import patientcourse.commands.build",
                   "nbformat": "import nbformat",
                   "rfc3987_syntax": "import rfc3987_syntax",
                   "python": "pass"}


def startup_suite(repeat: int, log: Log) -> dict:
    """Seconds for a fresh interpreter to run each import (median of ``repeat``)."""
    out = {}
    for name, code in STARTUP_IMPORTS.items():
        log(f"  fresh interpreter: {code}")
        try:
            runs = [run_measured([sys.executable, "-c", code], label=code).seconds for _ in range(repeat)]
        except CommandFailed as err:  # e.g. rfc3987_syntax not installed: that is the good case
            out[name] = {"error": str(err).splitlines()[0]}
            continue
        out[name] = {"seconds": median(runs), "runs": runs}
    return out


def _summary(entries: list[dict]) -> dict:
    """Medians of the runs and phases, the executed counts, and every raw entry."""
    summary = summarize([e["run"] for e in entries])
    if entries and "phases" in entries[0]:
        names = sorted({name for e in entries for name in e["phases"]})
        summary["phases"] = {n: median([e["phases"].get(n, 0.0) for e in entries]) for n in names}
        summary["executed"] = [e["executed"] for e in entries]
    return summary
