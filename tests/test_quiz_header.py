"""The top of a live quiz in Jupyter: the text matches the mode, the due date says its time
zone, a late warning appears once it has passed, and the name reminder."""
from __future__ import annotations

import datetime as dt

import pytest

from patientcourse_runtime.quiz import QuizWidget
from patientcourse_runtime.quiz.header import QuizHeader
from patientcourse_runtime.results import describe_due
from patientcourse_runtime.store import ResultsFile
from quiz_samples import CH1, COURSE_ID, sample_bundle

UTC = dt.timezone.utc


def quiz_for(tmp_path, mode="practice", due=None) -> QuizWidget:
    bundle = sample_bundle(mode)
    if due:
        bundle["assignment"] = {"id": "week-1", "title": "Week 1", "due": due}
    return QuizWidget(CH1, bundle, ResultsFile(COURSE_ID, bundle["assignment"], path=tmp_path / "r.json"))


def header_text(quiz: QuizWidget) -> str:
    return " ".join(getattr(part, "value", "") for part in quiz.header.widgets if hasattr(part, "value"))


def test_an_assessment_says_so_and_practice_does_not_claim_to_be_one(tmp_path):
    assessment, practice = header_text(quiz_for(tmp_path, "assessment")), header_text(quiz_for(tmp_path))
    assert "This is an assessment: your answers are saved for your instructor and are not marked here." in assessment
    assert "assessment" not in practice and "not marked" not in practice


@pytest.mark.parametrize("due, words", [
    ("2026-12-01", "December 1, 2026, at the end of the day (UTC, Coordinated Universal Time)"),
    ("2026-12-01T17:00:00+01:00", "December 1, 2026, at 17:00 (UTC+01:00)"),
    ("2026-12-01T17:00:00Z", "December 1, 2026, at 17:00 (UTC)"),
])
def test_a_due_date_names_its_time_zone(due, words):
    assert describe_due(due) == words


def test_the_due_date_shows_and_a_late_warning_once_it_has_passed():
    assignment = {"id": "week-1", "title": "Week 1", "due": "2026-12-01"}
    on_time = QuizHeader("practice", assignment, now=dt.datetime(2026, 12, 1, 23, 59, tzinfo=UTC))
    late = QuizHeader("practice", assignment, now=dt.datetime(2026, 12, 2, 0, 1, tzinfo=UTC))
    due_line = "<strong>Due:</strong> December 1, 2026, at the end of the day (UTC, Coordinated Universal Time)."
    assert due_line in on_time.widgets[0].value and "passed" not in on_time.widgets[0].value
    assert due_line in late.widgets[0].value and "The due date has passed." in late.widgets[0].value
    assert "your instructor will see that your answers came late" in late.widgets[0].value


def test_the_quiz_shows_its_assignments_due_date(tmp_path):
    text = header_text(quiz_for(tmp_path, "assessment", due="2000-01-31"))
    assert "Due:</strong> January 31, 2000" in text and "The due date has passed." in text
    assert "Due:" not in header_text(quiz_for(tmp_path))  # no assignment, no due date
