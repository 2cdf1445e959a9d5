"""The instructors' "Readability and quality report" page (book/report.md)."""
from __future__ import annotations

import datetime as dt

from test_check_fixtures import BODY, make_course

from patientcourse.checks import run_checks
from patientcourse.render.report_page import report_page


def checked(course, today=None):
    """The page's arguments: the course and the check report its caller already has."""
    return course, run_checks(course, today=today, notebooks_dir=None)


def test_page_is_titled_marked_for_instructors_and_has_a_row_per_chapter(tmp_path):
    page = report_page(*checked(make_course(tmp_path)))
    assert "\n# Readability and quality report\n" in page
    assert ":::{admonition} For instructors" in page
    row = next(line for line in page.split("\n") if line.startswith("| 1. Demo chapter |"))
    assert row.split(" | ")[1:3] == ["0.9", "3.1"]  # FK grade, SMOG
    assert "Blockquotes are not scored" in page
    assert "No errors or warnings." in page


def test_page_lists_findings_without_turning_them_into_markup(tmp_path):
    body = "## What is fascia?\n\nFascia is thin. It wraps your muscles.\n"
    page = report_page(*checked(make_course(tmp_path, body=body)))
    row = next(line for line in page.split("\n") if "glossary-links" in line and line.startswith("| error"))
    assert "\\{term\\}\\`fascia\\`" in row  # the fix hint shows the role instead of making a link
    assert "1 error(s)" in page


def test_page_does_not_depend_on_the_day(tmp_path):
    # A review date long past would fail `check` today; the page must not change with the clock.
    course = make_course(tmp_path, body=BODY)
    old = course.model_copy(update={"meta": course.meta.model_copy(
        update={"last_reviewed": dt.date(2000, 1, 1), "next_review_due": dt.date(2000, 1, 2)})})
    page = report_page(*checked(old, today=dt.date(2026, 11, 24)))
    assert "Every chapter passes the error-level rules." in page and "review-dates" not in page
