"""The check thresholds, read from the ``checks:`` mapping of ``course/course.yml``.

Every field has a default taken from patient-education guidance (NIH: below grade 8;
AMA/HHS: grade 6; PEMAT: chunked text, short lists), so an empty ``checks:`` is fine.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..structure import Course
from ..structure.yamlsource import LocatedYaml, read_text, validate

# Every rule the check knows, with what it asks of a chapter (shown in the report page).
RULES: dict[str, str] = {
    "fk-grade": "Prose, boxes, quiz and tools each read at Flesch-Kincaid grade 8 or lower (aim for 6-7).",
    "long-sentence": "No sentence a learner reads (prose, boxes, quiz, tools) is longer than the limit.",
    "main-message": "The chapter states its main message first, in one short sentence.",
    "objectives": "The chapter lists its learning objectives.",
    "key-points": "The chapter sums up its key points (and each of its parts, if it has parts).",
    "heading-spacing": "A heading at least every N words.",
    "list-length": "Lists have at most 7 items.",
    "help-box": "Chapters that teach self-care have a box that says when, or whom, to ask for help.",
    "glossary-links": "Every glossary term is linked ({term} role) where the chapter first uses it.",
    "glossary-list": "The chapter's front-matter glossary list matches the terms it uses.",
    "numbers": "Numbers and percentages are flagged for a human look.",
    "images": "Every image has alt text and a caption.",
    "raw-html": "Chapter bodies hold no raw HTML, {raw} or {eval-rst} block (unless course.yml sets "
                "allow_raw_html: true, for a course whose every author is trusted).",
    "disclaimer-credit": "Every chapter page shows the disclaimer and the source credit.",
    "review-dates": "The next review date is set; a warning when it is due, an error some days after.",
    "review-signoff": "Chapter sign-offs name real chapters; a chapter changed after its sign-off is flagged.",
    "source-details": "course.yml names the article's publisher, 'last updated' date and authors.",
    "draft": "No section still holds only the original passage, and no 'TODO' is left.",
    "quiz-questions": "Every chapter has quiz questions of its own (not only the draft's placeholder).",
    "jargon": "Words rare in everyday English are in the glossary or explained in their sentence.",
    "source-trace": "Every sentence of the source article is carried by the course or left out with a reason.",
    "objective-questions": "Every learning objective has at least one quiz question.",
    "question-links": "Every question links to a section (and objective) that exists.",
}


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fk_grade_error: float = Field(8.0, gt=0, description="A chapter above this grade is an error.")
    fk_grade_warning: float = Field(6.0, gt=0, description="A chapter above this grade is a warning.")
    long_sentence_words: int = Field(25, ge=5, description="Sentences longer than this are flagged.")
    longest_sentences_shown: int = Field(3, ge=0, le=20)
    words_per_heading: int = Field(250, ge=50, description="Most words allowed between two headings.")
    max_list_items: int = Field(7, ge=2)
    max_objectives: int = Field(4, ge=1)
    main_message_words: int = Field(30, ge=5, description="Longest main message, in words.")
    review_warning_days: int = Field(30, ge=0, description="Warn this many days before a review is due.")
    review_grace_days: int = Field(30, ge=0, description="A review overdue by more than this many "
                                   "days is an error (the build stops); until then a warning.")
    passive_share: float = Field(0.2, ge=0, le=1, description="Most sentences in the passive voice "
                                 "a chapter may have for the PEMAT 'active voice' item.")
    jargon_zipf: float = Field(3.0, ge=0, le=8, description="A word rarer than this on wordfreq's Zipf "
                               "scale (3 = about once per million words) is jargon unless explained.")
    trace_carried: float = Field(0.6, gt=0, le=1, description="Share of a source sentence's words a "
                                 "course passage must hold to carry it.")
    trace_weak: float = Field(0.3, gt=0, le=1, description="... to carry it weakly (shown for review).")
    trace_from_source: float = Field(0.5, gt=0, le=1, description="Share of a course sentence's words "
                                     "the source must hold for it to count as from the source.")
    severity: dict[str, Literal["error", "warning", "info", "off"]] = Field(
        default_factory=dict, description="Per-rule override, e.g. {numbers: off}.")

    @field_validator("severity", mode="before")
    @classmethod
    def _off_is_false_in_yaml(cls, value):
        # YAML reads a bare `off` as false; authors mean the word.
        return {k: "off" if v is False else v for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("severity")
    @classmethod
    def _known_rules(cls, value: dict) -> dict:
        unknown = sorted(set(value) - set(RULES))
        if unknown:
            raise ValueError(f"no check rule named {', '.join(map(repr, unknown))}. "
                             f"Use one of: {', '.join(RULES)}.")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Thresholds":
        if self.trace_weak > self.trace_carried:
            raise ValueError("trace_weak must not be above trace_carried. Lower trace_weak.")
        if self.fk_grade_warning > self.fk_grade_error:
            raise ValueError("fk_grade_warning must not be above fk_grade_error "
                             f"({self.fk_grade_warning} > {self.fk_grade_error}). Lower the warning level.")
        return self


class _CourseYmlChecks(BaseModel):
    """Only the ``checks`` key of course.yml, so pydantic's error locations start at 'checks'."""
    model_config = ConfigDict(extra="ignore")
    checks: Thresholds = Field(default_factory=Thresholds)


def course_yml(course: Course) -> LocatedYaml:
    """course.yml with its line map (empty if the course was built in memory, without files)."""
    path = Path(course.root) / "course.yml"
    return LocatedYaml(read_text(path) if path.is_file() else "{}", path)


def load_thresholds(course: Course) -> Thresholds:
    """Validate ``course.meta.checks``; a bad value raises ``CourseError`` naming course.yml,
    the line and the field (e.g. ``course/course.yml:40: checks.max_list_items: ...``)."""
    return validate(_CourseYmlChecks, course_yml(course), data={"checks": course.meta.checks or {}}).checks
