"""Loading the course source: the real course is valid, and each kind of bad input is
reported with its file, line and field, and how to fix it."""
from __future__ import annotations

import re

from support import edit, problems
from patientcourse.structure import load_course


def test_real_course_has_five_chapters_in_order(course):
    assert [c.id for c in course.chapters] == [
        "01-fascia-anatomy", "02-myofascial-release", "03-exercises", "04-risks", "05-alternatives"]
    for chapter in course.chapters:
        assert chapter.meta.objectives and chapter.meta.key_points and chapter.sections


def test_mini_course_loads(mini_course_dir):
    course = load_course(mini_course_dir)
    assert [s.id for s in course.chapters[0].sections] == ["what-is-fascia", "what-is-it-made-of"]
    assert course.chapters[0].sections[0].body_line == 13


def test_missing_course_yml_names_the_file(tmp_path):
    [message] = problems(tmp_path)
    assert "course.yml" in message and "no course.yml here" in message


def test_unknown_field_is_located_with_line_and_fix(mini_course_dir):
    edit(mini_course_dir / "chapters/01-basics.md", "title: The basics", "titel: The basics")
    found = problems(mini_course_dir)
    assert any(re.search(r"01-basics\.md:2: titel: this field is not known\. Check its spelling", p) for p in found)
    assert any("01-basics.md" in p and "title: this field is required. Add it." in p for p in found)


def test_bad_date_is_located(mini_course_dir):
    edit(mini_course_dir / "course.yml", "last_reviewed: 2026-01-01", "last_reviewed: 2026-13-01")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{mini_course_dir / 'course.yml'}:4: last_reviewed:")
    assert "2026-13-01" in message


def test_invalid_yaml_gives_line(mini_course_dir):
    edit(mini_course_dir / "glossary.yml", "  - term: collagen", "  - term: collagen: [")
    [message] = problems(mini_course_dir)
    assert "glossary.yml:5" in message and "not valid YAML" in message


def test_single_choice_needs_exactly_one_correct(mini_course_dir):
    edit(mini_course_dir / "chapters/01-basics.quiz.yml", "correct: true", "correct: false")
    [message] = problems(mini_course_dir)
    assert "01-basics.quiz.yml:2: questions[0]:" in message
    assert "exactly one option with 'correct: true'; this one has 0" in message


def test_question_must_point_at_existing_section_and_objective(mini_course_dir):
    quiz = mini_course_dir / "chapters/01-basics.quiz.yml"
    edit(quiz, "section: what-is-fascia", "section: no-such-section")
    edit(quiz, "objective: name-fascia", "objective: no-such-objective")
    found = problems(mini_course_dir)
    assert any(":5: questions[0].objective: no learning objective 'no-such-objective'" in p for p in found)
    assert any(":18: questions[1].section: no section 'no-such-section'" in p
               and "what-is-fascia" in p for p in found)


def test_unknown_glossary_term_in_text_names_the_line(mini_course_dir):
    edit(mini_course_dir / "chapters/01-basics.md", "{term}`collagen`", "{term}`elastin`")
    [message] = problems(mini_course_dir)
    assert "01-basics.md:17:" in message and "{term}`elastin` is not in glossary.yml" in message


def test_self_care_chapter_needs_help_box(mini_course_dir):
    edit(mini_course_dir / "chapters/02-more.md", "when_to_get_help:\n  - Talk to your doctor first.\n", "")
    [message] = problems(mini_course_dir)
    assert "02-more.md" in message and "needs a 'when to get help' list" in message


def test_text_before_first_heading_is_rejected(mini_course_dir):
    edit(mini_course_dir / "chapters/02-more.md", "## How long to hold", "Stray text.\n\n## How long to hold")
    [message] = problems(mini_course_dir)
    assert "02-more.md:13:" in message and "before the first '## ' heading" in message


def test_missing_quiz_file_is_named(mini_course_dir):
    (mini_course_dir / "chapters/02-more.quiz.yml").unlink()
    [message] = problems(mini_course_dir)
    assert "02-more.quiz.yml" in message and "does not exist" in message


def test_duplicate_question_ids_across_chapters(mini_course_dir):
    edit(mini_course_dir / "chapters/02-more.quiz.yml", "id: m-hold", "id: b-made-of")
    found = problems(mini_course_dir)  # one in each quiz (see test_source_files.py)
    assert len(found) == 2 and all("b-made-of" in m and "unique in the course" in m for m in found)


def test_numeric_question_needs_tolerance(mini_course_dir):
    edit(mini_course_dir / "chapters/02-more.quiz.yml", "    tolerance: 0\n", "")
    [message] = problems(mini_course_dir)
    assert "02-more.quiz.yml" in message and "tolerance: this field is required" in message


def test_badly_named_chapter(mini_course_dir):
    edit(mini_course_dir / "course.yml", "  - 02-more", "  - More Stuff")
    [message] = problems(mini_course_dir)
    assert "course.yml:" in message and "must be named NN-slug" in message


def test_all_problems_reported_at_once(mini_course_dir):
    edit(mini_course_dir / "chapters/01-basics.md", "title: The basics", "titel: The basics")
    edit(mini_course_dir / "chapters/02-more.quiz.yml", "    tolerance: 0\n", "")
    found = problems(mini_course_dir)
    assert any("01-basics.md" in p for p in found) and any("02-more.quiz.yml" in p for p in found)
