"""The in-browser JupyterLab (``make lite``, issue #18): build times, site growth, and the time
from a click on "Open in the browser" to a ready kernel. A measurement, not a test.

    .venv/bin/python benchmarks/bench_lite.py              # writes the "lite" part of benchmarks/RESULTS.md
    .venv/bin/python benchmarks/bench_lite.py --repeat 1 --out benchmarks/_work

Builds run as ``patientcourse build [--lite]`` in a fresh process on scratch projects under
``benchmarks/_work/lite/``, with the real course:

* plain clean build (what ``make book`` costs, for comparison);
* ``--lite`` clean, nothing cached (a fresh machine: every download, the runtime wheel);
* ``--lite`` clean project, download cache warm (a second project, or CI after the first);
* ``--lite`` again on the same project, nothing changed (a second ``make lite``).

Site growth is the published ``_build/html`` with ``--lite`` minus without. Click → ready:
Debian Chromium, the site served on 127.0.0.1 (every other request refused), a fresh browser
context each time (empty HTTP cache): from the click on the chapter page's button until
JupyterLab's status bar says the Pyodide kernel is idle.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

import typer

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from measure import median, run_measured, summarize  # noqa: E402
from report import machine, replace_part  # noqa: E402
from reuse import REPO, browser_helpers, support_helpers  # noqa: E402

PART = "lite"
TARGET_GROWTH_MB = 60
TARGET_READY_S = 20
CHAPTER = "notebooks/01-fascia-anatomy.html"
app = typer.Typer(add_completion=False)


def build_command(project: Path, lite: bool) -> list[str]:
    return [sys.executable, "-m", "patientcourse", "build", "--project", str(project),
            "--course", str(REPO / "course"), *(["--lite"] if lite else [])]


def fresh_project(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return support_helpers().make_project(path)


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def click_to_ready(site: Path, samples: int) -> dict:
    """Seconds from the button click to an idle Pyodide kernel, and what was loaded."""
    from playwright.sync_api import expect, sync_playwright

    helpers = browser_helpers()
    url, stop = helpers.serve_directory(site)
    seconds, loaded, outside = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.CHROMIUM_FLAGS)
            try:
                for _ in range(samples):
                    context = browser.new_context()
                    context.route("**/*", lambda route: route.continue_()
                                  if route.request.url.startswith((url, "data:", "blob:"))
                                  else (outside.append(route.request.url), route.abort()))
                    book = context.new_page()
                    book.goto(f"{url}/{CHAPTER}")
                    sizes: list[int] = []
                    context.on("response", lambda r: sizes.append(int(r.headers.get("content-length", 0) or 0)))
                    with context.expect_page() as opened:
                        start = time.perf_counter()
                        book.get_by_role("link", name="Open in the browser").click()
                    lab = opened.value
                    expect(lab.locator("#jp-main-statusbar")).to_contain_text(
                        "Python (Pyodide) | Idle", timeout=300_000)
                    seconds.append(time.perf_counter() - start)
                    loaded.append(sum(sizes))
                    context.close()
            finally:
                browser.close()
    finally:
        stop()
    return {"samples": samples, "seconds": median(seconds), "all_seconds": [round(s, 2) for s in seconds],
            "bytes_loaded": median(loaded), "requests_outside_127_0_0_1": outside}


def measure(work: Path, repeat: int, samples: int) -> dict:
    results: dict = {"started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                     "load_start": list(os.getloadavg()), "machine": machine(), "repeat": repeat}
    shared_cache = work / "cache-shared"
    runs = {"plain_clean": [], "lite_cold": [], "lite_clean_warm_cache": [], "lite_cached": []}
    for n in range(repeat):
        plain = fresh_project(work / "plain")
        runs["plain_clean"].append(run_measured(build_command(plain, False), label="plain build"))

        os.environ["PATIENTCOURSE_CACHE_DIR"] = str(work / f"cache-cold-{n}")
        shutil.rmtree(os.environ["PATIENTCOURSE_CACHE_DIR"], ignore_errors=True)
        cold = fresh_project(work / "lite-cold")
        runs["lite_cold"].append(run_measured(build_command(cold, True), label="lite build, nothing cached"))

        os.environ["PATIENTCOURSE_CACHE_DIR"] = str(shared_cache)
        if n == 0:  # fill the shared download cache once
            run_measured(build_command(fresh_project(work / "lite-fill"), True), label="filling the cache")
        lite = fresh_project(work / "lite")
        runs["lite_clean_warm_cache"].append(run_measured(build_command(lite, True), label="lite build"))
        runs["lite_cached"].append(run_measured(build_command(lite, True), label="second lite build"))
    results["builds"] = {key: summarize(value) for key, value in runs.items()}

    plain_bytes, plain_files = tree_size(work / "plain" / "_build" / "html")
    lite_bytes, lite_files = tree_size(work / "lite" / "_build" / "html")
    lite_only, _ = tree_size(work / "lite" / "_build" / "html" / "lite")
    results["size"] = {"plain_bytes": plain_bytes, "plain_files": plain_files, "lite_site_bytes": lite_bytes,
                       "lite_site_files": lite_files, "lite_folder_bytes": lite_only,
                       "growth_bytes": lite_bytes - plain_bytes}
    try:  # a timeout (a machine too busy to start the kernel) is reported, not lost
        results["click_to_ready"] = click_to_ready(work / "lite" / "_build" / "html", samples)
    except Exception as err:  # noqa: BLE001 - any failure of the browser part
        results["click_to_ready"] = {"error": str(err).splitlines()[0][:300], "seconds": float("nan"),
                                     "all_seconds": [], "bytes_loaded": 0, "requests_outside_127_0_0_1": []}
    results["load_end"] = list(os.getloadavg())
    return results


def render(results: dict) -> str:
    b, size, ready = results["builds"], results["size"], results["click_to_ready"]
    mb = lambda n: n / 1e6  # noqa: E731
    growth, ready_s = mb(size["growth_bytes"]), ready["seconds"]
    row = lambda label, key: (f"| {label} | {b[key]['seconds']:.1f} | {b[key]['cpu_seconds']:.1f} | "  # noqa: E731
                              + ", ".join(f"{r['seconds']:.1f}" for r in b[key]["runs"]) + " |")
    verdict = lambda ok: "met" if ok else "**missed**"  # noqa: E731
    return "\n".join([
        "## In-browser JupyterLab (`make lite`)", "",
        f"Written by `benchmarks/bench_lite.py` ({results['started']}, {results['repeat']} repetition(s), "
        f"medians; raw numbers in `results-lite.json`). Load average at start {results['load_start']}, "
        f"at end {results['load_end']}: the machine is shared, so wall times are noisy.", "",
        "| Target | Wanted | Measured | Result |", "|---|---|---|---|",
        f"| Site growth with `--lite` | ≤ {TARGET_GROWTH_MB} MB | {growth:.1f} MB ({size['lite_site_files'] - size['plain_files']} "
        f"files; the book alone is {mb(size['plain_bytes']):.1f} MB) | {verdict(growth <= TARGET_GROWTH_MB)} |",
        f"| Click on \"Open in the browser\" → kernel ready | ≤ {TARGET_READY_S} s | {ready_s:.1f} s "
        f"(all: {ready['all_seconds']}; {mb(ready['bytes_loaded']):.1f} MB loaded; "
        f"{len(ready['requests_outside_127_0_0_1'])} requests off 127.0.0.1) | {verdict(ready_s <= TARGET_READY_S)} |",
        "", "| Build (`patientcourse build`, fresh process) | Wall s | CPU s | All wall s |", "|---|---|---|---|",
        row("Plain book, clean project (`make book`)", "plain_clean"),
        row("`--lite`, clean project, nothing cached (fresh machine: npm, PyPI, runtime wheel; pip's and npm's own caches not cleared)", "lite_cold"),
        row("`--lite`, clean project, download cache warm", "lite_clean_warm_cache"),
        row("`--lite` again, nothing changed (second `make lite`)", "lite_cached"), ""])


@app.command()
def main(repeat: int = typer.Option(3, min=1), samples: int = typer.Option(3, min=1, help="Click → ready samples."),
         out: Path = typer.Option(BENCH_DIR, help="Where RESULTS.md (its lite part) and results-lite.json go.")):
    work = BENCH_DIR / "_work" / "lite"
    work.mkdir(parents=True, exist_ok=True)
    results = measure(work, repeat, samples)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results-lite.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    replace_part(out / "RESULTS.md", PART, render(results))
    print(f"Wrote the {PART} part of {out / 'RESULTS.md'} and {out / 'results-lite.json'}.")


if __name__ == "__main__":
    app()
