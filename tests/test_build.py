"""End to end: the real course builds into an offline book; a failed build changes nothing."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import MINI_COURSE, make_project
from patientcourse.book.execute import ExecutionFailed
from patientcourse.book.pipeline import build_html, generate
from patientcourse.structure import load_course

pytestmark = pytest.mark.slow


class Resources(HTMLParser):
    """Every URL a page loads by itself (scripts, stylesheets, images, frames, media)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical",):
            self.urls.append(attrs["href"])


def loaded_urls(page: Path) -> list[str]:
    parser = Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.urls


def test_book_has_a_page_per_chapter_with_disclaimer_and_credit(built_book, course):
    for chapter in course.chapters:
        page = (built_book / "notebooks" / f"{chapter.id}.html").read_text(encoding="utf-8")
        assert chapter.title in page
        assert "not a substitute for professional medical advice" in page
        assert "Abby Perry" in page and "Juliana Bruner" in page


def test_every_page_shows_the_disclaimer(built_book):
    pages = sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) >= 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text.lower():  # index.html only redirects to the landing page
            continue
        assert "not a substitute for professional medical advice" in text, page


def test_no_page_loads_anything_from_outside_the_site(built_book):
    for page in built_book.rglob("*.html"):
        external = [u for u in loaded_urls(page) if re.match(r"^(https?:)?//", u)]
        assert not external, f"{page.relative_to(built_book)} loads {external}"


def test_quiz_outputs_are_static_html_not_widget_views(built_book, course):
    for chapter in course.chapters:
        page = (built_book / "notebooks" / f"{chapter.id}.html").read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-view+json" not in page
        assert "data-pc-quiz" in page
        assert "<script" not in page.split('id="main-content"')[1].split("</main>")[0]
        assert "_static/patientcourse.js" in page


def test_reader_features_search_download_and_prev_next(built_book, course):
    assert (built_book / "search.html").exists() and (built_book / "searchindex.js").exists()
    first = (built_book / "notebooks" / f"{course.chapters[0].id}.html").read_text(encoding="utf-8")
    assert f"_sources/notebooks/{course.chapters[0].id}.ipynb" in first
    assert (built_book / "_sources" / "notebooks" / f"{course.chapters[0].id}.ipynb").exists()
    nav = first.split('class="prev-next-area"')[1]
    assert f"{course.chapters[1].id}.html" in nav


def test_glossary_terms_link_to_the_glossary(built_book, course):
    page = (built_book / "notebooks" / f"{course.chapters[0].id}.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./book/glossary\.html#term-[a-z0-9-]+"', page)


def _mini_project(tmp_path: Path):
    course = load_course(MINI_COURSE)
    project = make_project(tmp_path / "project")
    return course, project, generate(course)[0]


def test_failed_build_leaves_previous_site_intact(tmp_path):
    course, project, files = _mini_project(tmp_path)
    html = build_html(project, files)
    before = {p: p.read_bytes() for p in html.rglob("*") if p.is_file()}
    broken = dict(files)
    broken["notebooks/01-basics.ipynb"] = files["notebooks/01-basics.ipynb"].replace(
        b"chapter_quiz('01-basics')", b"raise RuntimeError('boom')")
    assert broken != files
    with pytest.raises(ExecutionFailed, match="01-basics.ipynb"):
        build_html(project, broken)
    assert {p: p.read_bytes() for p in html.rglob("*") if p.is_file()} == before


def test_rebuild_with_a_changed_chapter_publishes_it(tmp_path):
    course, project, files = _mini_project(tmp_path)
    build_html(project, files)
    changed = dict(files)
    changed["notebooks/02-more.ipynb"] = files["notebooks/02-more.ipynb"].replace(
        b"Hold a tender spot for one minute.", b"Hold a sore spot for one minute.")
    html = build_html(project, changed)
    assert "Hold a sore spot" in (html / "notebooks" / "02-more.html").read_text(encoding="utf-8")
