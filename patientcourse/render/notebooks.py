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
from .notebook_glossary import NOTEBOOK_ONLY, glossary_cell
from .parts import deeper_headings, heading_level, part_closing, part_opening
from .text import bullets, inline_markdown, plain

NOTEBOOK_DIR = "notebooks"
# The book hides the Python that draws a quiz or widget; learners in Jupyter still see it.
HIDE_CODE = {"tags": ["remove-input"]}
# The kernel ipykernel installs, by its own display name: JupyterLab writes the kernel's name
# into an opened notebook, and a notebook that already says the same is not marked changed.
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# What the book and Jupyter both show above a quiz; how to run it in Jupyter is a cell of its own
# that the book leaves out (see ``quiz``).
QUIZ_INTRO = {
    "practice": "Answer the questions below. Each answer tells you why it is right or wrong.",
    "assessment": ("Answer the questions below. Your answers are saved for your instructor, who marks "
                   "them; this quiz does not say whether they are right."),
}


def notebook_path(chapter: Chapter) -> str:
    return f"{NOTEBOOK_DIR}/{chapter.id}.ipynb"


def render_notebook(course: Course, chapter: Chapter, mode: str = "practice") -> bytes:
    """``mode`` is the bundle's (practice or assessment): the text around the quiz says which."""
    cells: list[tuple[str, str]] = []  # (kind, source)
    for step in (header, objectives, glossary, sections, key_points, help_box, quiz, footer):
        cells.extend(step(course, chapter, mode) if step is quiz else step(course, chapter))
    nb = new_notebook(metadata={
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "patientcourse": {"course": course.id, "chapter": chapter.id,
                          "generated_from": f"course/chapters/{chapter.id}.md"},
    })
    for n, (kind, source) in enumerate(cells):
        cell_id = f"{chapter.slug}-{n:02d}"
        if kind == "code":
            nb.cells.append(new_code_cell(source, id=cell_id, metadata=dict(HIDE_CODE)))
        elif kind == "notebook-only":
            nb.cells.append(new_markdown_cell(source, id=cell_id, metadata=dict(NOTEBOOK_ONLY)))
        else:
            nb.cells.append(new_markdown_cell(source, id=cell_id))
    nbformat.validate(nb)
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def _md(*blocks: str) -> tuple[str, str]:
    return ("markdown", "\n\n".join(b for b in blocks if b))


def header(course: Course, chapter: Chapter):
    yield _md(f"({chapter.slug})=\n# {chapter.number}. {plain(chapter.title)}",
              f":::{{admonition}} Main message\n:class: tip pc-main-message\n"
              f"{inline_markdown(chapter.meta.main_message)}\n:::",
              about_box(course, chapter))


def objectives(course: Course, chapter: Chapter):
    yield _md("## What you will learn", "After this chapter you will be able to:",
              bullets([o.text for o in chapter.meta.objectives]))


def sections(course: Course, chapter: Chapter):
    """Each section with its widgets; a chapter's parts open and close around their sections."""
    for section in chapter.sections:
        opening = part_opening(chapter, section)
        if opening:
            yield _md(opening)
        level = heading_level(chapter, section)
        yield _md(f"({chapter.label(section.id)})=\n{'#' * level} {section.title}",
                  deeper_headings(section.body, level - 2))
        for widget in chapter.widgets:
            if widget.after == section.id:
                yield ("code", "from patientcourse_runtime import chapter_widget\n"
                               f"chapter_widget({chapter.id!r}, {widget.kind!r})")
        closing = part_closing(chapter, section)
        if closing:
            yield _md(closing)


def key_points(course: Course, chapter: Chapter):
    yield _md("## Key points", bullets(chapter.meta.key_points))


def help_box(course: Course, chapter: Chapter):
    if chapter.meta.when_to_get_help:
        yield _md(f":::{{admonition}} {plain(chapter.meta.help_title)}\n:class: warning pc-get-help\n"
                  + bullets(chapter.meta.when_to_get_help) + "\n:::")


def quiz(course: Course, chapter: Chapter, mode: str = "practice"):
    yield _md(f"({chapter.slug}-quiz)=\n## {plain(chapter.quiz.title)}", QUIZ_INTRO[mode])
    # Read only in Jupyter: the book leaves out cells tagged remove-cell, and shows the quiz
    # itself (its answers stay in the reader's browser, as the landing page says).
    yield ("notebook-only", "**In Jupyter:** run the code cell below to show the quiz. "
                            "Your answers are saved to a results file that you can hand in.")
    yield ("code", f"from patientcourse_runtime import chapter_quiz\nchapter_quiz({chapter.id!r})")


def glossary(course: Course, chapter: Chapter):
    cell = glossary_cell(course, chapter)
    if cell:
        yield ("notebook-only", cell)


def footer(course: Course, chapter: Chapter):
    """After the quiz: where to go next, and what the "(source N)" marks are. The source credit
    is in the "About this page" box (and the book's footer), so it is not repeated here."""
    following = course.chapters[course.chapters.index(chapter) + 1:]
    if following:
        onward = (f"**Next chapter:** [{following[0].number}. {plain(following[0].title)}]"
                  f"(../{notebook_path(following[0])})")
    else:
        onward = "**You have finished the last chapter.** See all your answers on [My progress](../book/progress.md)."
    # A learner may start at any chapter (a pack can hold just one), so every chapter says
    # what the "(source N)" marks are.
    marks = ("A mark like “(source 2)” gives the number the article uses for one of its sources; "
             "the [Sources](../book/sources.md) page explains them."
             if course.meta.source.cited_sources else "See [Sources](../book/sources.md).")
    # "***", not "---": a cell that starts with "---" is front matter to MyST in JupyterLab,
    # which then shows the whole cell as nothing.
    yield _md("***", onward, f"{marks} Medical words are in the [Glossary](../book/glossary.md).")
