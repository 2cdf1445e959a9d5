"""The built book shows each chapter figure: the drawing, its alt text and its caption."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.slow


class Figures(HTMLParser):
    """Each <figure>: the src and alt of its <img>, and the text of its <figcaption>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self._caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.found.append({"src": None, "alt": None, "caption": ""})
        elif tag == "img" and self.found:
            self.found[-1].update(src=attrs.get("src"), alt=attrs.get("alt"))
        elif tag == "figcaption":
            self._caption = True

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._caption = False

    def handle_data(self, data):
        if self._caption and self.found:
            self.found[-1]["caption"] += data


def page_figures(page) -> list[dict]:
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return [f for f in parser.found if f["src"]]


def plain(markdown: str) -> str:
    """A caption as the page shows it: {term} roles keep their words."""
    import re
    return re.sub(r"\{term\}`([^`<]+?)(?:\s*<[^>]+>)?`", r"\1", markdown)


def test_every_chapter_figure_is_on_its_page_with_alt_text_and_caption(built_book, course):
    shown = 0
    for chapter in course.chapters:
        page = built_book / "notebooks" / f"{chapter.id}.html"
        figures = page_figures(page)
        assert len(figures) == len(chapter.figures), chapter.id
        for figure, expected in zip(figures, chapter.figures):
            assert figure["alt"] == expected.alt
            assert plain(expected.caption) in " ".join(figure["caption"].split())
            drawing = (page.parent / html.unescape(figure["src"])).resolve()
            assert drawing.is_file() and drawing.read_text(encoding="utf-8") == expected.svg
            shown += 1
    assert shown == 4  # three foam-rolling exercises and the cold-pack steps
