"""Glossary words in the chapter notebooks: JupyterLab shows their definitions (a glossary
cell the notebook's {term} links resolve against), while the book keeps its own glossary links
(the cell is left out of the book). The JupyterLab side is proved in a real JupyterLab in
tests/browser/test_jupyterlab.py."""
from __future__ import annotations

import nbformat
import pytest

from patientcourse.render.notebook_glossary import HEADING, NOTEBOOK_ONLY
from patientcourse.render.notebooks import render_notebook
from patientcourse.structure.loader import TERM_ROLE


def glossary_entries(cell_source: str) -> dict[str, str]:
    body = cell_source.split("```{glossary}\n", 1)[1].rsplit("```", 1)[0]
    entries = {}
    for block in body.strip().split("\n\n"):
        word, definition = block.split("\n: ", 1)
        entries[word] = definition
    return entries


@pytest.mark.parametrize("index", range(5))
def test_every_linked_word_has_its_definition_in_the_notebook(course, index):
    chapter = course.chapters[index]
    notebook = nbformat.reads(render_notebook(course, chapter).decode(), as_version=4)
    cells = [c for c in notebook.cells if c.cell_type == "markdown"]
    glossary = [c for c in cells if c.source.startswith(HEADING)]
    assert len(glossary) == 1 and glossary[0].metadata == NOTEBOOK_ONLY, "one cell, left out of the book"
    entries = glossary_entries(glossary[0].source)
    linked = {(m.group(2) or m.group(1)).strip() for c in cells for m in TERM_ROLE.finditer(c.source)}
    assert linked and set(entries) == linked, "every word the chapter links, and only those"
    for word, definition in entries.items():
        term = course.glossary.find(word)
        if term.definition:  # what the article says, as the glossary gives it
            assert " ".join(term.definition.split()) in definition
        if term.general:     # a general meaning, marked as not from the article
            assert f"*General meaning, not from the article:* {' '.join(term.general.split())}" in definition
    # Before the first section, so JupyterLab knows every word before it shows one.
    first_section = next(i for i, c in enumerate(cells) if c.source.startswith(f"({chapter.label(chapter.sections[0].id)})="))
    assert cells.index(glossary[0]) < first_section


@pytest.mark.slow
def test_the_book_keeps_its_glossary_links_and_leaves_the_notebook_glossary_out(built_book, course):
    for chapter in course.chapters:
        page = (built_book / "notebooks" / f"{chapter.id}.html").read_text(encoding="utf-8")
        assert "Words used in this chapter" not in page
        assert 'href="../book/glossary.html#term-' in page and 'class="xref std std-term"' in page
