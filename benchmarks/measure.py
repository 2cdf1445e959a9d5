"""Run one command and measure it: wall time, CPU time, and peak memory of its process tree.

A build is several processes (the builder, its pool workers, one Jupyter kernel per notebook
being executed, the ``jupyter-book`` subprocess), so the peak memory that matters is the sum
over the whole tree at one moment. ``ru_maxrss`` only gives the largest single process, so
the tree is sampled with psutil instead.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

SAMPLE_EVERY_S = 0.05


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system of the whole tree (children that were waited for)
    peak_rss_mb: float  # largest sum of RSS over the tree, sampled every SAMPLE_EVERY_S
    load1: float = 0.0  # the 1-minute load average when the run started (the machine is shared)
    output: str = field(default="", repr=False)  # what the command printed (not kept in results)

    def as_dict(self) -> dict:
        return {"seconds": self.seconds, "cpu_seconds": self.cpu_seconds, "peak_rss_mb": self.peak_rss_mb,
                "load1": self.load1}


class CommandFailed(RuntimeError):
    pass


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass  # a kernel that exited between listing and reading
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], *, cwd: Path | None = None, label: str = "") -> Run:
    """Run ``command`` to completion; raise ``CommandFailed`` with its output if it fails.

    CPU seconds are ``RUSAGE_CHILDREN`` before and after: the command and every descendant
    it waited for (kernels, the Jupyter Book subprocess), so the whole tree is counted."""
    peak = 0
    load1 = os.getloadavg()[0]
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process))
            done.wait(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-30:])
        raise CommandFailed(f"{label or command[0]} failed (exit {process.returncode}):\n{tail}")
    return Run(seconds=seconds, cpu_seconds=_children_cpu() - cpu_before, peak_rss_mb=peak / 2**20,
               load1=round(load1, 2), output=output)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """``(seconds, result)`` of one in-process call."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarize(runs: list[Run]) -> dict:
    """Medians of each field, plus every raw value (so the spread is visible on a noisy machine)."""
    return {
        "repeats": len(runs),
        "seconds": median([r.seconds for r in runs]),
        "cpu_seconds": median([r.cpu_seconds for r in runs]),
        "peak_rss_mb": median([r.peak_rss_mb for r in runs]),
        "load1": median([r.load1 for r in runs]),
        "runs": [r.as_dict() for r in runs],
    }
