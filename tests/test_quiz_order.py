"""Options are shown in one fixed shuffled order everywhere, lettered a, b, c in that order;
answers keep recording option ids. Numeric questions never give their answer as the example
and say "1 minute", not "1 minutes"."""
from __future__ import annotations

import json
import re

import pytest

from patientcourse.render.bundle import bundle
from patientcourse.structure.quiz import ChoiceQuestion, Numeric, display_order, displayed_letter
from patientcourse_runtime.quiz import QuizWidget
from patientcourse_runtime.quiz.shown import right_answer_text, shown_questions
from patientcourse_runtime.store import ResultsFile
from quiz_samples import CH1, CHAPTER1_QUESTIONS, COURSE_ID, sample_bundle, sample_course

MADE_OF = CHAPTER1_QUESTIONS[0]


def test_display_order_is_a_fixed_permutation_seeded_by_course_and_question():
    order = display_order(COURSE_ID, MADE_OF)
    assert sorted(order) == MADE_OF.option_ids() and order == display_order(COURSE_ID, MADE_OF)
    assert order != MADE_OF.option_ids()  # this one is not the written order
    orders = {tuple(display_order(f"course-{n}", MADE_OF)) for n in range(30)}
    assert len(orders) == 6, "each course id gives its own order; all six appear"
    assert display_order(COURSE_ID, MADE_OF.model_copy(update={"shuffle": False})) == ["a", "b", "c"]


def test_the_letter_shown_is_the_position_shown_and_every_face_uses_it(tmp_path):
    order = display_order(COURSE_ID, MADE_OF)
    letters = {option_id: displayed_letter(COURSE_ID, MADE_OF, option_id) for option_id in order}
    assert [letters[o] for o in order] == ["a", "b", "c"]
    for mode in ("practice", "assessment"):
        data = sample_bundle(mode)
        q = data["chapters"][CH1]["quiz"]["questions"][0]
        assert q["order"] == order
        if mode == "assessment":  # listed in the order shown, without the written one
            assert [o["id"] for o in q["options"]] == order and set(q["options"][0]) == {"id", "text"}
        shown = shown_questions(CH1, data["chapters"][CH1]["quiz"], mode)[0]
        assert [(c.id, c.label) for c in shown.choices] == [(o, letters[o]) for o in order]
        live = QuizWidget(CH1, data, ResultsFile(COURSE_ID, path=tmp_path / f"{mode}.json"))
        field = live.questions[0].input.widget.html
        shown_live = re.findall(r'<input type="radio" name="[^"]+" value="([^"]+)"> ([^<]+)</label>', field)
        assert [label for _, label in shown_live] == [f"{letters[o]}. {MADE_OF.option(o).text}" for o in order]
        assert [value for value, _ in shown_live] == order  # answers stay option ids
    practice = shown_questions(CH1, sample_bundle()["chapters"][CH1]["quiz"], "practice")[0]
    right = MADE_OF.correct_ids()[0]
    assert right_answer_text(practice) == [f"{letters[right]}. {MADE_OF.option(right).text}"]


def test_every_choice_question_of_the_real_course_has_its_order_in_the_bundle(course):
    data = json.loads(json.dumps(bundle(course)))
    for chapter in course.chapters:
        by_id = {q["id"]: q for q in data["chapters"][chapter.id]["quiz"]["questions"]}
        for q in chapter.quiz.questions:
            if isinstance(q, ChoiceQuestion):
                assert by_id[q.id]["order"] == display_order(course.id, q)


@pytest.mark.parametrize("answer, tolerance, unit, example", [
    (12, 0, "minutes", 3), (1, 0.25, "minutes", 12), (11, 2, "steps", 3), (3, 10, "times", 40)])
def test_numeric_example_is_never_an_accepted_answer(answer, tolerance, unit, example):
    q = Numeric(type="numeric", id="n", prompt="How many?", objective="o", section="s", explanation="e",
                answer=answer, tolerance=tolerance, unit=unit, if_correct="y", if_wrong="n")
    assert q.example() == example and not q.score(q.example()).correct


def test_units_are_singular_for_one():
    course = sample_course()
    hold = shown_questions(CH1, bundle(course)["chapters"][CH1]["quiz"], "practice")[5]
    assert right_answer_text(hold) == ["1 minute (give or take 0.25)"]
    glass = Numeric(type="numeric", id="n", prompt="How many?", objective="o", section="s", explanation="e",
                    answer=2, tolerance=0, unit="glasses", if_correct="y", if_wrong="n")
    singular = {unit: Numeric.model_validate({**glass.model_dump(), "unit": unit}).singular_unit()
                for unit in ("minutes", "glasses", "inches", "boxes", "calories", "times", "kg")}
    assert singular == {"minutes": "minute", "glasses": "glass", "inches": "inch", "boxes": "box",
                        "calories": "calorie", "times": "time", "kg": "kg"}
    # An irregular unit says its singular.
    assert glass.model_copy(update={"unit": "feet", "unit_one": "foot"}).singular_unit() == "foot"
