"""Medical review on record: every page says who reviewed it and when (or that nobody has),
chapter sign-offs, and a chapter changed after its sign-off counts as not reviewed."""
from __future__ import annotations

import datetime as dt

import nbformat

from test_check_fixtures import TODAY, make_course, write_course
from patientcourse.checks import run_checks
from patientcourse.render.project import render_project
from patientcourse.review import chapter_fingerprint
from patientcourse.structure import load_course


def first_cell(files: dict, chapter: str) -> str:
    return nbformat.reads(files[f"notebooks/{chapter}.ipynb"].decode(), as_version=4).cells[0].source


def signed(tmp_path, fingerprint: str, chapter: str = "01-demo"):
    return make_course(tmp_path, course_extra=f"""\
        reviews:
          - reviewer: Dr. Rita Reviewer
            credentials: MD
            date: 2026-11-10
            reviewed: Chapter 1 against the article
            chapters:
              {chapter}: {fingerprint}
        """)


def test_real_course_records_no_review_and_every_page_says_so(course):
    assert course.meta.reviews == []  # no medical review has happened; none is invented
    for rel, data in render_project(course).items():
        if rel.endswith((".md", ".ipynb")):
            text = data.decode()
            assert "Not yet reviewed by a medical reviewer. Next review due November 24, 2027." in text, rel
            assert "Reviewed by" not in text, rel


def test_a_signed_off_chapter_shows_its_reviewer_until_it_changes(tmp_path):
    fingerprint = chapter_fingerprint(make_course(tmp_path / "probe").chapters[0])
    course = signed(tmp_path / "a", fingerprint)
    files = render_project(course)
    assert "Reviewed by Dr. Rita Reviewer, MD on November 10, 2026. Next review due November 1, 2027." \
        in first_cell(files, "01-demo")
    assert "- Dr. Rita Reviewer, MD, November 10, 2026: Chapter 1 against the article (chapters signed off: 01-demo)" \
        in files["book/sources.md"].decode()
    assert [f for f in run_checks(course, today=TODAY, notebooks_dir=None).findings if f.rule == "review-signoff"] == []

    # Edit one sentence after the sign-off: the page and the check say it is not reviewed.
    root = write_course(tmp_path / "b", body="## What is fascia?\n\n{term}`Fascia` is a thin sheet of tissue. "
                        "It wraps your muscles.\n", course_extra=f"""\
        reviews:
          - reviewer: Dr. Rita Reviewer
            credentials: MD
            date: 2026-11-10
            reviewed: Chapter 1 against the article
            chapters:
              01-demo: {fingerprint}
        """)
    changed = load_course(root)
    assert chapter_fingerprint(changed.chapters[0]) != fingerprint
    assert ("Not reviewed: this chapter changed after Dr. Rita Reviewer, MD reviewed it on November 10, 2026."
            in first_cell(render_project(changed), "01-demo"))
    [finding] = [f for f in run_checks(changed, today=TODAY, notebooks_dir=None).findings if f.rule == "review-signoff"]
    lines = (root / "course.yml").read_text().split("\n")
    assert finding.severity == "warning" and finding.line == lines.index(f"      01-demo: {fingerprint}") + 1
    assert "01-demo changed after Dr. Rita Reviewer, MD signed it off on 2026-11-10" in finding.message


def test_fingerprint_ignores_line_shifts_but_not_words(tmp_path):
    base = make_course(tmp_path / "a").chapters[0]
    moved = make_course(tmp_path / "b", body="\n\n" + "## What is fascia?\n\n{term}`Fascia` is a thin sheet of "
                        "tissue. It wraps your muscles. Fascia can get tight.\nWhen it is tight, it can hurt. "
                        "A gentle rub can help it relax.\n").chapters[0]
    reworded = make_course(tmp_path / "c", body="## What is fascia?\n\n{term}`Fascia` is a thin sheet of tissue. "
                           "It wraps your muscles. Fascia can get tight.\nWhen it is tight, it can ache. "
                           "A gentle rub can help it relax.\n").chapters[0]
    assert chapter_fingerprint(base) == chapter_fingerprint(moved)
    assert chapter_fingerprint(base) != chapter_fingerprint(reworded)


def test_sign_off_of_an_unknown_chapter_and_a_review_in_the_future_are_errors(tmp_path):
    course = signed(tmp_path, "0123456789ab", chapter="07-nope")
    errors = {f.rule: f for f in run_checks(course, today=dt.date(2026, 11, 5), notebooks_dir=None).findings
              if f.severity == "error"}
    assert "signs off '07-nope', which is not a chapter" in errors["review-signoff"].message
    assert "dated 2026-11-10, in the future (today is 2026-11-05)" in errors["review-dates"].message


def test_reviews_are_validated_with_located_errors(tmp_path):
    root = write_course(tmp_path, course_extra="reviews:\n  - reviewer: Dr. X\n    date: 2026-13-01\n"
                        "    reviewed: all\n")
    from patientcourse.structure import CourseError
    try:
        load_course(root)
    except CourseError as err:
        [problem] = err.problems
        assert problem.field == "reviews[0].date" and problem.line == 20
    else:
        raise AssertionError("a bad review date loaded")
