"""End-to-end journeys (issue #7): a student, a Jupyter learner and an instructor, each using
the real course as they would, with assertions on what the person sees.

1. A student reads chapter 1 of the built book, answers its quiz by keyboard only, reloads,
   and finds their progress on the "My progress" page.
2. A learner runs chapter 1's notebook (nbclient) and answers in it; the results file it saves
   is the one the book's "Download my results" gives for the same answers.
3. An instructor makes an assessment pack of two chapters, a learner answers in the pack's
   book and downloads the results, and ``patientcourse grade`` writes the expected CSVs.

Every page goes through the ``page`` fixture (fails on any console error or request off
127.0.0.1) and ``axe_check`` (WCAG 2.1 A/AA). Each journey's last screen is saved under
test-artifacts/ (git-ignored). The chapter, questions and right answers come from the course
model, so the journeys follow the course when it is edited; the numbers asserted are worked
out from the answers given.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from patientcourse.render.project import BUNDLE_PATH, render_project, write_files
from patientcourse_runtime.scoring import without_verdict

from journeys_support import (answer_in_book, download_results,
                              pick_radio_by_keyboard, press_and_wait, printed_text, read_csv,
                              run_notebook_with_extra_cell, run_patientcourse, save_screenshot, tab_until_inside,
                              without_timestamps)
from support import COURSE_DIR, REPO

# Whole journeys: each builds a book or a pack (some in a subprocess, where the guard in
# tests/conftest.py cannot see it).
pytestmark = pytest.mark.slow


# -- choosing answers from the question bank ------------------------------------------------------

def questions_of(chapter, kind: str) -> list:
    return [q for q in chapter.quiz.questions if q.type == kind]


def right_option(question) -> str:
    return next(i for i, o in zip(question.option_ids(), question.options) if o.correct)


def wrong_option(question) -> str:
    return next(i for i, o in zip(question.option_ids(), question.options) if not o.correct)


def question_box(page, question_id: str):
    return page.locator(f'fieldset[data-pc-question="{question_id}"]')


def status_of(page, question_id: str):
    return question_box(page, question_id).locator('[role="status"]')


def score_text(points: float, total: int, answered: int, first: float | None = None) -> str:
    """The quiz's running score line, as both the book and the notebook word it (with the
    first-try score: ``points`` unless said)."""
    first = points if first is None else first
    return f"Score: {points:g} of {total} points (first try: {first:g}). Answered: {answered} of {total} questions."


def progress_row(page, chapter):
    return page.locator(".pc-progress-table tbody tr").filter(has_text=chapter.meta.title)


# -- journey 1: a student, keyboard only ----------------------------------------------------------

def test_student_reads_chapter_one_answers_by_keyboard_and_finds_progress_kept(page, book_url, course, axe_check):
    chapter = course.chapters[0]
    total = len(chapter.quiz.questions)
    first, second = questions_of(chapter, "single")[:2]
    wrong, right = wrong_option(first), right_option(second)
    page.goto(f"{book_url}/notebooks/{chapter.id}.html")

    # Reading: the title, every section heading, the main message and the disclaimer are shown.
    expect(page.get_by_role("heading", level=1)).to_contain_text(chapter.meta.title)
    for title in [s.title for s in chapter.sections] + ["What you will learn", "Key points",
                                                         "Check your understanding"]:
        expect(page.get_by_role("heading", level=2, name=title)).to_be_visible()
    expect(page.locator(".pc-main-message")).to_be_visible()
    expect(page.locator(".pc-main-message")).to_contain_text(chapter.meta.main_message)
    expect(page.locator(".pc-about")).to_be_visible()
    expect(page.locator(".pc-about")).to_contain_text(f"Disclaimer: {course.meta.disclaimer}")
    expect(page.locator("[data-pc-score]")).to_have_text(score_text(0, total, 0))
    axe_check(page)

    # Keyboard only, from the top of the page: Tab to the question, arrows to choose, Tab to
    # "Check answer", Enter. A wrong answer first ...
    presses = tab_until_inside(page, f'fieldset[data-pc-question="{first.id}"]', limit=300)
    assert page.evaluate("document.activeElement.type") == "radio"
    pick_radio_by_keyboard(page, question_box(page, first.id), wrong)
    press_and_wait(page, "Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    wrong_feedback = first.options[first.option_ids().index(wrong)].feedback
    expect(status_of(page, first.id)).to_contain_text("Not correct.")
    expect(status_of(page, first.id)).to_contain_text(without_verdict(wrong_feedback))
    # A first wrong answer is not told the right one: a Review link to the section instead.
    expect(status_of(page, first.id)).not_to_contain_text("Why:")
    section = next(s for s in chapter.sections if s.id == first.section)
    expect(status_of(page, first.id).get_by_role("link", name=f"Review: {section.title}")).to_be_visible()

    # ... then a right one, in the next question (past this one's new "Try again", "Show the
    # answer" and Review link).
    assert tab_until_inside(page, f'fieldset[data-pc-question="{second.id}"]', limit=5) == 4
    pick_radio_by_keyboard(page, question_box(page, second.id), right)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(status_of(page, second.id)).to_contain_text("Correct.")
    expect(status_of(page, second.id)).not_to_contain_text("Not correct.")
    expect(status_of(page, second.id)).to_contain_text(
        without_verdict(second.options[second.option_ids().index(right)].feedback))
    expect(page.locator("[data-pc-score]")).to_have_text(score_text(1, total, 2))
    axe_check(page)

    # Reload: the choices, the feedback and the score are still there.
    page.reload()
    expect(question_box(page, first.id).locator(f'input[value="{wrong}"]')).to_be_checked()
    expect(question_box(page, second.id).locator(f'input[value="{right}"]')).to_be_checked()
    expect(status_of(page, first.id)).to_contain_text("Not correct.")
    expect(status_of(page, second.id)).to_contain_text("Correct.")
    expect(page.locator("[data-pc-score]")).to_have_text(score_text(1, total, 2))

    # The "My progress" link in the book's navigation leads to the chapter's status and score.
    page.locator("nav").get_by_role("link", name="My progress", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/book/progress\.html$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("My progress")
    row = progress_row(page, chapter)
    expect(row).to_contain_text(f"In progress: 2 of {total} questions answered")
    expect(row).to_contain_text(f"1 of {total} points")
    for other in course.chapters[1:]:
        expect(progress_row(page, other)).to_contain_text("Not started")
    axe_check(page)
    save_screenshot(page, "journey1-student-progress", page.locator(".pc-progress-table"))
    print(f"journey 1: reached the quiz after {presses} Tab presses")


# -- journey 2: the notebook and the book record the same results ------------------------------

def notebook_plan(chapter) -> list[tuple[str, list]]:
    """Answers to give, in order, per question (a list: one entry per Check). Covers each
    encoding the chapter's quiz offers among single, multiple, true/false and matching; one
    question is answered twice, so the attempts count is compared too."""
    plan = []
    for question in questions_of(chapter, "matching")[:1]:
        plan.append((question.id, [dict(zip(question.item_ids(), question.match_ids()))]))
    singles = questions_of(chapter, "single")
    plan.append((singles[0].id, [wrong_option(singles[0])]))
    plan.append((singles[1].id, [wrong_option(singles[1]), right_option(singles[1])]))
    for question in questions_of(chapter, "multiple")[:1]:
        # A right and a wrong pick: the two cancel out, so both faces show a whole-number score.
        plan.append((question.id, [[right_option(question), wrong_option(question)]]))
    for question in questions_of(chapter, "truefalse")[:1]:
        plan.append((question.id, [not question.answer]))
    return plan


NOTEBOOK_CELL = """\
import json
from patientcourse_runtime.store import set_learner, save_results

quiz = _  # the quiz widget the cell above shows: answer in it, as a learner does
assert type(quiz).__name__ == "QuizWidget", type(quiz)
boxes = {{box.question.id: box for box in quiz.questions}}
for question_id, answers in json.loads({plan!r}):
    for answer in answers:
        boxes[question_id].input.set(answer)
        boxes[question_id].check_button.click()
set_learner({name!r}, {learner_id!r})
print("RESULTS", save_results())
print("SCORE", quiz.score_line.value)
"""


def test_notebook_and_book_save_the_same_results_for_the_same_answers(page, book_url, course, tmp_path,
                                                                      monkeypatch, axe_check):
    chapter = course.chapters[0]
    total = len(chapter.quiz.questions)
    plan = notebook_plan(chapter)
    by_id = {q.id: q for q in chapter.quiz.questions}
    points = sum(by_id[qid].score(answers[-1]).score for qid, answers in plan)
    first_try = sum(by_id[qid].score(answers[0]).score for qid, answers in plan)
    assert points == int(points), "the plan must give a whole-number score (see notebook_plan)"
    name, learner_id = "Ada Lovelace", "s-12"

    # The notebook: the chapter and bundle generated as for the book (render_project, the
    # input of the session's built_book), alone in a learner's folder.
    generated = render_project(course)
    notebook = f"notebooks/{chapter.id}.ipynb"
    write_files({name: generated[name] for name in (notebook, BUNDLE_PATH)}, tmp_path / "learner")
    folder = (tmp_path / "learner" / notebook).parent
    monkeypatch.delenv("PATIENTCOURSE_RESULTS_DIR", raising=False)  # the documented default place
    cell = NOTEBOOK_CELL.format(plan=json.dumps(plan), name=name, learner_id=learner_id)
    ran = run_notebook_with_extra_cell(folder / f"{chapter.id}.ipynb", f"chapter_quiz('{chapter.id}')", cell)
    printed = printed_text(next(c for c in ran.cells if c.cell_type == "code" and "save_results()" in c.source))
    saved_to = folder / "patientcourse-results" / f"{course.id}--ada-lovelace-s-12.json"  # named after the learner
    assert f"RESULTS {saved_to}" in printed
    assert score_text(points, total, len(plan), first_try) in printed
    from_notebook = json.loads(saved_to.read_text(encoding="utf-8"))

    # The book: the same answers, by mouse, then "Download my results".
    page.goto(f"{book_url}/notebooks/{chapter.id}.html")
    for question_id, answers in plan:
        for answer in answers:
            answer_in_book(question_box(page, question_id), answer)
    expect(page.locator("[data-pc-score]")).to_have_text(score_text(points, total, len(plan), first_try))
    axe_check(page)
    page.goto(f"{book_url}/book/progress.html")
    from_book = download_results(page, f"{book_url}/book/progress.html", name, learner_id,
                                 tmp_path / "from-book.json")
    expect(page.locator(".pc-progress-status")).to_have_text(
        "Your results file was downloaded. Hand it in to your instructor.")
    axe_check(page)
    save_screenshot(page, "journey2-book-download", page.locator(".pc-progress-status"))

    # The same file, apart from time stamps and which face wrote it.
    assert (from_book["origin"], from_notebook["origin"]) == ("book", "notebook")
    book, notebook = without_timestamps(from_book), without_timestamps(from_notebook)
    book.pop("origin"), notebook.pop("origin")
    assert book == notebook
    assert book["learner"] == {"name": name, "id": learner_id} and book["assignment"] is None
    assert book["chapters"] == {chapter.id: {"answers": {
        qid: {"answer": recorded(answers[-1]), "attempts": len(answers), "first_answer": recorded(answers[0])}
        for qid, answers in plan}}}


def recorded(answer):
    """An answer as both faces record it: the options of a "pick all that apply" in id order."""
    return sorted(answer) if isinstance(answer, list) else answer


# -- journey 3: an instructor assigns, a learner answers, the instructor grades -------------------

def assessment_plan(chapter) -> dict:
    """One right and one wrong single choice, and one wrong true/false: 1 point of the chapter's."""
    first, second = questions_of(chapter, "single")[:2]
    truefalse = questions_of(chapter, "truefalse")[0]
    return {first.id: right_option(first), second.id: wrong_option(second), truefalse.id: not truefalse.answer}


def wrong_in_words(question, answer) -> str:
    """How items.csv names a wrong answer, for the two kinds the plan gets wrong."""
    if question.type == "truefalse":
        return "True" if answer else "False"
    return question.option(answer).text


def test_instructor_assigns_an_assessment_learner_answers_in_its_book_and_grade_scores_it(
        page, serve, course, tmp_path, axe_check):
    chapters = course.chapters[:2]
    pack, handins, grades = tmp_path / "packs" / "week-1", tmp_path / "handins", tmp_path / "grades"
    due = "2026-12-01"
    # The learner answers on a fixed day before the due date, whatever today's date is.
    page.clock.set_fixed_time("2026-11-24T10:00:00Z")
    printed = run_patientcourse("assign", "--chapters", "1,2", "--title", "Week 1: fascia basics", "--due", due,
                                "--mode", "assessment", "--out", str(pack), "--course", str(COURSE_DIR),
                                "--config", str(REPO / "_config.yml"), cwd=tmp_path)
    assert f"Wrote the assessment pack {pack} for assignment 'week-1-fascia-basics'" in printed
    bundle = json.loads((pack / "notebooks" / "course.json").read_text(encoding="utf-8"))
    assert (bundle["mode"], list(bundle["chapters"])) == ("assessment", [c.id for c in chapters])
    site = serve(pack / "book")
    plans = {c.id: assessment_plan(c) for c in chapters}

    # The learner answers; the pack says each answer is saved, never whether it is right.
    for chapter in chapters:
        page.goto(f"{site}/notebooks/{chapter.id}.html")
        expect(page.get_by_role("heading", level=1)).to_contain_text(chapter.meta.title)
        for question_id, answer in plans[chapter.id].items():
            answer_in_book(question_box(page, question_id), answer, button="Save answer")
            expect(status_of(page, question_id)).to_have_text("Answer saved (attempt 1).")
        total = len(chapter.quiz.questions)
        expect(page.locator("[data-pc-score]")).to_have_text(f"Answered: 3 of {total} questions.")
        assert "data-pc-key" not in page.content()  # no answer key for the script to read
        shown = page.locator("main").inner_text()
        assert "Correct." not in shown and "Not correct." not in shown and "Score:" not in shown
        axe_check(page)

    page.goto(f"{site}/book/progress.html")
    for chapter in chapters:
        expect(progress_row(page, chapter)).to_contain_text(
            f"In progress: 3 of {len(chapter.quiz.questions)} questions answered")
        expect(progress_row(page, chapter)).to_contain_text("Not marked")
    handins.mkdir()
    handed_in = download_results(page, f"{site}/book/progress.html", "Bea Learner", "s-7",
                                 handins / "bea.json")
    assert {c: {q: a["answer"] for q, a in v["answers"].items()} for c, v in handed_in["chapters"].items()} == plans
    axe_check(page)
    save_screenshot(page, "journey3-pack-download", page.locator(".pc-progress-status"))

    # The pack's progress page names the assignment, so the download says which one it answers.
    assert handed_in["assignment"]["id"] == "week-1-fascia-basics"
    printed = run_patientcourse("grade", str(handins), "--pack", str(pack), "--out", str(grades),
                                "--course", str(COURSE_DIR), cwd=tmp_path)
    assert "Graded 1 learner from 1 file; skipped 0." in printed
    possible = sum(len(c.quiz.questions) for c in chapters)
    rows = read_csv(grades / "grades.csv")
    assert len(rows) == 1
    assert {k: v for k, v in rows[0].items() if k not in ("saved_at", "file")} == {
        "learner": "Bea Learner", "learner_id": "s-7", chapters[0].id: "1", chapters[1].id: "1",
        "total": "2", "possible": str(possible), "percent": f"{200 / possible:.1f}", "late": "no",
        "origin": "book"}
    assert rows[0]["file"].endswith("bea.json")

    items = read_csv(grades / "items.csv")
    assert [(r["chapter"], r["question"]) for r in items] == [
        (c.id, q.id) for c in chapters for q in c.quiz.questions]
    for chapter in chapters:
        for question in chapter.quiz.questions:
            row = next(r for r in items if r["question"] == question.id)
            got = (row["answered"], row["correct"], row["percent_correct"], row["mean_score"],
                   row["most_chosen_wrong_answer"], row["times_chosen"])
            answer = plans[chapter.id].get(question.id, "unanswered")
            if answer == "unanswered":
                assert got == ("0", "0", "", "", "", ""), question.id
            elif question.score(answer).correct:
                assert got == ("1", "1", "100.0", "1", "", ""), question.id
            else:
                assert got == ("1", "0", "0.0", "0", wrong_in_words(question, answer), "1"), question.id
    assert (grades / "skipped.csv").read_text(encoding="utf-8") == "file,reason\n"
