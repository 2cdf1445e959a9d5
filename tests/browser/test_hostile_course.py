"""A hostile author's course, built and read in Chromium: nothing runs, the text shows as text.

Every YAML text field of the course holds a script element, an image whose error handler
runs, an attribute break-out into an <svg onload>, and javascript: links
(tests/hostile_course.py); each payload sets a window flag and opens an alert. Every page of
the built book is loaded and its quizzes and widgets used, with a dialog listener; the
``page`` fixture also fails on any console error or failed request (an <img src=x> that got
through would ask for /x)."""
from __future__ import annotations

import datetime as dt

import pytest
from hostile_course import FLAG, write_hostile_course
from playwright.sync_api import expect

from support import make_project
from patientcourse.book.pipeline import build_book

# Fields the book does not show to readers (where the source text is kept, a title for
# tools that has no place in the book yet); their payloads must still not run.
NOT_SHOWN = {"course.yml: source.file", "chapters/01-basics.md: short_title"}


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    course = write_hostile_course(root / "course")
    built = build_book(course.root, make_project(root / "project"), today=dt.date(2026, 11, 24))
    return course, built.html


def use_the_page(page) -> list[str]:
    """Answer each quiz question every way (each choice, a wrong and a right number) and press
    every widget button, so the runtime writes each feedback and detail into the page the
    way a reader makes it appear. Returns the page's text after each step."""
    seen = []
    for question in page.locator("fieldset[data-pc-question]").all():
        choices = question.locator("input[type=radio], input[type=checkbox]")
        numbers = question.locator("input:not([type=radio]):not([type=checkbox])")
        tries = [lambda i=i: choices.nth(i).check() for i in range(choices.count())]
        tries += [lambda v=v: numbers.first.fill(v) for v in ("7", "1")] if numbers.count() else []
        for answer in tries:
            answer()
            question.locator("[data-pc-check]").click()
            # The page is read once the Check has written its feedback (no longer the dimmed
            # "you changed your answer", nor the empty status of a fresh question).
            expect(question.locator('[role="status"]')).not_to_be_empty()
            expect(question).not_to_have_attribute("data-pc-stale", "")
            seen.append(page.evaluate("() => document.documentElement.textContent"))
            retry = question.locator("[data-pc-retry]")
            if retry.is_visible():
                retry.click()
    for button in page.locator("[data-pc-widget] button").all():
        if button.is_visible() and button.is_enabled():
            button.click()
            seen.append(page.evaluate("() => document.documentElement.textContent"))
    return seen


def test_nothing_a_hostile_author_writes_runs_and_it_reads_as_text(page, serve, hostile_book):
    course, html = hostile_book
    url = serve(html)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html") if "_static" not in p.parts
                   and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8").lower())  # the root only redirects
    # Chapters first, so "My progress" then shows the answers given there.
    pages.sort(key=lambda rel: (not rel.startswith("notebooks/"), rel))
    assert len(pages) >= 8
    text = []
    for rel in pages:
        page.goto(f"{url}/{rel}")
        page.wait_for_load_state("load")
        text.append(page.evaluate("() => document.documentElement.textContent"))
        text += use_the_page(page)
        page.wait_for_timeout(100)  # let any handler that got through fire
        assert page.evaluate(f"() => {FLAG}") is None, f"script ran on {rel}"
        assert page.evaluate("""() => [...document.querySelectorAll('[href], [src], [action], [formaction]')]
            .filter(e => ['href', 'src', 'action', 'formaction'].some(a =>
                /^\\s*javascript:/i.test(e.getAttribute(a) || ''))).length""") == 0, rel
        # (The theme's own print button has onclick="window.print()"; a payload's handler
        # would name the flag.)
        handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => a.name.startsWith('on') && a.value.includes('__pcx'))
                             .map(a => e.tagName + ' ' + a.name))""")
        assert handlers == [], f"{rel}: {handlers}"
    assert dialogs == []

    everything = "\n".join(text)
    missing = {where for marker, where in course.markers.items() if marker not in everything}
    assert missing <= NOT_SHOWN, f"fields not shown anywhere in the book: {sorted(missing - NOT_SHOWN)}"
    # The payloads read as the author typed them: tags as text (Sphinx curls the quotes).
    literal = {where for marker, where in course.markers.items()
               if marker in course.full and marker in everything
               and f"{marker} <script>{FLAG}=1;alert(" not in everything}
    assert literal == set(), f"fields whose markup did not show as text: {sorted(literal)}"
