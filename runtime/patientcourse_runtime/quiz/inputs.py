"""The live (ipywidgets) inputs of one question, reading and writing answers in the JSON
encoding of ``patientcourse/structure/quiz.py`` — the same one the book's script produces.

Each input shows choices in the order and with the ids of ``quiz_items.ShownQuestion``.
``answer()`` returns the answer, or raises ``NotAnswered`` with what the learner should do.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..scoring import parse_number
from .shown import ShownQuestion

CHOOSE = "Choose…"
# A dropdown whose value is None shows an empty box; a "" option shows "Choose…" instead.
UNCHOSEN = ""
WIDE = w.Layout(width="auto")


class NotAnswered(ValueError):
    """The inputs do not yet make a whole answer; the message tells the learner what to do."""


def not_a_number(q: ShownQuestion, text: str) -> NotAnswered:
    """What to say when the text is not a number (the example is never the answer); the
    book's script says the same."""
    ask = f"Type a number, for example {q.example:g}."
    return NotAnswered(f"“{text.strip()}” is not a number. {ask}" if text.strip() else ask)


class ChoiceInput:
    """single, truefalse (radio buttons) and multiple (check boxes)."""

    def __init__(self, q: ShownQuestion):
        self.kind = q.type
        if q.type == "multiple":
            self.boxes = {c.id: w.Checkbox(value=False, description=f"{c.label}. {c.text}", indent=False,
                                           layout=WIDE) for c in q.choices}
            self.widget = w.VBox(list(self.boxes.values()))
        else:
            label = (lambda c: c.text) if q.type == "truefalse" else (lambda c: f"{c.label}. {c.text}")
            # truefalse answers are booleans, so the radio values are too.
            values = {"true": True, "false": False} if q.type == "truefalse" else {}
            options = [(label(c), values.get(c.id, c.id)) for c in q.choices]
            self.widget = w.RadioButtons(options=options, value=None, layout=WIDE)

    def answer(self) -> Any:
        if self.kind == "multiple":
            # In option-id order, whatever order they are shown in: the book records the same.
            chosen = sorted(cid for cid, box in self.boxes.items() if box.value)
            if not chosen:
                raise NotAnswered("Choose at least one answer.")
            return chosen
        if self.widget.value is None:
            raise NotAnswered("Choose an answer.")
        return self.widget.value

    def set(self, answer: Any) -> None:
        if self.kind == "multiple":
            for cid, box in self.boxes.items():
                box.value = cid in (answer or [])
        else:
            self.widget.value = answer

    def clear(self) -> None:
        self.set([] if self.kind == "multiple" else None)


class MatchingInput:
    def __init__(self, q: ShownQuestion):
        options = [(CHOOSE, UNCHOSEN)] + [(m.text, m.id) for m in q.matches]
        self.selects = {item.id: w.Dropdown(options=options, value=UNCHOSEN, layout=WIDE) for item in q.items}
        self.widget = w.VBox([w.HBox([w.Label(item.text), self.selects[item.id]]) for item in q.items])

    def answer(self) -> dict:
        if any(s.value in (None, UNCHOSEN) for s in self.selects.values()):
            raise NotAnswered("Choose a match for every item.")
        return {item_id: s.value for item_id, s in self.selects.items()}

    def set(self, answer: dict) -> None:
        for item_id, select in self.selects.items():
            select.value = (answer or {}).get(item_id) or UNCHOSEN

    def clear(self) -> None:
        self.set({})


class OrderingInput:
    def __init__(self, q: ShownQuestion):
        places = [(CHOOSE, UNCHOSEN)] + [(str(n), n) for n in range(1, len(q.steps) + 1)]
        self.selects = {s.id: w.Dropdown(options=places, value=UNCHOSEN, layout=w.Layout(width="7em"))
                        for s in q.steps}
        self.widget = w.VBox([w.HBox([self.selects[s.id], w.Label(s.text)]) for s in q.steps])

    def answer(self) -> list[str]:
        places = {sid: s.value for sid, s in self.selects.items()}
        if {None, UNCHOSEN} & set(places.values()) or len(set(places.values())) != len(places):
            raise NotAnswered(f"Give each step a different place, from 1 to {len(places)}.")
        return sorted(places, key=places.get)

    def set(self, answer: list[str]) -> None:
        order = list(answer or [])
        for sid, select in self.selects.items():
            select.value = order.index(sid) + 1 if sid in order else UNCHOSEN

    def clear(self) -> None:
        self.set([])


class NumericInput:
    def __init__(self, q: ShownQuestion):
        self.question = q
        self.text = w.Text(value="", placeholder="a number", layout=w.Layout(width="10em"))
        self.widget = w.HBox([self.text, w.Label(q.unit)])

    def answer(self) -> float:
        # Read as the book's script reads it (scoring.parse_number: "20 minutes", "twenty", "2,5").
        value = parse_number(self.text.value, self.question.units)
        if value is None:
            raise not_a_number(self.question, self.text.value)
        return int(value) if value.is_integer() else value  # 20, not 20.0, as the book stores it

    def set(self, answer) -> None:
        self.text.value = "" if answer is None else str(answer)

    def clear(self) -> None:
        self.set(None)


INPUTS = {"single": ChoiceInput, "multiple": ChoiceInput, "truefalse": ChoiceInput,
          "matching": MatchingInput, "ordering": OrderingInput, "numeric": NumericInput}


def make_input(q: ShownQuestion):
    return INPUTS[q.type](q)
