"""The live notebook quiz teaches as the book does (quiz/said.py): a wrong answer gets its
feedback, the hint and a "Review" link but not the answer; the answer comes with a right
answer, "Show the answer" or the second wrong try; a changed answer dims the old feedback;
the first-try score is kept; a summary closes the quiz."""
from __future__ import annotations

from patientcourse_runtime.quiz import QuizWidget
from patientcourse_runtime.store import ResultsFile
from quiz_samples import CH1, CHAPTER1_QUESTIONS, COURSE_ID, sample_bundle

MADE_OF, PAINFUL, PROVEN, ROLLING, STEPS, HOLD = range(6)


def make_quiz(tmp_path) -> QuizWidget:
    return QuizWidget(CH1, sample_bundle(), ResultsFile(COURSE_ID, path=tmp_path / "r.json"))


def shown(button) -> bool:
    return button.layout.display != "none"


def test_wrong_then_wrong_again_reveals_the_answer_only_the_second_time(tmp_path):
    quiz = make_quiz(tmp_path)
    box = quiz.questions[MADE_OF]
    box.input.widget.value = "a"  # Fat
    box.check_button.click()
    said = box.feedback.value
    assert "<strong>Not correct.</strong>" in said and "The article says fasciae are made of collagen." in said
    assert 'Review: What is fascia?</a>' in said
    assert "Why:" not in said and "The right answer" not in said and "Collagen</li>" not in said
    assert shown(box.show_button) and shown(box.retry_button)
    box.input.widget.value = "c"  # Bone
    box.check_button.click()
    said = box.feedback.value
    assert "The right answer:</strong></p><ul><li>b. Collagen</li>" in said and "Why:</strong> Fasciae" in said
    assert not shown(box.show_button)


def test_show_the_answer_reveals_it_after_one_try(tmp_path):
    box = make_quiz(tmp_path).questions[PROVEN]
    box.input.widget.value = True
    box.check_button.click()
    assert "Why:" not in box.feedback.value
    box.show_button.click()
    assert "The right answer:</strong></p><ul><li>False</li>" in box.feedback.value


def test_pick_all_that_apply_counts_without_naming_and_gives_the_hint(tmp_path):
    box = make_quiz(tmp_path).questions[PAINFUL]
    box.input.widget.value = ["a", "c"]   # a is right, c is wrong
    box.check_button.click()
    said = box.feedback.value
    assert "<strong>Not correct.</strong> You found 1 of 2. One choice is wrong." in said
    assert "Hint:</strong> Think of what can happen to a muscle." in said
    assert "the article names it" not in said and "does not name this" not in said


def test_a_changed_answer_dims_the_old_feedback(tmp_path):
    box = make_quiz(tmp_path).questions[MADE_OF]
    box.input.widget.value = "a"
    box.check_button.click()
    box.input.widget.value = "b"  # now right, but not yet checked
    assert "Not correct" not in box.feedback.value
    assert "You changed your answer." in box.feedback.value
    assert not shown(box.show_button)


def test_right_answer_says_the_verdict_once_and_hides_try_again(tmp_path):
    box = make_quiz(tmp_path).questions[MADE_OF]
    box.input.widget.value = "b"
    box.check_button.click()
    said = box.feedback.value
    assert "<strong>Correct.</strong>" in said and "<li>Collagen also makes up ligaments and tendons.</li>" in said
    assert "Yes." not in said
    assert not shown(box.retry_button) and not shown(box.show_button)


def test_summary_gives_scores_objectives_to_review_and_the_next_chapter(tmp_path):
    quiz = make_quiz(tmp_path)
    boxes = quiz.questions
    boxes[MADE_OF].input.widget.value = "a"
    boxes[MADE_OF].check_button.click()   # wrong at the first try
    boxes[MADE_OF].input.widget.value = "b"
    boxes[MADE_OF].check_button.click()
    boxes[PAINFUL].input.widget.value = ["a", "b"]
    boxes[PROVEN].input.widget.value = False
    q = CHAPTER1_QUESTIONS[ROLLING]
    boxes[ROLLING].input.widget.value = dict(zip(q.item_ids(), q.match_ids()))
    boxes[STEPS].input.widget.value = {step_id: str(place) for place, step_id
                                       in enumerate(CHAPTER1_QUESTIONS[STEPS].step_ids(), start=1)}
    boxes[HOLD].input.widget.value = "one minute"
    assert quiz.summary.value == ""
    for index in (PAINFUL, PROVEN, ROLLING, STEPS, HOLD):
        boxes[index].check_button.click()
    assert "Score: 6 of 6 points (first try: 5)." in quiz.score_line.value
    summary = quiz.summary.value
    assert "You answered all 6 questions: 6 of 6 points, 5 at the first try." in summary
    assert "Objective name-fascia" in summary and "Review: What is fascia?" in summary
    assert "Next chapter: The evidence" in summary
