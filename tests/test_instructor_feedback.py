"""``grade --feedback DIR``: a printable page per learner with their answers, first try and final,
right or wrong, the right answer, its explanation and a link to the section in the book."""
from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from patientcourse.cli import app
from patientcourse.instructor.feedback import feedback_page, page_name, write_feedback
from patientcourse.instructor.grading import Grader
from patientcourse.structure.quiz import display_order
from quiz_samples import CH1, CH2, COURSE_ID, HOSTILE_PROMPT, sample_course
from test_instructor_sample import results_doc, right_answers, write_json

URL = "https://example.org/course"


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags, self.links, self.chunks = [], [], []
        self.feed(html)
        self.text = " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        for name in ("href", "src"):
            if name in attrs:
                self.links.append(attrs[name])

    def handle_data(self, data):
        self.chunks.append(data)


@pytest.fixture(scope="module")
def course():
    return sample_course()


@pytest.fixture
def book(tmp_path, course):
    bea = results_doc({CH1: {"fa-made-of": "b", "fa-proven": True, "fa-painful": ["a"]}}, name="Bea", learner_id="s-7")
    bea["chapters"][CH1]["answers"]["fa-made-of"].update(attempts=2, first_answer="a")
    old = results_doc({CH1: {"fa-made-of": "b"}}, name="Old File")
    old["chapters"][CH1]["answers"]["fa-made-of"]["attempts"] = 3  # no first_answer: from before they were kept
    files = [write_json(tmp_path / "bea.json", bea), write_json(tmp_path / "old.json", old)]
    return Grader(course).grade(files)


def page_of(course, book, name):
    grade = next(g for g in book.grades if g.learner == name)
    return Page(feedback_page(course, book, grade, title="Week 1", book_url=URL))


def test_page_shows_final_and_first_try_right_answer_explanation_and_section_link(course, book):
    page = page_of(course, book, "Bea")
    text = page.text
    assert "Your results: Week 1" in text and "Bea (s-7)" in text
    made_of = text[text.index("1. What are fasciae made of?"):text.index("2. What can make")]
    assert "Right, after 2 tries." in made_of
    assert "First try: Not right: Fat" in made_of
    assert "The right answer: Collagen" in made_of
    assert "Why: Fasciae are made of collagen, the same material" in made_of
    assert "About your answer: Yes. Collagen also makes up ligaments and tendons." in made_of
    painful = text[text.index("2. What can make"):text.index("3. Myofascial")]
    assert "Partly right (50% of the point), after 1 try." in painful and "this was your first try" in painful
    proven = text[text.index("3. Myofascial"):text.index("4. Match")]
    assert "Not right" in proven and "True ← your answer" in proven and "False ✓ right answer" in proven
    assert "You did not answer this question." in text[text.index("4. Match"):]
    assert f"{URL}/notebooks/{CH1}.html#fascia-basics-what-is-fascia" in page.links
    assert f"{URL}/notebooks/{CH2}.html#evidence-research" in page.links
    assert "Points by chapter" in text and "Total 1.5 8" in text


def test_options_are_listed_in_display_order_without_letters(course, book):
    text = page_of(course, book, "Bea").text
    question = course.chapter(CH1).quiz.question("fa-made-of")
    shown = [question.option(i).text for i in display_order(COURSE_ID, question)]
    section = text[text.index("1. What are fasciae made of?"):text.index("First try")]
    assert [section.index(t) for t in shown] == sorted(section.index(t) for t in shown)
    assert not re.search(r"\b[a-c][.)] (Fat|Collagen|Bone)\b", text)


def test_first_try_of_an_older_file_is_said_to_be_unknown(course, book):
    text = page_of(course, book, "Old File").text
    assert "First try: not recorded" in text[text.index("1. What are"):text.index("2. What can")]


def test_page_has_no_script_and_loads_nothing_and_escapes_course_text(course, book):
    html = feedback_page(course, book, book.grades[0], title="<script>alert(1)</script>", book_url=URL)
    page = Page(html)
    assert "script" not in page.tags and "img" not in page.tags and "<script>alert" not in html
    assert HOSTILE_PROMPT in page.text
    assert all(link.startswith(URL + "/") for link in page.links)
    assert "@media print" in html


@pytest.mark.parametrize("name, learner_id", [("../../etc/passwd", ""), ("<script>x</script>", ""),
                                              ("Zoë Ünal", ""), ("", "s-9"), ("Ada", "s-1"), ("Ada", "s-2")])
def test_page_names_are_safe(tmp_path, course, name, learner_id):
    path = write_json(tmp_path / "x.json", results_doc({}, name=name, learner_id=learner_id))
    file_name = page_name(Grader(course).grade([path]).grades[0])
    assert re.fullmatch(r"[a-z0-9-]+\.html", file_name)


def test_pages_are_unique_per_learner_and_zipped(tmp_path, course):
    files = [write_json(tmp_path / f"{n}.json", results_doc(right_answers(course), name=name, learner_id=i))
             for n, (name, i) in enumerate([("Ada", "s-1"), ("Ada", "s-2"), ("ADA", ""), ("Ada", "")])]
    book = Grader(course).grade(files)
    assert len(book.grades) == 3  # "ADA" and "Ada" with no id are one learner
    pages = write_feedback(course, book, tmp_path / "feedback", title="W1")
    assert len({p.name for p in pages}) == 3
    with zipfile.ZipFile(tmp_path / "feedback" / "feedback.zip") as archive:
        assert sorted(archive.namelist()) == sorted(p.name for p in pages)
        assert archive.read(pages[0].name) == pages[0].read_bytes()


def test_a_book_url_that_is_not_a_web_address_is_refused_and_nothing_written(tmp_path, course, monkeypatch):
    import patientcourse.commands.grade as grade_command

    monkeypatch.setattr(grade_command, "load_or_exit", lambda _: course)
    write_json(tmp_path / "a.json", results_doc({}, name="A"))
    result = CliRunner().invoke(app, ["grade", str(tmp_path / "a.json"), "--out", str(tmp_path / "out"),
                                      "--feedback", str(tmp_path / "fb"), "--book-url", "javascript:alert(1)"])
    assert result.exit_code == 2 and "is not a web address" in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "fb").exists()
