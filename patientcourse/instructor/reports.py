"""Write a ``Gradebook`` as ``grades.csv`` (a row per learner), ``items.csv`` (a row per
question: what to re-teach) and ``skipped.csv`` (each file not graded, and why)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .grading import Gradebook

# A spreadsheet runs a cell that starts with one of these as a formula. Learner names are
# typed by learners, so such a cell is written with a leading apostrophe (shown as text).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def grades_csv(book: Gradebook) -> str:
    total_possible = sum(book.possible.values())
    header = ["learner", "learner_id", *book.chapters, "total", "possible", "percent", "late",
              "saved_at", "origin", "file"]
    rows = []
    for g in book.grades:
        total = sum(g.points.values())
        percent = 100.0 * total / total_possible if total_possible else 0.0
        rows.append([g.learner, g.learner_id, *(float(g.points[c]) for c in book.chapters),
                     float(total), total_possible, f"{percent:.1f}",
                     "yes" if g.late else "no", g.saved_at.isoformat().replace("+00:00", "Z"),
                     g.origin, g.path])
    return _csv(header, rows)


def items_csv(book: Gradebook) -> str:
    header = ["chapter", "question", "type", "prompt", "answered", "correct", "percent_correct",
              "mean_score", "most_chosen_wrong_answer", "times_chosen"]
    rows = []
    for item in book.items:
        percent = f"{100.0 * item.correct / item.answered:.1f}" if item.answered else ""
        mean = round(item.score_sum / item.answered, 2) if item.answered else ""
        wrong, times = item.wrong_answers.most_common(1)[0] if item.wrong_answers else ("", "")
        rows.append([item.chapter, item.question, item.type, item.prompt, item.answered,
                     item.correct, percent, mean, wrong, times])
    return _csv(header, rows)


def skipped_csv(book: Gradebook) -> str:
    return _csv(["file", "reason"], [[s.path, s.reason] for s in book.skipped])


def write_reports(book: Gradebook, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    reports = (("grades.csv", grades_csv(book)), ("items.csv", items_csv(book)),
               ("skipped.csv", skipped_csv(book)))
    for name, text in reports:
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
