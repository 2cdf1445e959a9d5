"""check's quiz rules: right answers crowding one shown letter, and "about" numbers with no
tolerance (patientcourse/checks/quizzes.py)."""
from __future__ import annotations

from test_check_fixtures import TODAY, make_course

from patientcourse.checks import run_checks
from patientcourse.structure.quiz import display_order, displayed_letter


def found(course, rule):
    return [f for f in run_checks(course, today=TODAY, notebooks_dir=None).findings if f.rule == rule]


def single(qid: str, shuffle: str = "") -> str:
    return f"""\
  - id: {qid}
    type: single
    prompt: What does fascia wrap?
    objective: define-fascia
    section: what-is-fascia
    explanation: The chapter says fascia wraps your muscles.
{shuffle}    options:
      - text: Your muscles
        correct: true
        feedback: It wraps your muscles.
      - text: Your bones only
        feedback: The chapter says muscles.
      - text: Nothing at all
        feedback: The chapter says muscles.
"""


def quiz(*questions: str) -> str:
    return "questions:\n" + "".join(questions)


def test_right_answers_pinned_to_one_letter_are_a_warning_at_the_first_one(tmp_path):
    pinned = "    shuffle: false\n"
    course = make_course(tmp_path, quiz=quiz(*(single(f"q-{n}", pinned) for n in range(3))))
    [f] = found(course, "key-positions")
    assert f.severity == "warning" and f.file.endswith("01-demo.quiz.yml") and f.line == 9
    assert "3 of the 3 single-choice questions have their right answer shown as option a" in f.message
    assert "remove 'shuffle: false' from q-0, q-1, q-2" in f.fix


def test_right_answers_spread_over_letters_pass_and_the_fix_names_another_shuffle(tmp_path):
    ids = [f"q-{n}" for n in range(12)]
    course = make_course(tmp_path, quiz=quiz(*(single(i) for i in ids)))
    questions = course.chapters[0].quiz.questions
    letters = [displayed_letter(course.id, q, "a") for q in questions]
    crowded = max(letters.count(x) for x in "abc") * 2 > len(letters)
    assert bool(found(course, "key-positions")) == crowded
    # A question's "shuffle: 2" is another fixed order of the same options.
    variant = make_course(tmp_path / "v", quiz=quiz(single("q-0", "    shuffle: 2\n"))).chapters[0].quiz.questions[0]
    orders = {tuple(display_order(course.id, q)) for q in (questions[0], variant)}
    assert all(sorted(o) == ["a", "b", "c"] for o in orders)
    assert display_order(course.id, variant) == display_order(course.id, variant)


def test_about_how_many_without_a_tolerance_is_a_warning(tmp_path):
    numeric = """\
  - id: q-hold
    type: numeric
    prompt: About how many minutes do you hold a tender spot?
    objective: define-fascia
    section: what-is-fascia
    explanation: One minute.
    answer: 1
    tolerance: 0
    unit: minutes
    if_correct: One minute.
    if_wrong: It is one minute.
"""
    [f] = found(make_course(tmp_path, quiz=quiz(numeric)), "numeric-tolerance")
    assert f.severity == "warning" and f.line == 9 and "asks “About”" in f.message and "tolerance" in f.fix
    exact = numeric.replace("About how many", "How many")
    assert found(make_course(tmp_path / "exact", quiz=quiz(exact)), "numeric-tolerance") == []
    ranged = numeric.replace("tolerance: 0", "tolerance: 0.5")
    assert found(make_course(tmp_path / "ranged", quiz=quiz(ranged)), "numeric-tolerance") == []


def test_the_real_course_spreads_its_right_answers(course):
    assert found(course, "key-positions") == []


def test_wrong_option_feedback_that_repeats_the_right_answer_is_a_warning_at_its_line(tmp_path):
    giving = single("q-0").replace("feedback: The chapter says muscles.\n      - text: Nothing",
                                   "feedback: No. It wraps your muscles.\n      - text: Nothing", 1)
    [f] = found(make_course(tmp_path, quiz=quiz(giving)), "feedback-gives-answer")
    assert f.severity == "warning" and f.line == 13 and "“Your bones only” repeats the right answer" in f.message
    assert found(make_course(tmp_path / "fine", quiz=quiz(single("q-0"))), "feedback-gives-answer") == []
