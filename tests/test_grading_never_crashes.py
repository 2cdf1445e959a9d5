"""Grading never crashes: whatever a results file holds, it is graded or skipped with its reason,
and the other files are still graded. Property-based (hypothesis) plus the named probes.

"Grade" here is the whole ``grade`` run: reading, scoring, grades and item CSVs, the item report,
the roster report, a gradebook and every learner's feedback page."""
from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from patientcourse.cli import app
from patientcourse.instructor.grade_run import GradeRequest, run_grading
from quiz_samples import CH1, sample_course
from test_instructor_sample import results_doc, right_answers, write_json

COURSE = sample_course()
QUESTIONS = [(c.id, q) for c in COURSE.chapters for q in c.quiz.questions]
# Python 3.11+ refuses to read an integer of more than 4300 digits: the file is not JSON to it.
# (3.10 reads it; then the answer scores 0, or the field is refused by the results model.)
LONG_INT = "not JSON" if hasattr(sys, "get_int_max_str_digits") else ""
PROPERTY = settings(database=None, deadline=None, derandomize=True, max_examples=120,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Any value json.loads can return (NaN and infinities included: Python reads them), with
# integers far beyond a float's range.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=10**300, max_value=10**400)
    | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=25)


def shaped_answer(question) -> st.SearchStrategy:
    """Answers near the right form for ``question``'s type, and anything at all."""
    kind = question.type
    if kind in ("single", "multiple"):
        ids = st.sampled_from(question.option_ids()) | st.text(max_size=3)
        shaped = ids if kind == "single" else st.lists(ids | json_values, max_size=6)
    elif kind == "truefalse":
        shaped = st.booleans() | st.sampled_from(["true", "false", 0, 1])
    elif kind == "numeric":
        shaped = st.integers() | st.floats() | st.integers(min_value=10**300, max_value=10**401)
    elif kind == "matching":
        keys = st.sampled_from(question.item_ids()) | st.text(max_size=8)
        values = st.sampled_from(question.match_ids()) | json_values
        shaped = st.dictionaries(keys, values, max_size=5)
    else:
        steps = st.sampled_from(question.step_ids()) | json_values
        shaped = st.lists(steps, max_size=7) | st.permutations(question.step_ids())
    return shaped | json_values


def record(question) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {"answer": shaped_answer(question), "attempts": st.integers(min_value=0, max_value=1_000_000)},
        optional={"first_answer": shaped_answer(question),
                  "answered_at": st.sampled_from(["2026-11-24T10:00:00Z", "2026-12-02T00:00:00+05:00", None])})


def learner_document() -> st.SearchStrategy:
    """A well-formed results file for the sample course whose answers are anything."""
    answers = st.fixed_dictionaries({}, optional={
        (chapter_id, question.id): record(question) for chapter_id, question in QUESTIONS})

    def build(parts):
        name, chosen = parts
        doc = results_doc({}, name=name)
        for (chapter_id, question_id), entry in chosen.items():
            doc["chapters"].setdefault(chapter_id, {"answers": {}})["answers"][question_id] = entry
        return doc
    names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())
    return st.tuples(names, answers).map(build)


def grade_all(documents: list, raw: list[bytes] = ()) -> tuple:
    """Write the files, run the whole grade run with a roster, gradebook and feedback pages."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        handins = root / "handins"
        handins.mkdir()
        for n, document in enumerate(documents):
            (handins / f"doc-{n}.json").write_text(json.dumps(document), encoding="utf-8")
        for n, data in enumerate(raw):
            (handins / f"raw-{n}.json").write_bytes(data)
        roster = root / "roster.csv"
        roster.write_text("name,id,email\nAda,,ada@example.org\n", encoding="utf-8")
        run = run_grading(COURSE, GradeRequest(
            [handins], root / "out", roster=roster, gradebook="canvas", feedback=root / "feedback",
            book_url="https://example.org/book", due="2026-12-01"))
        skipped = list(csv.DictReader(io.StringIO((root / "out" / "skipped.csv").read_text(encoding="utf-8"))))
        pages = sorted(p.name for p in (root / "feedback").glob("*.html"))
        return run, skipped, pages


@PROPERTY
@given(st.lists(json_values, max_size=3))
def test_any_json_at_all_is_graded_or_skipped_and_never_raises(values):
    good = results_doc(right_answers(COURSE), name="Good")
    run, skipped, _ = grade_all([good, *values])
    # Only the good file is a results file; every other one is skipped with a reason.
    assert [g.learner for g in run.book.grades] == ["Good"]
    assert len(skipped) == len(values) and all(row["reason"] for row in skipped)


@PROPERTY
@given(st.lists(learner_document(), min_size=1, max_size=3))
def test_random_answers_of_every_type_are_graded_with_every_report(documents):
    run, skipped, pages = grade_all(documents)
    graded = len(run.book.grades)
    assert graded + sum("duplicate" in row["reason"] for row in skipped) == len(documents)
    assert len(pages) == graded
    for grade in run.book.grades:
        assert all(0.0 <= points <= 6 for points in grade.points.values())


@PROPERTY
@given(st.data())
def test_a_valid_file_with_any_field_replaced_by_any_json_never_raises(data):
    document = results_doc(right_answers(COURSE), name="Ada")
    # Replace one value somewhere in the document (root, learner, a record, an answer...).
    paths = [()]
    stack = [((), document)]
    while stack:
        where, value = stack.pop()
        children = value.items() if isinstance(value, dict) else []
        for key, child in children:
            paths.append(where + (key,))
            stack.append((where + (key,), child))
    target = data.draw(st.sampled_from(paths[1:]))
    node = document
    for key in target[:-1]:
        node = node[key]
    node[target[-1]] = data.draw(json_values)
    run, skipped, _ = grade_all([document])
    assert len(run.book.grades) + len(skipped) == 1


@pytest.mark.parametrize("chapter_id, question", QUESTIONS, ids=[q.id for _, q in QUESTIONS])
def test_question_score_never_raises_and_stays_between_0_and_1(chapter_id, question):
    @PROPERTY
    @given(shaped_answer(question))
    def check(answer):
        scored = question.score(answer)
        assert 0.0 <= scored.score <= 1.0 and isinstance(scored.feedback, list)
    check()


def test_question_score_of_the_real_course_never_raises(course):
    """Every question of the real course (52) against random JSON."""
    questions = [q for c in course.chapters for q in c.quiz.questions]

    @settings(database=None, deadline=None, derandomize=True, max_examples=300)
    @given(st.sampled_from(questions), json_values)
    def check(question, answer):
        assert 0.0 <= question.score(answer).score <= 1.0
    check()


# -- the named probes, through the command line --------------------------------------------------

def probe_files(folder: Path) -> dict[str, str]:
    """Each probe file, and what grading must do with it ("graded" or a reason to find)."""
    q = {q.id: q for _, q in QUESTIONS}
    rolling = q["fa-rolling"]
    probes = {
        "ordering-1-x.json": (results_doc({CH1: {"fa-thoracic-steps": [1, "x"]}}, name="Ordering probe"), "graded"),
        "matching-lists.json": (results_doc({CH1: {"fa-rolling": {i: [m] for i, m in zip(
            rolling.item_ids(), rolling.match_ids())}}}, name="Matching probe"), "graded"),
    }
    for name, (document, _) in probes.items():
        write_json(folder / name, document)
    numeric = json.dumps(results_doc({CH1: {"fa-hold": 0}}, name="Numeric probe"))
    (folder / "numeric-401-digits.json").write_text(numeric.replace('"answer": 0', '"answer": ' + "9" * 401))
    expected = {name: outcome for name, (_, outcome) in probes.items()}
    expected["numeric-401-digits.json"] = "graded"
    for field in ("answer", "attempts"):  # any 5000-digit integer, wherever it is
        name = f"int-5000-digits-in-{field}.json"
        (folder / name).write_text(numeric.replace(f'"{field}": ' + ("0" if field == "answer" else "1"),
                                                   f'"{field}": ' + "7" * 5000))
        expected[name] = LONG_INT
    (folder / "version-5000-digits.json").write_text(numeric.replace('"version": 1', '"version": ' + "1" * 5000))
    expected["version-5000-digits.json"] = LONG_INT
    (folder / "nested-200000.json").write_text("[" * 200_000)
    expected["nested-200000.json"] = "nested too deeply"
    (folder / "notes.txt").write_text("my answers: b, c, true")
    expected["notes.txt"] = "not a .json file"
    (folder / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    expected["photo.JPG"] = "not a .json file"
    write_json(folder / "good.json", results_doc(right_answers(COURSE), name="Good"))
    expected["good.json"] = "graded"
    return expected


def test_every_probe_is_graded_or_skipped_and_the_class_is_still_graded(tmp_path, monkeypatch):
    import patientcourse.commands.grade as grade_command

    monkeypatch.setattr(grade_command, "load_or_exit", lambda _: COURSE)
    handins = tmp_path / "handins"
    handins.mkdir()
    expected = probe_files(handins)
    result = CliRunner().invoke(app, ["grade", str(handins), "--out", str(tmp_path / "out"),
                                      "--feedback", str(tmp_path / "feedback")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    if not LONG_INT:
        expected = {k: v for k, v in expected.items() if "5000" not in k}
    graded = {Path(row["file"]).name for row in csv.DictReader(open(tmp_path / "out" / "grades.csv", encoding="utf-8"))}
    skipped = {Path(row["file"]).name: row["reason"]
               for row in csv.DictReader(open(tmp_path / "out" / "skipped.csv", encoding="utf-8"))}
    assert graded == {name for name, outcome in expected.items() if outcome == "graded"}
    for name, outcome in expected.items():
        if outcome != "graded":
            assert outcome in skipped[name], (name, skipped.get(name))
    assert len(list((tmp_path / "feedback").glob("*.html"))) == len(graded)
    # The odd answers score 0 and read as what they are.
    answers = {row["learner"]: row for row in csv.DictReader(open(tmp_path / "out" / "answers.csv", encoding="utf-8"))}
    assert answers["Ordering probe"]["fa-thoracic-steps"] == "(an answer in a form this question does not accept)"
    assert answers["Matching probe"]["fa-rolling"] == "(an answer in a form this question does not accept)"
    assert answers["Numeric probe"]["fa-hold"] == "(an answer in a form this question does not accept)"
