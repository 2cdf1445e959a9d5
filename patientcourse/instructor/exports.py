"""``export`` from start to end: pick the chapters, write the chosen LMS format to ``--out``.

qti (Canvas quiz, a zip) and gift (Moodle question bank, text) hold the questions and their
answer key for the LMS's own quiz engine; scorm (a zip) is the chapters' book itself, which
reports scores to the LMS. Every option is checked before anything is built or written.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write

from ..structure import Course
from .export_gift import export_gift
from .export_qti import export_qti
from .export_scorm import ScormPackage, check_options, export_scorm
from .lms import ExportReport

FORMATS = ("qti", "gift", "scorm")


@dataclass
class ExportRequest:
    format: str
    out: Path
    chapters: list[str] | None = None  # ids or numbers
    mode: str = "practice"  # scorm only
    mastery: int | None = None  # scorm only
    config: Path = Path("_config.yml")  # scorm only: the book's _config.yml


@dataclass
class ExportResult:
    path: Path
    size_bytes: int
    report: ExportReport | None = None
    package: ScormPackage | None = None


def run_export(course: Course, request: ExportRequest, *, build_html=None) -> ExportResult:
    if request.format not in FORMATS:
        raise ValueError(f"--format must be qti, gift or scorm, not {request.format!r}.")
    if request.chapters is not None:
        if not request.chapters:
            raise ValueError("--chapters names no chapter. List ids or numbers, e.g. 1,2.")
        course = course.subset(request.chapters)
    if request.format == "scorm":
        check_options(request.mode, request.mastery)
        package = export_scorm(course, mode=request.mode, mastery=request.mastery, out=request.out,
                               config=request.config, build_html=build_html)
        return ExportResult(request.out, package.size_bytes, package=package)
    if request.mode != "practice" or request.mastery is not None:
        raise ValueError("--mode and --mastery are for --format scorm.")
    title = f"{course.meta.title}: " + ", ".join(c.title for c in course.chapters)
    if request.format == "qti":
        data, report = export_qti(course, title)
    else:
        text, report = export_gift(course, title)
        data = text.encode("utf-8")
    atomic_write(request.out, data)
    return ExportResult(request.out, len(data), report=report)
