"""The chapter notebooks' links, made to lead somewhere inside the in-browser JupyterLab.

The notebooks link to the book's pages (``[Sources](../book/sources.md)``) and to the next
chapter (``../notebooks/02-….ipynb``) as files of the project. In JupyterLite neither exists:
its file browser holds the notebooks at its top, and JupyterLab (jupyterlab-myst too) takes
every relative Markdown link for one of its own files, so those links led nowhere. In the
site's copy of the notebooks only (``site.lite_contents``):

* a book page becomes an HTML link to the published page, opening in a new tab. The lite site
  sits inside the book, so the page is found relative to JupyterLab's own address
  (``lite/lab/index.html`` → ``../../book/sources.html``). An HTML link, because JupyterLab
  leaves those to the browser; a new tab, because the learner's running notebook stays open.
* a chapter becomes its notebook beside this one, which JupyterLab opens in a tab of its own.

The links are found with a pattern rather than a Markdown parser: they are written by
``render/notebooks.py`` (or by an author) in the one inline form ``[text](target)``, and
the rest of the cell must stay byte for byte as it is (a parser would re-write it).
"""
from __future__ import annotations

import re

import jinja2

# [text](../book/NAME.md#anchor) or [text](../notebooks/NAME.ipynb#anchor)
PROJECT_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\(\.\./(?P<folder>book|notebooks)/"
                          r"(?P<name>[\w-]+)\.(?P<suffix>md|ipynb)(?P<anchor>#[\w-]+)?\)")
BOOK_PAGE = jinja2.Environment(autoescape=True).from_string(
    '<a href="{{ href }}" target="_blank">{{ text }}</a>')
# A Markdown backslash escape (``\*``): plain text once the link is HTML.
MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def lite_links(markdown: str, book_root: str) -> str:
    """``markdown`` with its links to the book and to chapters rewritten for the lite site;
    ``book_root`` is the book's root relative to JupyterLab's page (e.g. ``../../``)."""
    def rewrite(link: re.Match) -> str:
        anchor = link["anchor"] or ""
        if link["folder"] == "notebooks" and link["suffix"] == "ipynb":
            return f"[{link['text']}]({link['name']}.ipynb{anchor})"
        if link["folder"] == "book" and link["suffix"] == "md":
            return BOOK_PAGE.render(href=f"{book_root}book/{link['name']}.html{anchor}",
                                    text=MARKDOWN_ESCAPE.sub(r"\1", link["text"]))
        return link[0]
    return PROJECT_LINK.sub(rewrite, markdown)
