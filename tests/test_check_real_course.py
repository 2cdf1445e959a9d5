"""The real course (course/) must pass the check: no error-level finding, grade 8 or lower."""
from __future__ import annotations

from pathlib import Path

import pytest

from patientcourse.checks import run_checks
from patientcourse.render.report_page import report_page
from patientcourse.structure import load_course

COURSE = Path(__file__).resolve().parents[1] / "course"


@pytest.fixture(scope="module")
def report():
    # Notebooks are generated, not always present; their rules are tested on fixtures.
    # The day of the last review, not today: the test must not start failing with the clock
    # (the review-date rule itself is tested at its boundaries in test_boundaries.py).
    course = load_course(COURSE)
    return run_checks(course, today=course.meta.last_reviewed, notebooks_dir=None)


def test_real_course_has_no_error_level_findings(report):
    errors = [str(f) for f in report.findings if f.severity == "error"]
    assert errors == []


def test_every_chapter_reads_at_grade_8_or_lower(report):
    grades = {c.chapter.id: c.readability.fk_grade for c in report.chapters}
    assert len(grades) == 5 and all(g <= 8 for g in grades.values()), grades


def test_quiz_tools_and_boxes_of_every_chapter_read_at_grade_8_or_lower(report):
    grades = {(c.chapter.id, part): r.fk_grade for c in report.chapters for part, r in c.text_parts.items()}
    assert {part for _, part in grades} == {"boxes", "quiz", "widgets"}
    assert len(grades) == 5 * 3 and all(g <= 8 for g in grades.values()), grades


def test_no_sentence_a_learner_reads_is_longer_than_25_words(report):
    assert [str(f) for f in report.findings if f.rule == "long-sentence"] == []


def test_the_fascia_research_congress_quotation_is_kept_and_not_scored(report):
    chapter = next(c for c in report.chapters if c.chapter.id == "01-fascia-anatomy")
    source = Path(chapter.chapter.file).read_text(encoding="utf-8")
    assert "> “a sheath, a sheet, or any other dissectible aggregations" in source
    from patientcourse.checks.readability import chapter_paragraphs
    assert not any("dissectible" in p.text for p in chapter_paragraphs(chapter.chapter))


def test_report_page_for_the_real_course(report):
    page = report_page(report.course, report)
    assert all(f"## {c.chapter.number}. {c.chapter.title}" in page for c in report.chapters)
