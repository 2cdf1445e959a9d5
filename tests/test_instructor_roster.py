"""``grade --roster … --gradebook …``: the roster file, who sent which file, the rule for two files
from one learner, and gradebooks Canvas and Moodle import. Ends with a class of 30 plus 12
problem files, through the command line."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from class_simulation import learner_names, simulate_class
from patientcourse.cli import app
from patientcourse.instructor.gradebook import gradebook_csv
from patientcourse.instructor.grading import Grader
from patientcourse.instructor.roster import RosterError, name_key, read_roster
from patientcourse_runtime.results import Learner, parse_due
from quiz_samples import CH1, sample_course
from test_instructor_sample import results_doc, right_answers, write_json


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def course():
    return sample_course()


def roster_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


ROSTER = """name,id,email,section,lms_id
"Lovelace, Ada",s-12,ada@example.org,A,9001
Ben Okafor,s-13,ben@example.org,A,9002
Sam Lee,s-20,sam.lee@example.org,B,
Sam Lee,s-21,sam.l@example.org,B,
Zoë Émile,,zoe@example.org,B,
"""


def test_a_file_is_matched_by_id_then_email_then_normalised_name(tmp_path):
    roster = read_roster(roster_file(tmp_path, ROSTER))
    by_id = roster.match(Learner(name="Somebody Else", id=" S-12 "))
    assert (by_id.entry.name, by_id.by) == ("Lovelace, Ada", "id")
    by_email = roster.match(Learner(name="", id="BEN@example.org"))
    assert (by_email.entry.name, by_email.by) == ("Ben Okafor", "email")
    by_name = roster.match(Learner(name="ada   LOVELACE", id="typo-99"))
    assert (by_name.entry.id, by_name.by) == ("s-12", "name")
    assert roster.match(Learner(name="zoe emile")).entry.email == "zoe@example.org"  # accents ignored
    ambiguous = roster.match(Learner(name="sam lee"))
    assert ambiguous.ambiguous and [e.id for e in ambiguous.candidates] == ["s-20", "s-21"]
    assert roster.match(Learner(name="Sam Lee", id="s-21")).entry.id == "s-21"  # the id decides
    nobody = roster.match(Learner(name="Stranger"))
    assert nobody.entry is None and not nobody.ambiguous
    assert name_key("Lovelace, Ada") == name_key("ada lovelace") == "ada lovelace"


@pytest.mark.parametrize("text, expected", [
    ("name,id\nAda,s-1\nBen,s-1\n", "roster.csv:3: id: 's-1' is on line 2 too"),
    ("name,id,emial\nAda,s-1,a@x\n", "roster.csv:1: unknown column 'emial'"),
    ("id,email\ns-1,a@x\n", "roster.csv:1: name: the header has no 'name' column"),
    ("name,id\nAda,s-1,extra\n", "roster.csv:2: 3 cells, but the header names 2 columns"),
    ("name,id\n,s-1\n", "roster.csv:2: name: is empty"),
    ("", "roster.csv:1: the roster is empty"),
])
def test_a_bad_roster_is_refused_with_file_line_and_column(tmp_path, text, expected):
    with pytest.raises(RosterError) as caught:
        read_roster(roster_file(tmp_path, text))
    assert expected in str(caught.value)


def test_a_roster_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("name\nAda\nZo\u00eb\n".encode("latin-1"))
    with pytest.raises(RosterError, match=r"roster.csv:3: not UTF-8"):
        read_roster(path)


def test_two_files_from_one_learner_the_latest_on_time_wins_and_a_later_one_is_kept_as_late(tmp_path, course):
    due = parse_due("2026-12-01")
    on_time = write_json(tmp_path / "on-time.json", results_doc(
        right_answers(course), name="Ada", learner_id="s-12", saved_at="2026-12-01T20:00:00Z"))
    earlier = write_json(tmp_path / "earlier.json", results_doc(
        {CH1: {"fa-made-of": "a"}}, name="Ada", learner_id="s-12", saved_at="2026-11-30T20:00:00Z"))
    late = write_json(tmp_path / "late.json", results_doc(
        {CH1: {"fa-made-of": "a"}}, name="Ada", learner_id="s-12", saved_at="2026-12-03T09:00:00Z"))
    book = Grader(course, due=due).grade([late, on_time, earlier])
    assert [(g.path, g.late) for g in book.grades] == [(str(on_time), False)]
    reasons = {Path(s.path).name: s.reason for s in book.skipped}
    assert "after the due date; the latest file on time is graded: kept" in reasons["late.json"]
    assert "the file saved last is graded" in reasons["earlier.json"]
    # Nothing on time: the latest late file is graded, flagged late.
    only_late = Grader(course, due=due).grade([late, write_json(tmp_path / "later.json", results_doc(
        {CH1: {"fa-made-of": "b"}}, name="Ada", learner_id="s-12", saved_at="2026-12-04T09:00:00Z"))])
    assert [(Path(g.path).name, g.late) for g in only_late.grades] == [("later.json", True)]


def test_files_matched_to_one_roster_row_count_as_one_learner(tmp_path, course):
    roster = read_roster(roster_file(tmp_path, ROSTER))
    typed_id = write_json(tmp_path / "a.json", results_doc({}, name="A. L.", learner_id="s-12",
                                                          saved_at="2026-11-01T10:00:00Z"))
    typed_name = write_json(tmp_path / "b.json", results_doc(right_answers(course), name="Ada Lovelace",
                                                            saved_at="2026-11-02T10:00:00Z"))
    book = Grader(course).grade([typed_id, typed_name], roster=roster)
    assert [g.path for g in book.grades] == [str(typed_name)]
    assert "duplicate" in book.skipped[0].reason


def test_canvas_and_moodle_gradebooks_have_the_headers_their_imports_read(tmp_path, course):
    roster = read_roster(roster_file(tmp_path, ROSTER))
    ada = write_json(tmp_path / "ada.json", results_doc(right_answers(course), name="Ada", learner_id="s-12"))
    ben = write_json(tmp_path / "ben.json", results_doc({CH1: {"fa-made-of": "b"}}, name="Ben Okafor"))
    book = Grader(course).grade([ada, ben], roster=roster)
    canvas = list(csv.reader(io.StringIO(gradebook_csv(book, "canvas", title="Week 1", lms_assignment_id="4711"))))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 1 (4711)"]
    assert canvas[1] == ["    Points Possible", "", "", "", "", "8"]
    assert canvas[2:] == [["Lovelace, Ada", "9001", "s-12", "ada@example.org", "A", "8"],
                          ["Ben Okafor", "9002", "s-13", "ben@example.org", "A", "1"],
                          ["Sam Lee", "", "s-20", "sam.lee@example.org", "B", ""],
                          ["Sam Lee", "", "s-21", "sam.l@example.org", "B", ""],
                          ["Zoë Émile", "", "", "zoe@example.org", "B", ""]]
    new_assignment = gradebook_csv(book, "canvas", title="Week 1")
    assert new_assignment.splitlines()[0].endswith(",Week 1")
    moodle = rows(gradebook_csv(book, "moodle", title="Week 1"))
    assert list(moodle[0]) == ["Email address", "ID number", "Full name", "Week 1"]
    assert [(r["Email address"], r["Week 1"]) for r in moodle][:2] == [("ada@example.org", "8"), ("ben@example.org", "1")]
    plain = rows(gradebook_csv(book, "csv", title="Week 1"))
    assert plain[0] | {"file": ""} == {"name": "Lovelace, Ada", "id": "s-12", "email": "ada@example.org",
                                       "section": "A", "points": "8", "possible": "8", "percent": "100.0",
                                       "late": "no", "file": ""}


# -- a class of 30 and 12 problem files, through the command line ---------------------------------

PROBLEMS = {  # file -> the words its reason (or roster status) must hold
    "notes.txt": "not a .json file", "broken.json": "not JSON", "other-course.json": "for course 'another'",
    "version-2.json": "version 2", "no-learner.json": "learner: no name and no id",
    "unknown-question.json": "unknown question ids", "nested.json": "nested too deeply",
    "older-copy.json": "duplicate", "late-resubmission.json": "after the due date",
    "stranger.json": "not in roster", "ambiguous.json": "ambiguous", "by-email.json": "graded",
}


@pytest.fixture(scope="module")
def class_run(tmp_path_factory, course):
    root = tmp_path_factory.mktemp("class")
    handins = root / "handins"
    handins.mkdir()
    names = learner_names(30)
    roster = ["name,id,email,section"] + [f"{n},{i},{e},{'A' if k < 15 else 'B'}" for k, (n, i, e) in enumerate(names)]
    roster += ["Pat Absent,s-900,pat@example.org,B", "Sam Lee,s-901,sam1@example.org,B", "Sam Lee,s-902,sam2@example.org,B"]
    (root / "roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")
    documents = simulate_class(course)
    for k, document in enumerate(documents[:29]):
        write_json(handins / f"learner-{k:02}.json", document)
    # Learner 30 typed their email as id, and no name.
    by_email = dict(documents[29], learner={"name": "", "id": names[29][2].upper()})
    write_json(handins / "by-email.json", by_email)
    write_json(handins / "older-copy.json", dict(documents[0], saved_at="2026-11-01T08:00:00Z"))
    late = results_doc({CH1: {"fa-made-of": "a"}}, name=names[1][0], learner_id=names[1][1],
                       saved_at="2026-12-05T08:00:00Z")
    write_json(handins / "late-resubmission.json", late)
    write_json(handins / "stranger.json", results_doc({CH1: {"fa-made-of": "b"}}, name="Stranger Danger"))
    write_json(handins / "ambiguous.json", results_doc({CH1: {"fa-made-of": "b"}}, name="sam LEE"))
    write_json(handins / "other-course.json", results_doc({}, name="X", course_id="another"))
    write_json(handins / "version-2.json", dict(results_doc({}, name="Y"), version=2))
    write_json(handins / "no-learner.json", results_doc({}, name=" "))
    write_json(handins / "unknown-question.json", results_doc({CH1: {"fa-nope": "a"}}, name="Z"))
    (handins / "broken.json").write_text('{"schema": "patientcourse.results", ', encoding="utf-8")
    (handins / "nested.json").write_text("[" * 200_000, encoding="utf-8")
    (handins / "notes.txt").write_text("I answered b then c", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def class_output(class_run, course):
    import patientcourse.commands.grade as grade_command

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grade_command, "load_or_exit", lambda _: course)
        result = CliRunner().invoke(app, [
            "grade", str(class_run / "handins"), "--out", str(class_run / "out"), "--due", "2026-12-01",
            "--roster", str(class_run / "roster.csv"), "--gradebook", "canvas", "--title", "Week 1: fascia basics",
            "--feedback", str(class_run / "feedback"), "--book-url", "https://example.org/course/"])
    return result


def test_class_run_prints_what_happened_and_exits_0(class_output):
    assert class_output.exit_code == 0, class_output.output
    printed = class_output.output
    assert "Graded 32 learners from 41 files; skipped 9." in printed  # 30 learners, 12 problem files
    assert "Roster: 30 graded, 3 with no submission, 1 not in the roster, 1 ambiguous." in printed
    assert "no submission: Pat Absent (s-900) (roster line 32)" in printed
    assert "ambiguous: " in printed and "fits roster lines 33, 34" in printed


def test_class_run_lists_every_problem_file_with_its_reason(class_output, class_run):
    out = class_run / "out"
    skipped = {Path(r["file"]).name: r["reason"] for r in rows((out / "skipped.csv").read_text(encoding="utf-8"))}
    report = {Path(r["file"]).name: r for r in rows((out / "roster-report.csv").read_text(encoding="utf-8")) if r["file"]}
    for name, words in PROBLEMS.items():
        if name in skipped:
            assert words in skipped[name], (name, skipped[name])
        else:
            assert report[name]["status"] == words or words in report[name]["status"], (name, report[name])
    assert report["by-email.json"]["matched_by"] == "email"
    # The late resubmission was not graded: the on-time file of that learner was.
    assert report["learner-01.json"]["status"] == "graded"


def test_class_run_writes_a_canvas_gradebook_for_the_whole_roster(class_output, class_run):
    canvas = list(csv.reader(io.StringIO((class_run / "out" / "canvas-gradebook.csv").read_text(encoding="utf-8"))))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 1: fascia basics"]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][-1] == "8"
    assert len(canvas) == 2 + 33  # every roster row
    grades = {r["learner_id"] or r["learner"]: r["total"] for r in rows(
        (class_run / "out" / "grades.csv").read_text(encoding="utf-8"))}
    by_id = {row[2]: row[-1] for row in canvas[2:]}
    names = learner_names(30)
    for _, learner_id, email in names[:29]:
        assert by_id[learner_id] == grades[learner_id]
    assert by_id[names[29][1]] == grades[names[29][2].upper()]
    assert by_id["s-900"] == by_id["s-901"] == by_id["s-902"] == ""


def test_class_run_writes_a_feedback_page_per_graded_learner(class_output, class_run):
    pages = sorted((class_run / "feedback").glob("*.html"))
    assert len(pages) == 32
    assert (class_run / "feedback" / "feedback.zip").is_file()
    names = [p.name for p in pages]
    assert len(set(names)) == 32 and all(n.isascii() and "/" not in n for n in names)


@pytest.mark.parametrize("extra, message", [
    (["--roster", "ROSTER"], "roster.csv:3: id: 's-1' is on line 2 too. Each learner needs their own id."),
    (["--gradebook", "canvas"], "--gradebook needs --roster"),
    (["--roster", "ROSTER", "--gradebook", "blackboard"], "--gradebook must be one of canvas, moodle, csv"),
    (["--chapters", "9"], "no chapter '9'"),
])
def test_grade_refuses_bad_options_before_writing_anything(tmp_path, course, monkeypatch, extra, message):
    import patientcourse.commands.grade as grade_command

    monkeypatch.setattr(grade_command, "load_or_exit", lambda _: course)
    roster = roster_file(tmp_path, "name,id\nAda,s-1\nBen,s-1\n")
    write_json(tmp_path / "a.json", results_doc({}, name="Ada"))
    args = [str(roster) if a == "ROSTER" else a for a in extra]
    result = CliRunner().invoke(app, ["grade", str(tmp_path / "a.json"), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert not (tmp_path / "out").exists()
