"""Options are shown in a fixed shuffled order, so always choosing the first option shown
scores no better than chance on single-choice questions (the authors wrote every right answer
first). Here in an assessment pack: its bundle lists options in the order the pack shows
them, and ``grade`` scores what a guesser hands in. The book is tested the same way in
tests/browser/test_quiz_guessing_browser.py."""
from __future__ import annotations

from patientcourse.instructor.grading import Grader
from patientcourse.render.bundle import bundle
from patientcourse.structure.quiz import Single
from test_instructor_sample import results_doc, write_json


def chance(course) -> float:
    """What guessing at random earns on the single-choice questions, on average."""
    return sum(1 / len(q.options) for c in course.chapters for q in c.quiz.questions if isinstance(q, Single))


def first_option_guesser(course) -> dict[str, dict[str, str]]:
    """The answers of a learner who always picks the first option their pack shows."""
    shown = bundle(course, mode="assessment", assignment={"id": "a1", "title": "A", "due": None})
    return {cid: {q["id"]: q["options"][0]["id"] for q in chapter["quiz"]["questions"] if q["type"] == "single"}
            for cid, chapter in shown["chapters"].items()}


def graded_points(course, answers, tmp_path) -> float:
    path = write_json(tmp_path / "guesser.json", results_doc(answers, course_id=course.id))
    book = Grader(course).grade([path])
    assert book.skipped == []
    return sum(book.grades[0].points.values())


def test_first_option_guesser_scores_no_better_than_chance_in_a_pack(course, tmp_path):
    singles = sum(isinstance(q, Single) for c in course.chapters for q in c.quiz.questions)
    assert singles >= 10
    points = graded_points(course, first_option_guesser(course), tmp_path)
    assert points <= chance(course), (
        f"choosing the first option shown scores {points} of {singles}; chance is {chance(course):.2f}. "
        "Run `patientcourse check` and spread the right answers (key-positions).")


def test_the_same_guesser_would_win_with_options_in_written_order(course, tmp_path):
    # What the shuffle prevents: the authors wrote every right answer first.
    pinned = course.model_copy(update={"chapters": [
        c.model_copy(update={"quiz": c.quiz.model_copy(update={"questions": [
            q.model_copy(update={"shuffle": False}) if isinstance(q, Single) else q for q in c.quiz.questions]})})
        for c in course.chapters]})
    points = graded_points(pinned, first_option_guesser(pinned), tmp_path)
    assert points > 2 * chance(course)
