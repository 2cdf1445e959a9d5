"""``patientcourse grade``: score handed-in results files into grades, an item report, and (if
asked) an LMS gradebook and a feedback page per learner."""
from __future__ import annotations

from pathlib import Path

import typer

from ..instructor.grade_run import GradeRequest, run_grading
from ..instructor.roster import RosterError
from .common import COURSE_OPTION, EXIT_BAD_INPUT, EXIT_FAILED, console, load_or_exit


def grade(results: list[Path] = typer.Argument(..., help="Results files, or folders of them (*.json)."),
          out: Path = typer.Option(..., "--out", help="Folder for grades.csv, items.csv, item-report.html "
                                   "and the other reports."),
          course: Path = COURSE_OPTION,
          pack: Path | None = typer.Option(None, "--pack", help="The student pack made by `assign`: "
                                           "grade its chapters, against its assignment and due date."),
          chapters: str | None = typer.Option(None, "--chapters", help="Chapters to grade: ids or numbers, "
                                              "comma-separated, e.g. 1,2 (default: the pack's, else all)."),
          due: str | None = typer.Option(None, "--due", help="Due date, e.g. 2026-12-01 (end of day, "
                                         "UTC); answers after it are flagged late."),
          title: str | None = typer.Option(None, "--title", help="The assignment's name in the gradebook "
                                           "and on feedback pages (default: the pack's title)."),
          roster: Path | None = typer.Option(None, "--roster", help="The class roster (CSV: name,id,email,"
                                             "section); writes roster-report.csv."),
          gradebook: str | None = typer.Option(None, "--gradebook", help="Also write a gradebook to import: "
                                               "canvas, moodle or csv (needs --roster)."),
          lms_assignment_id: str | None = typer.Option(None, "--lms-assignment-id", help="Canvas's id of the "
                                                       "assignment to fill (default: Canvas makes a new one)."),
          feedback: Path | None = typer.Option(None, "--feedback", help="Folder for one feedback page per "
                                               "learner, and feedback.zip."),
          book_url: str | None = typer.Option(None, "--book-url", help="The published book's address; "
                                              "feedback pages link each question to its section."),
          ) -> None:
    """Grade results files: scores recomputed from the chosen answers, never read from the file."""
    model = load_or_exit(course)
    request = GradeRequest(results, out, pack=pack, due=due, title=title, roster=roster, gradebook=gradebook,
                           lms_assignment_id=lms_assignment_id, feedback=feedback, book_url=book_url,
                           chapters=[c.strip() for c in chapters.split(",") if c.strip()] if chapters else None)
    try:
        run = run_grading(model, request)
    except RosterError as err:
        for problem in err.problems:
            console.print(str(problem), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    except (KeyError, ValueError) as err:
        console.print(str(err.args[0]), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    _report(run)
    if run.files and not run.book.grades:
        raise typer.Exit(EXIT_FAILED)


def _report(run) -> None:
    def say(text: str) -> None:
        console.print(text, markup=False, soft_wrap=True)

    book = run.book
    say(f"Graded {len(book.grades)} learner{'s' if len(book.grades) != 1 else ''} from {run.files} "
        f"file{'s' if run.files != 1 else ''}; skipped {len(book.skipped)}.")
    for skipped in book.skipped:
        say(f"  skipped {skipped.path}: {skipped.reason}")
    if run.roster is not None:
        report = run.roster
        say(f"Roster: {len(report.matched)} graded, {len(report.no_submission)} with no submission, "
            f"{len(report.not_in_roster)} not in the roster, {len(report.ambiguous)} ambiguous.")
        for entry in report.no_submission:
            say(f"  no submission: {entry.label} (roster line {entry.line})")
        for grade in report.not_in_roster:
            say(f"  not in the roster: {grade.path} ({grade.learner or grade.learner_id})")
        for grade in report.ambiguous:
            lines = ", ".join(str(e.line) for e in grade.match.candidates)
            say(f"  ambiguous: {grade.path} ({grade.learner}) fits roster lines {lines}")
    say("Wrote " + ", ".join(str(p) for p in run.written))
    if run.feedback_pages:
        say(f"Wrote {len(run.feedback_pages)} feedback page{'s' if len(run.feedback_pages) != 1 else ''} "
            f"in {run.feedback_pages[0].parent} (and feedback.zip).")


def register(app: typer.Typer) -> None:
    app.command()(grade)
