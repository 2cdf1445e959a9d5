"""The results file a learner hands in (schema ``patientcourse.results``, version 1): the one
model of it, used by the notebook (``store.py``) and the grader, and matched by what the
book's "Download my results" writes.

It is plain Python (the runtime runs in Pyodide and in a learner's small venv), and it is
made to read files nobody should trust: ``parse_results`` accepts any value ``json.loads``
can return and either gives a ``Results`` or raises ``ResultsInvalid`` naming the field and
what is wrong. Only ``answer`` is ever scored; keys it does not know (a score, a "correct"
flag) are ignored, never trusted.

Shape (docs/architecture.md, "Results file")::

    {"schema": "patientcourse.results", "version": 1, "course": "fascia-massage",
     "assignment": null | {"id": "...", "title": "...", "due": "2026-12-01" | null},
     "learner": {"name": "...", "id": "..."}, "origin": "book" | "notebook",
     "saved_at": "2026-11-24T10:00:00Z",
     "chapters": {"01-x": {"answers": {"q-id": {"answer": <JSON>, "answered_at": "...",
                                                "attempts": 2, "first_answer": <JSON>,
                                                "first_answered_at": "..."}}}}}

``answer`` is the last answer given; ``first_answer`` (and its time) the first, kept so a
first-try score can be told apart from the score after "Try again". Files written before
``first_answer`` existed still read: with one attempt, the first answer is the answer;
with more, the first answer is unknown (``first_known`` is False).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "patientcourse.results"
VERSION = 1
ORIGINS = ("book", "notebook")
MAX_NAME = 200  # a learner's name or id; longer is not a name


class ResultsInvalid(ValueError):
    """Why a value is not a results file: ``where`` is the field (``learner.name``)."""

    def __init__(self, where: str, message: str):
        self.where, self.message = where, message
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class AnswerRecord:
    answer: Any
    answered_at: dt.datetime | None
    attempts: int
    first_answer: Any = None
    first_answered_at: dt.datetime | None = None
    first_known: bool = True


@dataclass(frozen=True)
class Learner:
    name: str = ""
    id: str = ""

    @property
    def key(self) -> str:
        """Who this is, for spotting two files from one learner (case and spacing ignored)."""
        return normalise(self.id or self.name)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})" if self.name and self.id else (self.name or self.id)


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str = ""
    due: str | None = None


@dataclass(frozen=True)
class Results:
    course: str
    learner: Learner
    origin: str
    saved_at: dt.datetime
    assignment: Assignment | None = None
    chapters: dict[str, dict[str, AnswerRecord]] = field(default_factory=dict)


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_time(text: Any, where: str) -> dt.datetime:
    """An ISO 8601 date-time; one written without a zone is read as UTC, so every time
    compares with a due date."""
    if not isinstance(text, str):
        raise ResultsInvalid(where, f"must be a date and time as text, not {_kind(text)}")
    try:  # Python 3.10 does not read a trailing "Z"
        moment = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        raise ResultsInvalid(where, f"{_short(text)!r} is not a date and time such as "
                                    "2026-11-24T10:00:00Z") from None
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def parse_results(data: Any) -> Results:
    """A results file's parsed JSON → ``Results``, or ``ResultsInvalid`` saying what is wrong."""
    if not isinstance(data, dict):
        raise ResultsInvalid("", f"not a results file: it holds {_kind(data)}, not an object {{...}}")
    root = data
    if root.get("schema") != SCHEMA:
        raise ResultsInvalid("schema", f"not a results file (expected {SCHEMA!r}, found "
                                       f"{_short(root.get('schema'))!r})")
    if root.get("version") != VERSION or isinstance(root.get("version"), bool):
        raise ResultsInvalid("version", f"this is version {_short(root.get('version'))!r}; this "
                                        f"runtime reads version {VERSION}")
    course = _text(root.get("course"), "course", required=True)
    origin = root.get("origin")
    if origin not in ORIGINS:
        raise ResultsInvalid("origin", f"must be one of {', '.join(ORIGINS)}, not {_short(origin)!r}")
    return Results(course=course, learner=_learner(root.get("learner")), origin=origin,
                   saved_at=parse_time(root.get("saved_at"), "saved_at"),
                   assignment=_assignment(root.get("assignment")),
                   chapters=_chapters(root.get("chapters")))


def _learner(value: Any) -> Learner:
    learner = _object(value, "learner")
    return Learner(name=_text(learner.get("name", ""), "learner.name", limit=MAX_NAME),
                   id=_text(learner.get("id", ""), "learner.id", limit=MAX_NAME))


def _assignment(value: Any) -> Assignment | None:
    if value is None:
        return None
    assignment = _object(value, "assignment")
    due = assignment.get("due")
    return Assignment(id=_text(assignment.get("id"), "assignment.id", required=True),
                      title=_text(assignment.get("title", ""), "assignment.title"),
                      due=None if due is None else _text(due, "assignment.due"))


def _chapters(value: Any) -> dict[str, dict[str, AnswerRecord]]:
    chapters = {}
    for chapter_id, chapter in _object(value, "chapters").items():
        where = f"chapters.{_short(chapter_id)}.answers"
        answers = _object(_object(chapter, f"chapters.{_short(chapter_id)}").get("answers", {}), where)
        chapters[chapter_id] = {qid: _record(entry, f"{where}.{_short(qid)}") for qid, entry in answers.items()}
    return chapters


def _record(value: Any, where: str) -> AnswerRecord:
    entry = _object(value, where)
    if "answer" not in entry:
        raise ResultsInvalid(f"{where}.answer", "is missing")
    attempts = entry.get("attempts", 1)
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 0 <= attempts <= 1_000_000:
        raise ResultsInvalid(f"{where}.attempts", f"must be a whole number of tries, not {_short(attempts)!r}")
    answered_at = _optional_time(entry.get("answered_at"), f"{where}.answered_at")
    if "first_answer" in entry:
        first, first_at, known = entry["first_answer"], entry.get("first_answered_at"), True
        first_at = _optional_time(first_at, f"{where}.first_answered_at")
    else:  # an older file: the first answer is known only when there was one try
        known = attempts <= 1
        first, first_at = (entry["answer"], answered_at) if known else (None, None)
    return AnswerRecord(answer=entry["answer"], attempts=attempts, answered_at=answered_at,
                        first_answer=first, first_answered_at=first_at, first_known=known)


def _optional_time(value: Any, where: str) -> dt.datetime | None:
    return None if value is None else parse_time(value, where)


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ResultsInvalid(where, f"must be an object {{...}}, not {_kind(value)}")
    return value


def _text(value: Any, where: str, *, required: bool = False, limit: int | None = None) -> str:
    if not isinstance(value, str):
        raise ResultsInvalid(where, f"must be text, not {_kind(value)}")
    if required and not value.strip():
        raise ResultsInvalid(where, "must not be empty")
    if limit is not None and len(value) > limit:
        raise ResultsInvalid(where, f"is {len(value)} characters long; at most {limit} are allowed")
    return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _short(value: Any, limit: int = 60) -> Any:
    """A value safe to quote in a message: long text is cut, huge numbers are not printed
    (turning a 5000-digit integer into text raises in Python 3.11+)."""
    if isinstance(value, str):
        return value if len(value) <= limit else value[:limit] + "…"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 18:
        return "a very large number"
    if isinstance(value, (dict, list)):
        return _kind(value)
    return value


def parse_due(text: str) -> dt.datetime:
    """An assignment's due date: ``2026-12-01`` (the end of that day, UTC) or an ISO
    date-time such as ``2026-12-01T17:00:00+01:00`` (a time without a zone is UTC)."""
    try:
        day = dt.date.fromisoformat(text)
        return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.timezone.utc)
    except ValueError:
        pass
    try:
        return parse_time(text, "due")
    except ResultsInvalid:
        raise ValueError(f"due date {text!r} is not a date. Write it as 2026-12-01 (end of that day, "
                         "UTC) or 2026-12-01T17:00:00+01:00.") from None


def describe_due(text: str) -> str:
    """A due date in words that name its time zone: "December 1, 2026, at the end of the day
    (UTC)" or "December 1, 2026, at 17:00 (UTC+01:00)". Learners meet it in the pack's README
    and in every quiz, and must not have to guess whose midnight it is."""
    moment = parse_due(text)
    day = f"{moment:%B} {moment.day}, {moment.year}"
    if len(text) == len("2026-12-01"):
        return f"{day}, at the end of the day (UTC, Coordinated Universal Time)"
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "-0000") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{day}, at {moment:%H:%M} ({zone})"
