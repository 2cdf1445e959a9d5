"""The question bank: one model per question type, and how an answer is scored.

An answer is stored as plain JSON; the encodings per type, and how an answer is scored,
are in ``patientcourse_runtime/scoring.py``: the one scoring implementation, shared with the
live notebook quiz and the grader. ``Question.runtime()`` is a question as the runtime
bundle carries it (with the ids answers are recorded in), and ``Question.score`` scores
against exactly that.

Option ids are letters (a, b, c…) by position. Item, match and step ids are short hashes
of their text (``stable_id``), so they reveal nothing about the right order or pairing:
an assessment pack can show them without giving the answer away.
"""
from __future__ import annotations

import hashlib
import random
import re
from functools import cached_property
from string import ascii_lowercase
from typing import Annotated, Any, Literal, Union

from patientcourse_runtime.quiz.shown import displayed_letters
from patientcourse_runtime.scoring import Scored, score
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .unique import require_unique

QID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


def display_order(course_id: str, question: "ChoiceQuestion") -> list[str]:
    """Option ids in the order every face shows them (book, notebook, packs, handouts, LMS
    exports), so "option b" means the same thing to everyone: a fixed shuffle seeded by the
    course and question ids, or the written order when the author set ``shuffle: false``.
    ``shuffle: 2`` (3, 4…) picks another fixed shuffle, for an author who wants the right
    answers of a chapter spread over more letters without rewording anything.
    Answers keep recording option ids, so results files and grading do not depend on it."""
    ids = question.option_ids()
    if question.shuffle is False:
        return ids
    order = list(ids)
    variant = "" if question.shuffle is True else f"\x00{question.shuffle}"
    random.Random(hashlib.sha256(f"{course_id}\x00{question.id}{variant}".encode()).digest()).shuffle(order)
    return order


def displayed_letter(course_id: str, question: "ChoiceQuestion", option_id: str) -> str:
    """The letter an option is shown with ("b" for the second option shown), for exports and
    guides that must name options as learners see them. The option's id (what answers record)
    is its written position, which ``display_order`` hides."""
    return displayed_letters(display_order(course_id, question))[option_id]


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
    hint: str | None = Field(default=None, min_length=1, description=(
        "Shown after a wrong answer, before the right one is: a nudge that does not give it away."))
    reveal_after: int = Field(default=2, ge=1, le=10, description=(
        "After this many wrong tries the right answer and the explanation are shown."))

    def runtime(self) -> dict:
        """The question as the runtime bundle carries it: its fields plus the ids answers are
        recorded in. Subclasses add their ids."""
        return self.model_dump(mode="json")

    @cached_property
    def scoring_key(self) -> dict:
        # Computed once: the grader scores every question of every file it reads.
        return self.runtime()

    def score(self, answer: Any) -> Scored:
        """Score a recorded answer (any JSON value; never raises)."""
        return score(self.scoring_key, answer)


class ChoiceQuestion(Base):
    options: list[Option] = Field(min_length=2)
    shuffle: Union[bool, Annotated[int, Field(ge=2, le=99)]] = Field(default=True, description=(
        "Show the options in a fixed shuffled order (false keeps the written order, e.g. for "
        "'All of the above'; a number from 2 picks another fixed shuffle)."))

    def option_ids(self) -> list[str]:
        return list(ascii_lowercase[: len(self.options)])

    def correct_ids(self) -> list[str]:
        return [i for i, o in zip(self.option_ids(), self.options) if o.correct]

    def runtime(self) -> dict:
        q = super().runtime()
        for option, option_id in zip(q["options"], self.option_ids()):
            option["id"] = option_id
        return q

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


class Multiple(ChoiceQuestion):
    type: Literal["multiple"]

    @model_validator(mode="after")
    def _some_correct(self) -> "Multiple":
        if not any(o.correct for o in self.options):
            raise ValueError("options: a multiple-select question needs at least one option "
                             "with 'correct: true'.")
        return self


class TrueFalse(Base):
    type: Literal["truefalse"]
    answer: bool
    if_true: str = Field(min_length=1, description="Feedback for a reader who answers True.")
    if_false: str = Field(min_length=1, description="Feedback for a reader who answers False.")


class Matching(Base):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)

    def item_ids(self) -> list[str]:
        return [stable_id("i", self.id, p.item) for p in self.pairs]

    def match_ids(self) -> list[str]:
        """Match ids in pair order: ``match_ids()[k]`` is the right match for ``item_ids()[k]``."""
        return [stable_id("m", self.id, p.match) for p in self.pairs]

    def runtime(self) -> dict:
        q = super().runtime()
        for pair, item_id, match_id in zip(q["pairs"], self.item_ids(), self.match_ids()):
            pair["item_id"], pair["match_id"] = item_id, match_id
        return q

    @model_validator(mode="after")
    def _distinct(self) -> "Matching":
        for field in ("item", "match"):
            values = [getattr(p, field) for p in self.pairs]
            if len(set(values)) != len(values):
                raise ValueError(f"pairs: two pairs have the same {field}; each must differ.")
        return self


class Ordering(Base):
    type: Literal["ordering"]
    steps: list[Step] = Field(min_length=2, description="In the right order.")

    def step_ids(self) -> list[str]:
        """Step ids in the right order."""
        return [stable_id("s", self.id, s.text) for s in self.steps]

    def runtime(self) -> dict:
        q = super().runtime()
        for step, step_id in zip(q["steps"], self.step_ids()):
            step["id"] = step_id
        q["shown_order"] = self.shown_order()
        return q

    def shown_order(self) -> list[str]:
        """A fixed shuffle (never the right order) so every reader starts from the same place."""
        ids = self.step_ids()
        shuffled = sorted(ids)
        return shuffled if shuffled != ids else shuffled[1:] + shuffled[:1]


# Numbers the input's hint may give as an example; the first not accepted as the answer is used.
EXAMPLES = (12, 3, 40, 7, 250)


class Numeric(Base):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(ge=0, description="Accepted distance from the answer; 0 means exact.")
    unit: str = Field(min_length=1, description="The unit for many, e.g. 'minutes'.")
    unit_one: str | None = Field(default=None, min_length=1, description=(
        "The unit for one, e.g. 'minute'; by default the unit without its final 's'."))
    if_correct: str = Field(min_length=1)
    if_wrong: str = Field(min_length=1)

    def singular_unit(self) -> str:
        # Authors write units in the plural; an irregular one sets unit_one. A library that
        # singularises English nouns would be a builder dependency for one word per question.
        if self.unit_one:
            return self.unit_one
        if re.search(r"(ss|x|ch|sh)es$", self.unit):  # glasses, boxes, inches
            return self.unit[:-2]
        return self.unit[:-1] if self.unit.endswith("s") and not self.unit.endswith("ss") else self.unit

    def example(self) -> float:
        """A number for the input's "for example", never one this question accepts."""
        return next(n for n in EXAMPLES if abs(n - self.answer) > self.tolerance + 0.5)

    def runtime(self) -> dict:
        q = super().runtime()
        q["unit_one"], q["example"] = self.singular_unit(), self.example()
        return q



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
