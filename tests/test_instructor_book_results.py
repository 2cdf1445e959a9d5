"""A results file downloaded from the book (real quiz runtime, Debian Chromium) and one written
by the notebook, with the same answers, grade the same.

The browser tests' session browser (tests/browser/conftest.py) is visible only in that folder,
and a second Playwright sync session cannot start in the same thread while it is open. So this
test drives its own Chromium in a worker thread, with the same binary, flags and skip rule."""
from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from browser.conftest import CHROMIUM, in_ci, launch_chromium, serve_directory
from patientcourse.instructor.grading import Grader
from quiz_samples import CH1, CH2, sample_course, write_sample_site
from test_instructor_grading import notebook_file

ANSWERS = {"fa-made-of": ("b. Collagen", "b"), "fa-proven": ("True", True)}


def download_results_from_the_book(site: str, dest: Path) -> list[str]:
    """Answer two questions as a learner, download the results file; return console errors."""
    from playwright.sync_api import expect, sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_context(accept_downloads=True).new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
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
        info.value.save_as(dest)
        browser.close()
    return errors


@pytest.mark.browser
def test_book_download_and_notebook_file_grade_the_same(tmp_path):
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        if in_ci():
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI=true, so browser tests must run.")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    site, stop = serve_directory(write_sample_site(tmp_path / "site"))
    from_book = tmp_path / "from-book.json"
    try:
        with ThreadPoolExecutor(max_workers=1) as worker:
            errors = worker.submit(download_results_from_the_book, site, from_book).result(timeout=120)
    finally:
        stop()
    assert errors == []

    from_notebook = notebook_file(tmp_path / "from-notebook.json", "Bea",
                                  {CH1: {qid: answer for qid, (_, answer) in ANSWERS.items()}})
    book = Grader(sample_course()).grade([from_book, from_notebook])
    assert book.skipped == []
    points = {g.origin: g.points for g in book.grades}
    assert points == {"book": {CH1: 1.0, CH2: 0.0}, "notebook": {CH1: 1.0, CH2: 0.0}}
