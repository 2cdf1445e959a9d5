"""Where a course's source article is: a module of its own, so a build that only hashes the
article (``book/checked.py``) does not load the alignment's libraries."""
from __future__ import annotations

from pathlib import Path

from ..structure import Course


def source_path(course: Course) -> Path:
    """Where course.yml says the article's text is (relative to the project folder)."""
    return Path(course.root).resolve().parent / course.meta.source.file
