"""The notebook's results file: every answer a learner gives, in the shape instructors grade.

Where it is
    ``./patientcourse-results/<course-id>.json`` next to the notebook (Jupyter's working
    directory), or ``<course-id>--<assignment-id>.json`` for a student pack's assignment.
    Set the environment variable ``PATIENTCOURSE_RESULTS_DIR`` to keep it somewhere else.

What is in it
    The shape of ``results.py`` (the book's "Download my results" writes the same one).
    Answers are encoded as ``scoring.py`` says.

In a notebook::

    from patientcourse_runtime import set_learner, save_results
    set_learner("Ada Lovelace", "student-12")   # once; the quiz also has name/id fields
    save_results()                              # -> the path of the file to hand in

Safety
    * Every write goes to a temporary file that then replaces the old one (``os.replace``),
      so a crash never leaves half a file.
    * Each write re-reads the file first and changes only what it must, so two chapter
      notebooks open at once do not undo each other's answers.
    * A file that is not valid JSON of this shape is reported, moved aside to
      ``<name>.<UTC time>.bak`` and replaced by a fresh one; the quiz keeps working.
    * A file that names another learner is never overwritten: the write is refused with a
      message saying what to do.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from .bundle import load_bundle
from .fileio import atomic_write
from .results import SCHEMA, VERSION, ResultsInvalid, parse_results

RESULTS_DIR_ENV = "PATIENTCOURSE_RESULTS_DIR"
DEFAULT_DIR_NAME = "patientcourse-results"


class ResultsFileError(Exception):
    """Something a learner must sort out before answers can be saved (the message says what)."""


class LearnerMismatch(ResultsFileError):
    pass


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def results_dir() -> Path:
    override = os.environ.get(RESULTS_DIR_ENV)
    return Path(override) if override else Path.cwd() / DEFAULT_DIR_NAME


def results_path(course_id: str, assignment_id: str | None = None) -> Path:
    name = f"{course_id}--{assignment_id}" if assignment_id else course_id
    return results_dir() / f"{name}.json"


def empty_results(course_id: str, assignment: dict | None = None) -> dict:
    return {"schema": SCHEMA, "version": VERSION, "course": course_id, "assignment": assignment,
            "learner": {"name": "", "id": ""}, "origin": "notebook", "saved_at": None, "chapters": {}}


def check_shape(data, course_id: str) -> None:
    """Raise ValueError saying what is wrong if ``data`` is not a results file of this course."""
    try:
        results = parse_results(data)
    except ResultsInvalid as err:
        raise ValueError(str(err)) from None
    if results.course != course_id:
        raise ValueError(f"it is for course {results.course!r}, not {course_id!r}")


def same_learner(a: dict, b: dict) -> bool:
    """Two learner records that could be the same person (blank fields match anyone)."""
    def norm(value: str) -> str:
        return " ".join(value.split()).casefold()
    for key in ("id", "name"):
        x, y = norm(a.get(key, "")), norm(b.get(key, ""))
        if x and y:
            return x == y
    return True


class ResultsFile:
    """One learner's results for one course (and assignment), kept on disk.

    Problems (a corrupt file moved aside, a write that failed) are collected in ``problems``
    for the quiz to show; nothing here raises into the quiz except ``ResultsFileError``
    from ``set_learner``, whose message the quiz shows too."""

    def __init__(self, course_id: str, assignment: dict | None = None, path: Path | None = None):
        self.course_id = course_id
        self.assignment = assignment
        self.path = path or results_path(course_id, (assignment or {}).get("id"))
        self.problems: list[str] = []
        self.data = empty_results(course_id, assignment)
        self.data = self._read()

    # -- reading ---------------------------------------------------------------------------
    def _read(self) -> dict:
        """The file on disk, or (if missing, corrupt or unreadable) what we hold in memory."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self.data
        except OSError as err:
            self._report(f"cannot read {self.path} ({err.strerror or err}). Your answers are kept "
                         "while this notebook runs; fix the file's permissions to save them.")
            return self.data
        try:
            data = json.loads(text)
            check_shape(data, self.course_id)
        except ValueError as err:  # json.JSONDecodeError is a ValueError and names line/column
            self._move_aside(str(err))
            return self.data
        return data

    def _move_aside(self, why: str) -> None:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        backup = self.path.with_name(f"{self.path.name}.{stamp}.bak")
        try:
            os.replace(self.path, backup)
        except OSError as err:
            self._report(f"{self.path} is not a valid results file ({why}) and could not be moved "
                         f"aside ({err.strerror or err}). Move or delete it yourself to save answers.")
            return
        self._report(f"{self.path} was not a valid results file ({why}). It was kept as {backup}; "
                     "a new results file was started. Give the backup to your instructor if it matters.")

    def _report(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    # -- what the quiz asks ---------------------------------------------------------------
    @property
    def learner(self) -> dict:
        return dict(self.data["learner"])

    def answers(self, chapter_id: str) -> dict:
        """``{question_id: {"answer", "answered_at", "attempts"}}`` for one chapter."""
        self.data = self._read()
        return dict(self.data["chapters"].get(chapter_id, {}).get("answers", {}))

    def record(self, chapter_id: str, question_id: str, answer) -> dict:
        """Store one answer (attempts counts every Check) and save. Returns the stored entry."""
        mine = self.data
        self.data = self._read()
        if not same_learner(self.data["learner"], mine["learner"]):
            self.data = mine  # someone else's file appeared: keep ours in memory, write nothing
            raise LearnerMismatch(self._mismatch_message(self.data["learner"]))
        answers = self.data["chapters"].setdefault(chapter_id, {"answers": {}})["answers"]
        previous = answers.get(question_id, {})
        now = utc_now()
        entry = {"answer": answer, "answered_at": now, "attempts": int(previous.get("attempts", 0)) + 1,
                 # The first answer is kept through every "Try again": it is the first-try score.
                 "first_answer": previous.get("first_answer", answer) if previous else answer,
                 "first_answered_at": previous.get("first_answered_at", now) if previous else now}
        answers[question_id] = entry
        self.save()
        return entry

    def forget(self, chapter_id: str) -> None:
        """Start a chapter again: drop its answers (a retry the learner asked for)."""
        self.data = self._read()
        self.data["chapters"].pop(chapter_id, None)
        self.save()

    def set_learner(self, name: str, learner_id: str = "") -> None:
        new = {"name": " ".join(name.split()), "id": learner_id.strip()}
        self.data = self._read()
        if not same_learner(self.data["learner"], new):
            raise LearnerMismatch(self._mismatch_message(new, other=self.data["learner"]))
        # Keep a field the learner left blank this time (e.g. the id typed in yesterday).
        self.data["learner"] = {k: new[k] or self.data["learner"].get(k, "") for k in ("name", "id")}
        self.save()

    def _mismatch_message(self, new: dict, other: dict | None = None) -> str:
        other = other or self.data["learner"]
        who = " ".join(f"{k} {v!r}" for k, v in other.items() if v)
        return (f"{self.path} belongs to another learner ({who}); it was not changed. If that is "
                f"you, type the same name and id. Otherwise set {RESULTS_DIR_ENV} to a folder of "
                "your own, or move that file away, then run the quiz cell again.")

    def save(self) -> Path:
        """Write atomically; on failure, report and keep the answers in memory."""
        self.data["saved_at"] = utc_now()
        text = json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        try:
            atomic_write(self.path, text.encode("utf-8"))
        except OSError as err:
            self._report(f"could not save your answers to {self.path} ({err.strerror or err}). "
                         f"Set {RESULTS_DIR_ENV} to a folder you can write to.")
        return self.path


_OPEN: dict[Path, ResultsFile] = {}


def results_file(course_id: str | None = None, assignment: dict | None = None) -> ResultsFile:
    """The results file of this course (default: the course of the notebook's bundle)."""
    if course_id is None:
        bundle = load_bundle()
        course_id, assignment = bundle["course"]["id"], bundle.get("assignment")
    path = results_path(course_id, (assignment or {}).get("id")).resolve()
    if path not in _OPEN:
        _OPEN[path] = ResultsFile(course_id, assignment, path)
    return _OPEN[path]


def set_learner(name: str, learner_id: str = "", course_id: str | None = None) -> Path:
    """Put your name (and student id) on your results file. Returns the file's path."""
    results = results_file(course_id)
    results.set_learner(name, learner_id)
    return results.path


def save_results(course_id: str | None = None) -> Path:
    """Save now and return the path of the file to hand in to your instructor."""
    results = results_file(course_id)
    results.data = results._read()
    return results.save()
