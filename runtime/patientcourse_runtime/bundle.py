"""Read the runtime bundle (``course.json``) that sits beside the chapter notebooks.

The bundle, not the course source, is what a notebook needs at run time, so a student pack
works with only its notebooks and a ``pip install`` of this package.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

BUNDLE_NAME = "course.json"


class BundleNotFound(FileNotFoundError):
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
    raise BundleNotFound(f"no {BUNDLE_NAME} found in {here} or its parents. Open the notebook from "
                         "the course's notebooks/ folder, or run `patientcourse generate` first.")


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_bundle(path: Path | None = None) -> dict:
    path = path or find_bundle()
    return _read(str(path), path.stat().st_mtime)


def chapter_data(chapter_id: str, bundle: dict | None = None) -> dict:
    bundle = bundle or load_bundle()
    try:
        return bundle["chapters"][chapter_id]
    except KeyError:
        known = ", ".join(bundle["chapters"])
        raise KeyError(f"chapter {chapter_id!r} is not in this course; it has: {known}") from None
