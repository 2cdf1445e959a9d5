"""The notebook's results file: every answer a learner gives, in the shape instructors grade.

Where it is
    ``./patientcourse-results/`` next to the notebook (Jupyter's working directory), or the
    folder named by the environment variable ``PATIENTCOURSE_RESULTS_DIR``. Its name is
    ``<course>[--<assignment>].json`` until the learner gives a name or id, then
    ``<course>[--<assignment>]--<name>-<id>.json`` (``filenames.py``), so the files an
    instructor collects never collide.

What is in it
    The shape of ``results.py`` (the book's "Download my results" writes the same one). For each
    question: the last answer, the first answer, the number of attempts and their times.

In a notebook::

    from patientcourse_runtime import set_learner, save_results
    set_learner("Ada Lovelace", "student-12")   # once; the quiz also has name/id fields
    save_results()                              # -> the path of the file to hand in

Safety
    * Every change is read-merge-write under a lock (``filelock``; the lock file is the hidden
      ``.<course>[--<assignment>].lock`` beside it), so notebooks open at once, even in two
      processes, never undo each other's answers.
    * Every write goes to a temporary file that then replaces the old one, so a crash never
      leaves half a file; then the same bytes go to ``<name>.json.bak``, the last good copy.
    * A damaged file is moved aside (``<name>.json.<UTC time>.damaged``) and restored from
      its ``.bak`` copy, with a notice, so nothing that was saved is lost.
    * A file that names another learner is never written to and its answers are not shown:
      this learner's answers go to a file of their own, and the notice says which.
    * A file with no name or id on it is not saved for hand-in (``save_results`` says why).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .bundle import load_bundle
from .fileio import atomic_write, file_lock
from .filenames import results_file_name
from .merging import merge_answers, new_entry
from .messages import LearnerError
from .results import SCHEMA, VERSION, ResultsInvalid, parse_results

RESULTS_DIR_ENV = "PATIENTCOURSE_RESULTS_DIR"
DEFAULT_DIR_NAME = "patientcourse-results"
LOCK_TIMEOUT = 30  # seconds: a save takes milliseconds, so only a stuck process makes us wait
NOBODY = {"name": "", "id": ""}


class ResultsFileError(LearnerError):
    """Something a learner must sort out before answers can be saved (the message says what)."""


class AnonymousResults(ResultsFileError):
    pass


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def results_dir() -> Path:
    override = os.environ.get(RESULTS_DIR_ENV)
    return Path(override) if override else Path.cwd() / DEFAULT_DIR_NAME


def results_path(course_id: str, assignment_id: str | None = None, learner: dict | None = None) -> Path:
    return results_dir() / results_file_name(course_id, assignment_id, learner)


def empty_results(course_id: str, assignment: dict | None = None) -> dict:
    return {"schema": SCHEMA, "version": VERSION, "course": course_id, "assignment": assignment,
            "learner": dict(NOBODY), "origin": "notebook", "saved_at": None, "chapters": {}}


def check_shape(data, course_id: str, assignment_id: str | None = None) -> None:
    """Raise ValueError saying what is wrong if ``data`` is not a results file of this course
    (and assignment)."""
    try:
        results = parse_results(data)
    except ResultsInvalid as err:
        raise ValueError(str(err)) from None
    if results.course != course_id:
        raise ValueError(f"it is for course {results.course!r}, not {course_id!r}")
    found = results.assignment.id if results.assignment else None
    if found != assignment_id:
        raise ValueError(f"it is for assignment {found!r}, not {assignment_id!r}")


def is_bookkeeping(path: Path) -> bool:
    """The files a results file keeps beside it: its lock (``.<course>....lock``) and its last
    good copy (``<name>.json.bak``). Not hand-ins: a grader leaves them out."""
    name = path.name
    return name.endswith(".json.bak") or (name.startswith(".") and name.endswith(".lock"))


def is_anonymous(learner: dict) -> bool:
    return not (learner.get("name", "").strip() or learner.get("id", "").strip())


def same_learner(a: dict, b: dict) -> bool:
    """Two learner records that could be the same person (blank fields match anyone)."""
    def norm(value: str) -> str:
        return " ".join(value.split()).casefold()
    for key in ("id", "name"):
        x, y = norm(a.get(key, "")), norm(b.get(key, ""))
        if x and y:
            return x == y
    return True


@dataclass
class LearnerChange:
    """What ``set_learner`` did: the file now in use, and another learner's file it left alone."""
    path: Path
    left: Path | None = None


def results_bytes(data: dict) -> bytes:
    """A results file's bytes, as they are saved (and downloaded in the browser)."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class ResultsFile:
    """One learner's results for one course (and assignment), kept on disk.

    Problems (a damaged file restored, a write that failed) are collected in ``problems`` for
    the quiz to show; nothing here raises into the quiz except ``ResultsFileError``.
    ``path`` is the file in use; ``base`` (optional) the anonymous file of this course, whose
    folder holds the named files too."""

    def __init__(self, course_id: str, assignment: dict | None = None, path: Path | None = None):
        self.course_id = course_id
        self.assignment = assignment
        self.assignment_id = (assignment or {}).get("id")
        self.base = Path(path) if path else results_path(course_id, self.assignment_id)
        self.folder = self.base.parent
        self.path = self.base
        self.problems: list[str] = []
        self.data = empty_results(course_id, assignment)
        self.learner = dict(NOBODY)
        self._session: dict = empty_results(course_id, assignment)  # answered since the last switch
        self._pending: list[tuple[str, str, dict]] = []  # answers a failed write did not save
        self._lock = None  # file_lock(), made on first save
        self._seen_on_disk = False
        self._open()

    # -- which file -----------------------------------------------------------------------------
    def _open(self) -> None:
        """Carry on with the one results file of this course in the folder, if there is one.
        With several (two learners on one computer), show none until the learner says who."""
        found = self._files_of_this_course()
        if self.base.exists() and self.base not in found:
            found.append(self.base)  # damaged: reading it restores it
        if len(found) == 1:
            self.path = found[0]
        elif len(found) > 1:
            self._report(f"{self.folder} holds the results files of {len(found)} learners. Type your "
                         "name or student id above to carry on with yours.")
        self.data = self._read()
        self.learner = dict(self.data["learner"]) if len(found) <= 1 else dict(NOBODY)

    def _files_of_this_course(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in sorted(self.folder.glob("*.json")) if self._read_valid(p) is not None]

    def _read_valid(self, path: Path) -> dict | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            check_shape(data, self.course_id, self.assignment_id)
            return data
        except (OSError, ValueError):
            return None

    def _own_path(self, learner: dict) -> Path:
        """This learner's file: ``<...>--<name>-<id>.json``, or ``-2``, ``-3``… if a file of
        that name belongs to someone else."""
        name = results_file_name(self.course_id, self.assignment_id, learner)
        for n in range(1, 100):
            candidate = self.folder / (name if n == 1 else f"{name[:-5]}-{n}.json")
            other = self._read_valid(candidate) if candidate.exists() else None
            if other is None and candidate.exists() and candidate != self.path:
                continue  # something that is not this course's results file: leave it alone
            if other is None or same_learner(other["learner"], learner):
                return candidate
        raise ResultsFileError(f"{self.folder} has too many results files named like {name}; move the "
                               "old ones away.")

    # -- reading -------------------------------------------------------------------------------
    def _read(self) -> dict:
        """The file on disk (a damaged one is restored first), or, when it cannot be read,
        what we hold in memory; answers a failed write did not save are kept on top."""
        data = self._read_disk()
        for chapter_id, question_id, entry in self._pending:
            data["chapters"].setdefault(chapter_id, {"answers": {}}).setdefault("answers", {})[question_id] = entry
        return data

    def _read_disk(self) -> dict:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if self._seen_on_disk and self._follow_rename():
                return self._read_disk()
            return self.data
        except OSError as err:
            self._report(f"cannot read {self.path} ({err.strerror or err}). Your answers are kept "
                         "while this notebook runs; fix the file's permissions to save them.")
            return self.data
        try:
            data = json.loads(text)
            check_shape(data, self.course_id, self.assignment_id)
        except ValueError as err:  # json.JSONDecodeError is a ValueError and names line/column
            return self._restore(str(err))
        self._seen_on_disk = True
        return data

    def _follow_rename(self) -> bool:
        """Another notebook put the learner's name on our file, which renamed it: follow it."""
        found = self._files_of_this_course()
        if len(found) != 1 or not same_learner(self._read_valid(found[0])["learner"], self.learner):
            return False
        self.path = found[0]
        return True

    def _backup(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def _restore(self, why: str) -> dict:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        damaged = self.path.with_name(f"{self.path.name}.{stamp}.damaged")
        try:
            os.replace(self.path, damaged)
        except OSError as err:
            self._report(f"{self.path} is damaged ({why}) and could not be moved aside "
                         f"({err.strerror or err}). Move or delete it yourself to save answers.")
            return self.data
        good = self._read_valid(self._backup())
        if good is not None:
            try:
                atomic_write(self.path, self._backup().read_bytes())
            except OSError:
                pass  # the next save writes it; the answers are in memory meanwhile
            self._report(f"{self.path} was damaged ({why}). It was restored from its last good copy "
                         f"(saved {good.get('saved_at')}), so no saved answer was lost. The damaged "
                         f"file was kept as {damaged.name}.")
            return good
        self._report(f"{self.path} was damaged ({why}) and had no good copy. It was kept as "
                     f"{damaged.name}; a new results file was started. Give it to your instructor "
                     "if it matters.")
        fresh = empty_results(self.course_id, self.assignment)
        fresh["learner"] = dict(self.learner)
        return fresh

    def _report(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def _locked(self):
        """Hold the course's lock (made on first use: opening a notebook writes nothing)."""
        lock = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            stem = results_file_name(self.course_id, self.assignment_id)[:-len(".json")]
            self._lock = self._lock or file_lock(self.folder / f".{stem}.lock", LOCK_TIMEOUT)
            self._lock.acquire()
            lock = self._lock
        except TimeoutError:  # filelock's Timeout is one
            self._report(f"another notebook kept {self.folder} locked for {LOCK_TIMEOUT} s, so this "
                         "answer was not saved yet. It is kept while this notebook runs.")
        except OSError as err:
            self._report(f"could not save your answers in {self.folder} ({err.strerror or err}). "
                         f"Set {RESULTS_DIR_ENV} to a folder you can write to.")
        try:
            yield lock is not None
        finally:
            if lock is not None:
                lock.release()

    def _write(self, data: dict) -> None:
        """Write atomically, then the same bytes as the last good copy; on failure, report and
        keep the answers in memory."""
        data["saved_at"] = utc_now()
        self.data = data
        text = results_bytes(data)
        try:
            atomic_write(self.path, text)
            self._pending.clear()
            self._seen_on_disk = True
            atomic_write(self._backup(), text)
        except OSError as err:
            self._report(f"could not save your answers to {self.path} ({err.strerror or err}). "
                         f"Set {RESULTS_DIR_ENV} to a folder you can write to.")

    # -- what the quiz asks ---------------------------------------------------------------------
    def answers(self, chapter_id: str) -> dict:
        """``{question_id: {"answer", "answered_at", "attempts", "first_answer", ...}}``."""
        self.data = self._read()
        return dict(self.data["chapters"].get(chapter_id, {}).get("answers", {}))

    def record(self, chapter_id: str, question_id: str, answer) -> dict:
        """Store one attempt at a question and save. Returns the stored entry."""
        with self._locked():
            data = self._read()
            if not same_learner(data["learner"], self.learner):
                # Someone else's name appeared on this file: leave it (and do not show its name,
                # which names them); this learner gets a file of their own.
                left = self.path
                self.path = self._own_path(self.learner)
                data = self._read_valid(self.path) or self._fresh()
                merge_answers(data, self._session)
                self._report(f"The results file in use ({left.parent}) now names another learner, so it "
                             f"was left alone. Your answers are saved to {self.path.name} instead.")
            if is_anonymous(self.learner) and not is_anonymous(data["learner"]):
                self.learner = dict(data["learner"])  # named in place by another notebook
            data["learner"] = dict(self.learner)
            answers = data["chapters"].setdefault(chapter_id, {"answers": {}}).setdefault("answers", {})
            entry = new_entry(answers.get(question_id), answer, utc_now())
            answers[question_id] = entry
            self._pending.append((chapter_id, question_id, entry))
            session = self._session["chapters"].setdefault(chapter_id, {"answers": {}})["answers"]
            session[question_id] = new_entry(session.get(question_id), answer, entry["answered_at"])
            self._write(data)
        return entry

    def set_learner(self, name: str, learner_id: str = "") -> LearnerChange:
        """Put the learner's name and id on their results file, which is renamed to carry them.

        If the file in use names another learner, it is left exactly as it is: this learner
        continues in a file of their own (their answers of this session go with them)."""
        new = {"name": " ".join(name.split()), "id": learner_id.strip()}
        if is_anonymous(new):
            return LearnerChange(self.path)
        with self._locked():
            data = self._read()
            left = None
            if not same_learner(data["learner"], new):
                left, data = self.path, self._fresh()
                merge_answers(data, self._session)
            # Keep a field the learner left blank this time (e.g. the id typed in yesterday).
            learner = {k: new[k] or data["learner"].get(k, "") for k in ("name", "id")}
            before = self.path
            self.path = self._own_path(learner)
            if self.path != before:
                existing = self._read_valid(self.path)
                if existing is not None:  # e.g. answered in another notebook under this name
                    merge_answers(existing, data)
                    data = existing
            data["learner"] = learner
            self.learner = learner
            self._write(data)
            if self.path != before and left is None and self.path.exists():
                for old in (before, before.with_name(before.name + ".bak")):
                    old.unlink(missing_ok=True)  # renamed: the answers are in the new file
        if left is not None:
            self._session = empty_results(self.course_id, self.assignment)
        return LearnerChange(self.path, left)

    def _fresh(self) -> dict:
        return empty_results(self.course_id, self.assignment)

    def save(self) -> Path:
        """Save now (read-merge-write) and return the path."""
        with self._locked():
            self._write(self._read())
        return self.path


_OPEN: dict[tuple, ResultsFile] = {}


def results_file(course_id: str | None = None, assignment: dict | None = None) -> ResultsFile:
    """The results file of this course (default: the course of the notebook's bundle)."""
    if course_id is None:
        bundle = load_bundle()
        course_id, assignment = bundle["course"]["id"], bundle.get("assignment")
    key = (results_dir().resolve(), course_id, (assignment or {}).get("id"))
    if key not in _OPEN:
        _OPEN[key] = ResultsFile(course_id, assignment, results_path(course_id, key[2]).resolve())
    return _OPEN[key]


def set_learner(name: str, learner_id: str = "", course_id: str | None = None) -> Path:
    """Put your name (and student id) on your results file. Returns the file's path."""
    results = results_file(course_id)
    results.set_learner(name, learner_id)
    return results.path


def save_results(course_id: str | None = None) -> Path:
    """Save now and return the path of the file to hand in to your instructor. A file with no
    name or id on it is not saved for hand-in: the instructor could not tell whose it is."""
    results = results_file(course_id)
    results.data = results._read()
    if is_anonymous(results.learner):
        raise AnonymousResults("Your results have no name on them yet, so they were not saved for "
                               "hand-in. Type your name or student id in the quiz (or run "
                               "set_learner(\"Your Name\", \"your id\")), then run save_results() again.")
    problems = len(results.problems)
    path = results.save()
    if len(results.problems) > problems:
        raise ResultsFileError(results.problems[-1])
    return path
