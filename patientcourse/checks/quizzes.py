"""Quizzes that cannot be gamed and numbers that can be answered.

* ``key-positions``: options are shown in a fixed shuffled order (``display_order``); when,
  in a chapter, more than half of the single-choice keys still sit at one shown letter, a
  learner who always picks that letter beats chance.
* ``numeric-tolerance``: a prompt that asks "about" or "around" how many accepts a range,
  so the question needs a tolerance.
* ``feedback-gives-answer``: a first wrong answer is shown its option's feedback (and not
  the right answer); feedback that repeats the right option's words gives it away.
"""
from __future__ import annotations

import re
from collections import Counter

from ..structure import Chapter, Course
from ..structure.quiz import Numeric, Single, displayed_letter
from .findings import Finding
from .located import line_of, quiz_source
from .thresholds import Thresholds

APPROXIMATE = re.compile(r"\b(?:about|around|roughly|approximately|nearly|almost)\b", re.I)
# Below this many single-choice questions a chapter cannot spread its keys over letters.
FEWEST_TO_JUDGE = 3


def key_positions(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    singles = [(i, q) for i, q in enumerate(chapter.quiz.questions) if isinstance(q, Single)]
    if len(singles) < FEWEST_TO_JUDGE:
        return []
    letters = {q.id: displayed_letter(course.id, q, q.correct_ids()[0]) for _, q in singles}
    letter, count = Counter(letters.values()).most_common(1)[0]
    if count * 2 <= len(singles):
        return []
    source = quiz_source(chapter)
    at = [q.id for _, q in singles if letters[q.id] == letter]
    first = next(i for i, q in singles if letters[q.id] == letter)
    pinned = [q.id for _, q in singles if not q.shuffle and letters[q.id] == letter]
    fix = ("Let the shuffle place them: remove 'shuffle: false' from " + ", ".join(pinned) if pinned else
           "Give one of them another fixed shuffle with 'shuffle: 2' (or 3, 4…) and run the check again")
    return [Finding("key-positions", "warning", str(source.file), line_of(source, "questions", first, "options"),
                    f"{count} of the {len(singles)} single-choice questions have their right answer shown as "
                    f"option {letter} ({', '.join(at)}): always choosing {letter} beats chance.",
                    fix + ".", chapter.id)]


def numeric_tolerance(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    source = quiz_source(chapter)
    return [Finding("numeric-tolerance", "warning", str(source.file), line_of(source, "questions", i, "tolerance"),
                    f"question {q.id!r} asks “{APPROXIMATE.search(q.prompt)[0]}” but accepts only "
                    f"{q.answer:g} exactly (tolerance 0).",
                    "Give 'tolerance:' the distance from the answer that still counts as right, or ask "
                    "for an exact number.", chapter.id)
            for i, q in enumerate(chapter.quiz.questions)
            if isinstance(q, Numeric) and q.tolerance == 0 and APPROXIMATE.search(q.prompt)]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def feedback_gives_answer(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    source, findings = quiz_source(chapter), []
    for i, q in enumerate(chapter.quiz.questions):
        if not isinstance(q, Single):
            continue
        right = _words(q.options[q.option_ids().index(q.correct_ids()[0])].text)
        for k, option in enumerate(q.options):
            if not option.correct and right and right in _words(option.feedback):
                findings.append(Finding(
                    "feedback-gives-answer", "warning", str(source.file),
                    line_of(source, "questions", i, "options", k, "feedback"),
                    f"in question {q.id!r}, the feedback of the wrong option “{option.text}” repeats the "
                    "right answer: a first wrong answer shows this feedback, so it gives the answer away.",
                    "Say why this option is wrong; the right answer is shown with the explanation.", chapter.id))
    return findings


QUIZ_RULES = [key_positions, numeric_tolerance, feedback_gives_answer]
