"""What the live quiz says after an answer, by the rules the book's ``quiz.js`` follows:

* a right answer: the verdict, its feedback and the explanation;
* a wrong one, before the answer is revealed: the verdict, how many parts are right (never
  which), the chosen option's feedback for one-part questions, the author's hint and a
  "Review" link to the section;
* revealed ("Show the answer", or ``reveal_after`` tries): every feedback line, the right
  answer and the explanation.

Verdict and tally come from ``scoring`` (shared with the book's script); an author's own
"Right." or "No." at the start of a line is left off, so no verdict is said twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..scoring import score, without_verdict
from .shown import ShownQuestion, right_answer_text

ONE_PART = ("single", "truefalse", "numeric")


@dataclass(frozen=True)
class Said:
    verdict: str
    tally: str
    correct: bool
    revealed: bool
    score: float
    lines: list[str] = field(default_factory=list)
    hint: str | None = None
    answer: list[str] = field(default_factory=list)
    explanation: str | None = None
    review: dict | None = None   # {"title", "anchor"} of the question's section
    next_step: str = ""


def after_answer(q: ShownQuestion, answer, attempts: int, *, revealed: bool = False,
                 sections: dict | None = None) -> Said:
    scored = score(q.key, answer)
    revealed = scored.correct or revealed or attempts >= q.reveal_after
    lines = [shown for shown in map(without_verdict, scored.feedback) if shown]
    review = (sections or {}).get(q.section)
    common = dict(verdict=scored.verdict, tally=scored.tally, correct=scored.correct, revealed=revealed,
                  score=scored.score)
    if scored.correct:
        return Said(**common, lines=lines, explanation=q.key["explanation"])
    if revealed:
        return Said(**common, lines=lines, answer=right_answer_text(q), explanation=q.key["explanation"],
                    review=review)
    return Said(**common, lines=lines if q.type in ONE_PART else [], hint=q.hint, review=review,
                next_step="Change your answer and check it again, or choose “Show the answer”.")
