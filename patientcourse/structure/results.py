"""The results file a learner hands in (schema ``patientcourse.results``, version 1).

The book ("Download my results") and the notebook (``patientcourse.live.progress``) both
write this shape; ``grade`` reads it. The shape is documented for people in
docs/architecture.md ("Results file") and docs/instructors.md; this model is the contract.

Only ``answer`` is ever used to score. Anything else a writer adds (a score it showed, a
"correct" flag) is ignored rather than rejected: the file is still gradable, and nothing in
it is trusted.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SCHEMA = "patientcourse.results"
VERSION = 1


def _utc_if_naive(value: dt.datetime) -> dt.datetime:
    # A time written without a zone is read as UTC, so every time compares with the due date.
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


Timestamp = Annotated[dt.datetime, AfterValidator(_utc_if_naive)]


class Loose(BaseModel):
    # Extra keys are ignored (see the module docstring); known keys are type-checked.
    model_config = ConfigDict(extra="ignore", frozen=True)


class AnswerRecord(Loose):
    # Any JSON value (the file was parsed as JSON); the question's score() checks its form.
    answer: Any = Field(description="Encoding per question type: see patientcourse/structure/quiz.py.")
    answered_at: Timestamp | None = None
    attempts: int = Field(default=1, ge=0)


class ChapterAnswers(Loose):
    answers: dict[str, AnswerRecord] = Field(default_factory=dict)


class Learner(Loose):
    # Typed in by the learner; the grader matches files of one learner on id, else on name.
    name: str = Field(default="", max_length=200)
    id: str = Field(default="", max_length=200)

    @property
    def key(self) -> str:
        """Who this is, for spotting two files from one learner (case and spacing ignored)."""
        return " ".join((self.id or self.name).split()).casefold()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id})" if self.name and self.id else (self.name or self.id)


class AssignmentRef(Loose):
    id: str
    title: str = ""
    due: str | None = None


class ResultsFile(Loose):
    schema_: Literal["patientcourse.results"] = Field(alias="schema")
    version: Literal[1]
    course: str = Field(min_length=1)
    assignment: AssignmentRef | None = None
    learner: Learner
    origin: Literal["book", "notebook"]
    saved_at: Timestamp
    chapters: dict[str, ChapterAnswers]


def results_json_schema() -> dict[str, Any]:
    """The JSON Schema of version 1, for writers in other languages (the book's JS)."""
    schema = ResultsFile.model_json_schema(by_alias=True)
    schema["$id"] = f"{SCHEMA}/v{VERSION}"
    return schema


def parse_due(text: str) -> dt.datetime:
    """``2026-12-01`` (the end of that day, UTC) or an ISO date-time such as
    ``2026-12-01T17:00:00+01:00`` (a time without a zone is UTC)."""
    try:
        day = dt.date.fromisoformat(text)
        return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.timezone.utc)
    except ValueError:
        pass
    try:
        return _utc_if_naive(dt.datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(f"due date {text!r} is not a date. Write it as 2026-12-01 (end of that day, "
                         "UTC) or 2026-12-01T17:00:00+01:00.") from None
