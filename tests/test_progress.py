"""The notebook's results file: where it is, its shape, atomic writes, corrupt or unreadable
files, and never overwriting another learner's answers."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from patientcourse_runtime import store as progress
from patientcourse_runtime.store import LearnerMismatch, ResultsFile, results_path, same_learner
from quiz_samples import COURSE_ID, sample_bundle

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(progress.RESULTS_DIR_ENV, raising=False)
    return tmp_path


def test_default_location_is_next_to_the_notebook(in_tmp):
    assert results_path(COURSE_ID) == in_tmp / "patientcourse-results" / f"{COURSE_ID}.json"
    assert results_path(COURSE_ID, "week-2").name == f"{COURSE_ID}--week-2.json"


def test_environment_variable_moves_it(in_tmp, monkeypatch):
    monkeypatch.setenv("PATIENTCOURSE_RESULTS_DIR", str(in_tmp / "elsewhere"))
    assert results_path(COURSE_ID) == in_tmp / "elsewhere" / f"{COURSE_ID}.json"


def test_record_writes_the_documented_shape(in_tmp):
    results = ResultsFile(COURSE_ID, {"id": "week-2", "title": "Week 2", "due": "2026-12-01"})
    results.record("01-a", "q-one", ["a", "c"])
    results.record("01-a", "q-one", ["a"])
    data = json.loads(results.path.read_text(encoding="utf-8"))
    assert results.path.name == f"{COURSE_ID}--week-2.json"
    entry = data["chapters"]["01-a"]["answers"]["q-one"]
    assert set(data) == {"schema", "version", "course", "assignment", "learner", "origin", "saved_at", "chapters"}
    assert (data["schema"], data["version"], data["course"], data["origin"]) == (
        "patientcourse.results", 1, COURSE_ID, "notebook")
    assert data["assignment"]["id"] == "week-2" and data["learner"] == {"name": "", "id": ""}
    assert entry["answer"] == ["a"] and entry["attempts"] == 2
    assert entry["first_answer"] == ["a", "c"]  # the first try survives "Try again"
    assert STAMP.fullmatch(entry["answered_at"]) and STAMP.fullmatch(data["saved_at"])
    assert entry["first_answered_at"] <= entry["answered_at"]


def test_writes_are_atomic_and_leave_no_temporary_files(in_tmp, monkeypatch):
    results = ResultsFile(COURSE_ID)
    results.record("01-a", "q-one", "b")
    before = results.path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(progress.os, "replace", crash)
    results.record("01-a", "q-two", "c")
    assert results.path.read_bytes() == before, "a failed write leaves the old file whole"
    assert any("No space left on device" in p for p in results.problems)
    assert sorted(p.name for p in results.path.parent.iterdir()) == [results.path.name]


def test_two_notebooks_open_at_once_keep_each_others_answers(in_tmp):
    chapter1, chapter2 = ResultsFile(COURSE_ID), ResultsFile(COURSE_ID)
    chapter1.record("01-a", "q-one", "b")
    chapter2.record("02-b", "q-two", True)
    chapter1.record("01-a", "q-three", 20)
    data = json.loads(chapter1.path.read_text())
    assert {c: list(v["answers"]) for c, v in data["chapters"].items()} == {
        "01-a": ["q-one", "q-three"], "02-b": ["q-two"]}


@pytest.mark.parametrize("content, why", [
    ('{"schema": "patientcourse.results", "version": 1,', "Expecting property name"),
    ('{"schema": "something-else"}', "schema: not a results file"),
    (json.dumps({"schema": "patientcourse.results", "version": 1, "course": "other-course", "origin": "notebook",
                 "saved_at": "2026-11-24T10:00:00Z", "learner": {"name": "", "id": ""}, "chapters": {}}),
     "it is for course 'other-course'"),
    (json.dumps({"schema": "patientcourse.results", "version": 1, "course": COURSE_ID, "origin": "notebook",
                 "saved_at": "2026-11-24T10:00:00Z", "learner": {"name": "", "id": ""},
                 "chapters": {"01-a": {"answers": {"q": {"attempts": 1}}}}}),
     "chapters.01-a.answers.q.answer: is missing"),
])
def test_corrupt_file_is_reported_and_kept_as_a_timestamped_backup(in_tmp, content, why):
    path = results_path(COURSE_ID)
    path.parent.mkdir()
    path.write_text(content, encoding="utf-8")
    results = ResultsFile(COURSE_ID)
    assert len(results.problems) == 1
    message = results.problems[0]
    assert str(path) in message and why in message and ".bak" in message
    backups = list(path.parent.glob(f"{path.name}.*.bak"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == content
    assert re.fullmatch(rf"{re.escape(path.name)}\.\d{{8}}T\d{{12}}Z\.bak", backups[0].name)
    results.record("01-a", "q-one", "b")  # the quiz goes on with a fresh file
    assert json.loads(path.read_text())["chapters"]["01-a"]["answers"]["q-one"]["answer"] == "b"


def test_unreadable_file_is_reported_and_never_crashes(in_tmp):
    path = results_path(COURSE_ID)
    path.mkdir(parents=True)  # a folder where the file should be: reading and writing both fail
    results = ResultsFile(COURSE_ID)
    entry = results.record("01-a", "q-one", "b")
    assert entry["attempts"] == 1
    assert results.answers("01-a")["q-one"]["answer"] == "b", "kept in memory"
    assert any(p.startswith(f"cannot read {path}") for p in results.problems)
    assert any(p.startswith(f"could not save your answers to {path}") and "PATIENTCOURSE_RESULTS_DIR" in p
               for p in results.problems)


def test_another_learners_file_is_never_overwritten(in_tmp):
    mine = ResultsFile(COURSE_ID)
    mine.set_learner("Ada", "s-12")
    mine.record("01-a", "q-one", "b")
    before = mine.path.read_bytes()
    theirs = ResultsFile(COURSE_ID)
    with pytest.raises(LearnerMismatch) as err:
        theirs.set_learner("Bob", "s-99")
    assert str(mine.path) in str(err.value) and "'s-12'" in str(err.value)
    assert "PATIENTCOURSE_RESULTS_DIR" in str(err.value)
    assert mine.path.read_bytes() == before


def test_a_learner_can_add_an_id_later_without_losing_their_name(in_tmp):
    results = ResultsFile(COURSE_ID)
    results.set_learner("Ada Lovelace")
    results.set_learner("", "s-12")
    results.set_learner("ada  lovelace", "s-12")  # same person, typed differently
    assert json.loads(results.path.read_text())["learner"] == {"name": "ada lovelace", "id": "s-12"}


def test_file_taken_over_by_another_learner_mid_session_is_not_written(in_tmp):
    results = ResultsFile(COURSE_ID)
    results.set_learner("Ada", "s-12")
    other = json.loads(results.path.read_text())
    other["learner"] = {"name": "Bob", "id": "s-99"}
    results.path.write_text(json.dumps(other))
    with pytest.raises(LearnerMismatch):
        results.record("01-a", "q-one", "b")
    assert json.loads(results.path.read_text())["learner"]["id"] == "s-99"


@pytest.mark.parametrize("a, b, same", [
    ({"name": "", "id": ""}, {"name": "Ada", "id": "1"}, True),
    ({"name": "Ada", "id": "1"}, {"name": "Bob", "id": "1"}, True),     # the id decides
    ({"name": "Ada", "id": "1"}, {"name": "Ada", "id": "2"}, False),
    ({"name": "Ada", "id": ""}, {"name": "Bob", "id": "2"}, False),
    ({"name": " Ada  L ", "id": ""}, {"name": "ada l", "id": "2"}, True),
])
def test_same_learner(a, b, same):
    assert same_learner(a, b) is same


def test_set_learner_and_save_results_use_the_notebooks_course(in_tmp, monkeypatch):
    bundle_path = in_tmp / "course.json"
    bundle_path.write_text(json.dumps(sample_bundle()))
    monkeypatch.setenv("PATIENTCOURSE_BUNDLE", str(bundle_path))
    path = progress.set_learner("Ada", "s-12")
    assert path == (in_tmp / "patientcourse-results" / f"{COURSE_ID}.json").resolve()
    handed_in = progress.save_results()
    assert handed_in == path and Path(handed_in).is_file()
    assert json.loads(Path(handed_in).read_text())["learner"] == {"name": "Ada", "id": "s-12"}
    assert os.listdir(path.parent) == [path.name]
