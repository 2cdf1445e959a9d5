"""Read the runtime bundle (``course.json``) that sits beside the chapter notebooks.

The bundle, not the course source, is what a notebook needs at run time, so a student pack
works with only its notebooks and a ``pip install`` of this package.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from .messages import LearnerError

BUNDLE_NAME = "course.json"
# What a learner reads when the notebook's data is missing or damaged: one sentence, in the
# learner's terms (the file and where it came from), never a traceback or a builder command.
MISSING = (f"This chapter needs the file {BUNDLE_NAME}, which came with your course pack: put it back "
           "in the same folder as this notebook, then run this cell again.")
DAMAGED = (f"The file {BUNDLE_NAME}, which came with your course pack, is damaged: copy it again from "
           "the pack into the folder of this notebook, then run this cell again.")


class BundleNotFound(LearnerError, FileNotFoundError):
    pass


class BundleDamaged(LearnerError, ValueError):
    pass


def find_bundle(start: Path | None = None) -> Path:
    """``course.json`` in the working directory (where Jupyter runs a notebook) or a parent."""
    override = os.environ.get("PATIENTCOURSE_BUNDLE")
    if override:
        return Path(override)
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        for candidate in (folder / BUNDLE_NAME, folder / "notebooks" / BUNDLE_NAME):
            if candidate.is_file():
                return candidate
    raise BundleNotFound(MISSING)


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BundleDamaged(DAMAGED) from None
    if not isinstance(data, dict) or not isinstance(data.get("chapters"), dict):
        raise BundleDamaged(DAMAGED)
    return data


def load_bundle(path: Path | None = None) -> dict:
    path = path or find_bundle()
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise BundleNotFound(MISSING) from None
    return _read(str(path), mtime)


def chapter_data(chapter_id: str, bundle: dict | None = None) -> dict:
    bundle = bundle or load_bundle()
    try:
        return bundle["chapters"][chapter_id]
    except KeyError:
        known = ", ".join(bundle["chapters"])
        raise KeyError(f"chapter {chapter_id!r} is not in this course; it has: {known}") from None
