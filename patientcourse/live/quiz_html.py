"""The static face of a chapter quiz: semantic HTML that reads well with no JavaScript and
that ``patientcourse/static/patientcourse.js`` makes interactive in the book.

* Each question is a ``<fieldset>`` with a ``<legend>``, native inputs with ``<label>``s, a
  Check button (``hidden`` until the script takes over, so a reader without JavaScript never
  meets a button that does nothing) and an empty ``role="status"`` region the script writes
  feedback into (it must exist before the first message, or screen readers miss it).
* Practice mode: the answer, the explanation and each option's feedback sit in a
  ``<details>`` for readers without JavaScript, and the answer key is in ``data-pc-key``.
  Assessment mode: neither; the bundle has no answers and this HTML carries none.
* Every text from the course source goes through ``html.escape``; there is no ``<script>``,
  no inline event handler and no ``style`` attribute.
"""
from __future__ import annotations

import json
from html import escape

from .quiz_items import ShownQuestion, answer_key, right_answer_text

HINTS = {
    "single": "Choose one answer.",
    "truefalse": "Choose True or False.",
    "multiple": "Choose all answers that are right.",
    "matching": "For each item, choose the match.",
    "ordering": "Give each step its place in the order: 1 for the first step.",
    "numeric": "Type a number.",
}


def attr(value) -> str:
    """A quoted, escaped attribute value; non-strings become JSON."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return f'"{escape(text, quote=True)}"'


def input_id(chapter_id: str, question_id: str, part: str) -> str:
    return f"pc-{chapter_id}-{question_id}-{part}"


def quiz_html(*, course_id: str, chapter_id: str, chapter: dict, mode: str,
              questions: list[ShownQuestion]) -> str:
    title = chapter.get("quiz", {}).get("title", "Check your understanding")
    parts = [f'<div class="pc-quiz" data-pc-quiz data-pc-course={attr(course_id)} '
             f'data-pc-chapter={attr(chapter_id)} data-pc-mode={attr(mode)} '
             f'data-pc-questions={attr(str(len(questions)))} role="group" aria-label={attr(title)}>']
    if mode == "assessment":
        parts.append('<p class="pc-quiz-note">This is an assessment: your answers are saved for your '
                     'instructor and are not marked here.</p>')
    parts.append('<ol class="pc-questions">')
    for q in questions:
        parts.append(f'<li class="pc-question-item">{question_html(q, chapter_id, chapter, mode)}</li>')
    parts.append("</ol>")
    # The score line and "start again" are for the script; without it they stay hidden.
    parts.append('<div class="pc-quiz-footer"><p class="pc-score" data-pc-score role="status"></p>'
                 '<button type="button" class="pc-button pc-reset" data-pc-reset hidden>'
                 'Start this quiz again</button></div>')
    parts.append("</div>")
    return "\n".join(parts)


def question_html(q: ShownQuestion, chapter_id: str, chapter: dict, mode: str) -> str:
    key = f" data-pc-key={attr(answer_key(q))}" if mode == "practice" else ""
    check = "Check answer" if mode == "practice" else "Save answer"
    out = [f'<fieldset class="pc-question" id={attr(input_id(chapter_id, q.id, "q"))} '
           f'data-pc-question={attr(q.id)} data-pc-type={attr(q.type)}{key}>',
           f'<legend><span class="pc-qnum">Question {q.number}.</span> {escape(q.prompt)}</legend>',
           f'<p class="pc-hint">{escape(HINTS[q.type])}</p>',
           INPUTS[q.type](q, chapter_id),
           '<div class="pc-actions">'
           f'<button type="button" class="pc-button pc-check" data-pc-check hidden>{check}</button> '
           '<button type="button" class="pc-button pc-retry" data-pc-retry hidden>Try again</button></div>',
           '<div class="pc-feedback" role="status"></div>']
    if mode == "practice":
        out.append(details_html(q, chapter))
    out.append("</fieldset>")
    return "\n".join(out)


def details_html(q: ShownQuestion, chapter: dict) -> str:
    """The answer for readers without JavaScript, behind a disclosure so they can try first."""
    m = q.model
    answer = "".join(f"<li>{escape(line)}</li>" for line in right_answer_text(q))
    out = ['<details class="pc-answer"><summary>Show the answer</summary>',
           f'<p><strong>Answer:</strong></p><ul class="pc-answer-list">{answer}</ul>',
           f'<p><strong>Why:</strong> {escape(m.explanation)}</p>']
    notes = option_notes(q)
    if notes:
        out.append(f'<ul class="pc-option-notes">{notes}</ul>')
    section = chapter.get("sections", {}).get(q.section)
    if section:
        out.append(f'<p>Read again: <a href="#{escape(section["anchor"], quote=True)}">'
                   f'{escape(section["title"])}</a></p>')
    out.append("</details>")
    return "".join(out)


def option_notes(q: ShownQuestion) -> str:
    """Per-option feedback in the disclosure: why each choice is right or wrong."""
    m = q.model
    if q.type in ("single", "multiple"):
        rows = [(f"{i}. {o.text}", ("Right. " if o.correct else "Wrong. ") + o.feedback)
                for i, o in zip(m.option_ids(), m.options)]
    elif q.type == "truefalse":
        rows = [("True", m.if_true), ("False", m.if_false)]
    elif q.type == "matching":
        rows = [(p.item, p.feedback) for p in m.pairs]
    elif q.type == "ordering":
        rows = [(s.text, s.feedback) for s in m.steps]
    else:
        return ""
    return "".join(f"<li><strong>{escape(label)}:</strong> {escape(note)}</li>" for label, note in rows)


def _choices(q: ShownQuestion, chapter_id: str) -> str:
    kind = "checkbox" if q.type == "multiple" else "radio"
    name = input_id(chapter_id, q.id, "choice")
    rows = []
    for c in q.choices:
        cid = input_id(chapter_id, q.id, c.id)
        letter = f"{c.id}. " if q.type != "truefalse" else ""
        rows.append(f'<li><input type="{kind}" name={attr(name)} id={attr(cid)} value={attr(c.id)}> '
                    f'<label for={attr(cid)}>{escape(letter + c.text)}</label></li>')
    return f'<ul class="pc-choices">{"".join(rows)}</ul>'


def _select(select_id: str, placeholder: str, options: list[tuple[str, str]]) -> str:
    rows = [f'<option value="">{escape(placeholder)}</option>']
    rows += [f"<option value={attr(value)}>{escape(text)}</option>" for value, text in options]
    return f'<select id={attr(select_id)}>{"".join(rows)}</select>'


def _matching(q: ShownQuestion, chapter_id: str) -> str:
    options = [(m.id, m.text) for m in q.matches]
    rows = []
    for item in q.items:
        sid = input_id(chapter_id, q.id, item.id)
        rows.append(f'<li class="pc-pair" data-pc-item={attr(item.id)}><label for={attr(sid)}>'
                    f'{escape(item.text)}</label> {_select(sid, "Choose a match", options)}</li>')
    return f'<ul class="pc-pairs">{"".join(rows)}</ul>'


def _ordering(q: ShownQuestion, chapter_id: str) -> str:
    places = [(str(n), str(n)) for n in range(1, len(q.steps) + 1)]
    rows = []
    for step in q.steps:
        sid = input_id(chapter_id, q.id, step.id)
        rows.append(f'<li class="pc-step" data-pc-step={attr(step.id)}><label for={attr(sid)}>'
                    f'{escape(step.text)}</label> {_select(sid, "Place", places)}</li>')
    return f'<ul class="pc-steps">{"".join(rows)}</ul>'


def _numeric(q: ShownQuestion, chapter_id: str) -> str:
    nid = input_id(chapter_id, q.id, "number")
    return (f'<p class="pc-number"><label for={attr(nid)}>Your answer, in {escape(q.unit)}</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" id={attr(nid)} size="8"> '
            f'<span class="pc-unit" aria-hidden="true">{escape(q.unit)}</span></p>')


INPUTS = {"single": _choices, "multiple": _choices, "truefalse": _choices,
          "matching": _matching, "ordering": _ordering, "numeric": _numeric}
