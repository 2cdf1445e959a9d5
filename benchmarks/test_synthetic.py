"""Synthetic courses are real course sources: they load, render, and copy the real text."""
from __future__ import annotations

from pathlib import Path

import pytest

from patientcourse.render.project import render_project
from patientcourse.structure import load_course
from synthetic import MAX_CHAPTERS, load_synthetic_course, synthetic_chapter_ids

REAL_COURSE = Path(__file__).resolve().parent.parent / "course"


@pytest.fixture(scope="module")
def real():
    return load_course(REAL_COURSE)


def test_first_pass_keeps_real_ids_and_later_copies_are_renumbered():
    real_ids = ["01-a", "02-b", "03-c"]
    plan = synthetic_chapter_ids(real_ids, 7)
    assert [new for new, _, _ in plan] == ["01-a", "02-b", "03-c", "04-a-copy-2", "05-b-copy-2",
                                          "06-c-copy-2", "07-a-copy-3"]
    assert [source for _, source, _ in plan] == ["01-a", "02-b", "03-c", "01-a", "02-b", "03-c", "01-a"]


def test_past_99_chapters_ids_keep_two_digits_and_stay_unique():
    plan = synthetic_chapter_ids(["01-a", "02-b", "03-c", "04-d", "05-e"], 320)
    ids = [new for new, _, _ in plan]
    assert len(set(ids)) == 320 and len({i[3:] for i in ids}) == 320
    assert ids[99] == "01-e-copy-20" and all(i[:2].isdigit() and i[2] == "-" for i in ids)


@pytest.mark.parametrize("count", [0, MAX_CHAPTERS + 1])
def test_sizes_outside_the_range_are_refused_with_the_range(count):
    with pytest.raises(ValueError, match=f"1 to {MAX_CHAPTERS}"):
        synthetic_chapter_ids(["01-a"], count)


def test_a_twelve_chapter_course_loads_renders_and_copies_real_text_only(tmp_path, real):
    course = load_synthetic_course(REAL_COURSE, tmp_path / "syn", 12)
    assert len(course.chapters) == 12
    assert course.chapters[11].id == "12-myofascial-release-copy-3"
    assert course.chapters[11].title == f"{real.chapters[1].title} (copy 3)"
    # Every copy carries the real chapter's sections and questions word for word.
    for n, chapter in enumerate(course.chapters):
        source = real.chapters[n % len(real.chapters)]
        assert [(s.title, s.body) for s in chapter.sections] == [(s.title, s.body) for s in source.sections]
        assert [q.prompt for q in chapter.quiz.questions] == [q.prompt for q in source.quiz.questions]
        assert len(chapter.widgets) == len(source.widgets)
    question_ids = [q.id for c in course.chapters for q in c.quiz.questions]
    assert len(question_ids) == len(set(question_ids))
    notebooks = [k for k in render_project(course) if k.endswith(".ipynb")]
    assert len(notebooks) == 12


def test_five_chapters_is_the_real_course(tmp_path, real):
    course = load_synthetic_course(REAL_COURSE, tmp_path / "syn", 5)
    assert [c.id for c in course.chapters] == [c.id for c in real.chapters]
    assert [n for n in render_project(course) if n.endswith(".ipynb")] == \
        [n for n in render_project(real) if n.endswith(".ipynb")]
