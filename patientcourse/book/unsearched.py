"""A Sphinx extension: the quizzes' HTML is shown on the page but never read into the book's
search index, so searching the book never finds answers, feedback or explanations.

Sphinx indexes raw HTML by stripping its tags and keeping the text, so the quiz's answer
disclosure (for readers without JavaScript) would be searchable. After the doctree is
resolved (and before the page is written and indexed), each raw HTML node that holds a quiz
(``data-pc-quiz``) becomes an ``unsearched_html`` node: written out unchanged, with the
classes the notebook output had, but a node the index has no text to read from.
"""
from __future__ import annotations

from docutils import nodes

QUIZ_MARK = "data-pc-quiz"


class unsearched_html(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """Raw HTML, written as it is, that the search index skips (it has no text children)."""


def visit_unsearched_html(self, node: unsearched_html) -> None:
    # As docutils writes a raw node with classes: inside a <div> carrying them.
    if node["classes"]:
        self.body.append(self.starttag(node, "div", suffix=""))
    self.body.append(node["html"])
    if node["classes"]:
        self.body.append("</div>\n")
    raise nodes.SkipNode


def depart_unsearched_html(self, node: unsearched_html) -> None:  # pragma: no cover - skipped
    pass


def hide_quizzes(app, doctree: nodes.document, docname: str) -> None:
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and QUIZ_MARK in raw.astext():
            raw.replace_self(unsearched_html(html=raw.astext(), classes=list(raw["classes"])))


def setup(app):
    app.add_node(unsearched_html, html=(visit_unsearched_html, depart_unsearched_html))
    app.connect("doctree-resolved", hide_quizzes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
