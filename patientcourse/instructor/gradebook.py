"""Grades for an LMS gradebook import (``grade --roster … --gradebook canvas|moodle|csv``),
and the roster report: who handed in nothing, files nobody in the roster sent, and files
whose name fits more than one learner.

Every roster row gets a gradebook row; a learner with no graded file gets an empty grade
(Canvas and Moodle then leave that learner's grade as it was). Files that match no roster
row, or more than one, are in no gradebook: they are listed in ``roster-report.csv``.

Formats (import steps in docs/instructors.md):

- **canvas** (``canvas-gradebook.csv``): Canvas's gradebook CSV: ``Student, ID, SIS User ID,
  SIS Login ID, Section``, then the assignment column ``<title> (<Canvas assignment id>)``, or
  just ``<title>`` when the id is not given (Canvas then makes a new assignment). The second
  row, ``Points Possible``, tells Canvas what the assignment is out of. Student is the roster
  name, ID the roster's ``lms_id``, SIS User ID its ``id``, SIS Login ID its ``email``.
- **moodle** (``moodle-grades.csv``): for Moodle's "Import grades from CSV": ``Email address``
  and ``ID number`` (map either to the user), ``Full name`` (ignore it), then the grade item
  (``<title>``), in points.
- **csv** (``gradebook.csv``): name, id, email, section, points, possible, percent, late, file.
"""
from __future__ import annotations

from dataclasses import dataclass

from .grading import Gradebook, LearnerGrade
from .reports import write_csv

FORMATS = ("canvas", "moodle", "csv")
FILE_NAMES = {"canvas": "canvas-gradebook.csv", "moodle": "moodle-grades.csv", "csv": "gradebook.csv"}
# How Canvas's own gradebook export names the row of points possible; its import reads it.
CANVAS_POINTS_ROW = "    Points Possible"


@dataclass(frozen=True)
class RosterReport:
    matched: list[tuple]  # (entry, grade)
    no_submission: list  # roster entries
    not_in_roster: list[LearnerGrade]
    ambiguous: list[LearnerGrade]


def roster_report(book: Gradebook) -> RosterReport:
    graded = {g.match.entry.key: g for g in book.grades if g.match and g.match.entry}
    entries = book.roster.entries if book.roster else []
    return RosterReport(
        matched=[(e, graded[e.key]) for e in entries if e.key in graded],
        no_submission=[e for e in entries if e.key not in graded],
        not_in_roster=[g for g in book.grades if g.match and not g.match.entry and not g.match.ambiguous],
        ambiguous=[g for g in book.grades if g.match and g.match.ambiguous])


def roster_report_csv(report: RosterReport) -> str:
    header = ["status", "roster_line", "name", "id", "email", "section", "matched_by", "file",
              "typed_name", "typed_id", "note"]
    rows = [["graded", e.line, e.name, e.id, e.email, e.section, g.match.by, g.path, g.learner, g.learner_id, ""]
            for e, g in report.matched]
    rows += [["no submission", e.line, e.name, e.id, e.email, e.section, "", "", "", "", ""]
             for e in report.no_submission]
    rows += [["not in roster", "", "", "", "", "", "", g.path, g.learner, g.learner_id,
              "no roster row has this id, email or name"] for g in report.not_in_roster]
    rows += [["ambiguous", "", "", "", "", "", "", g.path, g.learner, g.learner_id,
              "the name fits roster lines " + ", ".join(str(e.line) for e in g.match.candidates)
              + "; ask the learner for their id"] for g in report.ambiguous]
    return write_csv(header, rows)


def gradebook_csv(book: Gradebook, fmt: str, *, title: str, lms_assignment_id: str | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"--gradebook must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    if book.roster is None:
        raise ValueError("--gradebook needs --roster: the gradebook lists the roster's learners.")
    report = roster_report(book)
    grade_of = {e.key: g for e, g in report.matched}
    possible = book.total_possible

    def points(entry) -> float | None:
        grade = grade_of.get(entry.key)
        return None if grade is None else float(grade.total)

    entries = book.roster.entries
    if fmt == "canvas":
        column = f"{title} ({lms_assignment_id})" if lms_assignment_id else title
        rows = [[CANVAS_POINTS_ROW, "", "", "", "", possible]]
        rows += [[e.name, e.lms_id, e.id, e.email, e.section, points(e)] for e in entries]
        return write_csv(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", column], rows)
    if fmt == "moodle":
        return write_csv(["Email address", "ID number", "Full name", title],
                         [[e.email, e.id, e.name, points(e)] for e in entries])
    rows = []
    for e in entries:
        grade = grade_of.get(e.key)
        percent = f"{100.0 * grade.total / possible:.1f}" if grade and possible else None
        rows.append([e.name, e.id, e.email, e.section, points(e), possible, percent,
                     None if grade is None else ("yes" if grade.late else "no"), grade.path if grade else None])
    return write_csv(["name", "id", "email", "section", "points", "possible", "percent", "late", "file"], rows)
