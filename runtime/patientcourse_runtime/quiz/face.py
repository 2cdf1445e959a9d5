"""The static face of a chapter quiz (``templates/quiz.html.j2``): what the book shows and
the book's script makes interactive. It carries an answer key only in practice mode."""
from __future__ import annotations

from ..faces import render
from .shown import Choice, ShownQuestion, option_notes, right_answer_text

HINTS = {
    "single": "Choose one answer.",
    "truefalse": "Choose True or False.",
    "multiple": "Choose all answers that are right.",
    "matching": "For each item, choose the match.",
    "ordering": "Give each step its place in the order: 1 for the first step.",
    "numeric": "Type a number.",
}


def _options_of(choices: list[Choice]) -> list[tuple[str, str]]:
    return [(c.id, c.text) for c in choices]


def _places(count: int) -> list[tuple[str, str]]:
    return [(str(n), str(n)) for n in range(1, count + 1)]


def quiz_html(*, course_id: str, chapter_id: str, chapter: dict, mode: str,
              questions: list[ShownQuestion]) -> str:
    return render("quiz.html.j2", course_id=course_id, chapter_id=chapter_id, mode=mode,
                  questions=questions, title=chapter.get("quiz", {}).get("title", "Check your understanding"),
                  sections=chapter.get("sections", {}), hints=HINTS, options_of=_options_of,
                  places=_places, right_answer_text=right_answer_text, option_notes=option_notes)
