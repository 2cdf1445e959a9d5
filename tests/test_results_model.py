"""The one results-file model (patientcourse_runtime/results.py): what it accepts, what it
refuses (with the field named), and how it reads files from before first answers were kept."""
from __future__ import annotations

import datetime as dt

import pytest

from patientcourse_runtime.results import ResultsInvalid, parse_results

GOOD = {"schema": "patientcourse.results", "version": 1, "course": "c", "assignment": None,
        "learner": {"name": "Ada", "id": "s-1"}, "origin": "book", "saved_at": "2026-11-24T10:00:00Z",
        "chapters": {"01-a": {"answers": {"q": {"answer": "b", "answered_at": "2026-11-24T09:58:00Z",
                                                 "attempts": 2, "first_answer": "a",
                                                 "first_answered_at": "2026-11-24T09:57:00Z"}}}}}


def with_answer(entry: dict) -> dict:
    return {**GOOD, "chapters": {"01-a": {"answers": {"q": entry}}}}


def test_a_good_file_reads_with_its_first_and_last_answer():
    record = parse_results(GOOD).chapters["01-a"]["q"]
    assert (record.answer, record.first_answer, record.attempts, record.first_known) == ("b", "a", 2, True)
    assert record.first_answered_at == dt.datetime(2026, 11, 24, 9, 57, tzinfo=dt.timezone.utc)


def test_an_older_file_knows_its_first_answer_only_after_one_try():
    one = parse_results(with_answer({"answer": "b", "attempts": 1})).chapters["01-a"]["q"]
    assert (one.first_answer, one.first_known) == ("b", True)
    two = parse_results(with_answer({"answer": "b", "attempts": 2})).chapters["01-a"]["q"]
    assert (two.first_answer, two.first_known) == (None, False)


def test_a_time_without_a_zone_is_utc():
    results = parse_results({**GOOD, "saved_at": "2026-11-24T10:00:00"})
    assert results.saved_at.tzinfo == dt.timezone.utc


@pytest.mark.parametrize("change, where", [
    ({"schema": "x"}, "schema"),
    ({"version": 2}, "version"),
    ({"version": True}, "version"),
    ({"course": ""}, "course"),
    ({"origin": "email"}, "origin"),
    ({"saved_at": "yesterday"}, "saved_at"),
    ({"learner": {"name": 5}}, "learner.name"),
    ({"learner": {"name": "x" * 201}}, "learner.name"),
    ({"assignment": {"title": "no id"}}, "assignment.id"),
    ({"chapters": []}, "chapters"),
    ({"chapters": {"01-a": {"answers": {"q": {"attempts": 1}}}}}, "chapters.01-a.answers.q.answer"),
    ({"chapters": {"01-a": {"answers": {"q": {"answer": 1, "attempts": -1}}}}}, "chapters.01-a.answers.q.attempts"),
    ({"chapters": {"01-a": {"answers": {"q": {"answer": 1, "attempts": 10 ** 5000}}}}},
     "chapters.01-a.answers.q.attempts"),
])
def test_what_is_wrong_is_named_by_its_field(change, where):
    with pytest.raises(ResultsInvalid) as err:
        parse_results({**GOOD, **change})
    assert err.value.where == where
    assert len(str(err.value)) < 300  # a huge value is never printed whole


@pytest.mark.parametrize("data", [None, [], "text", 5, True])
def test_what_is_not_an_object_is_not_a_results_file(data):
    with pytest.raises(ResultsInvalid, match="not a results file"):
        parse_results(data)
