"""The static quiz in a real browser (Debian Chromium), as a student uses the book.

Most tests run against a small book-shaped site made from tests/quiz_samples.py (one
question of every type, and a hostile prompt); the last ones run against the real built
book from the lead's ``built_book`` fixture. The ``page`` fixture fails a test on any
console error or any request that leaves 127.0.0.1.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from patientcourse_runtime.results import parse_results
from browser.journeys_support import press_and_wait, put_in_order
from quiz_samples import CH1, CH2, CHAPTER1_QUESTIONS, COURSE_ID, write_sample_site

STORE_KEY = f"patientcourse:{COURSE_ID}:{CH1}"


@pytest.fixture
def site(tmp_path, serve):
    return serve(write_sample_site(tmp_path / "site"))


@pytest.fixture
def assessment_site(tmp_path, serve):
    return serve(write_sample_site(tmp_path / "site", mode="assessment"))


def question(page, question_id):
    return page.locator(f'fieldset[data-pc-question="{question_id}"]')


def status(page, question_id):
    return question(page, question_id).locator('[role="status"]')


def stored(page, key=STORE_KEY):
    return page.evaluate("key => JSON.parse(localStorage.getItem(key))", key)


def score_line(page):
    return page.locator("[data-pc-score]")


# -- answering by mouse -------------------------------------------------------------------------

def test_right_answer_by_mouse_says_correct_in_words(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q = question(page, "fa-made-of")
    q.get_by_label("b. Collagen").click()
    q.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-made-of")).to_contain_text("Correct.")
    # The author's "Yes." is left off: the verdict is said once.
    expect(status(page, "fa-made-of").locator("li")).to_have_text(["Collagen also makes up ligaments and tendons."])
    expect(status(page, "fa-made-of")).to_contain_text("Why: Fasciae are made of collagen")
    expect(score_line(page)).to_have_text("Score: 1 of 6 points (first try: 1). Answered: 1 of 6 questions.")


def test_wrong_answer_by_mouse_says_not_correct_with_its_feedback_but_not_the_answer(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q = question(page, "fa-made-of")
    q.get_by_label("c. Fat").click()
    q.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-made-of")).to_contain_text("Not correct.")
    expect(status(page, "fa-made-of")).to_contain_text("The article says fasciae are made of collagen.")
    expect(status(page, "fa-made-of")).not_to_contain_text("Why:")
    expect(score_line(page)).to_have_text("Score: 0 of 6 points (first try: 0). Answered: 1 of 6 questions.")


def test_every_question_type_checks_right_wrong_and_partial(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    multiple = question(page, "fa-painful")
    multiple.get_by_label("c. Acute muscle injury").check()
    multiple.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-painful")).to_contain_text("Partly correct: 50% of the marks.")

    tf = question(page, "fa-proven")
    tf.get_by_label("True").check()
    tf.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-proven")).to_contain_text("Not correct.")
    expect(status(page, "fa-proven")).to_contain_text("not statistically significant")

    matching = question(page, "fa-rolling")
    matching.get_by_label("Side-lying IT band rolling").select_option(label="Do not roll past your knee")
    matching.get_by_label("Hamstring rolling").select_option(label="Cross your arms to opposite shoulders")
    matching.get_by_label("Thoracic spine rolling").select_option(label="Roll from your glutes to just above your knees")
    matching.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-rolling")).to_contain_text("Partly correct: 33% of the marks.")

    ordering = question(page, "fa-thoracic-steps")
    put_in_order(ordering, [step.text for step in CHAPTER1_QUESTIONS[4].steps])
    ordering.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-thoracic-steps")).to_contain_text("Correct.")
    expect(status(page, "fa-thoracic-steps")).to_contain_text("The order is right.")

    numeric = question(page, "fa-hold")
    numeric.get_by_label("Your answer, in minutes").fill("1,25")  # the tolerance edge, decimal comma
    numeric.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-hold")).to_contain_text("Correct.")
    numeric.get_by_label("Your answer, in minutes").fill("1.3 minutes")
    numeric.get_by_label("Your answer, in minutes").press("Enter")  # Enter in the field checks too
    expect(status(page, "fa-hold")).to_contain_text("Not correct.")

    answers = stored(page)["answers"]
    assert answers["fa-painful"]["answer"] == ["a"]
    assert answers["fa-proven"]["answer"] is True
    assert answers["fa-thoracic-steps"]["answer"] == CHAPTER1_QUESTIONS[4].step_ids()
    hold = answers["fa-hold"]
    assert hold == {"answer": 1.3, "answered_at": hold["answered_at"], "attempts": 2,
                    "first_answer": 1.25, "first_answered_at": hold["first_answered_at"]}  # the first try is kept
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", hold["answered_at"])
    assert hold["first_answered_at"] <= hold["answered_at"]


def test_incomplete_answer_asks_for_one_and_records_nothing(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    question(page, "fa-rolling").get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-rolling")).to_have_text("Choose a match for every item.")
    numeric = question(page, "fa-hold")
    numeric.get_by_role("button", name="Check answer").click()
    # The example is never the answer (1 here).
    expect(status(page, "fa-hold")).to_have_text("Type a number, for example 12.")
    numeric.get_by_label("Your answer, in minutes").fill("a few")
    numeric.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-hold")).to_have_text("“a few” is not a number. Type a number, for example 12.")
    assert stored(page) is None


def test_numbers_are_read_as_people_type_them(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    numeric = question(page, "fa-hold")
    for typed in ("one", " 1 ", "1.0", "1 minute", "One minute."):
        numeric.get_by_label("Your answer, in minutes").fill(typed)
        numeric.get_by_role("button", name="Check answer").click()
        expect(status(page, "fa-hold")).to_contain_text("Correct.")
        assert stored(page)["answers"]["fa-hold"]["answer"] == 1, typed


# -- keyboard only --------------------------------------------------------------------------------

def test_keyboard_only_answers_with_tab_arrows_space_and_enter(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    press_and_wait(page, "Tab")  # the first control on the page: question 1's radio group
    focused = page.evaluate("document.activeElement.id")
    assert focused == f"pc-{CH1}-fa-made-of-c"  # shown first: "a. Bone"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused control must show where focus is"
    page.keyboard.press("ArrowDown")  # moves to and selects b. Collagen
    press_and_wait(page, "Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    expect(status(page, "fa-made-of")).to_contain_text("Correct.")

    page.keyboard.press("Tab")  # question 2, first check box (a right answer hides Try again)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # shown a and b: Muscle strain (right), Reading a book (wrong)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(status(page, "fa-painful")).to_contain_text("Not correct. You found 1 of 2. One choice is wrong.")
    assert sorted(stored(page)["answers"]["fa-painful"]["answer"]) == ["b", "c"]

    question(page, "fa-painful").get_by_role("button", name="Try again").focus()
    page.keyboard.press("Enter")
    expect(status(page, "fa-painful")).to_have_text("")
    assert page.evaluate("document.activeElement.id") == f"pc-{CH1}-fa-painful-b"


# -- progress ----------------------------------------------------------------------------------------

def answer_two(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q = question(page, "fa-made-of")
    q.get_by_label("b. Collagen").check()
    q.get_by_role("button", name="Check answer").click()
    tf = question(page, "fa-proven")
    tf.get_by_label("True").check()
    tf.get_by_role("button", name="Check answer").click()
    expect(score_line(page)).to_have_text("Score: 1 of 6 points (first try: 1). Answered: 2 of 6 questions.")


def test_reload_keeps_answers_feedback_and_score(page, site):
    answer_two(page, site)
    page.reload()
    expect(question(page, "fa-made-of").get_by_label("b. Collagen")).to_be_checked()
    expect(status(page, "fa-proven")).to_contain_text("Not correct.")
    expect(score_line(page)).to_have_text("Score: 1 of 6 points (first try: 1). Answered: 2 of 6 questions.")
    data = stored(page)
    assert set(data["answers"]) == {"fa-made-of", "fa-proven"}
    assert data["answers"]["fa-made-of"]["answer"] == "b" and data["answers"]["fa-made-of"]["attempts"] == 1


def test_a_stored_answer_the_quiz_no_longer_accepts_is_not_shown(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({answers: {
        'fa-made-of': {answer: 'z', answered_at: '2026-11-24T10:00:00Z', attempts: 1},
        'fa-rolling': {answer: {i0000000: 'm0000000'}, answered_at: '2026-11-24T10:00:00Z', attempts: 1},
        'fa-proven': {answer: false, answered_at: '2026-11-24T10:00:00Z', attempts: 3}}}))""", STORE_KEY)
    page.reload()
    expect(status(page, "fa-made-of")).to_have_text("")
    expect(status(page, "fa-rolling")).to_have_text("")
    expect(status(page, "fa-proven")).to_contain_text("Correct.")
    # fa-proven: three tries and no first answer kept: its first-try score is unknown (0).
    expect(score_line(page)).to_have_text("Score: 1 of 6 points (first try: 0). Answered: 3 of 6 questions.")


def test_start_again_asks_first_clears_and_can_be_undone(page, site):
    answer_two(page, site)
    reset = page.get_by_role("button", name="Start this quiz again")
    reset.click()
    dialog = page.get_by_role("dialog", name="Clear your answers to this quiz and start again?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    # Focus goes back in the dialog's close event, which comes after the dialog is hidden.
    expect(reset).to_be_focused()
    assert len(stored(page)["answers"]) == 2
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Clear my answers").click()
    expect(score_line(page)).to_contain_text("Answered: 0 of 6 questions. Your answers to this quiz were cleared.")
    expect(question(page, "fa-made-of").get_by_label("b. Collagen")).not_to_be_checked()
    assert stored(page) is None
    # Undo stands where the reset button was, and has the focus.
    assert page.evaluate("document.activeElement.textContent") == "Undo: give my answers back"
    page.keyboard.press("Enter")
    expect(question(page, "fa-made-of").get_by_label("b. Collagen")).to_be_checked()
    expect(score_line(page)).to_contain_text("Answered: 2 of 6 questions. Your answers are back.")
    assert len(stored(page)["answers"]) == 2
    assert page.evaluate("document.activeElement.textContent") == "Start this quiz again"


def test_progress_page_shows_status_and_score_and_resets(page, site):
    answer_two(page, site)
    page.goto(f"{site}/book/progress.html")
    rows = page.locator(".pc-progress-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("In progress: 2 of 6 questions answered")
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("1 of 6 points")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("1 of 6 points")  # first try
    expect(rows.nth(1)).to_contain_text("Not started")
    expect(page.locator(".pc-nojs")).to_have_count(0)
    page.get_by_role("button", name="Reset Fascia basics").click()
    page.get_by_role("dialog", name="Clear your answers to Fascia basics?").get_by_role(
        "button", name="Clear my answers").click()
    expect(rows.nth(0)).to_contain_text("Not started")
    expect(page.locator(".pc-progress-status")).to_have_text("Your answers to Fascia basics were cleared.")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == \
        "Undo: give back my answers to Fascia basics"
    page.keyboard.press("Enter")
    expect(rows.nth(0)).to_contain_text("In progress: 2 of 6 questions answered")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Reset Fascia basics"
    page.get_by_role("button", name="Reset all chapters").click()
    page.get_by_role("button", name="Clear all my answers").click()
    expect(rows.nth(0)).to_contain_text("Not started")
    assert page.evaluate("document.activeElement.textContent") == "Undo: give back all my answers"
    page.goto(f"{site}/notebooks/{CH1}.html")
    expect(question(page, "fa-made-of").get_by_label("b. Collagen")).not_to_be_checked()


def test_download_my_results_gives_the_documented_file(page, site):
    answer_two(page, site)
    page.goto(f"{site}/book/progress.html")
    page.get_by_label("Your name").fill("Ada <b>Lovelace</b>")
    page.get_by_label("Student id (if you have one)").fill("s-12")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results").click()
    download = info.value
    # The notebook's name for the same learner (tests/fixtures/file_names.json): no collisions.
    assert download.suggested_filename == f"{COURSE_ID}--ada-b-lovelace-b-s-12.json"
    data = json.loads(open(download.path(), encoding="utf-8").read())
    assert {k: data[k] for k in ("schema", "version", "course", "assignment", "learner", "origin")} == {
        "schema": "patientcourse.results", "version": 1, "course": COURSE_ID, "assignment": None,
        "learner": {"name": "Ada <b>Lovelace</b>", "id": "s-12"}, "origin": "book"}
    assert list(data["chapters"]) == [CH1]
    answers = data["chapters"][CH1]["answers"]
    assert set(answers[CHAPTER1_QUESTIONS[0].id]) == {"answer", "answered_at", "attempts", "first_answer",
                                                      "first_answered_at"}
    assert parse_results(data).chapters[CH1][CHAPTER1_QUESTIONS[0].id].first_known  # the runtime's model reads it
    # What a grader does: recompute every score from the recorded answers.
    by_id = {q.id: q for q in CHAPTER1_QUESTIONS}
    assert {qid: by_id[qid].score(a["answer"]).score for qid, a in answers.items()} == {
        "fa-made-of": 1.0, "fa-proven": 0.0}
    page.reload()
    expect(page.get_by_label("Your name")).to_have_value("Ada <b>Lovelace</b>")


def test_an_anonymous_results_file_is_not_downloaded(page, site):
    answer_two(page, site)
    page.goto(f"{site}/book/progress.html")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Download my results").click()
    expect(page.locator(".pc-progress-status")).to_have_text(
        "Type your name or student id first, so your instructor knows whose results these are.")
    expect(page.get_by_label("Your name")).to_be_focused()
    assert downloads == []


def test_quiz_still_works_when_storage_throws(page, site):
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }});""")
    page.goto(f"{site}/notebooks/{CH1}.html")
    q = question(page, "fa-made-of")
    q.get_by_label("b. Collagen").check()
    q.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-made-of")).to_contain_text("Correct.")
    expect(score_line(page)).to_contain_text("This browser cannot keep your answers")
    page.goto(f"{site}/book/progress.html")
    expect(page.locator(".pc-progress-table tbody tr")).to_have_count(2)


# -- assessment, no JavaScript, escaping, accessibility ----------------------------------------

def test_assessment_quiz_saves_and_never_reveals(page, assessment_site):
    page.goto(f"{assessment_site}/notebooks/{CH1}.html")
    assert "data-pc-key" not in page.content()
    expect(page.locator("details")).to_have_count(0)
    q = question(page, "fa-made-of")
    q.get_by_label("c. Fat").check()
    q.get_by_role("button", name="Save answer").click()
    expect(status(page, "fa-made-of")).to_have_text("Answer saved (attempt 1).")
    expect(score_line(page)).to_have_text("Answered: 1 of 6 questions.")
    assert "correct" not in page.locator("main").inner_text().lower()
    # Kept apart from practice answers: per course, assignment and mode.
    assert stored(page, f"patientcourse:{COURSE_ID}:assignment=:assessment:{CH1}")["answers"]["fa-made-of"]["answer"] == "a"
    assert stored(page) is None


def test_without_javascript_questions_read_as_a_list_with_answers_behind_details(chromium_browser, site):
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site}/notebooks/{CH1}.html")
        expect(page.locator("ol.pc-questions > li")).to_have_count(6)
        # The Check buttons are there but hidden: without a script they would do nothing.
        expect(page.locator("button[data-pc-check]")).to_have_count(6)
        expect(page.locator("button[data-pc-check]").first).to_be_hidden()
        details = question(page, "fa-made-of").locator("details")
        expect(details.locator("text=Why:")).to_be_hidden()
        details.locator("summary").click()
        expect(details).to_contain_text("b. Collagen")
        expect(details).to_contain_text("Why: Fasciae are made of collagen")
    finally:
        context.close()


def test_hostile_prompt_shows_as_text_and_runs_nothing(page, site):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{site}/notebooks/{CH2}.html")
    legend = question(page, "ev-hostile").locator("legend")
    expect(legend).to_contain_text('<script>alert("pc")</script><img src=x onerror=alert(1)>')
    expect(page.locator("main img")).to_have_count(0)
    expect(page.locator("main svg")).to_have_count(0)
    question(page, "ev-hostile").get_by_label("b. <b>Research is mixed</b>").check()
    question(page, "ev-hostile").get_by_role("button", name="Check answer").click()
    expect(status(page, "ev-hostile")).to_contain_text("Yes & <i>right</i>.")
    assert dialogs == []


def test_axe_finds_no_violation_before_and_after_answering(page, site, axe_check):
    page.goto(f"{site}/notebooks/{CH1}.html")
    axe_check(page)
    q = question(page, "fa-made-of")
    q.get_by_label("c. Fat").check()
    q.get_by_role("button", name="Check answer").click()
    question(page, "fa-painful").get_by_role("button", name="Check answer").click()  # a prompt to choose
    expect(status(page, "fa-made-of")).to_contain_text("Not correct.")
    axe_check(page)  # wrong: hint, Review link, Show the answer
    q.get_by_label("a. Bone").check()
    expect(status(page, "fa-made-of")).to_contain_text("You changed your answer.")
    axe_check(page)  # dimmed
    q.get_by_role("button", name="Check answer").click()
    expect(status(page, "fa-made-of")).to_contain_text("The right answer:")
    axe_check(page)  # revealed
    page.get_by_role("button", name="Start this quiz again").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    axe_check(page)  # the confirmation dialog
    page.goto(f"{site}/book/progress.html")
    expect(page.locator(".pc-progress-table")).to_be_visible()
    axe_check(page)


# -- the real built book (the lead's built_book fixture; about a minute to build) -------------

def right_and_wrong(key: dict, kind: str):
    """A right and a wrong answer to click, for the question types answered with one click."""
    if kind == "truefalse":
        return ("True", "False") if key["answer"] else ("False", "True")
    right = [o["id"] for o in key["options"] if o["correct"]]
    wrong = [o["id"] for o in key["options"] if not o["correct"]]
    return right[0], wrong[0]


def first_clickable_question(page):
    for fs in page.locator("fieldset[data-pc-question]").all():
        if fs.get_attribute("data-pc-type") in ("single", "truefalse"):
            return fs
    raise AssertionError(f"no single-choice or true/false question on {page.url}")


def choose(fs, choice: str):
    if choice in ("True", "False"):
        fs.get_by_label(choice, exact=True).check()
    else:
        fs.locator(f'input[value="{choice}"]').check()


def test_every_chapter_of_the_real_book_answers_right_and_wrong_and_passes_axe(page, book_url, course, axe_check):
    for chapter in course.chapters:
        page.goto(f"{book_url}/notebooks/{chapter.id}.html")
        quiz = page.locator("[data-pc-quiz]")
        expect(quiz).to_have_count(1)
        expect(quiz.locator("fieldset[data-pc-question]")).to_have_count(len(chapter.quiz.questions))
        expect(quiz.locator("[data-pc-score]")).to_contain_text(f"Answered: 0 of {len(chapter.quiz.questions)}")
        axe_check(page)
        fs = first_clickable_question(page)
        qid = fs.get_attribute("data-pc-question")
        right, wrong = right_and_wrong(json.loads(fs.get_attribute("data-pc-key")), fs.get_attribute("data-pc-type"))
        choose(fs, wrong)
        fs.get_by_role("button", name="Check answer").click()
        expect(fs.locator('[role="status"]')).to_contain_text("Not correct.")
        choose(fs, right)
        fs.get_by_role("button", name="Check answer").click()
        expect(fs.locator('[role="status"]')).to_contain_text("Correct.")
        axe_check(page)
        page.reload()
        expect(page.locator(f'fieldset[data-pc-question="{qid}"] [role="status"]')).to_contain_text("Correct.")
        assert stored(page, f"patientcourse:{course.id}:{chapter.id}")["answers"][qid]["attempts"] == 2
    page.goto(f"{book_url}/book/progress.html")
    rows = page.locator(".pc-progress-table tbody tr")
    expect(rows).to_have_count(len(course.chapters))
    for n, chapter in enumerate(course.chapters):
        expect(rows.nth(n)).to_contain_text(f"In progress: 1 of {len(chapter.quiz.questions)} questions answered")
        expect(rows.nth(n)).to_contain_text(f"1 of {len(chapter.quiz.questions)} points")
    axe_check(page)
    page.get_by_role("button", name="Reset all chapters").click()
    page.get_by_role("button", name="Clear all my answers").click()
    expect(rows.first).to_contain_text("Not started")


def test_real_book_quiz_by_keyboard_only(page, book_url, course):
    chapter = course.chapters[0]
    page.goto(f"{book_url}/notebooks/{chapter.id}.html")
    fs = first_clickable_question(page)
    key, kind = json.loads(fs.get_attribute("data-pc-key")), fs.get_attribute("data-pc-type")
    right, _ = right_and_wrong(key, kind)
    fs.locator("input").first.focus()  # the page's own links come first; start at the question
    ids = [i.get_attribute("value") for i in fs.locator("input").all()]
    target = {"True": "true", "False": "false"}.get(right, right)
    for _ in range(ids.index(target)):
        page.keyboard.press("ArrowDown")
    if ids.index(target) == 0:
        page.keyboard.press("Space")
    press_and_wait(page, "Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(fs.locator('[role="status"]')).to_contain_text("Correct.")
