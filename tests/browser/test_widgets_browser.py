"""The chapter widgets in a real browser (Debian Chromium), as a patient uses the book:
by keyboard only, reading what the status region says, then axe (WCAG 2.1 A/AA).

Chapter pages come from the real built book (the lead's ``built_book``); a few tests use a
standalone page with every widget's static_html() plus the two static files, e.g. with
JavaScript off. The ``page`` fixture fails a test on any console error or any request
that leaves 127.0.0.1. The timer is driven by Playwright's clock, so no test waits a minute.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from patientcourse_runtime.widgets import chapter_widget
from patientcourse_runtime.widgets.checklist import summary_text
from patientcourse.render.bundle import bundle

STATIC = Path(__file__).resolve().parents[2] / "patientcourse" / "static"


@pytest.fixture(scope="module")
def runtime_bundle(course):
    return bundle(course)


def open_chapter(page, book_url, chapter_id):
    # A 404 that is not the widgets' doing, answered here so it does not hide real errors:
    # axe resolves the theme's `@import "../basic.css"` against the page instead of the
    # stylesheet (asks for /basic.css).
    page.route(f"{book_url}/basic.css", lambda route: route.fulfill(status=200, content_type="text/css", body=""))
    page.goto(f"{book_url}/notebooks/{chapter_id}.html")
    expect(page.locator("[data-pc-widget]").first).to_have_attribute("data-pc-ready", "")


def widget(page, kind):
    return page.locator(f'[data-pc-widget="{kind}"]')


def status(root):
    return root.locator('[role="status"]').first


@pytest.fixture
def standalone(tmp_path, serve, runtime_bundle, course):
    """Every widget on one page with the shared runtime and the widgets' files."""
    faces = "".join(chapter_widget(c.id, w.kind, runtime_bundle).static_html()
                    for c in course.chapters for w in c.widgets)
    for name in ("patientcourse.js", "patientcourse.css"):
        (tmp_path / name).write_bytes((STATIC / name).read_bytes())
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widgets</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="patientcourse.css">'
        f'</head><body><main><h1>Widgets</h1><h2>All widgets</h2>{faces}</main>'
        '<script src="patientcourse.js"></script></body></html>',
        encoding="utf-8")
    return serve(tmp_path) + "/index.html"


# -- chapter 1: layers explorer --------------------------------------------------------------

def test_layers_explorer_by_keyboard_and_by_the_drawing(page, book_url, axe_check):
    open_chapter(page, book_url, "01-fascia-anatomy")
    root = widget(page, "layers_explorer")
    expect(root.locator("[data-pc-hint]")).to_be_visible()
    root.get_by_role("radio", name="Skin").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(root.get_by_role("radio", name="Fascia")).to_be_checked()
    expect(status(root)).to_have_text("Showing: Fascia.")
    expect(root.locator('[data-pc-panel="fascia"]')).to_contain_text("made of collagen")
    expect(root.locator('[data-pc-panel="skin"]')).to_be_hidden()
    expect(root.locator('[data-pc-part="fascia"]')).to_have_class("pc-part pc-selected")
    root.locator('[data-pc-part="muscle"] text').click()  # the drawing is clickable too
    expect(status(root)).to_have_text("Showing: Muscle.")
    expect(root.get_by_role("radio", name="Muscle")).to_be_checked()
    axe_check(page)


# -- chapter 2: evidence explorer ------------------------------------------------------------

def test_evidence_explorer_says_how_strong_the_evidence_is(page, book_url, axe_check):
    open_chapter(page, book_url, "02-myofascial-release")
    root = widget(page, "evidence_explorer")
    root.get_by_role("radio", name="Pain relief").focus()
    page.keyboard.press("Space")
    expect(status(root)).to_have_text("Showing: Pain relief. Strength of the evidence: Weak. "
                                      "Based on people's stories, or the result was not statistically significant, "
                                      "so it could be due to chance.")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(status(root)).to_contain_text("Showing: Range of motion. Strength of the evidence: Clearest.")
    expect(root.locator('[data-pc-panel="range-of-motion"]')).to_be_visible()
    expect(root.locator('[data-pc-panel="pain-relief"]')).to_be_hidden()
    expect(root.locator("figure figcaption")).to_contain_text("Longer bars mean stronger evidence")
    axe_check(page)


# -- chapter 3: routine builder and hold timer -----------------------------------------------

def test_routine_builder_orders_the_chosen_exercises(page, book_url, axe_check):
    open_chapter(page, book_url, "03-exercises")
    root = widget(page, "routine_builder")
    root.get_by_role("checkbox", name="Hamstring rolling").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # Side-lying IT band rolling
    expect(status(root)).to_have_text("Your routine has 2 of 3 exercises: "
                                      "Side-lying IT band rolling, Hamstring rolling.")
    shown = root.locator("[data-pc-panel]:visible h4")
    expect(shown).to_have_text(["Exercise 1 of 2: Side-lying IT band rolling",
                                "Exercise 2 of 2: Hamstring rolling"])
    expect(root.locator('[data-pc-panel="it-band"]')).to_contain_text("Do not roll past your knee")
    expect(root.locator('[data-pc-panel="thoracic-spine"]')).to_be_hidden()
    axe_check(page)


def test_hold_timer_starts_pauses_resets_and_never_moves_on(page, book_url, axe_check):
    page.clock.install()
    open_chapter(page, book_url, "03-exercises")
    timer = widget(page, "routine_builder").locator("[data-pc-timer]")
    clock, said = timer.locator("[data-pc-timer-display]"), timer.locator('[role="status"]')
    toggle = timer.get_by_role("button", name="Start timer")
    expect(clock).to_have_text("1:00")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(said).to_have_text("Timer started. 1:00 left.")
    page.clock.run_for(20_000)
    expect(clock).to_have_text("0:40")
    page.keyboard.press("Enter")  # the same button now pauses
    expect(said).to_have_text("Timer paused. 0:40 left.")
    expect(timer.locator("[data-pc-timer-toggle]")).to_have_text("Resume timer")
    page.clock.run_for(30_000)
    expect(clock).to_have_text("0:40")
    page.keyboard.press("Space")
    page.clock.run_for(41_000)
    expect(said).to_have_text("One minute is up. The timer has stopped.")
    expect(clock).to_have_text("0:00")
    page.clock.run_for(120_000)  # nothing moves on by itself
    expect(clock).to_have_text("0:00")
    expect(said).to_have_text("One minute is up. The timer has stopped.")
    assert page.evaluate("document.activeElement.hasAttribute('data-pc-timer-toggle')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Reset
    expect(said).to_have_text("Timer reset to 1:00.")
    expect(clock).to_have_text("1:00")
    axe_check(page)


# -- chapter 4 and 5: checklists, copy, download, print --------------------------------------

def tick_by_keyboard(page, root, labels):
    for label in labels:
        root.get_by_role("checkbox", name=label).focus()
        page.keyboard.press("Space")


def test_doctor_checklist_copy_download_and_print(page, book_url, runtime_bundle, tmp_path, axe_check):
    open_chapter(page, book_url, "04-risks")
    root = widget(page, "checklist")
    tick_by_keyboard(page, root, ["My family medical history.", "What effects myofascial release could have for me."])
    expect(status(root)).to_have_text("2 of 5 ticked. Your list below is updated.")
    root.get_by_label("My notes for the visit (optional)").fill("Knee surgery in 2019.")
    spec = chapter_widget("04-risks", "checklist", runtime_bundle).spec
    expected = summary_text(spec, {"g1-3", "g2-1"}, "Knee surgery in 2019.")
    # The list on the page is exactly what the notebook makes (its textContent, waited for:
    # typing the notes rewrites it).
    expect(root.locator("[data-pc-summary]")).to_have_js_property("textContent", expected)

    page.evaluate("""() => { window.__copied = null;
        navigator.clipboard.writeText = text => { window.__copied = text; return Promise.resolve(); }; }""")
    root.get_by_role("button", name="Copy list").press("Enter")
    expect(status(root)).to_have_text("Your list is copied. You can paste it anywhere.")
    assert page.evaluate("window.__copied") == expected

    with page.expect_download() as download_info:
        root.get_by_role("button", name="Download list (.txt)").press("Enter")
    download = download_info.value
    assert download.suggested_filename == "talk-to-my-doctor.txt"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == expected
    expect(status(root)).to_have_text("Your list is saved as talk-to-my-doctor.txt.")

    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    root.get_by_role("button", name="Print list").press("Enter")
    # The handler says this, then opens the print window: once it is said, print() was called.
    expect(status(root)).to_have_text("The print window is open. Only your list is printed.")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    # What the printer gets: the list, not the page around it nor the buttons.
    expect(root.locator("[data-pc-summary]")).to_be_visible()
    expect(page.locator("h1").first).to_be_hidden()
    expect(root.get_by_role("button", name="Print list")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("h1").first).to_be_visible()
    page.emulate_media(media="screen")
    axe_check(page)


def test_visit_planner_download_lists_the_ticked_questions(page, book_url, tmp_path, axe_check):
    open_chapter(page, book_url, "05-alternatives")
    root = widget(page, "checklist")
    tick_by_keyboard(page, root, ["Where is their office?", "Do I have chronic pain?"])
    expect(status(root)).to_have_text("2 of 14 ticked. Your list below is updated.")
    with page.expect_download() as download_info:
        root.get_by_role("button", name="Download list (.txt)").press("Enter")
    saved = tmp_path / "list.txt"
    download_info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert download_info.value.suggested_filename == "my-physical-therapy-visit-list.txt"
    assert ("Before you choose a physical therapist, find out:\n- Where is their office?\n\n"
            "At your appointment, talk about:\n- Do I have chronic pain?\n") in text
    assert "Wear loose, comfortable clothing to every appointment." in text
    axe_check(page)
    # The ticks are still there on the next visit (the notes are not kept: private details).
    root.get_by_label("My notes (optional)").fill("Private")
    open_chapter(page, book_url, "05-alternatives")
    expect(root.get_by_role("checkbox", name="Where is their office?")).to_be_checked()
    expect(root.get_by_role("checkbox", name="Do I have chronic pain?")).to_be_checked()
    expect(root.get_by_label("My notes (optional)")).to_have_value("")
    assert "- Where is their office?" in root.locator("[data-pc-summary]").text_content()


def test_relief_compare_shows_only_what_is_ticked(page, book_url, axe_check):
    open_chapter(page, book_url, "05-alternatives")
    root = widget(page, "relief_compare")
    tick_by_keyboard(page, root, ["Heat therapy", "Acetaminophen (Tylenol)"])
    expect(status(root)).to_have_text("Comparing 2 of 4: Heat therapy, Acetaminophen (Tylenol).")
    expect(root.locator('[data-pc-panel="acetaminophen"]')).to_contain_text("It does not reduce inflammation.")
    expect(root.locator('[data-pc-panel="cold"]')).to_be_hidden()
    page.keyboard.press("Space")  # untick acetaminophen
    expect(status(root)).to_have_text("Comparing 1 of 4: Heat therapy.")
    axe_check(page)


# -- every widget: phone width, no JavaScript --------------------------------------------------

def test_widgets_fit_a_320px_screen(page, book_url):
    page.set_viewport_size({"width": 320, "height": 640})
    for chapter in ("01-fascia-anatomy", "02-myofascial-release", "03-exercises", "04-risks", "05-alternatives"):
        open_chapter(page, book_url, chapter)
        for root in page.locator("[data-pc-widget]").all():
            box = root.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (chapter, box)
            assert root.evaluate("el => el.scrollWidth <= el.clientWidth"), f"{chapter}: content wider than the widget"


def test_without_javascript_every_widget_reads_in_full(chromium_browser, standalone):
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(standalone)
        expect(page.locator("[data-pc-panel]:visible")).to_have_count(3 + 5 + 3 + 4)
        expect(page.locator("fieldset.pc-chooser:visible")).to_have_count(0)
        expect(page.locator(".pc-timer-controls:visible, .pc-summary-box:visible")).to_have_count(0)
        expect(page.get_by_text("Do not roll past your knee (source 8).")).to_be_visible()
        expect(page.locator("figure svg[role=img]")).to_have_count(2)
        # (axe itself needs JavaScript; the same markup is checked with it on below.)
    finally:
        context.close()


def test_every_widget_on_one_page_with_the_shared_runtime(page, standalone, axe_check):
    page.goto(standalone)
    expect(page.locator("[data-pc-widget][data-pc-ready]")).to_have_count(6)
    axe_check(page)


def test_dark_theme_keeps_the_widgets_readable(page, book_url, axe_check):
    # sphinx-book-theme reads the reader's choice from localStorage "mode".
    page.add_init_script("localStorage.setItem('mode', 'dark')")
    open_chapter(page, book_url, "02-myofascial-release")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    root = widget(page, "evidence_explorer")
    root.get_by_role("radio", name="Muscle function in athletes").check()
    expect(status(root)).to_contain_text("Strength of the evidence: Some.")
    axe_check(page)  # includes colour contrast of the dark-theme widget
