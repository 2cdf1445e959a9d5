"""``grade``: scores recomputed from chosen answers, CSVs on a known set, every bad-file case."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patientcourse.cli import app
from patientcourse.instructor.grading import Grader
from patientcourse.instructor.reports import grades_csv, items_csv
from patientcourse_runtime.results import parse_due, parse_results
from patientcourse_runtime.store import ResultsFile as NotebookResults
from quiz_samples import CH1, CH2, COURSE_ID, sample_course
from test_instructor_sample import results_doc, right_answers, write_json

REPO = Path(__file__).resolve().parent.parent


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def course():
    return sample_course()


def notebook_file(path: Path, name: str, answers: dict[str, dict]) -> Path:
    """A results file written by the notebook's own writer (``patientcourse_runtime.store``)."""
    results = NotebookResults(COURSE_ID, None, path)
    results.set_learner(name)
    for chapter_id, by_question in answers.items():
        for question_id, answer in by_question.items():
            results.record(chapter_id, question_id, answer)
    return results.path  # named after the learner, beside ``path``


@pytest.fixture
def known_set(tmp_path, course):
    """Three learners: Ada all right (book), Ben some right (notebook), Cy partial (book)."""
    rolling = course.chapter(CH1).quiz.question("fa-rolling")
    items, matches = rolling.item_ids(), rolling.match_ids()
    swapped = {items[0]: matches[1], items[1]: matches[0], items[2]: matches[2]}
    steps = course.chapter(CH1).quiz.question("fa-thoracic-steps").step_ids()
    ada = write_json(tmp_path / "ada.json", results_doc(right_answers(course), name="Ada"))
    ben = notebook_file(tmp_path / "ben.json", "Ben", {
        CH1: {"fa-made-of": "a", "fa-painful": ["a"], "fa-proven": True, "fa-hold": 1.2},
        CH2: {"ev-athletes": False}})
    cy = write_json(tmp_path / "cy.json", results_doc({
        CH1: {"fa-made-of": "a", "fa-painful": ["a", "c"], "fa-rolling": swapped, "fa-thoracic-steps": steps},
        CH2: {"ev-hostile": "b"}}, name="Cy"))
    return [ada, ben, cy]


def test_grades_csv_has_per_chapter_and_total_points_on_a_known_set(course, known_set):
    book = Grader(course).grade(known_set)
    assert book.skipped == []
    table = {r["learner"]: r for r in rows(grades_csv(book))}
    assert list(rows(grades_csv(book))[0]) == ["learner", "learner_id", CH1, CH2, "total", "possible",
                                               "percent", "late", "saved_at", "origin", "file"]
    assert {k: table["Ada"][k] for k in (CH1, CH2, "total", "possible", "percent", "origin")} == {
        CH1: "6", CH2: "2", "total": "8", "possible": "8", "percent": "100.0", "origin": "book"}
    # Ben: wrong single, half of a multiple (1 of 2 right picks), wrong true/false, right numeric.
    assert {k: table["Ben"][k] for k in (CH1, CH2, "total", "percent", "origin")} == {
        CH1: "1.5", CH2: "0", "total": "1.5", "percent": "18.8", "origin": "notebook"}
    # Cy: a right and a wrong pick cancel out; 1 of 3 matches; the whole order right.
    assert {k: table["Cy"][k] for k in (CH1, CH2, "total", "percent")} == {
        CH1: "1.33", CH2: "0", "total": "1.33", "percent": "16.7"}
    assert {r["late"] for r in table.values()} == {"no"}


def test_items_csv_says_what_to_reteach(course, known_set):
    items = {r["question"]: r for r in rows(items_csv(Grader(course).grade(known_set)))}
    assert len(items) == 8
    made_of = items["fa-made-of"]
    assert (made_of["answered"], made_of["correct"], made_of["percent_correct"]) == ("3", "1", "33.3")
    # In words, with no letter: the letters learners saw follow the shuffled display order.
    assert (made_of["most_chosen_wrong_answer"], made_of["times_chosen"]) == ("Fat", "2")
    assert items["fa-proven"]["most_chosen_wrong_answer"] == "True"
    assert items["fa-painful"]["mean_score"] == "0.5"
    rolling = items["fa-rolling"]["most_chosen_wrong_answer"]
    assert rolling.startswith("Side-lying IT band rolling → Roll from your glutes")
    assert items["fa-hold"]["percent_correct"] == "100.0"
    assert items["ev-athletes"]["most_chosen_wrong_answer"] == "False"
    assert (items["fa-thoracic-steps"]["answered"], items["fa-thoracic-steps"]["correct"]) == ("2", "2")


def test_a_score_or_correct_flag_in_the_file_is_ignored(tmp_path, course):
    doc = results_doc({CH1: {"fa-made-of": "a"}}, name="Mallory")
    doc["score"] = 100
    doc["chapters"][CH1]["score"] = 6
    doc["chapters"][CH1]["answers"]["fa-made-of"].update(correct=True, score=1)
    book = Grader(course).grade([write_json(tmp_path / "m.json", doc)])
    assert book.grades[0].points == {CH1: 0.0, CH2: 0.0}


def test_book_and_notebook_files_with_the_same_answers_grade_the_same(tmp_path, course):
    answers = right_answers(course)
    answers[CH1]["fa-painful"] = ["a", "c"]
    answers[CH2]["ev-athletes"] = False
    from_book = write_json(tmp_path / "book.json", results_doc(answers, name="Ada", origin="book"))
    from_notebook = notebook_file(tmp_path / "nb.json", "Bea", answers)
    book = Grader(course).grade([from_book, from_notebook])
    by_origin = {g.origin: g.points for g in book.grades}
    assert by_origin["book"] == by_origin["notebook"] == {CH1: 5.0, CH2: 1.0}


BAD_FILES = {
    "not-json.json": (b"this is not json", "not JSON"),
    "latin1.json": ("{\"caf\u00e9\": 1}".encode("latin-1"), "not JSON"),
    "list.json": (b"[1, 2]", "not a results file"),
    "other-schema.json": (json.dumps({"schema": "something.else", "version": 1}).encode(), "not a results file"),
    "version-2.json": (None, "version 2"),
    "other-course.json": (None, "for course 'another-course'"),
    "unknown-question.json": (None, "unknown question ids fa-nope"),
    "unknown-chapter.json": (None, "chapters.09-nope: no such chapter"),
    "no-learner.json": (None, "learner: no name and no id"),
    "bad-shape.json": (None, "chapters."),
    "bad-time.json": (None, "saved_at"),
}


def _bad_document(name: str, course) -> dict:
    doc = results_doc({CH1: {"fa-made-of": "b"}}, name=f"learner-{name}")
    if name == "version-2.json":
        doc["version"] = 2
    elif name == "other-course.json":
        doc["course"] = "another-course"
    elif name == "unknown-question.json":
        doc["chapters"][CH1]["answers"]["fa-nope"] = {"answer": "a"}
    elif name == "unknown-chapter.json":
        doc["chapters"]["09-nope"] = {"answers": {}}
    elif name == "no-learner.json":
        doc["learner"] = {"name": "  ", "id": ""}
    elif name == "bad-shape.json":
        doc["chapters"][CH1]["answers"] = ["b"]
    elif name == "bad-time.json":
        doc["saved_at"] = "yesterday"
    return doc


def test_every_bad_file_is_skipped_with_its_reason_and_good_files_still_count(tmp_path, course):
    paths = []
    for name, (raw, _) in BAD_FILES.items():
        path = tmp_path / name
        if raw is None:
            write_json(path, _bad_document(name, course))
        else:
            path.write_bytes(raw)
        paths.append(path)
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 2_000_001)
    missing = tmp_path / "missing.json"
    good = write_json(tmp_path / "good.json", results_doc(right_answers(course), name="Good"))
    book = Grader(course).grade([*paths, huge, missing, good])
    reasons = {Path(s.path).name: s.reason for s in book.skipped}
    for name, (_, expected) in BAD_FILES.items():
        assert expected in reasons[name], (name, reasons[name])
    assert "too big" in reasons["huge.json"]
    assert "cannot read it" in reasons["missing.json"]
    assert len(book.skipped) == len(BAD_FILES) + 2
    assert [g.learner for g in book.grades] == ["Good"]


def test_a_file_for_another_assignment_is_skipped(tmp_path, course):
    mine = write_json(tmp_path / "a.json", results_doc({}, name="A", assignment={"id": "week-1", "title": "W1"}))
    other = write_json(tmp_path / "b.json", results_doc({}, name="B", assignment={"id": "week-2", "title": "W2"}))
    none = write_json(tmp_path / "c.json", results_doc({}, name="C"))
    book = Grader(course, assignment_id="week-1").grade([mine, other, none])
    assert [g.learner for g in book.grades] == ["A"]
    assert {Path(s.path).name for s in book.skipped} == {"b.json", "c.json"}
    assert all("assignment" in s.reason for s in book.skipped)


def test_two_files_from_one_learner_keep_the_latest_and_say_so(tmp_path, course):
    older = write_json(tmp_path / "first.json", results_doc(
        right_answers(course), name="Ada Lovelace", saved_at="2026-11-24T09:00:00Z"))
    newer = write_json(tmp_path / "second.json", results_doc(
        {CH1: {"fa-made-of": "b"}}, name="  ada   LOVELACE ", saved_at="2026-11-24T11:00:00+01:00"))
    # 11:00+01:00 is 10:00Z, later than 09:00Z: the newer file wins whatever the order given.
    book = Grader(course).grade([newer, older])
    assert [g.path for g in book.grades] == [str(newer)]
    assert sum(book.grades[0].points.values()) == 1.0
    [skipped] = book.skipped
    assert skipped.path == str(older)
    assert "duplicate" in skipped.reason and f"kept {newer}" in skipped.reason


def test_answers_after_the_due_date_are_flagged_late(tmp_path, course):
    on_time = write_json(tmp_path / "a.json", results_doc(
        {CH1: {"fa-made-of": "b"}}, name="A", answered_at="2026-12-01T23:00:00Z", saved_at="2026-12-02T08:00:00Z"))
    late = write_json(tmp_path / "b.json", results_doc(
        {CH1: {"fa-made-of": "b"}}, name="B", answered_at="2026-12-02T00:30:00Z"))
    book = Grader(course, due=parse_due("2026-12-01")).grade([on_time, late])
    assert {g.learner: g.late for g in book.grades} == {"A": False, "B": True}
    assert {r["learner"]: r["late"] for r in rows(grades_csv(book))} == {"A": "no", "B": "yes"}


def test_due_dates_are_read_or_refused_with_the_accepted_forms():
    assert parse_due("2026-12-01") == dt.datetime(2026, 12, 1, 23, 59, 59, tzinfo=dt.timezone.utc)
    assert parse_due("2026-12-01T17:00:00+01:00") == dt.datetime(2026, 12, 1, 16, tzinfo=dt.timezone.utc)
    with pytest.raises(ValueError, match="2026-12-01T17:00:00"):
        parse_due("next friday")


def test_learner_typed_text_cannot_become_a_spreadsheet_formula(tmp_path, course):
    path = write_json(tmp_path / "f.json", results_doc({}, name="=HYPERLINK(\"http://x\")", learner_id="+1"))
    row = rows(grades_csv(Grader(course).grade([path])))[0]
    assert row["learner"] == "'=HYPERLINK(\"http://x\")" and row["learner_id"] == "'+1"


def test_grade_command_writes_the_csvs_and_lists_skipped_files(tmp_path, course, known_set, monkeypatch):
    import patientcourse.commands.grade as grade_command
    monkeypatch.setattr(grade_command, "load_or_exit", lambda _: course)
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(app, ["grade", str(tmp_path), "--out", str(tmp_path / "out"),
                                      "--due", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Graded 3 learners from 4 files; skipped 1." in result.output
    assert re.search(r"skipped .*junk\.json: not JSON", result.output)
    assert len(rows((tmp_path / "out" / "grades.csv").read_text(encoding="utf-8"))) == 3
    assert rows((tmp_path / "out" / "skipped.csv").read_text(encoding="utf-8"))[0]["reason"].startswith("not JSON")
    bad_date = CliRunner().invoke(app, ["grade", str(tmp_path), "--out", str(tmp_path / "o2"), "--due", "soon"])
    assert bad_date.exit_code == 2 and "is not a date" in bad_date.output


def test_grade_command_fails_when_no_file_could_be_graded(tmp_path, course, monkeypatch):
    import patientcourse.commands.grade as grade_command
    monkeypatch.setattr(grade_command, "load_or_exit", lambda _: course)
    (tmp_path / "junk.json").write_text("nope", encoding="utf-8")
    result = CliRunner().invoke(app, ["grade", str(tmp_path / "junk.json"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1


def _results_examples(markdown: str) -> list[dict]:
    blocks = re.findall(r"```json\n(.*?)```", markdown, re.S)
    # The docs annotate examples with // comments; JSON has none.
    return [json.loads(re.sub(r"\s//[^\n]*", "", b)) for b in blocks if '"patientcourse.results"' in b]


@pytest.mark.parametrize("doc", ["docs/architecture.md", "docs/instructors.md"])
def test_the_documented_results_example_is_a_valid_version_1_file(doc):
    examples = _results_examples((REPO / doc).read_text(encoding="utf-8"))
    assert examples, f"{doc} shows no results-file example"
    for example in examples:
        parse_results(example)


def test_an_answer_in_the_wrong_form_scores_zero_and_is_named_as_such(tmp_path, course):
    path = write_json(tmp_path / "odd.json", results_doc(
        {CH1: {"fa-made-of": ["b"], "fa-painful": "ab", "fa-hold": "1", "fa-proven": "false"}}, name="Odd"))
    book = Grader(course).grade([path])
    assert book.grades[0].points[CH1] == 0.0
    items = {r["question"]: r for r in rows(items_csv(book))}
    for question_id in ("fa-made-of", "fa-painful", "fa-hold", "fa-proven"):
        assert items[question_id]["most_chosen_wrong_answer"] == "(an answer in a form this question does not accept)"
