"""Grade handed-in results files against the instructor's question bank.

Safety and trust: a results file is only ever parsed as JSON (nothing in it is executed or
imported), and every score is recomputed with the model's own ``Question.score`` from the
chosen ``answer``; a score or "correct" flag in the file is ignored. A file that cannot be
graded is skipped with a reason, never half-graded, and no file can stop the others from
being graded (``Grader.read`` turns every way a file can be wrong into ``BadResults``).

Two files from one learner (same roster entry; without a roster, same id, or same name if
no id): the latest file handed in on time is graded; files after the due date count only
when the learner sent nothing on time (then the latest is graded and flagged late). Every
other file is listed in skipped.csv, naming the file that was kept.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from patientcourse_runtime.results import AnswerRecord, Results, ResultsInvalid, parse_results
from patientcourse_runtime.store import is_bookkeeping

from ..structure import Course
from .roster import Roster, RosterMatch

# Larger than any honest results file (a full course is a few kB), small enough that a stray
# video handed in by mistake is refused before it is read into memory.
MAX_RESULTS_BYTES = 2_000_000


class BadResults(ValueError):
    """Why one file cannot be graded; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class AnswerResult:
    """One learner's answer to one question, scored: the last answer and the first."""
    chapter: str
    question: str
    answer: Any
    score: float
    correct: bool
    attempts: int
    first_known: bool  # False for an older file with several tries and no first_answer
    first_answer: Any
    first_score: float | None
    first_correct: bool | None


@dataclass
class LearnerGrade:
    learner: str
    learner_id: str
    path: str
    origin: str
    saved_at: dt.datetime
    late: bool
    points: dict[str, float]  # chapter id -> points earned (one point per question)
    answers: dict[str, AnswerResult] = field(default_factory=dict)  # question id -> result
    match: RosterMatch | None = None  # who this is in the roster (with --roster)

    @property
    def total(self) -> float:
        return sum(self.points.values())


@dataclass
class Gradebook:
    course_id: str
    chapters: list[str]  # graded chapter ids, in course order
    possible: dict[str, int]  # chapter id -> points possible
    questions: list[tuple[str, Any]]  # (chapter id, question), in course order
    grades: list[LearnerGrade]
    skipped: list[Skipped]
    roster: Roster | None = None

    @property
    def total_possible(self) -> int:
        return sum(self.possible.values())


def collect_files(paths: list[Path], *, exclude: list[Path] = ()) -> tuple[list[Path], list[Skipped]]:
    """Results files named or found in folders (every ``*.json`` under a folder, in name
    order), and every other file in those folders, skipped: it may be a hand-in saved under
    the wrong name, and the instructor should see it. Files under ``exclude`` (the folders
    grade writes to) are left out."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    mine = [p.resolve() for p in exclude]
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for found in sorted(p for p in path.rglob("*") if not p.is_dir()):
            if any(folder == found.resolve().parent or folder in found.resolve().parents for folder in mine):
                continue
            if is_bookkeeping(found):  # a results file's lock or last good copy: grading it would count twice
                continue
            if found.suffix.lower() == ".json":
                files.append(found)
            else:
                skipped.append(Skipped(str(found), "not a .json file, so not a results file. If it "
                                       "is a learner's hand-in, ask them for the .json file from "
                                       "'Download my results'."))
    return files, skipped


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
            raise BadResults(f"cannot read it ({err.strerror or err}). Check the path.") from None
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
        except (ResultsInvalid, RecursionError) as err:
            raise BadResults(f"{err}. The file does not match the results shape "
                             "(docs/instructors.md). Ask the learner for the file from "
                             "'Download my results'.") from None
        self._check_against_course(results)
        return results

    def _check_against_course(self, results: Results) -> None:
        if results.course != self.course.id:
            raise BadResults(f"course: the file is for course {_quote(results.course)}, not "
                             f"{self.course.id!r}. Grade it against that course's source.")
        if self.assignment_id is not None:
            got = results.assignment.id if results.assignment else None
            if got != self.assignment_id:
                raise BadResults(f"assignment: the file is for assignment {_quote(got)}, not "
                                 f"{self.assignment_id!r}. Grade it with that assignment.")
        if not results.learner.key:
            raise BadResults("learner: no name and no id. Ask the learner to type their name, "
                             "save the results again and hand in the new file.")
        for chapter_id, answers in results.chapters.items():
            if chapter_id not in self.course_chapters:
                raise BadResults(f"chapters.{_quote(chapter_id, bare=True)}: no such chapter in course "
                                 f"{self.course.id!r}. The file may come from another version "
                                 "of the course.")
            bank = self.questions.get(chapter_id)
            unknown = sorted(set(answers) - set(bank)) if bank is not None else []
            if unknown:
                raise BadResults(f"chapters.{chapter_id}.answers: unknown question ids "
                                 f"{', '.join(_quote(u, bare=True) for u in unknown[:10])}. The file may "
                                 "come from another version of the course.")

    def grade(self, paths: list[Path], *, roster: Roster | None = None,
              skipped: list[Skipped] | None = None) -> Gradebook:
        """Grade every file; ``skipped`` (e.g. from ``collect_files``) are listed first."""
        skipped = list(skipped or [])
        by_person: dict[tuple, list[tuple[Results, str, RosterMatch | None]]] = defaultdict(list)
        for path in paths:
            try:
                results = self.read(path)
            except BadResults as err:
                skipped.append(Skipped(str(path), str(err)))
                continue
            match = roster.match(results.learner) if roster else None
            by_person[_person(results, match)].append((results, str(path), match))
        grades = []
        for files in by_person.values():
            kept, others = self._choose(files)
            results, path, match = kept
            for other, other_path, _ in others:
                skipped.append(Skipped(other_path, self._duplicate_reason(other, results, path)))
            grades.append(self._grade_one(results, path, match))
        grades.sort(key=lambda g: (g.learner.casefold(), g.learner_id, g.path))
        possible = {c: len(self.questions[c]) for c in self.chapters}
        questions = [(c, q) for c in self.chapters for q in self.questions[c].values()]
        return Gradebook(self.course.id, self.chapters, possible, questions, grades, skipped, roster)

    def _choose(self, files: list) -> tuple[tuple, list[tuple]]:
        """The file to grade among one learner's files, and the others (see the module doc)."""
        order = {id(f): n for n, f in enumerate(files)}  # a tie goes to the file named later
        ranked = sorted(files, key=lambda f: (not self._late(f[0]), f[0].saved_at, order[id(f)]))
        return ranked[-1], [f for f in files if f is not ranked[-1]]

    def _duplicate_reason(self, other: Results, kept: Results, kept_path: str) -> str:
        late = " after the due date" if self._late(other) else ""
        rule = ("the latest file on time is graded" if self._late(other) and not self._late(kept)
                else "the file saved last is graded")
        tie = " (same saved_at; kept the one named later)" if other.saved_at == kept.saved_at else ""
        return (f"duplicate: another file from learner {other.learner.label!r}, saved "
                f"{_iso(other.saved_at)}{late}; {rule}: kept {kept_path} (saved "
                f"{_iso(kept.saved_at)}){tie}.")

    def _late(self, results: Results) -> bool:
        """Any answer of the graded chapters recorded after the due date."""
        if self.due is None:
            return False
        return any((record.answered_at or results.saved_at) > self.due
                   for chapter_id in self.chapters
                   for record in results.chapters.get(chapter_id, {}).values())

    def _grade_one(self, results: Results, path: str, match: RosterMatch | None) -> LearnerGrade:
        points: dict[str, float] = {}
        answers: dict[str, AnswerResult] = {}
        for chapter_id in self.chapters:
            earned = 0.0
            for question_id, record in results.chapters.get(chapter_id, {}).items():
                scored = score_record(chapter_id, self.questions[chapter_id][question_id], record)
                answers[question_id] = scored
                earned += scored.score
            points[chapter_id] = earned
        return LearnerGrade(results.learner.name, results.learner.id, path, results.origin,
                            results.saved_at, self._late(results), points, answers, match)


def score_record(chapter_id: str, question, record: AnswerRecord) -> AnswerResult:
    final = question.score(record.answer)
    first = question.score(record.first_answer) if record.first_known else None
    return AnswerResult(chapter_id, question.id, record.answer, final.score, final.correct, record.attempts,
                        record.first_known, record.first_answer,
                        first.score if first else None, first.correct if first else None)


def _person(results: Results, match: RosterMatch | None) -> tuple:
    """Whose file this is: the roster entry it matched, else the learner as typed."""
    if match is not None and match.entry is not None:
        return ("roster", match.entry.key)
    return ("learner", results.learner.key)


def _quote(value: Any, *, bare: bool = False) -> str:
    """A value from a file, quoted for a message: never longer than a line."""
    text = value if isinstance(value, str) else repr(value)
    text = text if len(text) <= 60 else text[:60] + "…"
    return text if bare else repr(text)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")

