"""Child process of the benchmark: one ``build_html`` of a project, with its phases timed.

Usage: ``python benchmarks/run_ours.py PROJECT_DIR WORKERS PHASES_JSON`` (WORKERS 0: one
per core). The phases (notebook execution, Jupyter Book, publishing) are timed by wrapping
the functions ``build_html`` calls, so the builder itself runs unchanged; the rest of the
wall time is interpreter start-up, imports, hashing and staging.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from patientcourse.book import pipeline as build_module

PHASES = {"execute_notebooks": "execute", "run_jupyter_book": "jupyter_book", "publish": "publish"}


def _timed(name: str, fn, spent: dict):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    return wrapper


def main(project: str, workers: str, phases_out: str) -> None:
    spent: dict[str, float] = {}
    for attribute, name in PHASES.items():
        setattr(build_module, attribute, _timed(name, getattr(build_module, attribute), spent))
    start = time.perf_counter()
    build_module.build_html(Path(project), workers=int(workers) or None)
    spent["build_html"] = time.perf_counter() - start
    Path(phases_out).write_text(json.dumps(spent), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
