"""Build benchmark (issue #15): `patientcourse build` as a user runs it, against Jupyter Book on
the same notebooks (bare for a clean build, its own cache for no-op and edits), CPU seconds over
the whole process tree beside wall seconds and the load average; scaling to 320 chapters;
Sphinx's -j. Also page weight and answer feedback (issue #7). Not a test: a measurement.

    .venv/bin/python benchmarks/bench_build.py                 # full run, writes benchmarks/RESULTS.md
    .venv/bin/python benchmarks/bench_build.py --quick         # minutes; writes benchmarks/_work/
    .venv/bin/python benchmarks/bench_build.py --render-only benchmarks/results.json

Writes ``RESULTS.md`` and ``results.json`` into ``--out``; scratch projects go to
``benchmarks/_work/`` (ignored by git). ``benchmarks/results-notes.md``, when present, is
added to RESULTS.md as "Reading the figures".
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import sys
import time
from pathlib import Path

import typer
from rich.console import Console

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))  # the helpers beside this script, when run as a file

from snapshot import run_on_code_snapshot, snapshot_in_use  # noqa: E402

# Before anything imports patientcourse: re-run on a frozen copy of it (see snapshot.py).
run_on_code_snapshot(BENCH_DIR.parent, BENCH_DIR / "_work")

import report  # noqa: E402
import suites  # noqa: E402
import verdicts  # noqa: E402
from browser import chromium_available, measure_feedback, measure_transfer  # noqa: E402
from firstanswer import build_jupyterquiz_page, measure_first_answerable  # noqa: E402
from pageweight import not_counted, page_weight  # noqa: E402
from reuse import REPO  # noqa: E402

from patientcourse.book.execute import PACKAGE, code_fingerprint  # noqa: E402
from patientcourse.structure import CourseError, load_course  # noqa: E402
from patientcourse.trace.source import source_path  # noqa: E402

console = Console(stderr=True)
app = typer.Typer(add_completion=False)
NOTES = BENCH_DIR / "results-notes.md"
DEFAULTS = ([5, 20, 80, 320], 3, [80, 320], 20, 15, False)
# What --keep-earlier takes from an earlier run instead of measuring it again.
EARLIER_PARTS = ("scaling", "feedback", "page_transfer", "first_answerable")


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise typer.BadParameter(f"{text!r}: give chapter counts separated by commas, e.g. 5,20,80,320.")
    if sizes and (sizes[0] < 1 or sizes[-1] > 999):
        raise typer.BadParameter(f"{text!r}: each size must be 1 to 999.")
    return sizes


@app.command()
def main(
    sizes: str = typer.Option("5,20,80,320", help="Synthetic course sizes (chapters), comma-separated; the "
                                                  "line is drawn through the two smallest."),
    repeat: int = typer.Option(3, min=1, help="Pairs (ours, peer) of each real-course measurement."),
    jobs_sizes: str = typer.Option("80,320", help="Sizes at which Sphinx -j 1 and -j 2 are compared."),
    clicks: int = typer.Option(20, min=1, help="Answer clicks timed in the browser."),
    loads: int = typer.Option(15, min=1, help="Page loads of each page timed for the first answerable question."),
    pages_only: bool = typer.Option(False, help="Only the pages: one build of the real course, then page weight, "
                                                "what the browser transfers, answer feedback and the first "
                                                "answerable question (minutes)."),
    quick: bool = typer.Option(False, help="A few minutes: sizes 5,10,15, one pair, no -j, 5 clicks."),
    skip_browser: bool = typer.Option(False, help="Leave out the browser feedback timing."),
    course: Path = typer.Option(REPO / "course", help="The course source folder to benchmark."),
    out: Path = typer.Option(None, help="Where RESULTS.md and results.json go "
                                        "(default: benchmarks/, or benchmarks/_work/ with --quick)."),
    render_only: Path = typer.Option(None, help="Measure nothing: rewrite RESULTS.md (beside it) from this "
                                                "results.json, e.g. after changing the report's wording."),
    keep_earlier: Path = typer.Option(None, help="Measure the real course only (clean, no-op, edits, the check, "
                                                 "page weight); take the scaling and browser figures from this "
                                                 "earlier results.json, said so in RESULTS.md."),
) -> None:
    if render_only:
        results = json.loads(render_only.read_text(encoding="utf-8"))
        _finish(results, render_only.parent)
        console.print(f"Rewrote {render_only.parent / 'RESULTS.md'} from {render_only}.")
        return
    if quick:
        sizes, repeat, jobs_sizes, clicks, loads = "5,10,15", 1, "", 5, 3
    size_list, jobs_list = parse_sizes(sizes), parse_sizes(jobs_sizes)
    try:  # a broken course is reported with its file and line before anything is timed
        article = source_path(load_course(course))
    except CourseError as err:
        console.print(f"The course at {course} does not load; fix it first:", style="bold red")
        console.print(str(err), markup=False)
        raise typer.Exit(2)
    out = out or (BENCH_DIR / "_work" if quick else BENCH_DIR)
    work = BENCH_DIR / "_work"
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    started, start = dt.datetime.now(dt.timezone.utc), time.perf_counter()
    today = dt.date.today().isoformat()  # one day for the whole run: the check's review dates stay put
    results: dict = {
        "command": shlex.join([".venv/bin/python", "benchmarks/bench_build.py", *sys.argv[1:]]),
        "started": f"{started:%Y-%m-%d %H:%M} UTC", "load_start": _load(),
        "settings": {"kind": _kind(quick, size_list, repeat, jobs_list, clicks, loads, skip_browser),
                     "sizes": size_list, "repeat": repeat, "jobs_sizes": jobs_list, "clicks": clicks},
        "machine": report.machine(),
        "code": {"package": str(PACKAGE), "snapshot": snapshot_in_use(), "fingerprint": code_fingerprint()},
    }

    def log(message: str) -> None:
        console.print(f"[dim]{time.perf_counter() - start:7.1f}s load {os.getloadavg()[0]:4.1f}[/] {message}")

    def save(final: bool = False) -> None:
        """Write RESULTS.md and results.json after every part, so a run stopped early still
        leaves every finished part on disk, marked incomplete."""
        now = dt.datetime.now(dt.timezone.utc)
        results.update({"finished": f"{now:%Y-%m-%d %H:%M} UTC" + ("" if final else " (incomplete: still running)"),
                        "load_end": _load(), "total_seconds": time.perf_counter() - start})
        _finish(results, out)

    def attempt(key: str, measure) -> None:
        """Run one part; a failure is recorded (and reported) instead of losing the other parts."""
        try:
            results[key] = measure()
        except Exception as err:  # noqa: BLE001 - any failure of a part is a result to report
            failure = {"error": f"{type(err).__name__}: {err}"[:3000]}
            results[f"{key}_failed" if isinstance(results.get(key), list) else key] = failure
            log(f"[bold red]{key} failed:[/] {failure['error'][:300]}")
        save()

    if keep_earlier:
        earlier = json.loads(keep_earlier.read_text(encoding="utf-8"))  # read before this run rewrites it
        results["settings"]["kind"] = (f"real course only (--keep-earlier); scaling and browser figures "
                                       f"from the run of {earlier['started']}")
        log(f"Real course ({course}): ours vs peer, clean, no-op, three edits; {repeat} pairs each")
        attempt("real_course", lambda: suites.real_course_suite(course, article, work / "real", repeat, today, log))
        site = work / "real" / "ours" / "_build" / "html"
        attempt("page_weight", lambda: [page_weight(site, page) for page in sorted((site / "notebooks").glob("*.html"))])
        kept = [key for key in EARLIER_PARTS if key in earlier]
        results |= {key: earlier[key] for key in kept}
        results["earlier"] = {"started": earlier["started"], "command": earlier["command"], "parts": kept}
        save(final=True)
        _print_targets(results, out)
        return
    if pages_only:
        results["settings"]["kind"] = "pages only (one build of the real course)"
        log(f"Real course ({course}): one clean build")
        attempt("real_course_pages", lambda: suites.real_course_site(course, article, work / "pages", today))
        if verdicts.measured(results, "real_course_pages"):
            pages_part(Path(results["real_course_pages"]["site"]), course, work, clicks, loads, skip_browser,
                       attempt, log, results)
        save(final=True)
        _print_targets(results, out)
        return
    log(f"Real course ({course}): ours vs peer, clean, no-op, three edits; {repeat} pairs each")
    attempt("real_course", lambda: suites.real_course_suite(course, article, work / "real", repeat, today, log))
    site = work / "real" / "ours" / "_build" / "html"
    if (site / "notebooks").is_dir():
        pages_part(site, course, work, clicks, loads, skip_browser, attempt, log, results)

    def scaling_row_done(rows: list[dict]) -> None:
        results["scaling"] = rows
        save()

    # Last, because the largest course takes longest; each finished size is saved at once.
    log(f"Scaling: synthetic courses of {size_list} chapters; Sphinx -j at {jobs_list}")
    attempt("scaling", lambda: suites.scaling_suite(course, article, work / "scaling", size_list, today, log,
                                                    jobs_list, on_size_done=scaling_row_done))
    save(final=True)
    _print_targets(results, out)


def _print_targets(results: dict, out: Path) -> None:
    for target in results["targets"]:
        console.print(f"{verdicts.verdict(target['met']):>14}  {target['name']}: {target['measured']}")
    console.print(f"Wrote {out / 'RESULTS.md'} and {out / 'results.json'} in {results['total_seconds'] / 60:.1f} min.")


def pages_part(site: Path, course: Path, work: Path, clicks: int, loads: int, skip_browser: bool,
               attempt, log, results: dict) -> None:
    """The chapter pages as readers get them: weight from the built files, then in Chromium what
    is transferred, answer feedback, and the first answerable question against jupyterquiz."""
    pages = sorted((site / "notebooks").glob("*.html"))
    attempt("page_weight", lambda: [page_weight(site, page) for page in pages])
    if skip_browser or not chromium_available():
        reason = "--skip-browser was given." if skip_browser else "Chromium is not installed (/usr/bin/chromium)."
        for key in ("feedback", "page_transfer", "first_answerable"):
            results[key] = {"skipped": reason}
        return
    log(f"Browser: {clicks} answer clicks on {pages[0].name}")
    attempt("feedback", lambda: _feedback(site, pages[0], clicks, results.get("page_weight")))
    log(f"Browser: everything transferred for {len(pages)} chapter pages")
    attempt("page_transfer", lambda: measure_transfer(site, [f"notebooks/{p.name}" for p in pages]))
    log(f"Browser: first answerable question, ours vs jupyterquiz, {loads} loads each")
    attempt("first_answerable", lambda: _first_answerable(site, course, work, pages[0].stem, loads))


def _first_answerable(site: Path, course_dir: Path, work: Path, chapter_id: str, loads: int) -> dict:
    from patientcourse.render.notebooks import render_notebook

    course = load_course(course_dir)
    chapter = next(c for c in course.chapters if c.id == chapter_id)
    quiz_site = build_jupyterquiz_page(work, render_notebook(course, chapter),
                                       [q.runtime() for q in chapter.quiz.questions])
    return measure_first_answerable(site, f"notebooks/{chapter_id}.html", quiz_site, "chapter.html", loads)


def _finish(results: dict, out: Path) -> None:
    results["targets"] = verdicts.targets(results)
    results["notes"] = NOTES.read_text(encoding="utf-8") if NOTES.is_file() and out.resolve() == BENCH_DIR else ""
    (out / "results.json").write_text(json.dumps(results, indent=2, default=_plain) + "\n", encoding="utf-8")
    report.write_keeping_parts(out / "RESULTS.md", report.render_markdown(results))


def _feedback(site: Path, page: Path, clicks: int, weights) -> dict:
    feedback = measure_feedback(site, f"notebooks/{page.name}", clicks)
    if isinstance(weights, list):  # cross-check the counted page weight against what was fetched
        weight = next(w for w in weights if w["page"] == feedback["page"])
        feedback["fetched_not_counted"] = not_counted(site, weight, feedback["fetched"])
    return feedback


def _kind(quick: bool, *settings) -> str:
    """"full run" only with every default; anything less is named as such in RESULTS.md."""
    if quick:
        return "quick run (development only)"
    return "full run" if settings == DEFAULTS else "reduced run (not the defaults)"


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _plain(value):
    """JSON for the dataclasses and paths inside the results."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    return str(value)


if __name__ == "__main__":
    app()
