"""Probe: source files that are not what they seem, fed to ``patientcourse generate``.

Each probe copies the small test course, plants one bad file, and runs the CLI in a fresh
process: exit code, wall seconds, peak memory of the process (psutil, sampled every 50 ms),
and the first line of the problem it printed. The child runs under a memory cap (RLIMIT_AS)
and a time limit, so a probe that would eat the machine is stopped and reported as such.

    .venv/bin/python benchmarks/probe_sources.py            # prints a Markdown table
    .venv/bin/python benchmarks/probe_sources.py --only alias-bomb

Expected: every probe exits 2 within a few seconds and names the file (and line) at fault.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import typer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from bad_sources import PROBES  # noqa: E402  (the planted files are shared with the tests)

MINI_COURSE = REPO / "tests" / "fixtures" / "minicourse"
MEMORY_CAP = 2 * 2**30  # bytes of address space for the child
TIME_LIMIT = 120.0  # seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_probe(name: str, work: Path) -> dict:
    course = Path(shutil.copytree(MINI_COURSE, work / name / "course"))
    planted = PROBES[name](course)
    command = [sys.executable, "-m", "patientcourse", "generate", "--course", str(course),
               "--project", str(work / name / "project")]
    peak = 0
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           preexec_fn=_limit_memory, env=dict(os.environ, COLUMNS="200"))
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, process.memory_info().rss)
            except psutil.Error:
                pass
            done.wait(0.05)

    threading.Thread(target=sample, daemon=True).start()
    try:
        output, _ = process.communicate(timeout=TIME_LIMIT)
        code: int | str = process.returncode
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        code = f"killed after {TIME_LIMIT:.0f} s"
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    done.set()
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    located = next((line for line in lines if str(planted) in line), None)
    said = located or (lines[-1] if lines else "")
    return {"probe": name, "exit": code, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak / 2**20,
            "located": located is not None, "said": said.replace(str(work), "…")[:160]}


def main(only: str = typer.Option(None, help="Run one probe: " + ", ".join(PROBES))) -> None:
    names = [only] if only else list(PROBES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="pc-probe-") as tmp:
        for name in names:
            rows.append(run_probe(name, Path(tmp)))
    print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n")
    print("| Probe | Exit | Wall s | CPU s | Peak MB | Names the file | First message |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['probe']} | {r['exit']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['peak_mb']:.0f} | "
              f"{'yes' if r['located'] else 'no'} | {r['said'].replace('|', '/')} |")


if __name__ == "__main__":
    typer.run(main)
