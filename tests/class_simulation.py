"""A simulated class (seeded, so every run is the same): results files as learners of mixed
ability would hand them in, for the item analysis and roster tests.

Each learner has an ability, each question a difficulty; a learner gets a question right with
the logistic chance of (ability - difficulty), as in a one-parameter item response model.
A wrong answer is a plausible one: a distractor (the first ones shown are likelier), a
missing right pick, the other truth value, a number off by more than the tolerance, two
matches swapped, two neighbouring steps swapped. Some questions are skipped (weaker learners
skip more), some right answers came on a second try, and a few files are from before first
answers were kept.
"""
from __future__ import annotations

import math
import random

from test_instructor_sample import results_doc

SEED = 20261124


def learner_names(n: int) -> list[tuple[str, str, str]]:
    """(name, id, email) of learner k, as a roster would list them."""
    first = ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "June", "Kai", "Lea",
             "Milo", "Nia", "Omar", "Pia", "Quin", "Rosa", "Sam", "Tess", "Uma", "Vic", "Wen", "Xavi",
             "Yara", "Zed", "Ines", "Joel", "Kira", "Luca"]
    return [(f"{first[k % len(first)]} Learner{k // len(first) or ''}", f"s-{k + 1:03}",
             f"{first[k % len(first)].lower()}{k + 1}@example.org") for k in range(n)]


def _wrong(question, rng: random.Random):
    kind = question.type
    if kind == "single":
        wrong = [i for i in question.option_ids() if i not in question.correct_ids()]
        return rng.choices(wrong, weights=[len(wrong) - n for n in range(len(wrong))])[0]
    if kind == "multiple":
        right = question.correct_ids()
        wrong = [i for i in question.option_ids() if i not in right]
        picked = right[:-1] if len(right) > 1 else []
        return sorted(picked + ([rng.choice(wrong)] if wrong and (rng.random() < 0.7 or not picked) else []))
    if kind == "truefalse":
        return not question.answer
    if kind == "numeric":
        return question.answer + question.tolerance * 3 + 1
    if kind == "matching":
        matches = question.match_ids()
        a, b = rng.sample(range(len(matches)), 2)
        matches[a], matches[b] = matches[b], matches[a]
        return dict(zip(question.item_ids(), matches))
    steps = question.step_ids()
    k = rng.randrange(len(steps) - 1)
    steps[k], steps[k + 1] = steps[k + 1], steps[k]
    return steps


def _right(question):
    kind = question.type
    if kind == "single":
        return question.correct_ids()[0]
    if kind == "multiple":
        return question.correct_ids()
    if kind in ("truefalse", "numeric"):
        return question.answer
    if kind == "matching":
        return dict(zip(question.item_ids(), question.match_ids()))
    return question.step_ids()


def simulate_class(course, learners: int = 30, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    difficulty = {q.id: rng.gauss(-0.6, 1.0) for c in course.chapters for q in c.quiz.questions}
    documents = []
    for k, (name, learner_id, _) in enumerate(learner_names(learners)):
        ability = rng.gauss(0.0, 1.0)
        old_file = k % 10 == 9  # saved before first answers were kept
        answers: dict = {}
        for chapter in course.chapters:
            for q in chapter.quiz.questions:
                if rng.random() < 0.04 + 0.04 * (ability < -0.5):
                    continue  # skipped
                right = rng.random() < 1 / (1 + math.exp(-1.7 * (ability - difficulty[q.id])))
                final = _right(q) if right else _wrong(q, rng)
                second_try = right and rng.random() < 0.3
                record = {"answer": final, "attempts": 2 if second_try else 1}
                if not old_file:
                    record["first_answer"] = _wrong(q, rng) if second_try else final
                answers.setdefault(chapter.id, {})[q.id] = record
        document = results_doc({}, name=name, learner_id=learner_id, course_id=course.id,
                               saved_at=f"2026-11-{10 + k % 15:02}T10:00:00Z")
        document["chapters"] = {c: {"answers": {q: dict(r, answered_at=document["saved_at"]) for q, r in qs.items()}}
                                for c, qs in answers.items()}
        documents.append(document)
    return documents
