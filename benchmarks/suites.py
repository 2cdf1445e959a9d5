"""The measurements: the real course against its peers (clean, no-op, three kinds of edit),
scaling over synthetic courses, and Sphinx's parallel writing.

Every build is a fresh process (``measure.run_measured``): CPU seconds over the whole process
tree, wall seconds, peak tree memory and the load average when it started. Ours and the peer
run in pairs, the order alternating from one repetition to the next, so a busy spell on the
shared machine lands on both. Every raw figure is kept; the report takes medians.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import peers
from measure import Run, median, run_measured, summarize
from synthetic import write_synthetic_course

Log = Callable[[str], None]

# Edits an author makes, one word or two, in chapter 03 (a quiz and a widget) and the glossary.
# Repetition k applies variant k to the original text, so every repetition is a real change.
EDITS = {
    "prose": ("course/chapters/03-exercises.md", "notebooks/03-exercises.html",
              "You can buy one online or at a sporting goods store.",
              ["You can buy one online or at a sports store.", "You can buy one online or in a sporting goods store.",
               "You can buy one on the internet or at a sporting goods store.",
               "You can buy one online, or at a sporting goods store."]),
    "quiz feedback": ("course/chapters/03-exercises.quiz.yml", "notebooks/03-exercises.html",
                      "feedback: Right. You can buy one online or at a sporting goods store.",
                      ["feedback: Right. You can buy one online or at a sports store.",
                       "feedback: Right. You can buy one online or in a sporting goods store.",
                       "feedback: Right. You can buy one on the internet or at a sporting goods store.",
                       "feedback: Right. You can buy one online, or at a sporting goods store."]),
    "glossary": ("course/glossary.yml", "book/glossary.html",
                 "A soft sheet of tissue that forms under the skin.",
                 ["A soft layer of tissue that forms under the skin.", "A soft sheet of tissue that forms below the skin.",
                  "A soft sheet of tissue that forms beneath the skin.", "A soft sheet of tissue that lies under the skin."]),
}


def build_ours(project: Path, today: str) -> dict:
    run = run_measured(peers.our_build_command(project, today), cwd=project, label="patientcourse build")
    executed, reused, kernels = peers.executed_by_ours(run.output)
    return {"run": run, "executed": executed, "reused": reused, "kernels": kernels}


def build_peer(project: Path, jobs: int | None = None) -> dict:
    run = run_measured(peers.peer_build_command(project, jobs), cwd=project, label="jupyter-book build")
    return {"run": run, "executed": peers.executed_by_peer(run.output)}


def paired(rep: int, first: Callable[[], None], second: Callable[[], None]) -> None:
    """Run both, the order alternating with ``rep``."""
    for step in ((first, second) if rep % 2 == 0 else (second, first)):
        step()


def real_course_suite(course_dir: Path, article: Path, work: Path, repeat: int, today: str, log: Log) -> dict:
    out: dict = {"clean": {"ours": [], "peer": []}, "noop": {"ours": [], "peer": []},
                 "edits": {name: {"ours": [], "peer": []} for name in EDITS}}

    def clean_ours():
        log("    ours: clean patientcourse build")
        project = peers.write_our_project(work / "ours-clean", course_dir, article)
        out["clean"]["ours"].append(build_ours(project, today) | {"quizzes": _quizzes_shown(project)})

    def clean_peer():
        log("    peer: clean jupyter-book build (execute_notebooks: force)")
        ours = peers.write_our_project(work / "ours-for-peer", course_dir, article)
        project = peers.write_peer_project(work / "peer-clean", ours, "force")
        out["clean"]["peer"].append(build_peer(project) | {"quizzes": _quizzes_shown(project)})

    for rep in range(repeat):
        log(f"  clean build, pair {rep + 1}/{repeat}")
        paired(rep, clean_ours, clean_peer)

    ours = peers.write_our_project(work / "ours", course_dir, article)
    peer = peers.write_peer_project(work / "peer", ours, "cache")
    log("  warming up: first build of ours and of the cached peer")
    build_ours(ours, today)
    build_peer(peer)
    # What one run of the health-literacy check costs (a fresh process): the part of every
    # build after a source edit that the peer has no counterpart for.
    out["check_alone"] = []
    for rep in range(repeat):
        log(f"  the check alone (`patientcourse check`), {rep + 1}/{repeat}")
        out["check_alone"].append({"run": run_measured(peers.check_command(ours, today), cwd=ours,
                                                       label="patientcourse check")})
    for rep in range(repeat):
        log(f"  no-op, pair {rep + 1}/{repeat}")
        paired(rep, lambda: out["noop"]["ours"].append(build_ours(ours, today)),
               lambda: out["noop"]["peer"].append(build_peer(peer)))

    for name, (source, page, original, variants) in EDITS.items():
        path = ours / source
        pristine = path.read_text(encoding="utf-8")
        assert original in pristine, (source, original)
        for rep in range(repeat):
            variant = variants[rep % len(variants)]
            log(f"  {name} edit, pair {rep + 1}/{repeat}")
            path.write_text(pristine.replace(original, variant, 1), encoding="utf-8")
            changed = peers.update_peer(peer, ours)
            shown = _shown_text(variant)

            def edit_ours():
                entry = build_ours(ours, today)
                out["edits"][name]["ours"].append(entry | {"shows_edit": shown in peers.page(ours, page)})

            def edit_peer():
                entry = build_peer(peer)
                out["edits"][name]["peer"].append(entry | {"shows_edit": shown in peers.page(peer, page),
                                                           "files_changed": changed})

            paired(rep, edit_ours, edit_peer)
        path.write_text(pristine, encoding="utf-8")
        peers.update_peer(peer, ours)
        log(f"  {name}: back to the original, both sides rebuilt")
        build_ours(ours, today)
        build_peer(peer)
    return summarise_real(out)


def _shown_text(variant: str) -> str:
    """The words of an edit as a page shows them (HTML escapes the apostrophes, never these)."""
    return variant.removeprefix("feedback: Right. ")


def _quizzes_shown(project: Path) -> bool:
    """Every chapter page shows its quiz output: the build really executed the notebooks."""
    pages = sorted((project / "_build" / "html" / "notebooks").glob("*.html"))
    return bool(pages) and all("data-pc-quiz" in p.read_text(encoding="utf-8") for p in pages)


def summarise_real(out: dict) -> dict:
    def side(entries: list[dict]) -> dict:
        summary = summarize([e["run"] for e in entries])
        for key in ("executed", "reused", "kernels", "shows_edit", "quizzes", "files_changed"):
            if entries and key in entries[0]:
                summary[key] = [e[key] for e in entries]
        return summary

    return {"check_alone": side(out["check_alone"]),
            "clean": {k: side(v) for k, v in out["clean"].items()},
            "noop": {k: side(v) for k, v in out["noop"].items()},
            "edits": {name: {k: side(v) for k, v in sides.items()} for name, sides in out["edits"].items()}}


def real_course_site(course_dir: Path, article: Path, work: Path, today: str) -> dict:
    """One clean build of the real course with our builder: the site the page measurements use."""
    project = peers.write_our_project(work / "ours", course_dir, article)
    entry = build_ours(project, today)
    return {"site": str(project / "_build" / "html"), "build_seconds": entry["run"].seconds}


def scaling_suite(course_dir: Path, article: Path, work: Path, sizes: list[int], today: str, log: Log,
                  jobs_sizes: list[int], on_size_done: Callable[[list[dict]], None] = lambda rows: None) -> list[dict]:
    """A clean ``patientcourse build`` of a synthetic course of each size; at ``jobs_sizes``, also
    Sphinx alone on the same staged book with -j 1 and -j 2. ``on_size_done(rows so far)``."""
    rows = []
    for size in sizes:
        log(f"  {size} chapters: clean build")
        source = write_synthetic_course(course_dir, work / f"synthetic-{size}-source", size)
        project = peers.write_our_project(work / f"synthetic-{size}", source, article)
        entry = build_ours(project, today)
        row = {"chapters": size, "build": summarize([entry["run"]]), "executed": entry["executed"],
               "kernels": entry["kernels"]}
        if size in jobs_sizes:
            row["sphinx_jobs"] = _sphinx_jobs(project / "_build" / ".stage", log, size)
        shutil.rmtree(source, ignore_errors=True)
        rows.append(row)
        on_size_done(list(rows))
    return rows


def _sphinx_jobs(stage: Path, log: Log, size: int) -> dict:
    """Sphinx alone (Jupyter Book on our staged book, from clean) with 1 and with 2 processes."""
    runs: dict[str, Run] = {}
    for jobs in (1, 2):
        log(f"  {size} chapters: Sphinx alone, -j {jobs}")
        shutil.rmtree(stage / "_build", ignore_errors=True)
        runs[f"j{jobs}"] = build_peer(stage, jobs)["run"]
    return {name: run.as_dict() for name, run in runs.items()}


__all__ = ["EDITS", "median", "real_course_site", "real_course_suite", "scaling_suite"]
