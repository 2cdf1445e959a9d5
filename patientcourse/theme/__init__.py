"""The book's page layout: a small Sphinx extension that adds this package's template overrides
to the theme (sphinx-book-theme on pydata-sphinx-theme) and tells them what a page holds.

Listed in ``_config.yml`` under ``sphinx: config: extensions``, so ``jupyter-book build .`` and
``patientcourse build`` use it alike. Everything changes through the theme's own hooks: its
template blocks and components, overridden by same-named files in ``templates/``; no vendored
file is edited.

For each page the templates get ``pc_quiz_anchor``: the id of the section that holds the
chapter quiz (for the "Skip to the quiz" link), or nothing on pages without a quiz.

Pages for instructors (they carry the ``pc-instructors`` box) are left out of the search
index, so a learner's search finds the chapters, never the quality report.
"""
from __future__ import annotations

from pathlib import Path

from docutils import nodes

TEMPLATES = Path(__file__).resolve().parent / "templates"
QUIZ_MARK = "data-pc-quiz"
INSTRUCTORS_CLASS = "pc-instructors"


def _add_templates(app, config) -> None:
    # First, so our layout.html and components are found before the theme's.
    config.templates_path = [str(TEMPLATES), *[p for p in config.templates_path if p != str(TEMPLATES)]]


def _holds_quiz(node) -> bool:
    """A raw HTML node with the quiz, or the node that keeps that HTML out of the search index
    (``book/unsearched.py`` replaces the raw node before the page is written)."""
    if isinstance(node, nodes.raw):
        return QUIZ_MARK in node.astext()
    return isinstance(node, nodes.Element) and QUIZ_MARK in str(node.get("html", ""))


def quiz_anchor(doctree) -> str | None:
    """The id of the innermost section holding the quiz output; None without a quiz."""
    if doctree is None:
        return None
    for raw in doctree.findall(_holds_quiz):
        section = raw.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        if section is not None and section["ids"]:
            return section["ids"][0]
    return None


def _mark_unsearched(app, doctree) -> None:
    """Sphinx indexes no page whose metadata has ``nosearch``."""
    if any(INSTRUCTORS_CLASS in node.get("classes", []) for node in doctree.findall(nodes.Element)):
        app.env.metadata[app.env.docname]["nosearch"] = "instructors"


def _page_context(app, pagename, templatename, context, doctree) -> None:
    context["pc_quiz_anchor"] = quiz_anchor(doctree)


def setup(app):
    app.connect("config-inited", _add_templates)
    app.connect("doctree-read", _mark_unsearched)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
