"""Medical review on record: who reviewed what and when, chapter sign-offs, and what every
page says about it. Reviews are only ever read from ``reviews:`` in course.yml."""
from .status import ChapterReview, chapter_fingerprint, chapter_review, review_sentence

__all__ = ["ChapterReview", "chapter_fingerprint", "chapter_review", "review_sentence"]
