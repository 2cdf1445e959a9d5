"""Run the whole benchmark on a frozen copy of the ``patientcourse`` package.

The execution cache key includes a fingerprint of the package's code, so when anyone edits
``patientcourse/`` during a run (several engineers share this checkout), every notebook
re-executes and the rebuild numbers mean nothing. The benchmark therefore copies the package
once, puts the copy first on ``PYTHONPATH`` (ahead of the editable install) and re-runs
itself, so this process, every build, every kernel and Jupyter Book all use the same code.

Deliberately imports nothing from ``patientcourse``: it must run before the package is.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

MARKER = "PATIENTCOURSE_BENCH_SNAPSHOT"


def run_on_code_snapshot(repo: Path, work: Path) -> None:
    """Re-execute the current script on a snapshot of ``repo/patientcourse``; returns only
    when already running on it (or when ``--help`` needs no snapshot)."""
    if os.environ.get(MARKER) or "--help" in sys.argv or "--render-only" in sys.argv:
        return
    # One folder per run (execve keeps the pid), so two runs never replace each other's code;
    # folders of runs that have ended are removed.
    for old in work.glob("code-snapshot-*"):
        if not _alive(old.name.rsplit("-", 1)[-1]):
            shutil.rmtree(old, ignore_errors=True)
    snapshot = work / f"code-snapshot-{os.getpid()}"
    shutil.copytree(repo / "patientcourse", snapshot / "patientcourse",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = dict(os.environ)
    env[MARKER] = str(snapshot)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(snapshot), env.get("PYTHONPATH", "")) if p)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def snapshot_in_use() -> str | None:
    """The snapshot folder this process runs on, if any (recorded in the results)."""
    return os.environ.get(MARKER)
