"""Course → one chapter notebook per chapter (``notebooks/NN-slug.ipynb``), without outputs.

A notebook is a list of cells made by small, separate steps (header, objectives, sections
with their widgets, key points, help box, quiz, footer), so another product can reuse or
drop a step. Output is byte-for-byte deterministic: same course, same bytes.
"""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..structure import Chapter, Course
from .common import about_box

NOTEBOOK_DIR = "notebooks"
# The book hides the Python that draws a quiz or widget; learners in Jupyter still see it.
HIDE_CODE = {"tags": ["remove-input"]}
# Text for Jupyter only (how to run a cell): the book leaves the whole cell out.
JUPYTER_ONLY = {"tags": ["remove-cell"]}


def notebook_path(chapter: Chapter) -> str:
    return f"{NOTEBOOK_DIR}/{chapter.id}.ipynb"


def render_notebook(course: Course, chapter: Chapter) -> bytes:
    cells: list[tuple[str, str]] = []  # (kind, source)
    for step in (header, objectives, sections, key_points, help_box, quiz, footer):
        cells.extend(step(course, chapter))
    nb = new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "patientcourse": {"course": course.id, "chapter": chapter.id,
                          "generated_from": f"course/chapters/{chapter.id}.md"},
    })
    for n, (kind, source) in enumerate(cells):
        cell_id = f"{chapter.slug}-{n:02d}"
        if kind == "code":
            nb.cells.append(new_code_cell(source, id=cell_id, metadata=dict(HIDE_CODE)))
        elif kind == "markdown-jupyter":
            nb.cells.append(new_markdown_cell(source, id=cell_id, metadata=dict(JUPYTER_ONLY)))
        else:
            nb.cells.append(new_markdown_cell(source, id=cell_id))
    nbformat.validate(nb)
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def _md(*blocks: str) -> tuple[str, str]:
    return ("markdown", "\n\n".join(b for b in blocks if b))


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def header(course: Course, chapter: Chapter):
    yield _md(f"({chapter.slug})=\n# {chapter.number}. {chapter.title}",
              f":::{{admonition}} Main message\n:class: tip pc-main-message\n{chapter.meta.main_message}\n:::",
              about_box(course))


def objectives(course: Course, chapter: Chapter):
    yield _md("## What you will learn", "After this chapter you will be able to:",
              _bullets([o.text for o in chapter.meta.objectives]))


def sections(course: Course, chapter: Chapter):
    for section in chapter.sections:
        yield _md(f"({chapter.label(section.id)})=\n## {section.title}", section.body)
        for widget in chapter.widgets:
            if widget.after == section.id:
                yield ("code", "from patientcourse_runtime import chapter_widget\n"
                               f"chapter_widget({chapter.id!r}, {widget.kind!r})")


def key_points(course: Course, chapter: Chapter):
    yield _md("## Key points", _bullets(chapter.meta.key_points))


def help_box(course: Course, chapter: Chapter):
    if chapter.meta.when_to_get_help:
        yield _md(":::{admonition} When to get help\n:class: warning pc-get-help\n"
                  + _bullets(chapter.meta.when_to_get_help) + "\n:::")


def quiz(course: Course, chapter: Chapter):
    yield _md(f"({chapter.slug}-quiz)=\n## {chapter.quiz.title}",
              "Answer the questions below. Each answer tells you why it is right or wrong.")
    # Read only in Jupyter: the book leaves out cells tagged remove-cell, and shows the quiz
    # itself (its answers stay in the reader's browser, as the landing page says).
    yield ("markdown-jupyter", "**In Jupyter:** run the code cell below to show the quiz. "
                               "Your answers are saved to a results file that you can hand in.")
    yield ("code", f"from patientcourse_runtime import chapter_quiz\nchapter_quiz({chapter.id!r})")


def footer(course: Course, chapter: Chapter):
    """After the quiz: where to go next. The source credit is in the "About this page" box
    (and the book's footer), so it is not repeated here."""
    following = course.chapters[course.chapters.index(chapter) + 1:]
    if following:
        onward = f"**Next chapter:** [{following[0].number}. {following[0].title}](../{notebook_path(following[0])})"
    else:
        onward = "**You have finished the last chapter.** See all your answers on [My progress](../book/progress.md)."
    yield _md("---", onward, "See also: [Sources](../book/sources.md) and the [Glossary](../book/glossary.md).")
