"""The question bank: one model per question type, and how an answer is scored.

An answer is stored as plain JSON so the book, the notebook and the grader agree on it:

=========== ==============================================  =============================
type        answer                                          example
=========== ==============================================  =============================
single      an option id                                    ``"b"``
multiple    a list of option ids                            ``["a", "c"]``
truefalse   a boolean                                       ``false``
matching    for each item id, the id of the match chosen    ``{"i3f2a1c": "m90b1d2", ...}``
ordering    the step ids in the order chosen                ``["s1c9e20", "s77ab01", ...]``
numeric     a number                                        ``20``
=========== ==============================================  =============================

Option ids are letters (a, b, c…) by position. Item, match and step ids are short hashes
of their text (``stable_id``), so they reveal nothing about the right order or pairing:
an assessment pack can show them without giving the answer away.
"""
from __future__ import annotations

import hashlib
import math
from string import ascii_lowercase
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .unique import require_unique

QID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scored(BaseModel):
    """The result of checking one answer."""
    score: float  # 0..1
    feedback: list[str]

    @property
    def correct(self) -> bool:
        return self.score >= 1.0 - 1e-9


class Option(Strict):
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = Field(min_length=1)

    @field_validator("text", "feedback")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank. Write the text, or remove the option.")
        return value


class Pair(Strict):
    item: str = Field(min_length=1)
    match: str = Field(min_length=1)
    feedback: str = Field(min_length=1)


def stable_id(prefix: str, question_id: str, text: str) -> str:
    """An id that is stable for the same text and says nothing about position or pairing."""
    return prefix + hashlib.sha256(f"{question_id}\x00{prefix}\x00{text}".encode()).hexdigest()[:7]


class Step(Strict):
    text: str = Field(min_length=1)
    feedback: str = Field(min_length=1)


class Base(Strict):
    id: str = Field(pattern=QID)
    prompt: str = Field(min_length=1)
    objective: str
    section: str
    explanation: str = Field(min_length=1)

    def invalid(self, answer: Any) -> Scored:
        return Scored(score=0.0, feedback=["No answer was given in a form this question accepts."])


class ChoiceQuestion(Base):
    options: list[Option] = Field(min_length=2)

    def option_ids(self) -> list[str]:
        return list(ascii_lowercase[: len(self.options)])

    def correct_ids(self) -> list[str]:
        return [i for i, o in zip(self.option_ids(), self.options) if o.correct]

    def option(self, option_id: str) -> Option | None:
        ids = self.option_ids()
        return self.options[ids.index(option_id)] if option_id in ids else None

    @field_validator("options")
    @classmethod
    def _few_enough(cls, value: list[Option]) -> list[Option]:
        if len(value) > len(ascii_lowercase):
            raise ValueError("too many options; keep it to a handful.")
        return value


class Single(ChoiceQuestion):
    type: Literal["single"]

    @model_validator(mode="after")
    def _one_correct(self) -> "Single":
        n = sum(o.correct for o in self.options)
        if n != 1:
            raise ValueError(f"options: a single-choice question needs exactly one option with "
                             f"'correct: true'; this one has {n}. Mark one, or use type: multiple.")
        return self

    def score(self, answer: Any) -> Scored:
        option = self.option(answer) if isinstance(answer, str) else None
        if option is None:
            return self.invalid(answer)
        return Scored(score=1.0 if option.correct else 0.0, feedback=[option.feedback])


class Multiple(ChoiceQuestion):
    type: Literal["multiple"]

    @model_validator(mode="after")
    def _some_correct(self) -> "Multiple":
        if not any(o.correct for o in self.options):
            raise ValueError("options: a multiple-select question needs at least one option "
                             "with 'correct: true'.")
        return self

    def score(self, answer: Any) -> Scored:
        if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            return self.invalid(answer)
        chosen = [a for a in self.option_ids() if a in set(answer)]
        if len(chosen) != len(set(answer)):
            return self.invalid(answer)
        right = set(self.correct_ids())
        hits = len(right & set(chosen))
        wrong_picks = len(set(chosen) - right)
        # Partial credit: each right pick earns a share, each wrong pick takes one back.
        score = max(0.0, (hits - wrong_picks) / len(right))
        return Scored(score=score, feedback=[self.option(a).feedback for a in chosen])


class TrueFalse(Base):
    type: Literal["truefalse"]
    answer: bool
    if_true: str = Field(min_length=1, description="Feedback for a reader who answers True.")
    if_false: str = Field(min_length=1, description="Feedback for a reader who answers False.")

    def score(self, answer: Any) -> Scored:
        if not isinstance(answer, bool):
            return self.invalid(answer)
        return Scored(score=1.0 if answer == self.answer else 0.0,
                      feedback=[self.if_true if answer else self.if_false])


class Matching(Base):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)

    def item_ids(self) -> list[str]:
        return [stable_id("i", self.id, p.item) for p in self.pairs]

    def match_ids(self) -> list[str]:
        """Match ids in pair order: ``match_ids()[k]`` is the right match for ``item_ids()[k]``."""
        return [stable_id("m", self.id, p.match) for p in self.pairs]

    @model_validator(mode="after")
    def _distinct(self) -> "Matching":
        for field in ("item", "match"):
            values = [getattr(p, field) for p in self.pairs]
            if len(set(values)) != len(values):
                raise ValueError(f"pairs: two pairs have the same {field}; each must differ.")
        return self

    def score(self, answer: Any) -> Scored:
        items, matches = self.item_ids(), self.match_ids()
        if (not isinstance(answer, dict) or set(answer) != set(items)
                or not set(answer.values()) <= set(matches)):
            return self.invalid(answer)
        wrong = [p.feedback for i, m, p in zip(items, matches, self.pairs) if answer[i] != m]
        score = (len(items) - len(wrong)) / len(items)
        return Scored(score=score, feedback=wrong or ["All matches are right."])


class Ordering(Base):
    type: Literal["ordering"]
    steps: list[Step] = Field(min_length=2, description="In the right order.")

    def step_ids(self) -> list[str]:
        """Step ids in the right order."""
        return [stable_id("s", self.id, s.text) for s in self.steps]

    def shown_order(self) -> list[str]:
        """A fixed shuffle (never the right order) so every reader starts from the same place."""
        ids = self.step_ids()
        shuffled = sorted(ids)
        return shuffled if shuffled != ids else shuffled[1:] + shuffled[:1]

    def score(self, answer: Any) -> Scored:
        ids = self.step_ids()
        if not isinstance(answer, list) or sorted(answer) != sorted(ids):
            return self.invalid(answer)
        in_place = [a for a, b in zip(answer, ids) if a == b]
        feedback = [s.feedback for sid, s, given in zip(ids, self.steps, answer) if given != sid]
        return Scored(score=len(in_place) / len(ids), feedback=feedback or ["The order is right."])


class Numeric(Base):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(ge=0, description="Accepted distance from the answer; 0 means exact.")
    unit: str = Field(min_length=1)
    if_correct: str = Field(min_length=1)
    if_wrong: str = Field(min_length=1)

    def score(self, answer: Any) -> Scored:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
            return self.invalid(answer)
        # A hair of slack so 19.9 with tolerance 0.1 around 20 is not lost to float rounding.
        ok = abs(answer - self.answer) <= self.tolerance + 1e-9
        return Scored(score=1.0 if ok else 0.0, feedback=[self.if_correct if ok else self.if_wrong])


Question = Annotated[Union[Single, Multiple, TrueFalse, Matching, Ordering, Numeric],
                     Field(discriminator="type")]


class Quiz(Strict):
    title: str = "Check your understanding"
    questions: list[Question] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, value: list) -> list:
        require_unique(((q.id, (i, "id")) for i, q in enumerate(value)), what="question id",
                       fix="Give each question its own id.")
        return value

    def question(self, question_id: str):
        return next((q for q in self.questions if q.id == question_id), None)
