"""Course-wide rules about the record: review dates, chapter sign-offs, and what course.yml
says about the source article. Each takes today's date explicitly, so tests can pin it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..review import chapter_fingerprint, chapter_review
from ..structure import Course
from .findings import Finding
from .thresholds import Thresholds, course_yml


def _file(course: Course) -> str:
    return str(Path(course.root) / "course.yml")


def review_dates(course: Course, t: Thresholds, today: dt.date | None) -> list[Finding]:
    meta, source, file = course.meta, course_yml(course), _file(course)
    if meta.next_review_due is None:
        return [Finding("review-dates", "error", file, source.line_of(("next_review_due",)),
                        "no next_review_due: the course does not say when it will be reviewed next.",
                        "Add 'next_review_due: YYYY-MM-DD' (within a year) to course.yml.")]
    if today is None:  # no clock (e.g. a generated page must not change from day to day)
        return []
    line, due = source.line_of(("next_review_due",)), meta.next_review_due
    late = (today - due).days
    if late > t.review_grace_days:
        return [Finding("review-dates", "error", file, line,
                        f"next_review_due {due} is in the past (today is {today}): the review is "
                        f"{late} days overdue, more than the {t.review_grace_days} days allowed.",
                        "Review the chapters against the article, record it under 'reviews:' "
                        "and set next_review_due to a date within a year.")]
    if late >= 0:
        return [Finding("review-dates", "warning", file, line,
                        f"the review was due on {due} ({late} days ago); the build stops "
                        f"{t.review_grace_days - late + 1} days from now.",
                        "Review the course, record it under 'reviews:' and set a new next_review_due.")]
    if -late <= t.review_warning_days:
        return [Finding("review-dates", "warning", file, line,
                        f"the next review is due on {due}, in {-late} days.",
                        "Plan the review; then record it under 'reviews:' and set a new next_review_due.")]
    if meta.last_reviewed and meta.last_reviewed > today:
        return [Finding("review-dates", "error", file, source.line_of(("last_reviewed",)),
                        f"last_reviewed {meta.last_reviewed} is in the future (today is {today}).",
                        "Set last_reviewed to the day the course was last checked against the article.")]
    future = [(i, r) for i, r in enumerate(meta.reviews) if r.date > today]
    return [Finding("review-dates", "error", file, source.line_of(("reviews", i, "date")),
                    f"the review by {r.who} is dated {r.date}, in the future (today is {today}).",
                    "Record a review only once it has happened, with its real date.")
            for i, r in future]


def review_signoff(course: Course, t: Thresholds) -> list[Finding]:
    source, file, findings = course_yml(course), _file(course), []
    known = {c.id: c for c in course.chapters}
    for i, review in enumerate(course.meta.reviews):
        for chapter_id in review.chapters:
            if chapter_id not in known:
                findings.append(Finding("review-signoff", "error", file,
                                        source.line_of(("reviews", i, "chapters", chapter_id)),
                                        f"the review by {review.who} signs off {chapter_id!r}, which is "
                                        "not a chapter of this course.",
                                        f"Use one of: {', '.join(known)}."))
    for chapter in course.chapters:
        status = chapter_review(course, chapter)
        if status.changed_after:
            r = status.changed_after
            i = course.meta.reviews.index(r)
            findings.append(Finding(
                "review-signoff", "warning", file, source.line_of(("reviews", i, "chapters", chapter.id)),
                f"{chapter.id} changed after {r.who} signed it off on {r.date}, so it counts as not "
                f"reviewed (fingerprint now {chapter_fingerprint(chapter)}, signed "
                f"{r.chapters[chapter.id]}).",
                "Ask for a review of the changes (the trace page shows them), then record the new "
                "sign-off with the new fingerprint.", chapter.id))
    return findings


def source_details(course: Course, t: Thresholds) -> list[Finding]:
    src, located, file = course.meta.source, course_yml(course), _file(course)
    missing = [(field, what) for field, what, value in (
        ("publisher", "who published the article", src.publisher),
        ("last_updated", "when the article was last updated", src.last_updated),
        ("authors", "who wrote the article", src.authors)) if not value]
    return [Finding("source-details", "error", file, located.line_of(("source", field)),
                    f"source.{field} is blank: the credit on every page cannot say {what}.",
                    f"Fill in source.{field} from the article (look at its byline and page).")
            for field, what in missing]
