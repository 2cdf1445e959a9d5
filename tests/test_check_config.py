"""Thresholds in course.yml `checks:`: defaults, located errors, per-rule severity."""
from __future__ import annotations

import pytest
from test_check_fixtures import BODY, TODAY, make_course

from patientcourse.checks import Thresholds, load_thresholds, run_checks
from patientcourse.structure import CourseError


def test_defaults_follow_the_issue():
    t = Thresholds()
    assert (t.fk_grade_error, t.fk_grade_warning, t.max_list_items) == (8, 6, 7)


def test_values_come_from_course_yml(tmp_path):
    course = make_course(tmp_path, course_extra="checks:\n  fk_grade_error: 9\n  max_list_items: 5\n")
    t = load_thresholds(course)
    assert (t.fk_grade_error, t.max_list_items, t.fk_grade_warning) == (9, 5, 6)


@pytest.mark.parametrize("extra, line, field, words", [
    ("checks:\n  max_list_items: lots\n", 19, "checks.max_list_items", "valid integer"),
    ("checks:\n  max_list_itmes: 5\n", 19, "checks.max_list_itmes", "not known"),
    ("checks:\n  severity:\n    numbrs: error\n", 19, "checks.severity", "no check rule named 'numbrs'"),
    ("checks:\n  fk_grade_warning: 9\n", 18, "checks", "fk_grade_warning must not be above"),
])
def test_bad_thresholds_name_file_line_and_field(tmp_path, extra, line, field, words):
    course = make_course(tmp_path, course_extra=extra)
    with pytest.raises(CourseError) as err:
        load_thresholds(course)
    [problem] = err.value.problems
    assert (problem.file.name, problem.line, problem.field) == ("course.yml", line, field)
    assert words in problem.message


def test_severity_override_changes_or_silences_a_rule(tmp_path):
    body = BODY + "\nHold it for 1 minute.\n"
    quiet = make_course(tmp_path / "a", body=body, course_extra="checks:\n  severity:\n    numbers: off\n")
    assert [f for f in run_checks(quiet, today=TODAY, notebooks_dir=None).findings if f.rule == "numbers"] == []
    loud = make_course(tmp_path / "b", body=body, course_extra="checks:\n  severity:\n    numbers: error\n")
    report = run_checks(loud, today=TODAY, notebooks_dir=None)
    assert [f.severity for f in report.findings] == ["error"] and not report.passed
