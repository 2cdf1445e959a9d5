"""The class roster (``grade --roster roster.csv``), and who handed in which file.

The roster is a CSV file with a header row; columns, in any order (names ignore case):

=========== ========== ================================================================
column      required   what it holds
=========== ========== ================================================================
name        yes        the learner's name, as the LMS shows it ("Ada Lovelace" or
                       "Lovelace, Ada")
id          no         the student id learners type into the book or notebook
email       no         their email address (Moodle's usual identifier)
section     no         their section or group
lms_id      no         the LMS's own user id (Canvas's "ID" column), if known
=========== ========== ================================================================

A file is matched to a roster row by ``id`` first (the id the learner typed), then by
email (typed as id or name), then by name. Names are compared normalised: case, accents,
commas, full stops and word order are ignored, so "Lovelace, Ada" is "ada lovelace". A
name that fits two rows and nothing else decides is *ambiguous*: the file is graded, but
it goes into no gradebook until the instructor sorts it out.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from patientcourse_runtime.results import Learner

from ..structure.errors import Problem

COLUMNS = ("name", "id", "email", "section", "lms_id")
MAX_ROSTER_BYTES = 5_000_000  # tens of thousands of learners; anything bigger is not a roster


class RosterError(ValueError):
    """The roster cannot be used; each problem names the file, line and column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class RosterEntry:
    line: int
    name: str
    id: str = ""
    email: str = ""
    section: str = ""
    lms_id: str = ""

    @property
    def key(self) -> int:
        return self.line

    @property
    def label(self) -> str:
        return f"{self.name} ({self.id or self.email})" if self.id or self.email else self.name


@dataclass(frozen=True)
class RosterMatch:
    entry: RosterEntry | None
    by: str = ""  # "id", "email" or "name"
    candidates: tuple[RosterEntry, ...] = ()  # when the name fits several rows

    @property
    def ambiguous(self) -> bool:
        return self.entry is None and len(self.candidates) > 1


@dataclass
class Roster:
    path: str
    entries: list[RosterEntry]
    _by_id: dict[str, RosterEntry] = field(default_factory=dict, repr=False)
    _by_email: dict[str, RosterEntry] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[RosterEntry]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for entry in self.entries:
            if entry.id:
                self._by_id[fold(entry.id)] = entry
            if entry.email:
                self._by_email[fold(entry.email)] = entry
            self._by_name.setdefault(name_key(entry.name), []).append(entry)

    def match(self, learner: Learner) -> RosterMatch:
        typed_id, typed_name = fold(learner.id), fold(learner.name)
        if typed_id and typed_id in self._by_id:
            return RosterMatch(self._by_id[typed_id], "id")
        for typed in (typed_id, typed_name):
            if typed and typed in self._by_email:
                return RosterMatch(self._by_email[typed], "email")
        named = self._by_name.get(name_key(learner.name), []) if learner.name.strip() else []
        if len(named) == 1:
            return RosterMatch(named[0], "name")
        return RosterMatch(None, "", tuple(named))


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def name_key(name: str) -> str:
    """A name compared the way people read it: no case, accents, commas or word order."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.sub(r"[,.;]", " ", plain).casefold().split()
    return " ".join(sorted(words))


def read_roster(path: Path) -> Roster:
    """Read and check a roster CSV; ``RosterError`` lists every problem with its line."""
    def problem(line: int | None, column: str, message: str) -> RosterError:
        return RosterError([Problem(path, line, column, message)])

    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise problem(None, "", f"the file is larger than {MAX_ROSTER_BYTES:,} bytes; a roster "
                                    "is a small CSV with one row per learner.")
        text = path.read_bytes().decode("utf-8-sig")  # a spreadsheet may add a byte-order mark
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        raise problem(line, "", "not UTF-8 text. Save the roster as 'CSV UTF-8' and try again.") from None
    except OSError as err:
        raise problem(None, "", f"cannot read it ({err.strerror or err}). Check the --roster path.") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise problem(None, "", f"not a CSV file ({err}).") from None
    if not rows:
        raise problem(1, "", "the roster is empty. Its first line names the columns: name,id,email,section.")
    header = [h.strip().casefold() for h in rows[0]]
    problems = _check_header(path, header)
    if problems:
        raise RosterError(problems)
    entries, seen = [], {"id": {}, "email": {}}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) != len(header):
            problems.append(Problem(path, number, "", f"{len(row)} cells, but the header names "
                                    f"{len(header)} columns. Quote a value that holds a comma."))
            continue
        values = {column: " ".join(cell.split()) for column, cell in zip(header, row)}
        entry = RosterEntry(number, **{c: values.get(c, "") for c in COLUMNS})
        if not entry.name:
            problems.append(Problem(path, number, "name", "is empty. Every learner needs a name."))
        for column in ("id", "email"):
            value = fold(getattr(entry, column))
            if value and value in seen[column]:
                problems.append(Problem(path, number, column, f"{getattr(entry, column)!r} is on line "
                                        f"{seen[column][value]} too. Each learner needs their own {column}."))
            elif value:
                seen[column][value] = number
        entries.append(entry)
    if problems:
        raise RosterError(problems)
    return Roster(str(path), entries)


def _check_header(path: Path, header: list[str]) -> list[Problem]:
    problems = []
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        problems.append(Problem(path, 1, "", f"unknown column{'s' if len(unknown) > 1 else ''} "
                                f"{', '.join(repr(u) for u in unknown)}. The columns are: "
                                f"{', '.join(COLUMNS)} (only name is required)."))
    if "name" not in header:
        problems.append(Problem(path, 1, "name", "the header has no 'name' column. The first line "
                                "names the columns, e.g. name,id,email,section."))
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        problems.append(Problem(path, 1, "", f"column {', '.join(twice)} is named twice."))
    return problems
