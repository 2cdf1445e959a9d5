"""Every limit tested where it bites: on the limit (allowed) and one step past it.

The late flag (an answer on the due second is on time), the readability grade thresholds
(a grade equal to the limit passes), the review-date warning window, and the list, heading
and main-message limits. Every date here is fixed: no test depends on today's date."""
from __future__ import annotations

import datetime as dt

import pytest
from test_check_fixtures import BODY, TODAY, make_course
from test_instructor_sample import results_doc, right_answers, write_json

from patientcourse.checks import run_checks
from patientcourse.instructor.grading import Grader
from patientcourse_runtime.results import parse_due
from quiz_samples import sample_course


def found(course, rule, today=TODAY):
    return [f for f in run_checks(course, today=today, notebooks_dir=None).findings if f.rule == rule]


def prose_grade_findings(course):
    """The grade findings about the chapter's prose (boxes, quiz and tools are graded apart)."""
    return [f for f in found(course, "fk-grade") if f.message.startswith("the prose ")]


# -- late flag ---------------------------------------------------------------------------------

@pytest.mark.parametrize("due, answered_at, late", [
    ("2026-12-01", "2026-12-01T23:59:59Z", False),          # the due day's last second
    ("2026-12-01", "2026-12-02T00:00:00Z", True),           # one second later
    ("2026-12-01T17:00:00+01:00", "2026-12-01T16:00:00Z", False),  # the same instant, in UTC
    ("2026-12-01T17:00:00+01:00", "2026-12-01T16:00:01Z", True),
    ("2026-12-01T17:00:00+01:00", "2026-12-01T16:00:00.000001Z", True),
])
def test_an_answer_is_late_only_after_the_due_time(tmp_path, due, answered_at, late):
    course = sample_course()
    path = write_json(tmp_path / "a.json", results_doc(right_answers(course), answered_at=answered_at))
    [grade] = Grader(course, due=parse_due(due)).grade([path]).grades
    assert grade.late is late


# -- readability grade thresholds --------------------------------------------------------------

def test_a_grade_equal_to_the_error_limit_is_not_an_error(tmp_path):
    grade = run_checks(make_course(tmp_path / "probe"), today=TODAY,
                       notebooks_dir=None).chapters[0].readability.fk_grade
    at_limit = make_course(tmp_path / "at", course_extra=f"checks:\n  fk_grade_warning: {grade}\n  "
                                                          f"fk_grade_error: {grade}\n")
    assert prose_grade_findings(at_limit) == []
    below = round(grade - 0.1, 1)
    past = make_course(tmp_path / "past", course_extra=f"checks:\n  fk_grade_warning: {below}\n  "
                                                       f"fk_grade_error: {below}\n")
    [finding] = prose_grade_findings(past)
    assert finding.severity == "error" and f"grade {grade} (limit {below}" in finding.message


def test_a_grade_equal_to_the_warning_limit_is_not_a_warning(tmp_path):
    grade = run_checks(make_course(tmp_path / "probe"), today=TODAY,
                       notebooks_dir=None).chapters[0].readability.fk_grade
    at_limit = make_course(tmp_path / "at", course_extra=f"checks:\n  fk_grade_warning: {grade}\n")
    assert prose_grade_findings(at_limit) == []
    past = make_course(tmp_path / "past", course_extra=f"checks:\n  fk_grade_warning: {round(grade - 0.1, 1)}\n")
    assert [f.severity for f in prose_grade_findings(past)] == ["warning"]


# -- review dates (next_review_due: 2027-11-01, warning 30 days ahead, 30 days' grace) --------

@pytest.mark.parametrize("today, expected", [
    (dt.date(2027, 11, 1), ["warning"]),   # due today: not yet past
    (dt.date(2027, 11, 2), ["warning"]),   # overdue, within the grace
    (dt.date(2027, 12, 1), ["warning"]),   # the last day of the 30 days' grace
    (dt.date(2027, 12, 2), ["error"]),     # the day after
    (dt.date(2027, 10, 2), ["warning"]),   # exactly 30 days ahead
    (dt.date(2027, 10, 1), []),            # 31 days ahead
])
def test_review_due_at_the_boundaries(tmp_path, today, expected):
    assert [f.severity for f in found(make_course(tmp_path), "review-dates", today=today)] == expected


# -- list, heading and main-message limits (defaults: 7 items, 250 words, 30 words) -----------

@pytest.mark.parametrize("items, errors", [(7, 0), (8, 1)])
def test_a_list_at_the_limit_passes_and_one_more_item_fails(tmp_path, items, errors):
    body = BODY + "\n" + "".join(f"- Item {i}\n" for i in range(items))
    assert len(found(make_course(tmp_path, body=body), "list-length")) == errors


@pytest.mark.parametrize("words, warnings", [(250, 0), (251, 1)])
def test_words_between_headings_at_the_limit(tmp_path, words, warnings):
    body = "## What is fascia?\n\n{term}`Fascia` wraps muscles. " + "word " * (words - 3) + "\n"
    assert len(found(make_course(tmp_path, body=body), "heading-spacing")) == warnings


@pytest.mark.parametrize("words, warnings", [(30, 0), (31, 1)])
def test_a_main_message_at_the_word_limit(tmp_path, words, warnings):
    front = f"title: Demo chapter\nmain_message: {' '.join(['Fascia'] * words)}.\n" + \
        "objectives:\n  - id: define-fascia\n    text: Say what fascia is.\nkey_points:\n  - Fascia wraps your muscles.\n" \
        "glossary: [fascia]\n"
    assert len(found(make_course(tmp_path, front=front), "main-message")) == warnings
