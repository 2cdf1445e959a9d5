"""Glossary words in a chapter notebook, as JupyterLab shows them.

The chapter text links a glossary word with ``{term}`word``. In the book, Sphinx links it to
the glossary page (and the book's script shows the definition). In JupyterLab, jupyterlab-myst
renders the same role, but finds no glossary in the notebook and shows a dead link. So each
notebook has a short glossary of the words its chapter uses, written as a MyST ``{glossary}``
directive (``term`` / ``: definition``): jupyterlab-myst resolves every ``{term}`` in the
notebook against it and shows the definition when the word is hovered, and the list itself is
there to read. It comes before the chapter's sections, after "What you will learn":
jupyterlab-myst renders cells as they come into view and resolves a term against the glossary
rendered so far, so a glossary at the end would leave every term above it a dead link (and an
error in the browser's console) until the learner scrolled down.

The cell is tagged ``remove-cell``: the book leaves it out (it has its own glossary page, and a
second Sphinx glossary would define every term twice).
"""
from __future__ import annotations

from ..structure import Chapter, Course
from ..structure.loader import TERM_ROLE
from .common import glossary_meanings
from .text import plain

NOTEBOOK_ONLY = {"tags": ["remove-cell"]}
HEADING = "## Words used in this chapter"


def chapter_terms(course: Course, chapter: Chapter) -> list[tuple[str, str]]:
    """``(word as the chapter links it, its meanings as one line of Markdown)`` for each glossary
    word the chapter links, in the order of first use. The word is the role's target, so ``{term}`fasciae <fascia>``
    and ``{term}`fascia`` share one entry."""
    seen: dict[str, tuple[str, str]] = {}
    for section in chapter.sections:
        for match in TERM_ROLE.finditer(section.body):
            target = (match.group(2) or match.group(1)).strip()
            term = course.glossary.find(target)
            if term is not None and target.casefold() not in seen:
                seen[target.casefold()] = (plain(target), " ".join(glossary_meanings(term)))
    return list(seen.values())


def glossary_cell(course: Course, chapter: Chapter) -> str | None:
    terms = chapter_terms(course, chapter)
    if not terms:
        return None
    entries = "\n\n".join(f"{word}\n: {definition}" for word, definition in terms)
    return f"{HEADING}\n\n```{{glossary}}\n{entries}\n```"
