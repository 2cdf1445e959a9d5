"""The static face of each widget (what the book shows): safe, semantic, readable with no
JavaScript, with figures that have a text alternative and a caption."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from patientcourse_runtime.widgets import build_widget, chapter_widget
from patientcourse.render.bundle import bundle

VOID = {"input", "br", "img", "meta", "link", "hr", "path", "line", "rect", "circle"}


class Page(HTMLParser):
    """Collects tags, ids and open/close balance, so tests can read the HTML as a browser would."""

    def __init__(self, html: str):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag=None, **wanted):
        return [attrs for t, attrs in self.elements if (tag is None or t == tag)
                and all(attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in wanted.items())]


@pytest.fixture(scope="module")
def faces(course):
    data = bundle(course)
    return {(c.id, w.kind): chapter_widget(c.id, w.kind, data).static_html()
            for c in course.chapters for w in c.widgets}


def test_static_html_is_balanced_safe_and_self_contained(faces):
    for (chapter, kind), html in faces.items():
        page = Page(html)
        assert not page.errors and not page.stack, (chapter, kind, page.errors, page.stack)
        assert "<script" not in html.lower(), kind
        assert not re.search(r"\son[a-z]+\s*=", html, re.I), f"{kind}: inline event handler"
        assert " style=" not in html, kind
        # Nothing is fetched: the only address is the SVG namespace.
        assert set(re.findall(r"https?://[^\"' ]+", html)) <= {"http://www.w3.org/2000/svg"}, kind
        roots = page.find(data_pc_widget=kind)
        assert len(roots) == 1 and roots[0]["data-pc-chapter"] == chapter
        status = page.find(role="status")
        assert status, f"{kind} has no status region"


def test_ids_are_unique_on_a_page_with_every_widget(faces):
    ids = [attrs["id"] for html in faces.values() for _, attrs in Page(html).elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    for html in faces.values():
        page = Page(html)
        known = {a["id"] for _, a in page.elements if "id" in a}
        for _, attrs in page.elements:
            for ref in (attrs.get("aria-labelledby") or "").split():
                assert ref in known, f"aria-labelledby points at missing id {ref}"
            if attrs.get("for"):
                assert attrs["for"] in known


def test_without_javascript_everything_is_readable(faces):
    for (chapter, kind), html in faces.items():
        page = Page(html)
        # Controls that need the script start hidden; content never does.
        choosers = page.find("fieldset", class_="pc-chooser")
        assert choosers or kind == "checklist", f"{kind} has no chooser"
        for attrs in choosers:
            assert "hidden" in attrs
        for _, attrs in page.elements:
            if "data-pc-panel" in attrs:
                assert "hidden" not in attrs, f"{kind}: panel {attrs['data-pc-panel']} hidden without JS"
    layers = " ".join(Page(faces[("01-fascia-anatomy", "layers_explorer")]).text)
    for words in ("Skin", "made of collagen", "adhesions", "myofascial system"):
        assert words in layers
    evidence = " ".join(Page(faces[("02-myofascial-release", "evidence_explorer")]).text)
    assert "Strength of the evidence: Weak." in evidence and "Chiropractors" in evidence
    timer = Page(faces[("03-exercises", "routine_builder")])
    assert timer.find("section", data_pc_seconds="60")
    assert "hidden" in timer.find("div", class_="pc-timer-controls")[0]


def test_figures_have_alt_text_and_a_caption(faces):
    for key in [("01-fascia-anatomy", "layers_explorer"), ("02-myofascial-release", "evidence_explorer")]:
        html = faces[key]
        figure = re.search(r"<figure.*?</figure>", html, re.S).group(0)
        assert "<figcaption>" in figure and "</figcaption>" in figure
        svg = Page(figure).find("svg")[0]
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert f'<title id="{title_id}">' in figure and f'<desc id="{desc_id}">' in figure
    chart = faces[("02-myofascial-release", "evidence_explorer")]
    desc = re.search(r"<desc [^>]*>(.*?)</desc>", chart).group(1)
    assert "Range of motion: Clearest." in desc and "Pain relief: Weak." in desc


def test_author_text_is_escaped_everywhere():
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    ref = {"kind": "checklist", "after": "x", "title": evil, "data": {
        "intro": evil, "groups": [{"title": evil, "items": [evil, "plain"]}], "reminders": [evil],
        "notes_label": evil, "summary_title": evil, "file_name": "list.txt"}}
    html = build_widget(ref, chapter_id="01-x").static_html()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-pc-summary-title="&lt;script&gt;' in html  # attributes too
    layers = {"kind": "layers_explorer", "after": "x", "data": {
        "intro": "i", "figure": {"title": evil, "caption": evil, "alt": evil},
        "layers": [{"id": "skin", "name": evil, "look": "skin", "points": [evil]},
                   {"id": "fascia", "name": "F", "look": "sheath", "points": ["p"]}]}}
    html = build_widget(layers, chapter_id="01-x").static_html()
    assert "<script" not in html and "<img" not in html and "onerror=\"" not in html
