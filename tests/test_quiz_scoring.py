"""Answer checking for every question type, and the question bank's located validation errors.

The book's copy of the scoring is held to the same table of cases as this one in
tests/test_scoring_cases.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from patientcourse.structure import CourseError, Quiz, load_course
from patientcourse.structure.yamlsource import LocatedYaml, validate
from quiz_samples import CHAPTER1_QUESTIONS

MADE_OF, PAINFUL, PROVEN, ROLLING, STEPS, HOLD = CHAPTER1_QUESTIONS
INVALID = ["No answer was given in a form this question accepts."]
MINICOURSE = Path(__file__).parent / "fixtures" / "minicourse"


def test_single_right_wrong_and_invalid():
    assert MADE_OF.score("b").score == 1.0 and MADE_OF.score("b").correct
    assert MADE_OF.score("b").feedback == ["Yes. Collagen also makes up ligaments and tendons."]
    assert MADE_OF.score("a").score == 0.0
    assert MADE_OF.score("a").feedback == ["No. The article says fasciae are made of collagen."]
    for bad in ("z", 1, None, ["b"]):
        assert MADE_OF.score(bad).feedback == INVALID and MADE_OF.score(bad).score == 0


@pytest.mark.parametrize("answer, expected", [
    (["a", "b"], 1.0),         # both right ones
    (["b", "a"], 1.0),         # order does not matter
    (["a"], 0.5),              # half the right ones: partial credit
    (["a", "c"], 0.0),         # one right, one wrong cancel out
    (["a", "b", "c"], 0.5),    # a wrong pick takes a share back
    (["c"], 0.0),              # never below zero
])
def test_multiple_gives_partial_credit(answer, expected):
    scored = PAINFUL.score(answer)
    assert scored.score == pytest.approx(expected)
    assert scored.correct == (expected == 1.0)


def test_multiple_feedback_follows_option_order_and_rejects_bad_answers():
    assert PAINFUL.score(["c", "a"]).feedback == ["Yes, the article names it.",
                                                  "No. The article does not name this."]
    for bad in ("a", ["x"], ["a", "x"], [1], None):
        assert PAINFUL.score(bad).feedback == INVALID
    assert PAINFUL.score(["a", "a"]) == PAINFUL.score(["a"])  # a repeated pick counts once


def test_truefalse_needs_a_boolean():
    assert PROVEN.score(False).correct and PROVEN.score(False).feedback == [PROVEN.if_false]
    assert PROVEN.score(True).score == 0 and PROVEN.score(True).feedback == [PROVEN.if_true]
    assert PROVEN.score("false").feedback == INVALID
    assert PROVEN.score(0).feedback == INVALID


def test_matching_counts_each_pair_and_names_the_wrong_ones():
    items, matches = ROLLING.item_ids(), ROLLING.match_ids()
    assert ROLLING.score(dict(zip(items, matches))).feedback == ["All matches are right."]
    swapped = dict(zip(items, [matches[1], matches[0], matches[2]]))
    scored = ROLLING.score(swapped)
    assert scored.score == pytest.approx(1 / 3)
    assert scored.feedback == [ROLLING.pairs[0].feedback, ROLLING.pairs[1].feedback]
    assert ROLLING.score(dict(zip(items[:2], matches))).feedback == INVALID  # an item left out
    assert ROLLING.score({**dict(zip(items, matches)), items[0]: "m0000000"}).feedback == INVALID


def test_matching_and_ordering_ids_do_not_give_the_answer_away():
    assert sorted(ROLLING.match_ids()) != ROLLING.match_ids() or sorted(ROLLING.item_ids()) != ROLLING.item_ids()
    assert STEPS.shown_order() != STEPS.step_ids()
    assert sorted(STEPS.shown_order()) == sorted(STEPS.step_ids())


def test_ordering_scores_steps_in_place():
    ids = STEPS.step_ids()
    assert STEPS.score(ids).correct and STEPS.score(ids).feedback == ["The order is right."]
    rotated = ids[1:] + ids[:1]
    assert STEPS.score(rotated).score == 0
    two_swapped = [ids[1], ids[0]] + ids[2:]
    scored = STEPS.score(two_swapped)
    assert scored.score == pytest.approx(3 / 5)
    assert scored.feedback == [STEPS.steps[0].feedback, STEPS.steps[1].feedback]
    assert STEPS.score(ids[:-1]).feedback == INVALID
    assert STEPS.score(ids + ids[:1]).feedback == INVALID


@pytest.mark.parametrize("answer, right", [
    (1, True), (1.0, True), (1.25, True), (0.75, True),   # the edges of the tolerance count
    (1.2500001, False), (0.7499999, False), (2, False), (-1, False),
])
def test_numeric_tolerance_edges(answer, right):
    scored = HOLD.score(answer)
    assert scored.correct is right
    assert scored.feedback == [HOLD.if_correct if right else HOLD.if_wrong]


@pytest.mark.parametrize("bad", ["1", True, None, float("nan"), float("inf")])
def test_numeric_rejects_what_is_not_a_number(bad):
    assert HOLD.score(bad).feedback == INVALID


# -- validation: every problem names the file, the line and the field ---------------------------

def quiz_problems(text: str) -> list[str]:
    with pytest.raises(CourseError) as err:
        validate(Quiz, LocatedYaml(text, Path("chapters/01-x.quiz.yml")))
    return [str(p) for p in err.value.problems]


BASE = """questions:
  - id: q-one
    type: single
    prompt: What are fasciae made of?
    objective: o
    section: s
    explanation: Collagen.
    options:
      - text: Collagen
        correct: true
        feedback: Yes.
      - text: Bone
        feedback: No.
"""


def test_valid_quiz_loads():
    quiz = validate(Quiz, LocatedYaml(BASE, Path("chapters/01-x.quiz.yml")))
    assert quiz.questions[0].correct_ids() == ["a"]


def test_duplicate_question_id_is_located():
    problems = quiz_problems(BASE + BASE.split("\n", 1)[1])
    assert any("01-x.quiz.yml:" in p and "'q-one' is used twice" in p for p in problems), problems


def test_single_choice_with_two_right_options_is_located():
    problems = quiz_problems(BASE.replace("        feedback: No.", "        correct: true\n        feedback: No."))
    assert any(p.startswith("chapters/01-x.quiz.yml:2:") and "exactly one option" in p
               and "has 2" in p for p in problems), problems


def test_empty_option_text_is_located():
    problems = quiz_problems(BASE.replace("- text: Bone", "- text: '  '"))
    assert any(":12: questions[0].options[1].text:" in p and "must not be blank" in p for p in problems), problems


def test_numeric_without_tolerance_is_located():
    text = """questions:
  - id: q-hold
    type: numeric
    prompt: How many minutes?
    objective: o
    section: s
    explanation: One minute.
    answer: 1
    unit: minutes
    if_correct: Yes.
    if_wrong: No.
"""
    problems = quiz_problems(text)
    assert any("questions[0].tolerance: this field is required" in p for p in problems), problems


def test_multiple_without_a_right_option_is_located():
    problems = quiz_problems(BASE.replace("type: single", "type: multiple").replace("        correct: true\n", ""))
    assert any("at least one option" in p for p in problems), problems


def test_unknown_objective_and_section_are_located(tmp_path):
    if not MINICOURSE.is_dir():
        pytest.skip("tests/fixtures/minicourse is not there")
    root = tmp_path / "course"
    shutil.copytree(MINICOURSE, root)
    quiz = root / "chapters" / "01-basics.quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(text.replace("objective: name-fascia", "objective: no-such-objective", 1)
                    .replace("section: what-is-it-made-of", "section: no-such-section", 1), encoding="utf-8")
    with pytest.raises(CourseError) as err:
        load_course(root)
    problems = [str(p) for p in err.value.problems]
    assert any("01-basics.quiz.yml:5: questions[0].objective: no learning objective 'no-such-objective'" in p
               for p in problems), problems
    assert any("01-basics.quiz.yml:6: questions[0].section: no section 'no-such-section'" in p
               for p in problems), problems


def test_display_order_is_a_fixed_shuffle_per_course_and_question_unless_pinned():
    from patientcourse.structure.quiz import display_order

    from pydantic import TypeAdapter
    from patientcourse.structure.quiz import Question

    question = TypeAdapter(Question).validate_python({"type": "single", "id": "q-order", "prompt": "p", "objective": "o", "section": "s",
                          "explanation": "e", "options": [{"text": t, "correct": t == "A", "feedback": "f"}
                                                          for t in "ABCDEF"]})
    order = display_order("course-1", question)
    assert sorted(order) == question.option_ids() and order != question.option_ids()
    assert display_order("course-1", question) == order  # the same every time, everywhere
    assert display_order("course-2", question) != order  # another course, another order
    pinned = question.model_copy(update={"shuffle": False})
    assert display_order("course-1", pinned) == question.option_ids()
