"""The parts of a check a build keeps, each under a hash of exactly what it reads.

A chapter's findings come in three parts, by what they read (``run.check_chapter``):

* ``chapter``: its readability (prose, boxes, quiz, tools) and the rules that read only the
  chapter's own files, the course's settings (course.yml's fields, the ``checks:`` limits) and
  the course id;
* ``glossary``: the rules that also read the glossary (glossary links and list, jargon);
* ``widgets``: the figures in its widgets' drawn faces (the widgets' data, the course id and
  the runtime that draws them).

Each part is stored as JSON under ``sha256(salt, part name, inputs)``; the salt is the
builder's and runtime's code fingerprint and the versions of the libraries that score text,
so a part made by other code or libraries is never reused. The rules read no clock: the
review-date rule, the notebook rules and the source trace are course-wide and run every
time, helped by the memos of ``memo.py`` (sentence splits, word frequencies), kept here too.
A stored part is what the same rules returned for the same inputs (JSON keeps strings,
integers and floats exactly), so a check made of stored parts equals a fresh one
(``tests/test_check_reuse.py``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write

from ..structure import Chapter, Course
from .findings import Finding
from .readability import Readability, Sentence
from .thresholds import Thresholds

SCHEMA = "patientcourse.check-part/1"


@dataclass
class Part:
    """What one part of a chapter's check found: findings by rule (``"text"`` for the
    readability limits), and for the ``chapter`` part the chapter's readability."""
    findings: dict[str, list[Finding]]
    readability: Readability | None = None
    text_parts: dict[str, Readability] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"schema": SCHEMA,
                "findings": {rule: [f.to_json() for f in found] for rule, found in self.findings.items()},
                "readability": self.readability.to_json() if self.readability else None,
                "text_parts": {name: r.to_json() for name, r in self.text_parts.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "Part":
        def readability(r: dict) -> Readability:
            return Readability(**(r | {"longest_sentences": [Sentence(**s) for s in r["longest_sentences"]]}))

        return cls({rule: [Finding(**f) for f in found] for rule, found in data["findings"].items()},
                   readability(data["readability"]) if data["readability"] else None,
                   {name: readability(r) for name, r in data["text_parts"].items()})


@dataclass
class PartStore:
    """Stored parts in ``folder``; ``used`` collects the files this check read or wrote, so
    the caller can prune the others."""
    folder: Path
    salt: str
    used: set[str] = field(default_factory=set)

    def reuse_or_run(self, name: str, inputs: list[bytes], run) -> Part:
        digest = hashlib.sha256(f"{self.salt}\0{name}\0".encode())
        for data in inputs:
            digest.update(hashlib.sha256(data).digest())  # hashed one by one: no two input lists collide
        path = self.folder / f"{name}-{digest.hexdigest()}.json"
        self.used.add(path.name)
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("schema") == SCHEMA:
                    return Part.from_json(data)
            except (ValueError, TypeError, KeyError):
                pass  # a damaged file is run again and rewritten
        part = run()
        atomic_write(path, json.dumps(part.to_json(), ensure_ascii=False).encode("utf-8"))
        return part


    def memo(self, name: str) -> dict:
        """A stored {input: result} table of a pure function (``memo.MEMOS``), or {}."""
        path = self._memo_path(name)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return data["table"] if data.get("schema") == SCHEMA else {}
        except (OSError, ValueError, TypeError, KeyError):
            return {}

    def keep_memo(self, name: str, table: dict) -> None:
        self.used.add(self._memo_path(name).name)
        atomic_write(self._memo_path(name), json.dumps({"schema": SCHEMA, "table": table},
                                                       ensure_ascii=False).encode("utf-8"))

    def _memo_path(self, name: str) -> Path:
        return self.folder / f"{name}-{hashlib.sha256(self.salt.encode()).hexdigest()}.json"


def _file(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b"(missing)"


def chapter_inputs(course: Course, chapter: Chapter, t: Thresholds) -> list[bytes]:
    """What the ``chapter`` part reads: the chapter (as loaded, and its files, whose lines
    findings point at), the course's settings and id, the limits."""
    md = Path(chapter.file)
    return [chapter.model_dump_json().encode(), _file(md), _file(md.with_name(f"{chapter.id}.quiz.yml")),
            _file(md.with_name(f"{chapter.id}.widgets.yml")), course.id.encode(),
            course.meta.model_dump_json().encode(), t.model_dump_json().encode()]


def glossary_inputs(course: Course, chapter: Chapter, t: Thresholds) -> list[bytes]:
    return chapter_inputs(course, chapter, t) + [course.glossary.model_dump_json().encode()]


def widget_inputs(course: Course, chapter: Chapter) -> list[bytes]:
    return [chapter.id.encode(), chapter.file.encode(), course.id.encode(),
            json.dumps([w.model_dump(mode="json") for w in chapter.widgets], sort_keys=True).encode()]
