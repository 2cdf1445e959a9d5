"""``grade`` from start to end: check every option, read and score the files, write the reports,
then (if asked) the LMS gradebook and the learners' feedback pages.

Every option is checked before anything is read or written (a bad roster, date, chapter or
address: ``ValueError``/``RosterError``, and nothing is written). Files that cannot be graded
never stop the run: they are listed in skipped.csv.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write
from patientcourse_runtime.results import parse_due

from ..structure import Course
from .feedback import check_book_url, write_feedback
from .gradebook import FILE_NAMES, FORMATS, RosterReport, gradebook_csv, roster_report, roster_report_csv
from .grading import Gradebook, Grader, collect_files
from .pack import read_pack_assignment
from .reports import write_reports
from .roster import Roster, read_roster


@dataclass
class GradeRequest:
    results: list[Path]
    out: Path
    pack: Path | None = None
    chapters: list[str] | None = None  # ids or numbers
    due: str | None = None
    title: str | None = None
    roster: Path | None = None
    gradebook: str | None = None
    lms_assignment_id: str | None = None
    feedback: Path | None = None
    book_url: str | None = None


@dataclass
class GradeRun:
    book: Gradebook
    files: int  # files looked at (results files and other files found in folders)
    title: str
    written: list[Path] = field(default_factory=list)
    feedback_pages: list[Path] = field(default_factory=list)
    roster: RosterReport | None = None


@dataclass(frozen=True)
class _Plan:
    chapters: list[str] | None
    assignment_id: str | None
    due: dt.datetime | None
    title: str
    roster: Roster | None
    book_url: str | None


def _plan(course: Course, request: GradeRequest) -> _Plan:
    """Every option checked and resolved, before any file is read."""
    assignment_id, chapter_ids, due_text, title = None, None, request.due, None
    if request.pack is not None:
        assignment, chapter_ids = read_pack_assignment(request.pack)
        assignment_id, due_text, title = assignment["id"], request.due or assignment.get("due"), assignment.get("title")
    if request.chapters:
        chapter_ids = [course.chapter(c).id for c in request.chapters]
    if request.gradebook is not None:
        if request.gradebook not in FORMATS:
            raise ValueError(f"--gradebook must be one of {', '.join(FORMATS)}, not {request.gradebook!r}.")
        if request.roster is None:
            raise ValueError("--gradebook needs --roster: the gradebook lists the roster's learners.")
    if request.lms_assignment_id is not None and not request.lms_assignment_id.isdigit():
        raise ValueError(f"--lms-assignment-id must be the number Canvas shows in the assignment's "
                         f"address (…/assignments/1234), not {request.lms_assignment_id!r}.")
    chapters = course.subset(chapter_ids).chapters if chapter_ids else course.chapters
    title = request.title or title or f"{course.meta.title}: " + ", ".join(c.title for c in chapters)
    return _Plan(chapter_ids, assignment_id, parse_due(due_text) if due_text else None, " ".join(title.split()),
                 read_roster(request.roster) if request.roster else None,
                 check_book_url(request.book_url) if request.book_url else None)


def run_grading(course: Course, request: GradeRequest) -> GradeRun:
    plan = _plan(course, request)
    files, not_results = collect_files(request.results, exclude=[p for p in (request.out, request.feedback) if p])
    grader = Grader(course, chapters=plan.chapters, assignment_id=plan.assignment_id, due=plan.due)
    book = grader.grade(files, roster=plan.roster, skipped=not_results)
    run = GradeRun(book, len(files) + len(not_results), plan.title)
    run.written = write_reports(book, request.out, course.meta.title)
    if plan.roster is not None:
        run.roster = roster_report(book)
        path = request.out / "roster-report.csv"
        atomic_write(path, roster_report_csv(run.roster).encode("utf-8"))
        run.written.append(path)
    if request.gradebook is not None:
        path = request.out / FILE_NAMES[request.gradebook]
        text = gradebook_csv(book, request.gradebook, title=plan.title, lms_assignment_id=request.lms_assignment_id)
        atomic_write(path, text.encode("utf-8"))
        run.written.append(path)
    if request.feedback is not None:
        run.feedback_pages = write_feedback(course, book, request.feedback, title=plan.title, book_url=plan.book_url)
    return run
