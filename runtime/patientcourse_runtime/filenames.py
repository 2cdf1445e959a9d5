"""The name of a results file: ``<course>[--<assignment>][--<learner>].json``.

An instructor collects one file from every learner into one folder, so once a learner has
given a name or id the file name carries it and two learners' files never collide. Names
keep their letters in any script ("José Núñez" → ``josé-núñez``), so an instructor can still
read them; everything that is not a letter, mark or digit becomes one ``-``, which keeps the
name safe on Windows, macOS and Linux.

The book's "Download my results" (``patientcourse/web/progress.js``, ``safePart``) makes the
same names; ``tests/fixtures/file_names.json`` holds the cases both are checked against.
"""
from __future__ import annotations

import unicodedata

MAX_PART = 60  # characters of one part; a file name stays well under every system's limit
SEPARATOR = "--"


def safe_part(text: str) -> str:
    """``text`` as part of a file name: lower case, letters/marks/digits/underscores kept,
    every other run of characters one ``-``, at most ``MAX_PART`` characters."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text).lower():
        if unicodedata.category(char)[0] in "LMN" or char == "_":
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:MAX_PART].strip("-")


def learner_part(learner: dict) -> str:
    """The learner's name and id as one file-name part (``ada-lovelace-s-12``); "" if anonymous."""
    return "-".join(p for p in (safe_part(learner.get("name", "")), safe_part(learner.get("id", ""))) if p)


def results_file_name(course_id: str, assignment_id: str | None = None, learner: dict | None = None) -> str:
    parts = [course_id, assignment_id or "", learner_part(learner or {})]
    return SEPARATOR.join(p for p in parts if p) + ".json"
