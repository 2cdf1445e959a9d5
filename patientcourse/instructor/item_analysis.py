"""Item analysis: how each question worked for a class, and what an instructor should look at.

Per question, over the learners graded (``Gradebook.grades``):

- **difficulty**: the share of learners whose final answer is fully right (a learner who
  skipped the question counts as not right). High means easy.
- **discrimination**: the corrected point-biserial correlation: Pearson's r between the
  question's score (0–1, partial credit kept) and the learner's score on *the other*
  questions graded. Positive: learners who do well elsewhere do well here. Empty when it
  cannot be computed (everyone scored the same on it, or on the rest).
- **options**: how many learners chose each option (every distractor too), in the order
  learners see them; true/false counts True and False; matching counts, per item, how many
  matched it right; ordering, per step, how many put it in its place; numeric counts right
  and wrong. ``invalid``: answers in a form the question does not accept.
- **skipped**: learners graded who did not answer it.
- **first try**: the share right at the first try, among learners whose first try is known
  (files from before first answers were kept, with several tries, are left out).

Flags (``FLAGS``): too easy (difficulty above 0.95), poor discrimination (below 0.2), a
distractor nobody picks, a distractor chosen more often than the key.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from .answers import INVALID, answer_text, is_number, option_order, wrong_part_text
from .grading import Gradebook

TOO_EASY = 0.95
POOR_DISCRIMINATION = 0.2
FLAGS = {
    "too easy": f"more than {TOO_EASY:.0%} of learners got it right: it tells you little",
    "poor discrimination": f"discrimination below {POOR_DISCRIMINATION}: strong and weak learners "
                           "do about as well on it (check the key and the wording)",
    "unused distractor": "a wrong option nobody chose: it is not doing its job",
    "distractor beats key": "a wrong option was chosen more often than the right one: re-teach, "
                            "or check the key",
}


@dataclass
class OptionCount:
    text: str
    count: int
    key: bool  # the right option (or, for matching/ordering/numeric, "right" counts)


@dataclass
class ItemStats:
    chapter: str
    question: str
    type: str
    prompt: str
    learners: int  # graded learners
    answered: int
    correct: int  # fully right
    invalid: int
    score_sum: float
    discrimination: float | None
    options: list[OptionCount]
    first_known: int
    first_correct: int
    wrong_answers: Counter = field(default_factory=Counter)
    flags: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.learners - self.answered

    @property
    def difficulty(self) -> float | None:
        return self.correct / self.learners if self.learners else None

    @property
    def mean_score(self) -> float | None:
        return self.score_sum / self.answered if self.answered else None

    @property
    def first_try_share(self) -> float | None:
        return self.first_correct / self.first_known if self.first_known else None


def analyse(book: Gradebook) -> list[ItemStats]:
    totals = [g.total for g in book.grades]
    stats = []
    for chapter_id, question in book.questions:
        results = [g.answers.get(question.id) for g in book.grades]
        given = [r for r in results if r is not None]
        item_scores = [r.score if r else 0.0 for r in results]
        rest = [total - own for total, own in zip(totals, item_scores)]
        item = ItemStats(
            chapter=chapter_id, question=question.id, type=question.type, prompt=question.prompt,
            learners=len(book.grades), answered=len(given), correct=sum(r.correct for r in given),
            invalid=sum(answer_text(book.course_id, question, r.answer) == INVALID for r in given),
            score_sum=sum(r.score for r in given), discrimination=correlation(item_scores, rest),
            options=option_counts(book.course_id, question, [r.answer for r in given]),
            first_known=sum(r.first_known for r in given),
            first_correct=sum(bool(r.first_correct) for r in given if r.first_known),
            wrong_answers=Counter(wrong_part_text(book.course_id, question, r.answer) for r in given if not r.correct))
        item.flags = flags(item)
        stats.append(item)
    return stats


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when either list does not vary (or has fewer than 2 values)."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def option_counts(course_id: str, question, answers: list) -> list[OptionCount]:
    valid = [a for a in answers if answer_text(course_id, question, a) != INVALID]
    kind = question.type
    if kind in ("single", "multiple"):
        picked = Counter()
        for a in valid:
            picked.update({a} if kind == "single" else set(a))
        right = set(question.correct_ids())
        return [OptionCount(question.option(i).text, picked[i], i in right) for i in option_order(course_id, question)]
    if kind == "truefalse":
        return [OptionCount(text, sum(a is value for a in valid), question.answer is value)
                for text, value in (("True", True), ("False", False))]
    if kind == "numeric":
        right = sum(question.score(a).correct for a in valid if is_number(a))
        return [OptionCount("right (within the tolerance)", right, True),
                OptionCount("wrong", len(valid) - right, False)]
    if kind == "matching":
        return [OptionCount(f"{p.item} → {p.match}", sum(a[i] == m for a in valid), True)
                for i, m, p in zip(question.item_ids(), question.match_ids(), question.pairs)]
    return [OptionCount(f"{s.text} (place {n})", sum(a[n - 1] == sid for a in valid), True)
            for n, (sid, s) in enumerate(zip(question.step_ids(), question.steps), 1)]


def flags(item: ItemStats) -> list[str]:
    out = []
    if item.difficulty is not None and item.answered and item.difficulty > TOO_EASY:
        out.append("too easy")
    if item.discrimination is not None and item.discrimination < POOR_DISCRIMINATION:
        out.append("poor discrimination")
    if item.type in ("single", "multiple", "truefalse") and item.answered:
        distractors = [o for o in item.options if not o.key]
        keys = [o for o in item.options if o.key]
        if any(o.count == 0 for o in distractors):
            out.append("unused distractor")
        if keys and distractors and max(o.count for o in distractors) > min(o.count for o in keys):
            out.append("distractor beats key")
    return out
