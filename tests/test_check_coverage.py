"""Quiz coverage: every objective has a question; every question points at a real section."""
from __future__ import annotations

from test_check_fixtures import FRONT, TODAY, make_course

from patientcourse.checks import run_checks


def found(course, rule):
    return [f for f in run_checks(course, today=TODAY, notebooks_dir=None).findings if f.rule == rule]


def test_objective_without_a_question_is_an_error_at_its_line(tmp_path):
    front = FRONT.replace("key_points:", "  - id: use-roller\n    text: Use a foam roller.\nkey_points:")
    [f] = found(make_course(tmp_path, front=front), "objective-questions")
    assert (f.severity, f.line, f.file.endswith("01-demo.md")) == ("error", 7, True)
    assert "'use-roller'" in f.message and "objective: use-roller" in f.fix


def test_every_objective_covered_passes(tmp_path):
    assert found(make_course(tmp_path), "objective-questions") == []


def test_question_linking_to_a_missing_section_is_an_error_in_the_quiz_file(tmp_path):
    # The loader refuses this file; the check still catches it in a course built in code.
    course = make_course(tmp_path)
    chapter = course.chapters[0]
    question = chapter.quiz.questions[0].model_copy(update={"section": "no-such-section"})
    quiz = chapter.quiz.model_copy(update={"questions": [question]})
    broken = course.model_copy(update={"chapters": [chapter.model_copy(update={"quiz": quiz})]})
    [f] = found(broken, "question-links")
    assert f.severity == "error" and f.file.endswith("01-demo.quiz.yml") and f.line == 6
    assert "'no-such-section'" in f.message and "what-is-fascia" in f.fix
    assert found(course, "question-links") == []
