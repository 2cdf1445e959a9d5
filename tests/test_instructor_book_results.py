"""A results file downloaded from the book (real quiz runtime, Debian Chromium) and one written
by the notebook, with the same answers, grade the same."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

# The browser fixtures live with the browser tests; reuse them rather than copy them.
from browser.conftest import browser_context, chromium_browser, page, serve  # noqa: F401
from patientcourse.instructor.grading import Grader
from quiz_samples import CH1, CH2, sample_course, write_sample_site
from test_instructor_grading import notebook_file

ANSWERS = {"fa-made-of": ("b. Collagen", "b"), "fa-proven": ("True", True)}


@pytest.mark.browser
def test_book_download_and_notebook_file_grade_the_same(page, serve, tmp_path):
    site = serve(write_sample_site(tmp_path / "site"))
    page.goto(f"{site}/notebooks/{CH1}.html")
    for question_id, (label, _) in ANSWERS.items():
        fieldset = page.locator(f'fieldset[data-pc-question="{question_id}"]')
        fieldset.get_by_label(label).check()
        fieldset.get_by_role("button", name="Check answer").click()
    expect(page.locator("[data-pc-score]")).to_contain_text("Answered: 2 of 6")
    page.goto(f"{site}/book/progress.html")
    page.get_by_label("Your name").fill("Ada")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results").click()
    from_book = tmp_path / "from-book.json"
    info.value.save_as(from_book)

    from_notebook = notebook_file(tmp_path / "from-notebook.json", "Bea",
                                  {CH1: {qid: answer for qid, (_, answer) in ANSWERS.items()}})
    book = Grader(sample_course()).grade([from_book, from_notebook])
    assert book.skipped == []
    points = {g.origin: g.points for g in book.grades}
    assert points == {"book": {CH1: 1.0, CH2: 0.0}, "notebook": {CH1: 1.0, CH2: 0.0}}
