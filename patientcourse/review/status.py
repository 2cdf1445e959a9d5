"""Which review covers a chapter, and whether the chapter changed after it was signed off.

A sign-off records the chapter's fingerprint: a hash of everything a reader of that chapter
sees (front matter, sections, quiz, widgets). Editing any of it changes the fingerprint, so
the sign-off no longer counts and the chapter is flagged as not reviewed.
"""
from __future__ import annotations

import hashlib
import json
from typing import Callable
from dataclasses import dataclass

from ..structure import Chapter, Course
from ..structure.course import Review, long_date


def chapter_fingerprint(chapter: Chapter) -> str:
    """12 hex digits that change whenever the chapter's content changes (not its line numbers)."""
    content = chapter.model_dump(mode="json", exclude={"file"})
    for section in content["sections"]:
        section.pop("line"), section.pop("body_line")
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class ChapterReview:
    review: Review | None  # the latest sign-off that still matches the chapter
    changed_after: Review | None  # the latest sign-off, if the chapter changed since

    @property
    def reviewed(self) -> bool:
        return self.review is not None


def chapter_review(course: Course, chapter: Chapter) -> ChapterReview:
    signed = sorted((r for r in course.meta.reviews if chapter.id in r.chapters), key=lambda r: r.date)
    if not signed:
        return ChapterReview(None, None)
    latest = signed[-1]
    if latest.chapters[chapter.id] == chapter_fingerprint(chapter):
        return ChapterReview(latest, None)
    return ChapterReview(None, latest)


def review_sentence(course: Course, chapter: Chapter | None = None, text: Callable[[str], str] = str) -> str:
    """What a page says about medical review: by whom and when, or plainly that there is none,
    and when the next review is due. Reviewers' names pass through ``text`` (an escaper)."""
    meta = course.meta
    if chapter is not None:
        status = chapter_review(course, chapter)
        if status.reviewed:
            said = f"Reviewed by {status.review.who_in(text)} on {long_date(status.review.date)}."
        elif status.changed_after:
            said = (f"Not reviewed: this chapter changed after {status.changed_after.who_in(text)} reviewed "
                    f"it on {long_date(status.changed_after.date)}.")
        else:
            said = "Not yet reviewed by a medical reviewer."
    elif meta.latest_review:
        said = f"Reviewed by {meta.latest_review.who_in(text)} on {long_date(meta.latest_review.date)}."
    else:
        said = "Not yet reviewed by a medical reviewer."
    due = f" Next review due {long_date(meta.next_review_due)}." if meta.next_review_due else ""
    return said + due
