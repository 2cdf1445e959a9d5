"""The command line: exit codes 0 (done), 1 (build or check failed), 2 (bad input), and
nothing written when the source is bad."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from support import make_project
from patientcourse.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_generate_writes_the_project(tmp_path, mini_course_dir):
    result = run("generate", "--course", str(mini_course_dir), "--project", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "notebooks" / "01-basics.ipynb").exists()
    assert (tmp_path / "_toc.yml").exists() and (tmp_path / "book" / "index.md").exists()


def test_bad_source_exits_2_and_writes_nothing(tmp_path, mini_course_dir):
    project = tmp_path / "project"
    assert run("generate", "--course", str(mini_course_dir), "--project", str(project)).exit_code == 0
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    quiz = mini_course_dir / "chapters" / "01-basics.quiz.yml"
    quiz.write_text(quiz.read_text().replace("correct: true", "correct: false"))
    chapter = mini_course_dir / "chapters" / "02-more.md"
    chapter.write_text(chapter.read_text().replace("Hold a tender spot", "Hold a sore spot"))
    result = run("generate", "--course", str(mini_course_dir), "--project", str(project))
    assert result.exit_code == 2
    assert "01-basics.quiz.yml:2: questions[0]" in result.output
    assert "nothing was written" in result.output
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_missing_course_folder_exits_2(tmp_path):
    result = run("generate", "--course", str(tmp_path / "nope"), "--project", str(tmp_path))
    assert result.exit_code == 2 and "no course.yml here" in result.output


def test_unknown_command_is_a_usage_error():
    assert run("frobnicate").exit_code == 2


@pytest.mark.slow
def test_build_exits_0_then_1_when_a_notebook_fails_keeping_the_old_book(tmp_path, mini_course_dir, monkeypatch):
    project = make_project(tmp_path / "project")
    args = ("build", "--course", str(mini_course_dir), "--project", str(project), "--no-check")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "The book is ready" in result.output and "index.html" in result.output
    old_page = (project / "_build/html/notebooks/01-basics.html").read_bytes()
    old_notebook = (project / "notebooks/01-basics.ipynb").read_bytes()

    # A chapter whose code fails when executed (a bug, a broken package) stops the build.
    import patientcourse.render.notebooks as notebooks

    def failing_footer(course, chapter):
        yield ("code", "raise RuntimeError('this cell is broken')")

    monkeypatch.setattr(notebooks, "footer", failing_footer)
    result = run(*args)
    assert result.exit_code == 1
    assert "Build failed" in result.output
    # Every chapter got the broken cell; whichever finishes first is the one named.
    assert re.search(r"0[12]-(basics|more)\.ipynb: a cell failed while executing", result.output)
    assert "this cell is broken" in result.output
    assert (project / "_build/html/notebooks/01-basics.html").read_bytes() == old_page
    assert (project / "notebooks/01-basics.ipynb").read_bytes() == old_notebook


def test_build_stops_on_a_check_error_before_writing(tmp_path, mini_course_dir):
    project = make_project(tmp_path / "project")
    course_yml = mini_course_dir / "course.yml"
    # Hold the course to an impossible reading grade, so the check fails.
    course_yml.write_text(course_yml.read_text() + "checks:\n  fk_grade_warning: 0.5\n  fk_grade_error: 1\n")
    result = run("build", "--course", str(mini_course_dir), "--project", str(project))
    assert result.exit_code == 1
    assert "Build stopped by the check" in result.output
    assert "01-basics.md" in result.output
    assert not (project / "notebooks").exists() and not (project / "_build" / "html").exists()
