"""``guide``: the answer key with every option's rationale, prompts, readability; never in
the book's folders."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patientcourse.cli import app
from patientcourse.instructor.guide import discussion_prompts, guide_markdown, write_guide
from patientcourse.structure import load_course
from patientcourse.structure.quiz import display_order
from quiz_samples import HOSTILE_PROMPT, sample_course
from test_instructor_grading import REPO


@pytest.fixture(scope="module")
def course():
    return sample_course()


@pytest.fixture(scope="module")
def guide(course):
    return guide_markdown(course)


def test_guide_has_every_options_rationale_and_marks_the_right_ones(course, guide):
    for chapter in course.chapters:
        for q in chapter.quiz.questions:
            assert f"`{q.id}` · {q.type}" in guide
            assert q.explanation in guide
            if q.type in ("single", "multiple"):
                # In display order, with no letter (learners' letters follow that order).
                lines = [f"- {q.option(i).text} — {'**✓ right**' if q.option(i).correct else '✗ wrong'}. "
                         f"*Rationale:* {q.option(i).feedback}" for i in display_order(course.id, q)]
                assert "\n".join(lines) in guide
    assert "- Answer: **False**" in guide  # fa-proven
    assert "- If the learner says True: Not so." in guide
    assert "- Answer: **1 minutes** (± 0.25)" in guide
    assert "- Side-lying IT band rolling → **Do not roll past your knee**." in guide
    steps = re.findall(r"^(\d)\. (.*?)\. \*Rationale", guide, re.M)
    assert [text for _, text in steps] == [s.text for s in course.chapter("01").quiz.question("fa-thoracic-steps").steps]


def test_guide_lists_objectives_with_their_questions_prompts_and_readability(course, guide):
    assert "- **name-fascia**: Objective name-fascia (questions: fa-made-of, fa-painful, fa-proven, " in guide
    assert guide.count("### Discussion prompts") == guide.count("### Readability") == len(course.chapters)
    assert re.search(r"- Flesch-Kincaid grade: \*\*-?\d+(\.\d)?\*\* \(limit 8", guide)
    assert "In your own words, what does this mean for you: “Fasciae surround muscles.”?" in guide


def test_discussion_prompts_only_quote_the_chapter(course):
    chapter = course.chapters[0]
    quoted = [m for p in discussion_prompts(chapter) for m in re.findall(r"“(.*?)”", p)]
    said = [chapter.meta.main_message, *chapter.meta.key_points]
    assert quoted and all(q in said for q in quoted)


def test_guide_html_shows_markup_in_course_text_as_text(tmp_path, course):
    html_text = (write_guide(course, tmp_path / "g")[1]).read_text(encoding="utf-8")
    assert "<script>" not in html_text
    assert "&lt;script&gt;" in html_text and HOSTILE_PROMPT.split("<")[0] in html_text


def test_real_course_guide_compares_with_the_article(tmp_path):
    real = load_course(REPO / "course")
    text = guide_markdown(real)
    # The source article's grade (FACTS.md: 10.5) sits beside each chapter's, when the
    # article is where course.yml says (it is kept outside the repository).
    article = (REPO / real.meta.source.file).is_file()
    assert text.count("the source article: 10.5") == (len(real.chapters) if article else 0)
    assert sum(len(c.quiz.questions) for c in real.chapters) == text.count("*Explanation:*")


def test_guide_refuses_to_write_where_learners_look(tmp_path):
    for inside in ("book", "notebooks/guide", "_build/html"):
        result = CliRunner().invoke(app, ["guide", "--course", str(REPO / "course"),
                                          "--out", str(REPO / inside)])
        assert result.exit_code == 2 and "which learners see" in result.output, inside
    result = CliRunner().invoke(app, ["guide", "--course", str(REPO / "course"), "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["instructor-guide.html", "instructor-guide.md"]


def test_each_question_links_to_its_section_in_the_book(course, tmp_path):
    text = guide_markdown(course, "https://example.org/course")
    assert ("section [What is fascia?](https://example.org/course/notebooks/01-fascia-basics.html"
            "#fascia-basics-what-is-fascia)") in text
    assert text.count("](https://example.org/course/notebooks/") == sum(len(c.quiz.questions) for c in course.chapters)
    # Without --book-url: the project's own built book, relative to the guide's folder.
    html_text = write_guide(course, tmp_path / "g")[1].read_text(encoding="utf-8")
    book = os.path.relpath(Path(course.root).resolve().parent / "_build" / "html", tmp_path / "g")
    assert f'href="{Path(book).as_posix()}/notebooks/02-evidence.html#evidence-research"' in html_text


def test_no_double_full_stops_in_the_real_course_guide():
    real = load_course(REPO / "course")
    text = re.sub(r"\]\([^)]*\)", "]", guide_markdown(real, "https://example.org"))  # link targets aside
    doubled = [line for line in text.splitlines() if re.search(r"(?<!\.)\.\.(?!\.)", line)]
    assert doubled == []


def test_guide_chapters_option_writes_one_assignments_key(tmp_path):
    result = CliRunner().invoke(app, ["guide", "--course", str(REPO / "course"), "--chapters", "2,04-risks",
                                      "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert "(2 chapters," in result.output
    text = (tmp_path / "g" / "instructor-guide.md").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 2. What is myofascial release, and does it work?", "## 4. Is myofascial release safe?"]
    bad = CliRunner().invoke(app, ["guide", "--course", str(REPO / "course"), "--chapters", "9", "--out", str(tmp_path / "h")])
    assert bad.exit_code == 2 and "no chapter '9'" in bad.output and not (tmp_path / "h").exists()
