"""The book's pages as generated (issue 14): patients' pages without developer words, the
instructors' page, the A-Z glossary, the quiz intro for where it is read, Next chapter after the
quiz, and the theme's icons kept in step with the theme."""
from __future__ import annotations

import re

import nbformat

from patientcourse.render.notebooks import render_notebook
from patientcourse.render.pages import glossary_page, instructors_page, landing_page
from patientcourse.render.project import render_project
from patientcourse.render.toc import render_toc
from patientcourse.web import icons


def test_landing_page_speaks_to_patients(course):
    page = landing_page(course).split("\n", 1)[1]  # after the generated-file comment
    for developer_word in ("patientcourse ", "make lab", "Jupyter", "notebooks/` folder", "run each cell"):
        assert developer_word not in page
    assert "[My progress](progress.md)" in page and "[Glossary](glossary.md)" in page


def test_instructions_for_jupyter_and_instructors_have_their_own_page(course):
    page = instructors_page(course)
    assert page.splitlines()[2] == "# For instructors and learners in Jupyter"
    for needed in ("make lab", "patientcourse assign", "patientcourse grade", "patientcourse handouts"):
        assert needed in page
    assert "pc-instructors" in page  # the box that keeps the page out of the book's search
    toc = render_toc(course).decode()
    assert toc.index("book/instructors") > toc.index("caption: For instructors")
    files = render_project(course, instructor_pages=False)
    assert "book/instructors.md" not in files and "book/instructors" not in files["_toc.yml"].decode()


def test_glossary_has_a_to_z_and_one_entry_per_term(course):
    page = glossary_page(course)
    letters = sorted({t.term[0].upper() for t in course.glossary.terms})
    assert re.findall(r"^## (\w)$", page, re.M) == letters
    jump = next(line for line in page.splitlines() if line.startswith("Jump to a letter"))
    assert [m for m in re.findall(r"\{ref\}`(\w) <glossary-\w>`", jump)] == letters
    for term in course.glossary.terms:  # the headword, its other forms, then its meanings
        names = "\n".join([term.term, *term.also])
        first = f"*General meaning, not from the article:* {term.general}" if term.general else term.definition
        assert f"{names}\n  {first}" in page
        assert page.count(f"\n{term.term}\n") == 1  # one entry per term


def test_quiz_intro_is_worded_for_where_it_is_read(course):
    chapter = course.chapters[0]
    nb = nbformat.reads(render_notebook(course, chapter).decode(), as_version=4)
    quiz_at = next(i for i, c in enumerate(nb.cells) if "chapter_quiz(" in c.source)
    intro, jupyter_only = nb.cells[quiz_at - 2], nb.cells[quiz_at - 1]
    assert "Jupyter" not in intro.source and "browser" not in intro.source
    assert jupyter_only.cell_type == "markdown" and "run the code cell below" in jupyter_only.source
    assert jupyter_only.metadata["tags"] == ["remove-cell"]  # the book leaves it out


def test_next_chapter_follows_the_quiz_and_the_credit_is_not_repeated(course):
    for chapter, following in zip(course.chapters, course.chapters[1:] + [None]):
        nb = nbformat.reads(render_notebook(course, chapter).decode(), as_version=4)
        last = nb.cells[-1].source
        if following:
            assert f"**Next chapter:** [{following.number}. {following.title}](../notebooks/{following.id}.ipynb)" in last
        else:
            assert "My progress" in last
        assert course.meta.source.title not in last


def test_icons_css_is_what_the_theme_s_font_awesome_makes():
    script = icons.theme_fontawesome().read_text(encoding="utf-8")
    assert icons.OUTPUT.read_text(encoding="utf-8") == icons.icons_css(script), \
        "patientcourse/web/icons.css is stale: run `python -m patientcourse.web.icons`, then `make js`."
