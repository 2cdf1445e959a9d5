"""The live inputs of one question, reading and writing answers in the JSON encoding of
``patientcourse/structure/quiz.py`` — the same one the book's script produces.

Each question's controls are one ``AnswerField``: semantic HTML from
``templates/answer_field.html.j2`` (a fieldset named by the question, radio buttons that share
a name so the arrow keys move the selection, every select labelled by its item or step, the
number box by the prompt), kept in step with Python by ``static/answer_field.js`` (anywidget).
Its ``value`` is the answer being drafted; ``answer()`` turns it into the answer, or raises
``NotAnswered`` with what the learner should do. Choices come in the order and with the ids
of ``shown.ShownQuestion``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..faces import fragment
from ..scoring import parse_number
from .shown import ShownQuestion

STATIC = Path(__file__).resolve().parents[1] / "static"
# The draft of a one-choice question with nothing chosen (single, truefalse). Not None:
# Pyodide's kernel (JupyterLite) sends None as JavaScript's undefined, which the update's
# JSON leaves out, so "Try again" left the old choice checked in the browser. The browser
# may still send null (answer_field.js); both mean nothing is chosen.
NO_CHOICE = ""


class NotAnswered(ValueError):
    """The inputs do not yet make a whole answer; the message tells the learner what to do."""


class AnswerField(anywidget.AnyWidget):
    """The controls of one question (see the module docstring for ``value``)."""
    _esm = STATIC / "answer_field.js"
    _css = STATIC / "live.css"
    html = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("").tag(sync=True)
    # Not echoed back to the page (ipywidgets 8 echoes what a page sets): drafts come one after
    # another, and the echo of an earlier one would put an earlier choice back on the page.
    value = traitlets.Any(None, allow_none=True).tag(sync=True, echo_update=False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.on_msg(self._receive_draft)

    def _receive_draft(self, _widget, content, _buffers) -> None:
        """The learner changed the controls (see ``send`` in answer_field.js): take the draft as
        the browser has it, without sending it back."""
        if isinstance(content, dict) and "draft" in content:
            self.set_state({"value": content["draft"]})


def not_a_number(q: ShownQuestion, text: str) -> NotAnswered:
    """What to say when the text is not a number (the example is never the answer); the
    book's script says the same."""
    ask = f"Type a number, for example {q.example:g}."
    return NotAnswered(f"“{text.strip()}” is not a number. {ask}" if text.strip() else ask)


class QuestionInput:
    """``widget`` (the AnswerField), ``answer()``, ``set(answer)`` and ``clear()``."""
    empty: Any = None

    def __init__(self, q: ShownQuestion):
        self.question = q
        self.widget = AnswerField(html=fragment("answer_field.html.j2", "field", q, f"pc-{q.id}"),
                                  kind=q.type, value=self.empty)

    @property
    def draft(self) -> Any:
        return self.widget.value

    def clear(self) -> None:
        self.widget.value = self.empty


class ChoiceInput(QuestionInput):
    """single, truefalse (radio buttons; truefalse answers are booleans) and multiple."""

    def __init__(self, q: ShownQuestion):
        self.empty = [] if q.type == "multiple" else NO_CHOICE
        self.ids = [c.id for c in q.choices]
        super().__init__(q)

    def answer(self) -> Any:
        if self.question.type == "multiple":
            # In option-id order, whatever order they are shown in: the book records the same.
            chosen = sorted(cid for cid in self.ids if cid in (self.draft or []))
            if not chosen:
                raise NotAnswered("Choose at least one answer.")
            return chosen
        if self.draft is None or self.draft == NO_CHOICE:
            raise NotAnswered("Choose an answer.")
        return self.draft

    def set(self, answer: Any) -> None:
        if self.question.type == "multiple":
            if not isinstance(answer, list) or not set(answer) <= set(self.ids):
                raise ValueError("not an answer to this question")
            self.widget.value = list(answer)
        elif self.question.type == "truefalse":
            if answer not in (True, False, None):
                raise ValueError("not an answer to this question")
            self.widget.value = NO_CHOICE if answer is None else answer
        else:
            if answer is not None and answer not in self.ids:
                raise ValueError("not an answer to this question")
            self.widget.value = NO_CHOICE if answer is None else answer


class MatchingInput(QuestionInput):
    def __init__(self, q: ShownQuestion):
        self.items, self.matches = [i.id for i in q.items], {m.id for m in q.matches}
        self.empty = {item: "" for item in self.items}
        super().__init__(q)

    def answer(self) -> dict:
        draft = self.draft or {}
        if any(draft.get(item) not in self.matches for item in self.items):
            raise NotAnswered("Choose a match for every item.")
        return {item: draft[item] for item in self.items}

    def set(self, answer: dict) -> None:
        answer = answer or {}
        if not isinstance(answer, dict) or not set(answer) <= set(self.items):
            raise ValueError("not an answer to this question")
        self.widget.value = {item: answer.get(item) or "" for item in self.items}


class OrderingInput(QuestionInput):
    def __init__(self, q: ShownQuestion):
        self.steps = [s.id for s in q.steps]
        self.empty = {step: "" for step in self.steps}
        super().__init__(q)

    def answer(self) -> list[str]:
        draft = self.draft or {}
        places = {step: str(draft.get(step) or "") for step in self.steps}
        allowed = {str(n) for n in range(1, len(self.steps) + 1)}
        if not set(places.values()) <= allowed or len(set(places.values())) != len(places):
            raise NotAnswered(f"Give each step a different place, from 1 to {len(places)}.")
        return sorted(places, key=lambda step: int(places[step]))

    def set(self, answer: list[str]) -> None:
        order = list(answer or [])
        if not set(order) <= set(self.steps):
            raise ValueError("not an answer to this question")
        self.widget.value = {step: str(order.index(step) + 1) if step in order else "" for step in self.steps}


class NumericInput(QuestionInput):
    empty = ""

    def answer(self) -> float:
        # Read as the book's script reads it (scoring.parse_number: "20 minutes", "twenty", "2,5").
        text = str(self.draft or "")
        value = parse_number(text, self.question.units)
        if value is None:
            raise not_a_number(self.question, text)
        return int(value) if value.is_integer() else value  # 20, not 20.0, as the book stores it

    def set(self, answer) -> None:
        if answer is not None and (isinstance(answer, bool) or not isinstance(answer, (int, float))):
            raise ValueError("not an answer to this question")
        self.widget.value = "" if answer is None else str(answer)


INPUTS = {"single": ChoiceInput, "multiple": ChoiceInput, "truefalse": ChoiceInput,
          "matching": MatchingInput, "ordering": OrderingInput, "numeric": NumericInput}


def make_input(q: ShownQuestion):
    return INPUTS[q.type](q)
