"""The raw-html rule: chapter bodies are Markdown, and Markdown that carries raw HTML, a
``{raw}`` block or an ``{eval-rst}`` block (which can hold ``.. raw:: html``) puts the
author's markup, script included, on the page as it is.

A course whose every author is trusted opts out in course.yml (``allow_raw_html: true``).
The body is read with MyST's own Markdown parser (myst-parser's markdown-it set-up), so
what counts as HTML here is exactly what the book would pass through.
"""
from __future__ import annotations

from functools import lru_cache

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from ..structure import Chapter, Course
from .findings import Finding
from .markdown import CODE_DIRECTIVES
from .thresholds import Thresholds

RAW_DIRECTIVES = {"raw", "eval-rst"}
FIX = ("Write it in Markdown instead (a MyST {figure} for a picture), or, if every author of the "
       "course is trusted, set 'allow_raw_html: true' in course.yml.")


@lru_cache(maxsize=1)
def _parser():
    # The book's Markdown settings (_config.yml: myst_enable_extensions: [colon_fence]).
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)


def _directive(info: str) -> str | None:
    info = info.strip()
    if info.startswith("{") and "}" in info:
        return info[1:info.index("}")].strip()
    return None


def raw_markup(text: str, first_line: int) -> list[tuple[int, str]]:
    """(line, what) for each piece of raw HTML, ``{raw}`` or ``{eval-rst}`` block in
    ``text``, whose first line is ``first_line`` in its file; directive bodies included."""
    found: list[tuple[int, str]] = []
    for token in _parser().parse(text):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "html_block" and not token.content.lstrip().startswith("<!--"):
            found.append((line, f"raw HTML {token.content.strip().splitlines()[0][:60]!r}"))
        elif token.type == "inline":
            offset = 0
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    offset += 1
                elif child.type == "html_inline" and not child.content.startswith(("<!--", "</")):
                    found.append((line + offset, f"the raw HTML tag {child.content[:60]!r}"))
        elif token.type in ("fence", "colon_fence"):
            name = _directive(token.info)
            if name in RAW_DIRECTIVES:
                found.append((line, f"a {{{name}}} block"))
            elif name is not None and name not in CODE_DIRECTIVES:
                found += raw_markup(token.content, line + 1)  # e.g. an admonition's body
    return found


def raw_html(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    if course.meta.allow_raw_html:
        return []
    return [Finding("raw-html", "error", chapter.file, line,
                    f"{what}: raw markup goes onto the page as it is, script included.", FIX, chapter.id)
            for section in chapter.sections for line, what in raw_markup(section.body, section.body_line)]
