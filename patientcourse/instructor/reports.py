"""Write a ``Gradebook`` as the files ``grade --out`` makes:

- ``grades.csv``: a row per learner (points per chapter, total, late, file);
- ``items.csv``: a row per question (difficulty, discrimination, skipped, first try, flags,
  the most chosen wrong answer);
- ``options.csv``: a row per option of every question, with how many learners chose it;
- ``scores.csv`` and ``answers.csv``: a row per learner, a column per question (the score,
  the first-try score; the answer in words), for instructors' own statistics;
- ``skipped.csv``: each file not graded, and why;
- ``item-report.html``: the item analysis with a bar chart per question and its flags.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write

from .answers import answer_text
from .grading import Gradebook
from .html import render
from .item_analysis import FLAGS, POOR_DISCRIMINATION, TOO_EASY, ItemStats, analyse

# A spreadsheet runs a cell that starts with one of these as a formula. Learner names are
# typed by learners, so such a cell is written with a leading apostrophe (shown as text).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _signed(value: float | None) -> str:
    """A statistic that may be negative: written as a number, never quoted as text."""
    return "" if value is None else f"{value:.2f}"


def write_csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([v if isinstance(v, _Raw) else _cell(v) for v in row] for row in rows)
    return out.getvalue()


class _Raw(str):
    """A cell written as it is (a number we computed, possibly negative)."""


def grades_csv(book: Gradebook) -> str:
    header = ["learner", "learner_id", *book.chapters, "total", "possible", "percent", "late",
              "saved_at", "origin", "file"]
    rows = []
    for g in book.grades:
        percent = 100.0 * g.total / book.total_possible if book.total_possible else 0.0
        rows.append([g.learner, g.learner_id, *(float(g.points[c]) for c in book.chapters),
                     float(g.total), book.total_possible, f"{percent:.1f}",
                     "yes" if g.late else "no", g.saved_at.isoformat().replace("+00:00", "Z"),
                     g.origin, g.path])
    return write_csv(header, rows)


ITEM_COLUMNS = ["chapter", "question", "type", "prompt", "learners", "answered", "skipped", "invalid",
                "correct", "percent_correct", "difficulty", "mean_score", "discrimination",
                "first_try_known", "first_try_correct", "first_try_share", "flags",
                "most_chosen_wrong_answer", "times_chosen"]


def items_csv(book: Gradebook, stats: list[ItemStats] | None = None) -> str:
    rows = []
    for item in stats if stats is not None else analyse(book):
        percent = f"{100.0 * item.correct / item.answered:.1f}" if item.answered else ""
        wrong, times = item.wrong_answers.most_common(1)[0] if item.wrong_answers else ("", "")
        rows.append([item.chapter, item.question, item.type, item.prompt, item.learners, item.answered,
                     item.skipped, item.invalid, item.correct, percent,
                     _Raw(_signed(item.difficulty)),
                     round(item.mean_score, 2) if item.mean_score is not None else "",
                     _Raw(_signed(item.discrimination)), item.first_known, item.first_correct,
                     _Raw(_signed(item.first_try_share)), "; ".join(item.flags), wrong, times])
    return write_csv(ITEM_COLUMNS, rows)


def options_csv(stats: list[ItemStats]) -> str:
    rows = [[item.chapter, item.question, n, option.text, "yes" if option.key else "no", option.count]
            for item in stats for n, option in enumerate(item.options, 1)]
    return write_csv(["chapter", "question", "shown_position", "option", "key", "chosen_by"], rows)


def scores_csv(book: Gradebook) -> str:
    """Per learner, each question's final score and first-try score (empty: not answered,
    or first try unknown)."""
    ids = [q.id for _, q in book.questions]
    header = ["learner", "learner_id", *ids, *(f"{q} first try" for q in ids)]
    rows = []
    for g in book.grades:
        final = [float(g.answers[q].score) if q in g.answers else None for q in ids]
        first = [g.answers[q].first_score if q in g.answers else None for q in ids]
        rows.append([g.learner, g.learner_id, *final, *(None if s is None else float(s) for s in first)])
    return write_csv(header, rows)


def answers_csv(book: Gradebook) -> str:
    header = ["learner", "learner_id", *(q.id for _, q in book.questions)]
    rows = [[g.learner, g.learner_id,
             *(answer_text(book.course_id, q, g.answers[q.id].answer) if q.id in g.answers else None
               for _, q in book.questions)] for g in book.grades]
    return write_csv(header, rows)


def skipped_csv(book: Gradebook) -> str:
    return write_csv(["file", "reason"], [[s.path, s.reason] for s in book.skipped])


def item_report_html(book: Gradebook, stats: list[ItemStats], course_title: str) -> str:
    return render("item_report.html.j2", book=book, stats=stats, course_title=course_title,
                  flag_help=FLAGS, too_easy=TOO_EASY, poor=POOR_DISCRIMINATION)


def write_reports(book: Gradebook, out: Path, course_title: str) -> list[Path]:
    stats = analyse(book)
    reports = {"grades.csv": grades_csv(book), "items.csv": items_csv(book, stats),
               "options.csv": options_csv(stats), "scores.csv": scores_csv(book),
               "answers.csv": answers_csv(book), "skipped.csv": skipped_csv(book),
               "item-report.html": item_report_html(book, stats, course_title)}
    out.mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        atomic_write(out / name, text.encode("utf-8"))
    return [out / name for name in reports]
