"""`patientcourse build` twice: the second build reuses the check and every notebook's
outputs, runs no Sphinx, and leaves the published site as it was. An edit is still built."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from support import make_project
from patientcourse.cli import app

pytestmark = pytest.mark.slow


def build(course_dir, project, today="2026-11-24"):
    result = CliRunner().invoke(app, ["build", "--course", str(course_dir), "--project", str(project),
                                      "--today", today], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_second_build_reuses_everything_and_republishes_nothing(tmp_path, mini_course_dir, monkeypatch):
    import patientcourse.book.pipeline as pipeline
    import patientcourse.checks.run as run

    project = make_project(tmp_path / "project")
    first = build(mini_course_dir, project)
    assert "Executed 2 of 2 notebooks (0 reused)" in first
    site = project / "_build" / "html"
    release, releases = site.resolve(), sorted(p.name for p in site.resolve().parent.iterdir())
    page = (site / "notebooks" / "02-more.html").stat().st_mtime_ns

    checked: list[str] = []
    original = run.check_chapter
    monkeypatch.setattr(run, "check_chapter", lambda course, chapter, *a, **k: checked.append(chapter.id)
                        or original(course, chapter, *a, **k))
    sphinx_runs = []
    real_sphinx = pipeline.run_jupyter_book
    monkeypatch.setattr(pipeline, "run_jupyter_book", lambda stage: sphinx_runs.append(stage) or real_sphinx(stage))

    second = build(mini_course_dir, project)
    assert "Executed 0 of 2 notebooks (2 reused); 0 needed a kernel." in second
    assert checked == [] and sphinx_runs == []
    assert site.resolve() == release and sorted(p.name for p in release.parent.iterdir()) == releases
    assert (site / "notebooks" / "02-more.html").stat().st_mtime_ns == page

    # Another day: the review dates may say something else, so the check runs again.
    build(mini_course_dir, project, today="2026-11-25")
    assert checked == ["01-basics", "02-more"]

    # A prose edit: checked again, built again, published, and nothing executed.
    checked.clear()
    md = mini_course_dir / "chapters" / "02-more.md"
    md.write_text(md.read_text().replace("\nHold a tender spot for one minute.", "\nHold a sore spot for one minute."))
    third = build(mini_course_dir, project, today="2026-11-25")
    assert "Executed 0 of 2 notebooks (2 reused)" in third
    assert checked == ["01-basics", "02-more"] and len(sphinx_runs) == 1
    assert site.resolve() != release
    assert "Hold a sore spot" in (site / "notebooks" / "02-more.html").read_text(encoding="utf-8")


def test_a_failed_check_is_never_reused(tmp_path, mini_course_dir):
    project = make_project(tmp_path / "project")
    yml = mini_course_dir / "course.yml"
    yml.write_text(yml.read_text().replace("next_review_due: 2099-01-01", "next_review_due: 2027-01-01"))
    for _ in range(2):  # 31 days late, 30 allowed: stopped both times, with the full report
        result = CliRunner().invoke(app, ["build", "--course", str(mini_course_dir), "--project", str(project),
                                          "--today", "2027-02-01"])
        assert result.exit_code == 1
        assert "the review is 31 days overdue" in result.output and "Build stopped by the check" in result.output
