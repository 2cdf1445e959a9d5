"""Grade handed-in results files against the instructor's question bank.

Safety and trust: a results file is only ever parsed as JSON (nothing in it is executed or
imported), and every score is recomputed with the model's own ``Question.score`` from the
chosen ``answer``; a score or "correct" flag in the file is ignored. A file that cannot be
graded is skipped with a reason, never half-graded.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from patientcourse_runtime.results import Results, ResultsInvalid, parse_results

from ..structure import Course

# Larger than any honest results file (a full course is a few kB), small enough that a stray
# video handed in by mistake is refused before it is read into memory.
MAX_RESULTS_BYTES = 2_000_000


class BadResults(ValueError):
    """Why one file cannot be graded; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class LearnerGrade:
    learner: str
    learner_id: str
    path: str
    origin: str
    saved_at: dt.datetime
    late: bool
    points: dict[str, float]  # chapter id -> points earned (one point per question)


@dataclass
class ItemStat:
    chapter: str
    question: str
    type: str
    prompt: str
    answered: int = 0
    correct: int = 0
    score_sum: float = 0.0
    wrong_answers: Counter = field(default_factory=Counter)


@dataclass
class Gradebook:
    chapters: list[str]  # graded chapter ids, in course order
    possible: dict[str, int]  # chapter id -> points possible
    grades: list[LearnerGrade]
    items: list[ItemStat]
    skipped: list[Skipped]


class Grader:
    """Holds the question bank of the chapters being graded; reads and scores files."""

    def __init__(self, course: Course, *, chapters: list[str] | None = None,
                 assignment_id: str | None = None, due: dt.datetime | None = None):
        self.course = course
        graded = course.subset(chapters).chapters if chapters else course.chapters
        self.chapters = [c.id for c in graded]
        self.questions = {c.id: {q.id: q for q in c.quiz.questions} for c in graded}
        self.course_chapters = {c.id for c in course.chapters}
        self.assignment_id = assignment_id
        self.due = due

    def read(self, path: Path) -> Results:
        """Parse and check one file; raise ``BadResults`` with the reason."""
        try:
            size = path.stat().st_size
            if size > MAX_RESULTS_BYTES:
                raise BadResults(f"the file is {size:,} bytes, too big to be a results "
                                 "file. Ask the learner for the file from 'Download my results'.")
            raw = path.read_bytes()
        except OSError as err:
            raise BadResults(f"cannot read it ({err.strerror}). Check the path.") from None
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, ValueError, RecursionError) as err:
            # ValueError: not JSON, or a number too long to convert; RecursionError: nested
            # thousands of levels deep. None of them is a results file.
            reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
            raise BadResults(f"not JSON ({reason}). A results file is the .json file the book or "
                             "notebook saves; ask the learner to hand that in.") from None
        try:
            results = parse_results(data)
        except ResultsInvalid as err:
            raise BadResults(f"{err}. The file does not match the results shape "
                             "(docs/instructors.md). Ask the learner for the file from "
                             "'Download my results'.") from None
        self._check_against_course(results)
        return results

    def _check_against_course(self, results: Results) -> None:
        if results.course != self.course.id:
            raise BadResults(f"course: the file is for course {results.course!r}, not "
                             f"{self.course.id!r}. Grade it against that course's source.")
        if self.assignment_id is not None:
            got = results.assignment.id if results.assignment else None
            if got != self.assignment_id:
                raise BadResults(f"assignment: the file is for assignment {got!r}, not "
                                 f"{self.assignment_id!r}. Grade it with that assignment.")
        if not results.learner.key:
            raise BadResults("learner: no name and no id. Ask the learner to type their name, "
                             "save the results again and hand in the new file.")
        for chapter_id, answers in results.chapters.items():
            if chapter_id not in self.course_chapters:
                raise BadResults(f"chapters.{chapter_id}: no such chapter in course "
                                 f"{self.course.id!r}. The file may come from another version "
                                 "of the course.")
            bank = self.questions.get(chapter_id)
            unknown = sorted(set(answers) - set(bank)) if bank is not None else []
            if unknown:
                raise BadResults(f"chapters.{chapter_id}.answers: unknown question ids "
                                 f"{', '.join(unknown)}. The file may come from another version "
                                 "of the course.")

    def grade(self, paths: list[Path]) -> Gradebook:
        skipped: list[Skipped] = []
        by_learner: dict[str, list[tuple[Results, str]]] = defaultdict(list)
        for path in paths:
            try:
                results = self.read(path)
            except BadResults as err:
                skipped.append(Skipped(str(path), str(err)))
                continue
            by_learner[results.learner.key].append((results, str(path)))
        kept = []
        for files in by_learner.values():
            # Latest save wins; on a tie, the file named later on the command line.
            files.sort(key=lambda f: f[0].saved_at)
            newest, newest_path = files[-1]
            for results, path in files[:-1]:
                tie = " (same saved_at; kept the one named later)" if results.saved_at == newest.saved_at else ""
                skipped.append(Skipped(path, f"duplicate: an older file from learner "
                                       f"{results.learner.label!r} (saved {_iso(results.saved_at)}); "
                                       f"kept {newest_path} (saved {_iso(newest.saved_at)}){tie}."))
            kept.append((newest, newest_path))
        items = {(c, q): ItemStat(c, q, question.type, question.prompt)
                 for c, bank in self.questions.items() for q, question in bank.items()}
        grades = [self._grade_one(results, path, items) for results, path in kept]
        grades.sort(key=lambda g: (g.learner.casefold(), g.learner_id))
        possible = {c: len(self.questions[c]) for c in self.chapters}
        return Gradebook(self.chapters, possible, grades, list(items.values()), skipped)

    def _grade_one(self, results: Results, path: str, items: dict) -> LearnerGrade:
        points: dict[str, float] = {}
        late = False
        for chapter_id in self.chapters:
            answers = results.chapters.get(chapter_id)
            earned = 0.0
            for question_id, record in (answers or {}).items():
                question = self.questions[chapter_id][question_id]
                scored = question.score(record.answer)
                earned += scored.score
                stat = items[(chapter_id, question_id)]
                stat.answered += 1
                stat.score_sum += scored.score
                if scored.correct:
                    stat.correct += 1
                else:
                    stat.wrong_answers[describe_answer(question, record.answer)] += 1
                answered_at = record.answered_at or results.saved_at
                late = late or (self.due is not None and answered_at > self.due)
            points[chapter_id] = earned
        return LearnerGrade(results.learner.name, results.learner.id, path, results.origin,
                            results.saved_at, late, points)


def describe_answer(question, answer) -> str:
    """A wrong answer in words an instructor can re-teach from (not ids)."""
    kind = question.type
    try:
        if kind == "single" and isinstance(answer, str):
            return f"{answer}) {question.option(answer).text}"
        if kind == "multiple" and isinstance(answer, list) and set(answer) <= set(question.option_ids()):
            return "; ".join(f"{a}) {question.option(a).text}" for a in question.option_ids() if a in answer)
        if kind == "truefalse" and isinstance(answer, bool):
            return "True" if answer else "False"
        if kind == "numeric" and not isinstance(answer, bool):
            return f"{answer:g} {question.unit}"
        if kind == "matching":
            match_text = {m: p.match for m, p in zip(question.match_ids(), question.pairs)}
            return "; ".join(f"{p.item} → {match_text[answer[i]]}"
                             for i, m, p in zip(question.item_ids(), question.match_ids(), question.pairs)
                             if answer[i] != m)
        if kind == "ordering":
            step_text = {s: step.text for s, step in zip(question.step_ids(), question.steps)}
            return " → ".join(step_text[s] for s in answer)
    except (AttributeError, KeyError, TypeError, ValueError, OverflowError):
        pass
    return "(an answer in a form this question does not accept)"


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
