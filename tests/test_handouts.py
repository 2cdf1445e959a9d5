"""Handouts (issue 14): a chapter printed as a PDF holds its key points, every question as a
worksheet and, on its own last page, the answer key. The PDFs are read back as text, as a
reader (or a screen reader) would get them."""
from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from patientcourse.book.handouts import HandoutsFailed, write_handouts
from patientcourse.render.bundle import bundle
from patientcourse_runtime.quiz.shown import right_answer_text, shown_questions

from support import MINI_COURSE, make_project

pytestmark = pytest.mark.slow


def plain(text: str) -> str:
    """Text as compared: ligatures unfolded, every run of white space one space, and a line
    broken after a hyphen ("over-the-⏎counter") joined again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))).strip()


def pages_text(pdf: Path) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(pdf).pages]


def key_lines(course, chapter) -> list[str]:
    """Each question's right answer in the words the book shows (the runtime's own wording,
    with the letters of the order the book shows the options in)."""
    quiz = bundle(course)["chapters"][chapter.id]["quiz"]
    return ["; ".join(right_answer_text(q)) for q in shown_questions(chapter.id, quiz, "practice")]


def check_handout(pdf: Path, course, chapter) -> None:
    pages = pages_text(pdf)
    body, last = " ".join(pages[:-1]), pages[-1]
    assert plain(chapter.title) in body
    for point in chapter.meta.key_points:
        assert plain(point) in body, f"{pdf.name}: key point missing: {point}"
    for question in chapter.quiz.questions:
        assert plain(question.prompt) in body, f"{pdf.name}: question missing: {question.prompt}"
    assert last.startswith("Answer key"), f"{pdf.name}: the last page is not the answer key: {last[:80]}"
    for n, line in enumerate(key_lines(course, chapter), start=1):
        assert plain(f"Question {n}. {line}") in last, f"{pdf.name}: answer {n} missing from the key: {line}"
    # The key is only on its own page: no right answer is printed beside the worksheet.
    assert "Answer key" not in body and "Show the answer" not in body


def test_every_chapter_of_the_real_course_is_a_handout(built_book, course, tmp_path):
    written = write_handouts(course, built_book, tmp_path / "handouts")
    assert [p.name for p in written] == [f"{c.id}.pdf" for c in course.chapters]
    for pdf, chapter in zip(written, course.chapters):
        check_handout(pdf, course, chapter)


def test_handouts_command_writes_one_pdf_per_chapter_of_a_new_project(tmp_path):
    from patientcourse.structure import load_course

    project = make_project(tmp_path / "project")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "patientcourse", "handouts", "--course", str(MINI_COURSE),
                           "--project", str(project), "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    course = load_course(MINI_COURSE)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{c.id}.pdf" for c in course.chapters)
    for chapter in course.chapters:
        check_handout(out / f"{chapter.id}.pdf", course, chapter)


def test_no_handout_is_written_from_a_site_that_was_not_built(course, tmp_path):
    with pytest.raises(HandoutsFailed, match="Build the book first"):
        write_handouts(course, tmp_path / "empty-site", tmp_path / "out")
    assert not (tmp_path / "out").exists()
