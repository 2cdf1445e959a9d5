"""Quizzes that teach, in a real browser: a wrong answer gets a nudge (its feedback, the hint,
a "Review" link) but not the answer; the answer comes with a right answer, "Show the answer"
or the second wrong try; "pick all that apply", matching and ordering say how many parts are
right without naming them; a changed answer dims the old feedback; the quiz ends with a
summary. Ordering and matching work by keyboard only and on a phone.

The sample site is made from tests/quiz_samples.py (see test_quiz_browser.py).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.journeys_support import press_and_wait
from quiz_samples import CH1, CHAPTER1_QUESTIONS, COURSE_ID, write_sample_site

STEPS = CHAPTER1_QUESTIONS[4]
ROLLING = CHAPTER1_QUESTIONS[3]


@pytest.fixture
def site(tmp_path, serve):
    return serve(write_sample_site(tmp_path / "site"))


def question(page, question_id):
    return page.locator(f'fieldset[data-pc-question="{question_id}"]')


def status(page, question_id):
    return question(page, question_id).locator('[role="status"]')


def check(page, question_id):
    question(page, question_id).get_by_role("button", name="Check answer").click()


def focused(page, what: str = "textContent"):
    return page.evaluate(f"document.activeElement.{what}")


def tab_to(page, predicate: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches the JavaScript ``predicate`` (on ``el``)."""
    for _ in range(limit):
        press_and_wait(page, "Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def keys_to(page, label: str) -> None:
    """Move focus to the control named ``label`` with Shift+Tab, then Tab, as a keyboard user
    looks back and forth for it."""
    for key in ["Shift+Tab"] * 12 + ["Tab"] * 30:
        if focused(page, "getAttribute('aria-label')") == label:
            return
        press_and_wait(page, key)
    raise AssertionError(f"no key reached {label!r}")


def test_first_wrong_answer_nudges_without_the_answer_second_shows_it(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q, said = question(page, "fa-made-of"), status(page, "fa-made-of")
    q.get_by_label("c. Fat").check()
    check(page, "fa-made-of")
    expect(said).to_contain_text("Not correct.")
    expect(said.get_by_role("link", name="Review: What is fascia?")).to_be_visible()
    expect(said).not_to_contain_text("Why:")
    expect(said).not_to_contain_text("The right answer")
    expect(q).to_have_attribute("data-pc-result", "wrong")
    expect(q.get_by_role("button", name="Show the answer")).to_be_visible()

    q.get_by_label("a. Bone").check()
    check(page, "fa-made-of")  # the second wrong try (reveal_after: 2)
    expect(said).to_contain_text("The right answer:")
    expect(said).to_contain_text("b. Collagen")
    expect(said).to_contain_text("Why: Fasciae are made of collagen")
    expect(q.get_by_role("button", name="Show the answer")).to_be_hidden()

    q.get_by_label("b. Collagen").check()
    check(page, "fa-made-of")
    expect(said).to_contain_text("Correct.")
    expect(said).not_to_contain_text("The right answer")
    expect(page.locator("[data-pc-score]")).to_contain_text("Score: 1 of 6 points (first try: 0).")


def test_review_link_scrolls_to_the_passage(page, site):
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(f"{site}/notebooks/{CH1}.html")
    question(page, "fa-made-of").get_by_label("c. Fat").check()
    check(page, "fa-made-of")
    status(page, "fa-made-of").get_by_role("link", name="Review: What is fascia?").click()
    expect(page).to_have_url(f"{site}/notebooks/{CH1}.html#fascia-basics-what-is-fascia")
    expect(page.locator("#fascia-basics-what-is-fascia")).to_be_in_viewport()


def test_show_the_answer_reveals_it_at_once(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q = question(page, "fa-proven")
    q.get_by_label("True").check()
    check(page, "fa-proven")
    expect(status(page, "fa-proven")).not_to_contain_text("Why:")
    q.get_by_role("button", name="Show the answer").click()
    expect(status(page, "fa-proven")).to_contain_text("The right answer:")
    expect(status(page, "fa-proven")).to_contain_text("Why: People with chronic lower back pain improved")
    page.reload()  # still shown: the reveal is kept with the answer
    expect(status(page, "fa-proven")).to_contain_text("The right answer:")


def test_pick_all_that_apply_counts_right_and_wrong_choices_and_gives_the_hint(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q, said = question(page, "fa-painful"), status(page, "fa-painful")
    q.get_by_label("c. Acute muscle injury").check()
    q.get_by_label("b. Reading a book").check()
    check(page, "fa-painful")
    expect(said.locator("p").first).to_have_text("Not correct. You found 1 of 2. One choice is wrong.")
    expect(said).to_contain_text("Hint: Think of what can happen to a muscle.")
    # Which choice is which is not said before the answer is shown.
    expect(said).not_to_contain_text("the article names it")
    expect(said).not_to_contain_text("does not name this")


def test_matching_and_ordering_say_how_many_are_right_without_naming_them(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    matching = question(page, "fa-rolling")
    pairs = ROLLING.pairs
    for item, wrong_match in zip(pairs, [pairs[0].match, pairs[2].match, pairs[1].match]):
        matching.get_by_label(item.item).select_option(label=wrong_match)
    check(page, "fa-rolling")
    expect(status(page, "fa-rolling").locator("p").first).to_have_text("Partly correct: 33% of the marks. 1 of 3 pairs are right.")
    for pair in pairs:
        expect(status(page, "fa-rolling")).not_to_contain_text(pair.feedback)
    check(page, "fa-thoracic-steps")  # the order first shown is never the right one
    said = status(page, "fa-thoracic-steps")
    expect(said.locator("p").first).to_contain_text("steps are in the right place.")
    for step in STEPS.steps:
        expect(said).not_to_contain_text(step.feedback)
    check(page, "fa-thoracic-steps")  # second try: now each misplaced step's feedback and the order
    shown = STEPS.shown_order()
    for step, step_id, given in zip(STEPS.steps, STEPS.step_ids(), shown):
        if given != step_id:
            expect(said).to_contain_text(step.feedback)
    expect(said).to_contain_text("1. Place the foam roller on the floor")


def test_changing_the_answer_dims_the_old_feedback(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    q = question(page, "fa-made-of")
    q.get_by_label("c. Fat").check()
    check(page, "fa-made-of")
    expect(status(page, "fa-made-of")).to_contain_text("Not correct.")
    q.get_by_label("b. Collagen").check()
    # No "Not correct" stays beside a now-right choice.
    expect(status(page, "fa-made-of")).not_to_contain_text("Not correct.")
    expect(status(page, "fa-made-of").locator("p").first).to_have_text(
        "You changed your answer. Check it to see if it is right.")
    expect(q).to_have_attribute("data-pc-stale", "")
    expect(q).not_to_have_attribute("data-pc-result", "wrong")
    colour = page.evaluate("getComputedStyle(document.querySelector('[data-pc-stale] .pc-feedback')).color")
    assert colour == "rgb(74, 74, 74)"


def test_no_verdict_is_said_twice_anywhere(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    answers = {"fa-made-of": "b. Collagen", "fa-proven": "False"}
    for qid, label in answers.items():
        question(page, qid).get_by_label(label, exact=True).check()
        check(page, qid)
    for qid in answers:
        # Read once the Check has written its feedback, not the moment after the click.
        expect(status(page, qid)).to_have_text(re.compile(r"^Correct\."), use_inner_text=True)
        text = status(page, qid).inner_text()
        assert text.startswith("Correct.")
        for word in ("Yes.", "Right.", "Correct. Correct", "No."):
            assert word not in text.replace("Correct.", "", 1), (qid, text)


def test_summary_after_the_last_answer_lists_what_to_review_and_the_next_chapter(page, site):
    page.goto(f"{site}/notebooks/{CH1}.html")
    summary = page.locator("[data-pc-summary]")
    question(page, "fa-made-of").get_by_label("c. Fat").check()   # wrong first: its objective is to review
    check(page, "fa-made-of")
    question(page, "fa-made-of").get_by_label("b. Collagen").check()
    check(page, "fa-made-of")
    question(page, "fa-painful").get_by_label("a. Muscle strain").check()
    question(page, "fa-painful").get_by_label("c. Acute muscle injury").check()
    check(page, "fa-painful")
    question(page, "fa-proven").get_by_label("False").check()
    check(page, "fa-proven")
    matching = question(page, "fa-rolling")
    for pair in ROLLING.pairs:
        matching.get_by_label(pair.item).select_option(label=pair.match)
    check(page, "fa-rolling")
    expect(summary).to_be_hidden()  # not before every question is answered
    question(page, "fa-hold").get_by_label("Your answer, in minutes").fill("one")
    check(page, "fa-hold")
    check(page, "fa-thoracic-steps")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("You answered all 6 questions:")
    expect(summary).to_contain_text("at the first try.")
    expect(summary.get_by_text("Objective name-fascia")).to_be_visible()
    expect(summary.get_by_role("link", name="Review: What is fascia?")).to_be_visible()
    expect(summary.get_by_role("link", name="Next chapter: The evidence")).to_have_attribute("href", "02-evidence.html")


def test_ordering_by_keyboard_only_is_announced_and_keeps_focus(page, site, axe_check):
    page.goto(f"{site}/notebooks/{CH1}.html")
    fs = question(page, "fa-thoracic-steps")
    right = [s.text for s in STEPS.steps]
    tab_to(page, "el.closest && !!el.closest('[data-pc-question=\"fa-thoracic-steps\"]')")
    moved = fs.locator("[data-pc-moved]")
    step_order = """[...document.querySelectorAll('[data-pc-question="fa-thoracic-steps"] .pc-step-text')]
        .map(step => step.textContent).join('|')"""
    # Keys only: Tab to a step's Move up button and press Enter until the list is in order.
    for place, text in enumerate(right):
        while [t.strip() for t in fs.locator(".pc-step-text").all_inner_texts()].index(text) != place:
            keys_to(page, f"Move up: {text}")
            assert focused(page, "getAttribute('aria-label')") == f"Move up: {text}"
            press_and_wait(page, "Enter", watched=step_order)  # the order is read once the step has moved
            at = [t.strip() for t in fs.locator(".pc-step-text").all_inner_texts()].index(text) + 1
            expect(moved).to_have_text(f"“{text}” is now step {at} of 5.")
            # Focus stays with the moved step.
            assert focused(page, "closest('[data-pc-step]').textContent").startswith(text)
    tab_to(page, "el.textContent === 'Check answer'")
    page.keyboard.press("Enter")
    expect(status(page, "fa-thoracic-steps")).to_contain_text("Correct.")
    assert page.evaluate("key => JSON.parse(localStorage.getItem(key))", f"patientcourse:{COURSE_ID}:{CH1}")[
        "answers"]["fa-thoracic-steps"]["answer"] == STEPS.step_ids()
    axe_check(page)


def test_matching_by_keyboard_only(page, site, axe_check):
    page.goto(f"{site}/notebooks/{CH1}.html")
    fs = question(page, "fa-rolling")
    tab_to(page, "el.tagName === 'SELECT' && !!el.closest('[data-pc-question=\"fa-rolling\"]')")
    chosen = "document.activeElement.selectedOptions[0].textContent"
    for pair in ROLLING.pairs:
        # The focused dropdown: arrow keys change its value without opening it.
        for _ in range(len(ROLLING.pairs) + 1):
            if page.evaluate(chosen) == pair.match:
                break
            press_and_wait(page, "ArrowDown", watched=chosen)
        assert page.evaluate(chosen) == pair.match
        press_and_wait(page, "Tab")
    assert focused(page) == "Check answer"
    page.keyboard.press("Enter")
    expect(status(page, "fa-rolling")).to_contain_text("Correct.")
    axe_check(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_matching_and_ordering_fit_their_box_on_a_phone_and_a_desktop(page, book_url, course, width):
    """In the real book, whose matches are long sentences."""
    page.set_viewport_size({"width": width, "height": 800})
    kinds = ("matching", "ordering")
    seen = set()
    for chapter in course.chapters:
        wanted = [q for q in chapter.quiz.questions if q.type in kinds]
        if not wanted:
            continue
        page.goto(f"{book_url}/notebooks/{chapter.id}.html")
        for q in wanted:
            fs = question(page, q.id)
            fs.scroll_into_view_if_needed()
            box = fs.bounding_box()
            for control in fs.locator("select, button:visible").all():
                inner = control.bounding_box()
                assert inner["x"] >= box["x"] and inner["x"] + inner["width"] <= box["x"] + box["width"] + 0.5, (
                    q.id, width, control.inner_text()[:40])
            seen.add(q.type)
    assert seen == set(kinds)
