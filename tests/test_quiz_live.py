"""The live quiz widget, driven from Python as a learner drives it in Jupyter: set an input's
value, click a button, read the feedback. Answers land in the results file."""
from __future__ import annotations

import json

import ipywidgets as w
import pytest

from patientcourse_runtime import chapter_quiz
from patientcourse_runtime.store import ResultsFile
from patientcourse_runtime.quiz import QuizWidget
from patientcourse_runtime.quiz.inputs import NO_CHOICE, AnswerField
from quiz_samples import CH1, CH2, CHAPTER1_QUESTIONS, COURSE_ID, sample_bundle

MADE_OF, PAINFUL, PROVEN, ROLLING, STEPS, HOLD = range(6)


@pytest.fixture
def results_path(tmp_path):
    return tmp_path / "results" / f"{COURSE_ID}.json"


def make_quiz(results_path, mode="practice", chapter=CH1) -> QuizWidget:
    return QuizWidget(chapter, sample_bundle(mode), ResultsFile(COURSE_ID, path=results_path))


def saved(results_path, chapter=CH1) -> dict:
    return json.loads(results_path.read_text(encoding="utf-8"))["chapters"][chapter]["answers"]


def test_is_a_real_widget_with_one_box_per_question(results_path):
    quiz = make_quiz(results_path)
    assert isinstance(quiz, w.VBox)
    assert [b.question.id for b in quiz.questions] == [q.id for q in CHAPTER1_QUESTIONS]
    assert isinstance(quiz.questions[MADE_OF].input.widget, AnswerField)
    assert quiz.questions[MADE_OF].input.widget.value == NO_CHOICE, "nothing is chosen for the learner"


class PageEnd:
    """The page's end of a widget's comm: records what Python sends, and delivers to Python what
    the page sends (as the comm does), whatever kernel the test process has or lacks."""
    comm_id = "answer-field"
    kernel = "connected"

    def __init__(self):
        self.sent: list[dict] = []
        self.deliver = None

    def send(self, data=None, metadata=None, buffers=None):
        self.sent.append(data)

    def on_msg(self, callback):
        self.deliver = callback

    def close(self, *args, **kwargs):
        pass


def test_a_draft_from_the_browser_is_taken_without_being_sent_back():
    """The page sends every change of the controls as a draft. Sent back (ipywidgets echoes
    what a page sets), the draft for an earlier choice arrives after the learner's next one
    and puts the earlier choice back on the page; a quick learner's answer was then checked
    as the one before. What Python itself sets still goes to the page."""
    page = PageEnd()
    field = AnswerField(kind="single", value=None, comm=page)
    page.sent.clear()  # the state sent when the field opened
    # The comm message answer_field.js sends (model.send({draft})).
    page.deliver({"content": {"data": {"method": "custom", "content": {"draft": "b"}}}, "buffers": []})
    assert field.value == "b"
    assert page.sent == []
    field.value = "c"
    assert [(m["method"], m["state"]) for m in page.sent] == [("update", {"value": "c"})]


def test_right_then_wrong_single_choice(results_path):
    quiz = make_quiz(results_path)
    box = quiz.questions[MADE_OF]
    box.input.widget.value = "b"
    box.check_button.click()
    assert "<strong>Correct.</strong>" in box.feedback.value
    assert "Collagen also makes up ligaments and tendons." in box.feedback.value
    assert "Why:</strong> Fasciae are made of collagen" in box.feedback.value
    assert "Score: 1 of 6 points (first try: 1). Answered: 1 of 6 questions." in quiz.score_line.value
    box.input.widget.value = "a"
    box.check_button.click()
    assert "<strong>Not correct.</strong>" in box.feedback.value
    assert "The article says fasciae are made of collagen." in box.feedback.value
    # The first answer was right: the first-try score keeps it.
    assert "Score: 0 of 6 points (first try: 1)." in quiz.score_line.value
    entry = saved(results_path)["fa-made-of"]
    assert entry["answer"] == "a" and entry["attempts"] == 2


def test_every_type_records_the_documented_answer_encoding(results_path):
    quiz = make_quiz(results_path)
    boxes = quiz.questions
    # What the answer fields' script sends as the learner ticks, chooses and types.
    boxes[PAINFUL].input.widget.value = ["a"]
    boxes[PROVEN].input.widget.value = False
    rolling = CHAPTER1_QUESTIONS[ROLLING]
    boxes[ROLLING].input.widget.value = dict(zip(rolling.item_ids(), rolling.match_ids()))
    steps = CHAPTER1_QUESTIONS[STEPS].step_ids()
    boxes[STEPS].input.widget.value = {step_id: str(place) for place, step_id in enumerate(steps, start=1)}
    boxes[HOLD].input.widget.value = " 1,25 "
    for box in boxes[1:]:
        box.check_button.click()
    answers = {k: v["answer"] for k, v in saved(results_path).items()}
    assert answers == {"fa-painful": ["a"], "fa-proven": False,
                       "fa-rolling": dict(zip(rolling.item_ids(), rolling.match_ids())),
                       "fa-thoracic-steps": steps, "fa-hold": 1.25}
    assert "Partly correct: 50% of the marks." in boxes[PAINFUL].feedback.value
    assert all("<strong>Correct.</strong>" in b.feedback.value for b in boxes[PROVEN:])
    assert "Score: 4.5 of 6 points (first try: 4.5). Answered: 5 of 6 questions." in quiz.score_line.value


def test_whole_numbers_are_stored_as_integers_like_the_browser(results_path):
    quiz = make_quiz(results_path)
    quiz.questions[HOLD].input.widget.value = "1"
    quiz.questions[HOLD].check_button.click()
    assert results_path.read_text().count('"answer": 1,') == 1


@pytest.mark.parametrize("index, prepare, message", [
    (MADE_OF, lambda box: None, "Choose an answer."),
    (PAINFUL, lambda box: None, "Choose at least one answer."),
    (ROLLING, lambda box: None, "Choose a match for every item."),
    (STEPS, lambda box: setattr(box.input.widget, "value", {s: "1" for s in box.input.steps}),
     "Give each step a different place, from 1 to 5."),
    (HOLD, lambda box: setattr(box.input.widget, "value", "a few"), "“a few” is not a number. Type a number, for example 12."),
    (HOLD, lambda box: None, "Type a number, for example 12."),
])
def test_incomplete_answers_are_explained_and_not_recorded(results_path, index, prepare, message):
    quiz = make_quiz(results_path)
    box = quiz.questions[index]
    prepare(box)
    box.check_button.click()
    assert message in box.feedback.value
    assert not results_path.exists()


def test_try_again_clears_the_question_and_keeps_counting_attempts(results_path):
    quiz = make_quiz(results_path)
    box = quiz.questions[PROVEN]
    box.input.widget.value = True
    box.check_button.click()
    assert box.retry_button.layout.display != "none"
    box.retry_button.click()
    assert box.input.widget.value == NO_CHOICE and box.feedback.value == ""
    box.input.widget.value = False
    box.check_button.click()
    assert "<strong>Correct.</strong>" in box.feedback.value
    assert saved(results_path)["fa-proven"]["attempts"] == 2


def test_answers_come_back_when_the_notebook_is_opened_again(results_path):
    first = make_quiz(results_path)
    first.questions[MADE_OF].input.widget.value = "b"
    first.questions[MADE_OF].check_button.click()
    first.questions[HOLD].input.widget.value = "3"
    first.questions[HOLD].check_button.click()
    again = make_quiz(results_path)
    assert again.questions[MADE_OF].input.widget.value == "b"
    assert "<strong>Correct.</strong>" in again.questions[MADE_OF].feedback.value
    assert again.questions[HOLD].input.widget.value == "3"
    assert "Score: 1 of 6 points (first try: 1). Answered: 2 of 6 questions." in again.score_line.value


def test_start_again_clears_the_questions_but_never_the_results_file(results_path):
    """The file may already have been handed in: a new try must not silently empty it."""
    ch1, ch2 = make_quiz(results_path), make_quiz(results_path, chapter=CH2)
    ch1.questions[MADE_OF].input.widget.value = "b"
    ch1.questions[MADE_OF].check_button.click()
    ch2.questions[0].input.widget.value = "a"
    ch2.questions[0].check_button.click()
    before = saved(results_path)
    ch1.reset_button.click()
    assert saved(results_path) == before, "every answer stays in the results file"
    assert ch1.questions[MADE_OF].input.widget.value == NO_CHOICE and ch1.questions[MADE_OF].feedback.value == ""
    assert "Your results file keeps your earlier answers" in ch1.notice.value
    ch1.questions[MADE_OF].input.widget.value = "a"
    ch1.questions[MADE_OF].check_button.click()
    entry = saved(results_path)["fa-made-of"]
    assert (entry["first_answer"], entry["answer"], entry["attempts"]) == ("b", "a", 2)


def test_assessment_saves_answers_and_never_says_if_right(results_path):
    quiz = make_quiz(results_path, mode="assessment")
    assert all(box.question.key is None for box in quiz.questions)
    box = quiz.questions[MADE_OF]
    assert box.check_button.description == "Save answer"
    box.input.widget.value = "a"
    box.check_button.click()
    assert box.feedback.value == "<p><strong>Answer saved</strong> (attempt 1).</p>"
    assert quiz.score_line.value.startswith("<p><strong>Answered: 1 of 6 questions.</strong>")
    assert "correct" not in quiz.score_line.value.lower()
    assert saved(results_path)["fa-made-of"]["answer"] == "a"


def test_learner_fields_put_the_name_on_the_results_file_and_its_name(results_path):
    quiz = make_quiz(results_path)
    quiz.questions[MADE_OF].input.widget.value = "b"
    quiz.questions[MADE_OF].check_button.click()
    quiz.name_field.value = "Ada Lovelace"
    quiz.id_field.value = "s-12"
    named = results_path.parent / f"{COURSE_ID}--ada-lovelace-s-12.json"
    assert quiz.results.path == named and not results_path.exists()
    assert json.loads(named.read_text())["learner"] == {"name": "Ada Lovelace", "id": "s-12"}
    assert f"Saved to {named}" in quiz.score_line.value
    again = make_quiz(results_path)
    assert again.name_field.value == "Ada Lovelace" and again.questions[MADE_OF].input.widget.value == "b"


def test_a_reminder_shows_until_the_learner_gives_a_name_or_id(results_path):
    quiz = make_quiz(results_path)
    assert "Type your name or student id" in quiz.header.reminder.value
    assert quiz.header.reminder.layout.display != "none"
    quiz.id_field.value = "s-12"
    assert quiz.header.reminder.layout.display == "none"
    assert make_quiz(results_path).header.reminder.layout.display == "none", "the file has the id"


def test_after_another_learners_file_is_refused_nothing_of_theirs_is_written_or_shown(results_path):
    results_path.parent.mkdir(parents=True)
    theirs = ResultsFile(COURSE_ID, path=results_path)
    theirs.set_learner("Bob", "s-99")
    theirs.record(CH1, "fa-made-of", "c")
    bobs_file = theirs.path
    before = bobs_file.read_bytes()
    quiz = make_quiz(results_path)  # the same computer, later: Bob's is the only file there
    assert quiz.questions[MADE_OF].input.widget.value == "c"
    quiz.id_field.value = "s-12"
    assert "belongs to another learner" in quiz.notice.value and "left as it was" in quiz.notice.value
    assert "bob" not in quiz.notice.value.lower() and "s-99" not in quiz.notice.value
    assert quiz.questions[MADE_OF].input.widget.value == NO_CHOICE and quiz.questions[MADE_OF].feedback.value == ""
    assert "Answered: 0 of 6 questions." in quiz.score_line.value
    quiz.questions[PROVEN].input.widget.value = False
    quiz.questions[PROVEN].check_button.click()
    assert bobs_file.read_bytes() == before, "no write to the other learner's file"
    mine = results_path.parent / f"{COURSE_ID}--s-12.json"
    assert quiz.results.path == mine and f"Saved to {mine}" in quiz.score_line.value
    assert list(json.loads(mine.read_text())["chapters"][CH1]["answers"]) == ["fa-proven"]


def test_a_damaged_results_file_is_restored_and_the_quiz_says_so(results_path):
    first = make_quiz(results_path)
    first.questions[MADE_OF].input.widget.value = "b"
    first.questions[MADE_OF].check_button.click()
    results_path.write_text('{"schema": "patientcourse.results", oops')
    quiz = make_quiz(results_path)
    assert "restored from its last good copy" in quiz.notice.value
    assert quiz.questions[MADE_OF].input.widget.value == "b", "the saved answer is back"
    assert len(list(results_path.parent.glob(f"{results_path.name}.*.damaged"))) == 1
    quiz.questions[PROVEN].input.widget.value = False
    quiz.questions[PROVEN].check_button.click()
    assert set(saved(results_path)) == {"fa-made-of", "fa-proven"}


def test_chapter_quiz_reads_the_bundle_and_the_documented_results_location(tmp_path, monkeypatch):
    bundle_path = tmp_path / "course.json"
    bundle_path.write_text(json.dumps(sample_bundle()))
    monkeypatch.setenv("PATIENTCOURSE_BUNDLE", str(bundle_path))
    monkeypatch.setenv("PATIENTCOURSE_RESULTS_DIR", str(tmp_path / "hand-in"))
    quiz = chapter_quiz(CH1)
    quiz.questions[PROVEN].input.widget.value = False
    quiz.questions[PROVEN].check_button.click()
    assert json.loads((tmp_path / "hand-in" / f"{COURSE_ID}.json").read_text())["chapters"][CH1]["answers"][
        "fa-proven"]["answer"] is False
    with pytest.raises(KeyError, match="not in this course; it has: 01-fascia-basics, 02-evidence"):
        chapter_quiz("09-nothing")


def test_an_answer_the_question_no_longer_accepts_shows_the_question_unanswered(results_path):
    """E.g. the question bank changed after the learner answered: no crash, no false score."""
    results_path.parent.mkdir(parents=True)
    ResultsFile(COURSE_ID, path=results_path).record(CH1, "fa-made-of", "z")
    ResultsFile(COURSE_ID, path=results_path).record(CH1, "fa-rolling", {"i0000000": "m0000000"})
    quiz = make_quiz(results_path)
    assert quiz.questions[MADE_OF].input.widget.value == NO_CHOICE
    assert quiz.questions[MADE_OF].feedback.value == ""
    assert quiz.questions[ROLLING].feedback.value == ""
    assert "Score: 0 of 6 points (first try: 0)." in quiz.score_line.value


def test_a_draft_sent_by_the_answer_field_is_what_check_reads(results_path):
    """The browser sends each change as a message (answer_field.js): the next Check uses it."""
    quiz = make_quiz(results_path)
    box = quiz.questions[MADE_OF]
    box.input.widget._handle_custom_msg({"draft": "b"}, [])
    box.check_button.click()
    assert saved(results_path)["fa-made-of"]["answer"] == "b"
