"""`build` runs the review-date rule with today's date: a warning once the review is due,
a stop `review_grace_days` after it. Today is pinned here, never read from the clock."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from support import make_project
from patientcourse.cli import app

runner = CliRunner()


def due(course_dir, when: str) -> None:
    yml = course_dir / "course.yml"
    yml.write_text(yml.read_text().replace("next_review_due: 2099-01-01", f"next_review_due: {when}"))


def test_build_stops_when_the_review_is_overdue_past_the_grace_days(tmp_path, mini_course_dir):
    due(mini_course_dir, "2027-01-01")
    project = make_project(tmp_path / "project")  # 2027-02-01: 31 days late; 30 allowed
    result = runner.invoke(app, ["build", "--course", str(mini_course_dir), "--project", str(project),
                                 "--today", "2027-02-01"])
    assert result.exit_code == 1
    assert "next_review_due 2027-01-01 is in the past (today is 2027-02-01): the review is 31 days overdue" \
        in result.output
    assert "Build stopped by the check" in result.output
    assert not (project / "_build" / "html").exists()


@pytest.mark.slow
def test_build_warns_when_the_review_is_due_and_still_builds(tmp_path, mini_course_dir):
    due(mini_course_dir, "2027-01-01")
    project = make_project(tmp_path / "project")
    result = runner.invoke(app, ["build", "--course", str(mini_course_dir), "--project", str(project),
                                 "--today", "2027-01-20"])
    assert result.exit_code == 0, result.output
    assert "Warning:" in result.output and "the review was due on 2027-01-01 (19 days ago)" in result.output
    assert (project / "_build" / "html" / "index.html").exists()
