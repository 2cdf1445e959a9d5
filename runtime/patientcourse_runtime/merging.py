"""Answer records of one question: one more attempt, or two files' records joined.

A record keeps the last answer and the first (``results.py``), so whatever happens to a
results file (a retry, a rename that joins two files, answers given in another notebook) the
first try, the last answer and the number of attempts all survive.
"""
from __future__ import annotations


def new_entry(previous: dict | None, answer, now: str) -> dict:
    """One more attempt at a question: the last answer replaces the answer, the first stays."""
    previous = previous or {}
    return {"answer": answer, "answered_at": now, "attempts": int(previous.get("attempts", 0)) + 1,
            "first_answer": previous.get("first_answer", previous.get("answer")) if previous else answer,
            "first_answered_at": previous.get("first_answered_at", previous.get("answered_at")) if previous else now}


def merge_entries(a: dict, b: dict) -> dict:
    """Two records of one question from two files: the earlier first try, the later last
    answer, and the attempts of both."""
    def first_time(e: dict) -> str:
        return e.get("first_answered_at") or e.get("answered_at") or ""
    first = min((a, b), key=first_time)
    last = max((a, b), key=lambda e: e.get("answered_at") or "")
    return {"answer": last["answer"], "answered_at": last.get("answered_at"),
            "attempts": int(a.get("attempts", 1)) + int(b.get("attempts", 1)),
            "first_answer": first.get("first_answer", first["answer"]), "first_answered_at": first_time(first) or None}


def merge_answers(into: dict, extra: dict) -> None:
    """Add the answers of the results dict ``extra`` to ``into`` (both: parsed results files)."""
    for chapter_id, chapter in extra.get("chapters", {}).items():
        answers = into["chapters"].setdefault(chapter_id, {"answers": {}}).setdefault("answers", {})
        for question_id, entry in chapter.get("answers", {}).items():
            answers[question_id] = merge_entries(answers[question_id], entry) if question_id in answers else entry
