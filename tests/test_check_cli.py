"""`patientcourse check` on the command line: exit codes, located messages, JSON shape."""
from __future__ import annotations

import json

import typer
from test_check_fixtures import BODY, write_course
from typer.testing import CliRunner

from patientcourse.commands import check as check_command

app = typer.Typer()
check_command.register(app)
app.command("noop", hidden=True)(lambda: None)  # a second command keeps `check` a subcommand

TODAY = ["--today", "2026-11-24"]


def run(*args):
    return CliRunner().invoke(app, ["check", *args])


def test_clean_course_exits_0_and_prints_the_table(tmp_path):
    result = run("--course", str(write_course(tmp_path)), *TODAY)
    assert result.exit_code == 0, result.output
    assert "01-demo" in result.output and "PASSED" in result.output


def test_warnings_alone_still_exit_0(tmp_path):
    # no notebooks next to the course: a warning, not an error
    result = run("--course", str(write_course(tmp_path)), "--json", *TODAY)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["warning"] == 1


def test_error_level_rule_exits_1_and_names_file_and_line(tmp_path):
    body = BODY + "\n" + "".join(f"- Item {i}\n" for i in range(8))
    course = write_course(tmp_path, body=body)
    result = run("--course", str(course), *TODAY)
    assert result.exit_code == 1
    assert f"{course}/chapters/01-demo.md:17: error: [list-length] a list of 8 items" in result.output
    assert "FAILED" in result.output


def test_review_date_in_the_past_exits_1(tmp_path):
    result = run("--course", str(write_course(tmp_path)), "--today", "2030-01-01")
    assert result.exit_code == 1 and "next_review_due 2027-11-01 is in the past" in result.output


def test_unreadable_course_exits_2_with_located_problems(tmp_path):
    course = write_course(tmp_path, quiz="questions: [\n")
    result = run("--course", str(course), *TODAY)
    assert result.exit_code == 2
    assert "01-demo.quiz.yml:2: this is not valid YAML" in result.output


def test_missing_course_folder_exits_2(tmp_path):
    result = run("--course", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no course.yml here" in result.output


def test_bad_thresholds_exit_2_with_the_line(tmp_path):
    course = write_course(tmp_path, course_extra="checks:\n  max_list_items: lots\n")
    result = run("--course", str(course), "--json", *TODAY)
    assert result.exit_code == 2
    assert "course.yml:19: checks.max_list_items:" in result.output
    assert json.loads(result.stdout)["passed"] is False


def test_bad_today_is_a_usage_error(tmp_path):
    result = run("--course", str(write_course(tmp_path)), "--today", "24/11/2026")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_json_output_shape(tmp_path):
    body = BODY + "\nHold it for 1 minute.\n"
    result = run("--course", str(write_course(tmp_path, body=body)), "--json", *TODAY)
    data = json.loads(result.stdout)
    assert set(data) == {"schema", "version", "course", "today", "passed", "summary", "thresholds",
                         "findings", "chapters"}
    assert (data["schema"], data["version"], data["course"], data["today"], data["passed"]) == \
        ("patientcourse.check", 1, "demo", "2026-11-24", True)
    assert set(data["summary"]) == {"error", "warning", "info"}
    assert data["thresholds"]["fk_grade_error"] == 8.0
    [chapter] = data["chapters"]
    assert set(chapter) == {"id", "title", "file", "readability", "readability_of_other_text",
                            "summary", "findings"}
    r = chapter["readability"]
    assert set(r) == {"fk_grade", "smog", "flesch_reading_ease", "words", "sentences", "longest_sentences"}
    assert isinstance(r["fk_grade"], float) and r["words"] == 34 and r["sentences"] == 6
    assert set(r["longest_sentences"][0]) == {"line", "words", "text", "file"}
    # The quiz and the boxes are scored too, each placed in its own file.
    other = chapter["readability_of_other_text"]
    assert set(other) == {"boxes", "quiz"}
    assert other["quiz"]["longest_sentences"][0]["file"].endswith("01-demo.quiz.yml")
    assert other["boxes"]["longest_sentences"][0]["file"].endswith("01-demo.md")
    finding = next(f for f in chapter["findings"] if f["rule"] == "numbers")
    assert set(finding) == {"rule", "severity", "file", "line", "message", "fix", "chapter"}
    assert (finding["severity"], finding["line"], finding["chapter"]) == ("info", 17, "01-demo")


def test_the_real_cli_has_check():
    from patientcourse.cli import app as real_app
    # The help is laid out for the terminal; give it a wide one, whatever runs the tests.
    result = CliRunner().invoke(real_app, ["check", "--help"], env={"COLUMNS": "200", "TERMINAL_WIDTH": "200"})
    assert result.exit_code == 0 and "--json" in result.output and "--course" in result.output
