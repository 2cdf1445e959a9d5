"""The static face of a chapter quiz (``templates/quiz.html.j2``): what the book shows and
the book's script makes interactive. It carries an answer key only in practice mode."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..faces import render
from .shown import Choice, ShownQuestion, option_notes, right_answer_text

HINTS = {
    "single": "Choose one answer.",
    "truefalse": "Choose True or False.",
    "multiple": "Choose all answers that are right.",
    "matching": "For each item, choose the match.",
    "ordering": "Put the steps in order, first step at the top: move a step with its Move up and Move down buttons.",
    "numeric": "Type a number.",
}


@dataclass(frozen=True)
class ReviewObjective:
    """An objective of the quiz with the sections its questions come from, for the summary's
    "To review" list (the script shows the ones missed at the first try)."""
    id: str
    text: str
    sections: list[dict] = field(default_factory=list)


def review_objectives(chapter: dict, questions: list[ShownQuestion]) -> list[ReviewObjective]:
    sections = chapter.get("sections", {})
    objectives = chapter.get("objectives", {})
    out: dict[str, ReviewObjective] = {}
    for q in questions:
        objective = out.setdefault(q.objective, ReviewObjective(q.objective, objectives.get(q.objective, q.objective)))
        section = sections.get(q.section)
        if section and section not in objective.sections:
            objective.sections.append(section)
    return list(out.values())


def next_chapter(bundle: dict, chapter_id: str) -> dict | None:
    """The chapter after this one in the bundle, as the summary's "Next chapter" link (the
    book names a chapter's page after its id)."""
    ids = list(bundle.get("chapters", {}))
    if chapter_id not in ids or ids.index(chapter_id) + 1 >= len(ids):
        return None
    following = ids[ids.index(chapter_id) + 1]
    return {"href": f"{following}.html", "title": bundle["chapters"][following].get("title", following)}


def _options_of(choices: list[Choice]) -> list[tuple[str, str]]:
    return [(c.id, c.text) for c in choices]


def quiz_html(*, course_id: str, chapter_id: str, chapter: dict, mode: str,
              questions: list[ShownQuestion], assignment_id: str | None = None,
              next_chapter: dict | None = None) -> str:
    return render("quiz.html.j2", course_id=course_id, chapter_id=chapter_id, mode=mode,
                  questions=questions, title=chapter.get("quiz", {}).get("title", "Check your understanding"),
                  sections=chapter.get("sections", {}), hints=HINTS, options_of=_options_of,
                  right_answer_text=right_answer_text, option_notes=option_notes,
                  assignment_id=assignment_id, next_chapter=next_chapter,
                  review_objectives=review_objectives(chapter, questions))
