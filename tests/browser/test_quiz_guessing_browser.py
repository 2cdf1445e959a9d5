"""In the real built book, a learner who always chooses the first option shown scores no
better than chance on the single-choice questions (the authors wrote every right answer
first; the book shows options in a fixed shuffled order). And the book's search never
finds a feedback line."""
from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect

from patientcourse.structure.quiz import Single


def test_first_option_guesser_scores_no_better_than_chance_in_the_book(page, book_url, course):
    right = asked = 0
    for chapter in course.chapters:
        page.goto(f"{book_url}/notebooks/{chapter.id}.html")
        for fs in page.locator('fieldset[data-pc-type="single"]').all():
            fs.locator("input[type=radio]").first.check()
            fs.get_by_role("button", name="Check answer").click()
            expect(fs.locator('[role="status"]')).not_to_be_empty()
            verdict = fs.locator('[role="status"] strong').first.inner_text()
            assert verdict in ("Correct.", "Not correct."), verdict
            right += verdict == "Correct."
            asked += 1
    singles = [q for c in course.chapters for q in c.quiz.questions if isinstance(q, Single)]
    chance = sum(1 / len(q.options) for q in singles)
    assert asked == len(singles) >= 10
    assert right <= chance, f"the first option shown was right {right} times of {asked}; chance is {chance:.2f}"


def test_searching_the_book_for_a_feedback_line_finds_nothing(page, book_url, built_book, course):
    """As a learner searches: the book's search page, for the words of a feedback line."""
    from test_search_index import only_in_quizzes, quiz_only_texts, words
    quiz_words = set(only_in_quizzes(built_book, course))
    line = next(text for text in quiz_only_texts(course) if words(text) & quiz_words)
    results = page.locator("#search-results")
    page.goto(f"{book_url}/search.html?q=collagen")  # the search works: the chapters' words are found
    expect(results).to_contain_text("Search finished")
    assert page.locator("#search-results ul.search > li").count() >= 1
    page.goto(f"{book_url}/search.html?q={quote(line)}")
    expect(results).to_contain_text("Your search did not match any documents.")
    expect(page.locator("#search-results ul.search > li")).to_have_count(0)
