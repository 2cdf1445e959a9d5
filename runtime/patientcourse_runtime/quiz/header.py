"""The top of a live quiz in Jupyter: what mode it is in, when it is due (and whether that has
passed), and the learner's name and id with a reminder until one is given.

Kept apart from ``live.py`` (which shows questions, feedback and the score) so each part stays
small; the quiz builds one ``QuizHeader`` and puts its ``widgets`` above the questions.
"""
from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ..faces import fragment
from ..frame import HIDDEN, SHOWN
from ..results import describe_due, parse_due

HEADER = "quiz_header.html.j2"
FIELD = {"description_width": "initial"}


def is_late(due: str | None, now: dt.datetime | None = None) -> bool:
    if not due:
        return False
    return (now or dt.datetime.now(dt.timezone.utc)) > parse_due(due)


class QuizHeader:
    def __init__(self, mode: str, assignment: dict | None, now: dt.datetime | None = None):
        due = (assignment or {}).get("due")
        # Practice needs no note: the text above the quiz says each answer is explained.
        parts = [w.HTML(fragment(HEADER, "assessment_note"))] if mode == "assessment" else []
        if due:
            parts.append(w.HTML(fragment(HEADER, "due", describe_due(due), is_late(due, now))))
        self.name_field = w.Text(description="Your name", continuous_update=False, style=FIELD)
        self.id_field = w.Text(description="Student id", continuous_update=False, style=FIELD)
        self.reminder = w.HTML(fragment(HEADER, "reminder"))
        self.widgets = [*parts, w.HBox([self.name_field, self.id_field]), self.reminder]

    def show_learner(self, learner: dict) -> None:
        """Fill the fields (without anyone typing) and show the reminder while both are empty."""
        self.name_field.value, self.id_field.value = learner.get("name", ""), learner.get("id", "")
        self.update_reminder()

    def update_reminder(self) -> None:
        named = self.name_field.value.strip() or self.id_field.value.strip()
        self.reminder.layout.display = HIDDEN if named else SHOWN
