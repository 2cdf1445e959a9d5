"""The notebook's results file: where it is and what it is called, its shape, atomic and
locked writes, damaged or unreadable files, and never writing or showing another learner's
answers."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from patientcourse_runtime import store as progress
from patientcourse_runtime.store import AnonymousResults, ResultsFile, results_path, same_learner
from quiz_samples import COURSE_ID, sample_bundle

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(progress.RESULTS_DIR_ENV, raising=False)
    return tmp_path


def results_files(folder: Path) -> list[str]:
    """What an instructor would collect from the folder: its .json files."""
    return sorted(p.name for p in folder.glob("*.json"))


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_default_location_is_next_to_the_notebook(in_tmp):
    assert results_path(COURSE_ID) == in_tmp / "patientcourse-results" / f"{COURSE_ID}.json"
    assert results_path(COURSE_ID, "week-2").name == f"{COURSE_ID}--week-2.json"


def test_environment_variable_moves_it(in_tmp, monkeypatch):
    monkeypatch.setenv("PATIENTCOURSE_RESULTS_DIR", str(in_tmp / "elsewhere"))
    assert results_path(COURSE_ID) == in_tmp / "elsewhere" / f"{COURSE_ID}.json"


def test_opening_a_notebook_writes_nothing(in_tmp):
    results = ResultsFile(COURSE_ID)
    assert results.answers("01-a") == {} and not (in_tmp / "patientcourse-results").exists()


def test_record_writes_the_documented_shape(in_tmp):
    results = ResultsFile(COURSE_ID, {"id": "week-2", "title": "Week 2", "due": "2026-12-01"})
    results.record("01-a", "q-one", ["a", "c"])
    results.record("01-a", "q-one", ["a"])
    data = read(results.path)
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
    monkeypatch.setattr("patientcourse_runtime.fileio.os.replace", crash)
    results.record("01-a", "q-two", "c")
    assert results.path.read_bytes() == before, "a failed write leaves the old file whole"
    assert any("No space left on device" in p for p in results.problems)
    assert results.answers("01-a")["q-two"]["answer"] == "c", "the answer is kept in memory"
    names = sorted(p.name for p in results.path.parent.iterdir())
    assert names == [f".{COURSE_ID}.lock", results.path.name, results.path.name + ".bak"]


def test_two_notebooks_open_at_once_keep_each_others_answers(in_tmp):
    chapter1, chapter2 = ResultsFile(COURSE_ID), ResultsFile(COURSE_ID)
    chapter1.record("01-a", "q-one", "b")
    chapter2.record("02-b", "q-two", True)
    chapter1.record("01-a", "q-three", 20)
    data = read(chapter1.path)
    assert {c: list(v["answers"]) for c, v in data["chapters"].items()} == {
        "01-a": ["q-one", "q-three"], "02-b": ["q-two"]}


WRITER = """
import sys
import time
from pathlib import Path
from patientcourse_runtime.store import ResultsFile
folder, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
(folder / f"ready-{who}").touch()
while not (folder / "go").exists():  # both processes start writing at the same moment
    time.sleep(0.001)
results = ResultsFile("sample-course", path=folder / "sample-course.json")
for n in range(count):
    results.record(f"chapter-{who}", f"q-{n}", n)
    results.record("shared", "q-both", who)
print(len(results.problems))
"""


def test_two_processes_recording_200_answers_each_lose_none(tmp_path):
    folder = tmp_path / "results"
    folder.mkdir()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(folder), who, "200"], stdout=subprocess.PIPE,
                                text=True) for who in ("one", "two")]
    while not all((folder / f"ready-{who}").exists() for who in ("one", "two")):
        assert all(w.poll() is None for w in writers), "a writer died before starting"
        time.sleep(0.01)
    (folder / "go").touch()
    outputs = [w.communicate(timeout=300)[0] for w in writers]
    assert [w.returncode for w in writers] == [0, 0] and [o.strip() for o in outputs] == ["0", "0"]
    data = read(folder / "sample-course.json")
    for who in ("one", "two"):
        answers = data["chapters"][f"chapter-{who}"]["answers"]
        assert sorted(answers) == sorted(f"q-{n}" for n in range(200))
        assert all(answers[f"q-{n}"]["answer"] == n for n in range(200))
    assert data["chapters"]["shared"]["answers"]["q-both"]["attempts"] == 400


@pytest.mark.parametrize("damage, why", [
    (lambda text: text[: len(text) // 2], "line "),  # the JSON error names where
    (lambda text: "", "Expecting value"),
    (lambda text: '{"schema": "something-else"}', "schema: not a results file"),
    (lambda text: text.replace('"answer": "b"', '"answr": "b"'), "answer: is missing"),
])
def test_a_damaged_file_is_restored_from_its_last_good_copy(in_tmp, damage, why):
    results = ResultsFile(COURSE_ID)
    results.record("01-a", "q-one", "a")
    results.record("01-a", "q-one", "b")
    results.record("02-b", "q-two", 20)
    good = read(results.path)
    results.path.write_text(damage(results.path.read_text(encoding="utf-8")), encoding="utf-8")
    again = ResultsFile(COURSE_ID)
    assert len(again.problems) == 1
    message = again.problems[0]
    assert str(results.path) in message and why in message and "restored from its last good copy" in message
    assert "no saved answer was lost" in message
    assert read(results.path)["chapters"] == good["chapters"], "nothing that was saved is lost"
    assert again.answers("01-a")["q-one"] == good["chapters"]["01-a"]["answers"]["q-one"]
    damaged = list(results.path.parent.glob(f"{results.path.name}.*.damaged"))
    assert len(damaged) == 1 and damaged[0].name in message
    assert results_files(results.path.parent) == [results.path.name], "nothing else looks like a hand-in"


def test_a_damaged_file_without_a_good_copy_is_kept_aside_and_a_new_one_started(in_tmp):
    path = results_path(COURSE_ID)
    path.parent.mkdir()
    path.write_text('{"schema": "patientcourse.results", "version": 1,', encoding="utf-8")
    results = ResultsFile(COURSE_ID)
    assert "had no good copy" in results.problems[0]
    damaged = list(path.parent.glob(f"{path.name}.*.damaged"))
    assert len(damaged) == 1 and damaged[0].read_text(encoding="utf-8").endswith('"version": 1,')
    assert re.fullmatch(rf"{re.escape(path.name)}\.\d{{8}}T\d{{12}}Z\.damaged", damaged[0].name)
    results.record("01-a", "q-one", "b")  # the quiz goes on with a fresh file
    assert read(path)["chapters"]["01-a"]["answers"]["q-one"]["answer"] == "b"


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


def test_the_file_name_carries_the_learner_once_given(in_tmp):
    results = ResultsFile(COURSE_ID, {"id": "week-2", "title": "Week 2", "due": None})
    results.record("01-a", "q-one", "a")
    results.record("01-a", "q-one", "b")
    anonymous = results.path
    change = results.set_learner("José  Núñez", "S/12")
    assert change.left is None
    assert results.path.name == f"{COURSE_ID}--week-2--josé-núñez-s-12.json"
    assert results_files(results.path.parent) == [results.path.name], "renamed, not copied"
    assert not anonymous.exists() and not Path(f"{anonymous}.bak").exists()
    data = read(results.path)
    assert data["learner"] == {"name": "José Núñez", "id": "S/12"}
    entry = data["chapters"]["01-a"]["answers"]["q-one"]
    assert (entry["first_answer"], entry["answer"], entry["attempts"]) == ("a", "b", 2)
    assert ResultsFile(COURSE_ID, {"id": "week-2"}).learner["name"] == "José Núñez", "found when opened again"


def test_a_learner_can_add_an_id_later_without_losing_their_name(in_tmp):
    results = ResultsFile(COURSE_ID)
    results.set_learner("Ada Lovelace")
    results.record("01-a", "q-one", "b")
    results.set_learner("", "s-12")
    results.set_learner("ada  lovelace", "s-12")  # same person, typed differently
    assert read(results.path)["learner"] == {"name": "ada lovelace", "id": "s-12"}
    assert results_files(results.path.parent) == [f"{COURSE_ID}--ada-lovelace-s-12.json"]
    assert read(results.path)["chapters"]["01-a"]["answers"]["q-one"]["answer"] == "b"


def test_another_learners_file_is_never_written_and_the_learner_gets_their_own(in_tmp):
    ada = ResultsFile(COURSE_ID)
    ada.set_learner("Ada", "s-12")
    ada.record("01-a", "q-one", "b")
    adas_file, before = ada.path, ada.path.read_bytes()
    bob = ResultsFile(COURSE_ID)  # the same computer, later: Ada's is the only file there
    bob.record("01-a", "q-two", "c")  # Bob answers before typing his name: Ada's file gets it
    before = adas_file.read_bytes()
    change = bob.set_learner("Bob", "s-99")
    assert change.left == adas_file
    assert adas_file.read_bytes() == before, "refused: no write to Ada's file"
    assert bob.path.name == f"{COURSE_ID}--bob-s-99.json"
    assert bob.answers("01-a") == {"q-two": read(bob.path)["chapters"]["01-a"]["answers"]["q-two"]}, \
        "Bob's own answer went with him; nothing of Ada's"
    bob.record("01-a", "q-three", 5)
    assert adas_file.read_bytes() == before, "later answers never go to Ada's file"
    assert read(bob.path)["learner"] == {"name": "Bob", "id": "s-99"}


def test_a_file_taken_over_by_another_learner_mid_session_is_not_written(in_tmp):
    results = ResultsFile(COURSE_ID)
    results.set_learner("Ada", "s-12")
    taken = read(results.path)
    taken["learner"] = {"name": "Bob", "id": "s-99"}
    results.path.write_text(json.dumps(taken), encoding="utf-8")
    bobs = results.path
    results.record("01-a", "q-one", "b")
    assert read(bobs) == taken
    assert results.path != bobs and read(results.path)["learner"]["id"] == "s-12"
    assert "now names another learner" in results.problems[-1] and results.path.name in results.problems[-1]
    assert bobs.name not in results.problems[-1], "the other learner's file name names them"


def test_with_several_learners_in_the_folder_none_is_shown_until_the_learner_says_who(in_tmp):
    ada = ResultsFile(COURSE_ID)
    ada.set_learner("Ada")
    ada.record("01-a", "q-one", "a")
    away = ada.path.rename(in_tmp / ada.path.name)  # Ada's file is elsewhere while Bob works
    bob = ResultsFile(COURSE_ID)
    bob.set_learner("Bob")
    bob.record("01-a", "q-one", "b")
    away.rename(bob.path.parent / away.name)
    opened = ResultsFile(COURSE_ID)
    assert opened.learner == {"name": "", "id": ""} and opened.answers("01-a") == {}
    assert "holds the results files of 2 learners" in opened.problems[0]
    opened.set_learner("Bob")
    assert opened.answers("01-a")["q-one"]["answer"] == "b"


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
    progress._OPEN.clear()
    path = progress.set_learner("Ada", "s-12")
    assert path == (in_tmp / "patientcourse-results" / f"{COURSE_ID}--ada-s-12.json").resolve()
    handed_in = progress.save_results()
    assert handed_in == path and Path(handed_in).is_file()
    assert read(Path(handed_in))["learner"] == {"name": "Ada", "id": "s-12"}
    assert results_files(path.parent) == [path.name]


def test_an_anonymous_file_is_not_saved_for_hand_in(in_tmp, monkeypatch):
    bundle_path = in_tmp / "course.json"
    bundle_path.write_text(json.dumps(sample_bundle()))
    monkeypatch.setenv("PATIENTCOURSE_BUNDLE", str(bundle_path))
    progress._OPEN.clear()
    progress.results_file().record("01-a", "q-one", "b")
    with pytest.raises(AnonymousResults) as refused:
        progress.save_results()
    assert "no name on them" in str(refused.value) and "set_learner(" in str(refused.value)
    # In a notebook the learner sees that sentence alone, not a traceback.
    assert refused.value._render_traceback_() == [str(refused.value)]
