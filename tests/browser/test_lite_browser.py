"""The in-browser JupyterLab (``patientcourse build --lite``) as a learner meets it, offline.

A learner opens chapter 1 of the built book, clicks "Open in the browser", and the chapter
notebook opens in JupyterLab running in the page (Pyodide), its text drawn as in the book
(jupyterlab-myst: boxes, glossary words, no markup showing). They run every cell, answer one
question right and one wrong, read the feedback, ask to be shown the answer, clear it to try again, and download their results file, which
``patientcourse grade`` scores. The chapter's links lead on: to the book's pages, in a new
tab, and to the next chapter, in JupyterLab. Every request that leaves 127.0.0.1 is refused (and fails the
test): the site must serve everything itself, Pyodide and every wheel included.

The lite site is built once per session (``lite_book`` in tests/conftest.py); the downloads
it needs are cached by hash in the user's cache folder, shared with every build on the machine.
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from patientcourse_runtime.results import parse_results

from journeys_support import ARTIFACTS, read_csv, run_patientcourse, save_screenshot
from lite_support import KERNEL_READY, LITE_SETTINGS, expose_app, question_box, run_all_cells
from support import COURSE_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Pyodide starts in a web worker, compiles its WebAssembly and loads the kernel's wheels: on a
# busy 2-core machine this has taken from about 10 s to several minutes (benchmarks/ measures
# it). The test waits for JupyterLab's own signal that the kernel is ready, for at most this
# long from the click; it does not time it. Each wait below gets what is left of it.
LAB_READY_S = 900
# Running every cell, once the kernel is ready (imports of the runtime, the quiz drawn).
CELLS_RUN_S = 480
# JupyterLite lists a folder by asking the site first, then the browser's storage: a folder
# made in the browser (the results folder; "Untitled Folder" while it is being made) is a
# 404 on the site by design. Any other error response fails the test.
# MyST markup that shows as text when JupyterLab draws the chapters' markdown without
# jupyterlab-myst: roles ({term}`fascia`), directive fences (:::{admonition}, ```{glossary})
# and labels ((fascia-anatomy)=).
RAW_MYST = re.compile(r"\{(term|admonition|glossary)\}|:::|```|^\([\w-]+\)=", re.MULTILINE)
# What a markdown cell shows once rendered (whichever renderer draws it), not its hidden editor.
RENDERED_MARKDOWN = (".jp-MarkdownCell .jp-InputArea > .lm-Widget"
                     ":not(.jp-Toolbar):not(.jp-InputArea-prompt):not(.jp-InputArea-editor)")
BROWSER_ONLY_FOLDER = re.compile(r"/lite/api/contents/(patientcourse-results|Untitled%20Folder)/all\.json$")


@pytest.fixture
def offline_context(chromium_browser):
    """A browser context that refuses every request off 127.0.0.1, and remembers them."""
    context = chromium_browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    refused: list[str] = []

    def only_local(route):
        parsed = urlparse(route.request.url)
        if parsed.scheme in ("data", "blob") or parsed.hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    context.route(LITE_SETTINGS, expose_app)
    context.refused = refused
    yield context
    context.close()


class Deadline:
    """One time budget for several waits: each gets what is left (in ms, for Playwright)."""

    def __init__(self, seconds: float):
        self.start = time.monotonic()
        self.end = self.start + seconds

    def left_ms(self) -> float:
        return max(1.0, (self.end - time.monotonic()) * 1000)

    def elapsed(self) -> float:
        return round(time.monotonic() - self.start, 1)


def chapter_text_reads_as_in_the_book(lab, chapter, notebook: Path) -> None:
    """The chapter's MyST markdown is drawn, as in the book: its main message in its box, a
    glossary word as a link to its definition in the chapter's word list, and no markup in
    any of its markdown cells (those of ``notebook``, the file the site serves)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    rendered = lab.locator(RENDERED_MARKDOWN)
    # JupyterLab attaches a long notebook's cells a few at a time: wait for all of them.
    count = sum(c["cell_type"] == "markdown" for c in cells)
    expect(rendered).to_have_count(count)
    for i in range(count):  # each drawn (the renderer fills its widget after attaching it)
        expect(rendered.nth(i)).not_to_be_empty()
    texts = rendered.all_text_contents()
    shown = [t for t in texts if RAW_MYST.search(t)]
    assert not shown, f"MyST markup shown as text: {[RAW_MYST.search(t)[0] for t in shown]}"
    main_message = lab.locator(".jp-MarkdownCell aside.pc-main-message")
    expect(main_message).to_contain_text("Main message")
    expect(main_message).to_contain_text(chapter.meta.main_message)
    term = lab.locator(".jp-MarkdownCell").filter(has_text="Why fascia massage?").get_by_role(
        "link", name="fascia", exact=True)
    expect(term).to_have_attribute("href", "#term-fascia")
    expect(lab.locator(".jp-MarkdownCell dt#term-fascia")).to_have_text("fascia")


def links_lead_to_the_book_and_the_next_chapter(lab, context, next_chapter) -> None:
    """The chapter's link to the book's Sources page opens that page of the published book in
    a new tab (the running notebook stays open); "Next chapter" opens the next notebook."""
    text = lab.locator(RENDERED_MARKDOWN)
    with context.expect_page() as opened:
        text.get_by_role("link", name="Sources", exact=True).first.click()
    book_page = opened.value
    book_page.wait_for_load_state()
    assert urlparse(book_page.url).path == "/book/sources.html"
    expect(book_page.get_by_role("heading", name="Sources", level=1)).to_be_visible()
    book_page.close()
    text.get_by_role("link", name=re.compile(re.escape(next_chapter.meta.title))).click()
    expect(lab.get_by_role("tab", name=re.compile(re.escape(f"{next_chapter.id}.ipynb")))).to_be_visible()


def record_timings(timings: dict) -> None:
    """How long the learner waited, for a human reading the run (never asserted: it depends on
    the machine); the benchmark (benchmarks/bench_lite.py) is where figures come from."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "lite-timings.json").write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")
    print(f"lite timings (s): {timings}")


def test_learner_opens_chapter_one_in_the_browser_answers_and_hands_in_results(
        offline_context, lite_book, serve, course, tmp_path):
    url = serve(lite_book)
    chapter = course.chapters[0]
    by_type = {}
    for q in chapter.quiz.questions:
        by_type.setdefault(q.type, q)
    right_q, wrong_q = by_type["single"], by_type["truefalse"]
    right_text = next(o.text for o in right_q.options if o.correct)
    wrong_label = "False" if wrong_q.answer else "True"

    book = offline_context.new_page()
    book.goto(f"{url}/notebooks/{chapter.id}.html")
    button = book.get_by_role("link", name="Open in the browser")
    expect(button).to_be_visible()
    # Its icon is drawn by the book's own stylesheet (no Font Awesome script on the pages).
    assert button.locator("i.fa-play").evaluate("i => getComputedStyle(i).maskImage") != "none"
    with offline_context.expect_page() as opened:
        button.click()
    deadline = Deadline(LAB_READY_S)
    lab = opened.value
    errors: list[str] = []
    lab.on("pageerror", lambda error: errors.append(str(error)))
    lab.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}")
           if r.status >= 400 and not BROWSER_ONLY_FOLDER.search(r.url) else None)
    timings = {}

    # The chapter's notebook, on the Pyodide kernel, ready.
    expect(lab.locator(".jp-NotebookPanel .jp-Notebook")).to_be_visible(timeout=deadline.left_ms())
    expect(lab.get_by_role("tab", name=re.compile(f"{chapter.id}.ipynb"))).to_be_visible()
    timings["click_to_notebook_shown"] = deadline.elapsed()
    chapter_text_reads_as_in_the_book(lab, chapter, lite_book / "lite" / "files" / f"{chapter.id}.ipynb")
    lab.wait_for_function(KERNEL_READY, timeout=deadline.left_ms(), polling=500)
    timings["click_to_kernel_ready"] = deadline.elapsed()
    status = lab.locator("#jp-main-statusbar")
    expect(status).to_contain_text("Python (Pyodide) | Idle")

    running = Deadline(CELLS_RUN_S)
    run_all_cells(lab)
    right_box = question_box(lab, right_q.prompt)
    # The quiz is drawn: every question's answer field (anywidget, answer_field.js) is there.
    expect(lab.locator(".pc-answer fieldset")).to_have_count(len(chapter.quiz.questions),
                                                             timeout=running.left_ms())
    lab.wait_for_function(KERNEL_READY, timeout=running.left_ms(), polling=500)
    timings["run_all_to_quiz_ready"] = running.elapsed()
    record_timings(timings)

    name = lab.get_by_role("textbox", name="Your name")
    name.fill("Ada Lovelace")
    name.press("Enter")

    right_box.get_by_role("radio", name=re.compile(re.escape(right_text))).check()
    right_box.get_by_role("button", name="Check answer").click()
    expect(right_box).to_contain_text("Correct.")
    expect(right_box).to_contain_text(right_q.explanation)

    wrong_box = question_box(lab, wrong_q.prompt)
    wrong_box.get_by_role("radio", name=wrong_label, exact=True).check()
    wrong_box.get_by_role("button", name="Check answer").click()
    expect(wrong_box).to_contain_text("Not correct.")
    # Before the answer is revealed, a wrong answer gets the next step, not the explanation.
    expect(wrong_box).to_contain_text("Change your answer and check it again")
    expect(wrong_box).not_to_contain_text(wrong_q.explanation)

    total = len(chapter.quiz.questions)
    score_line = lab.get_by_text(f"Score: 1 of {total} points (first try: 1). Answered: 2 of {total} questions.")
    expect(score_line).to_be_visible()
    # "Show the answer" (offered after a wrong try) gives the right answer and why; no points.
    show = wrong_box.get_by_role("button", name="Show the answer")
    show.click()
    feedback = wrong_box.locator(".pc-feedback")
    expect(feedback).to_contain_text(re.compile(r"The right answer:\s*" + ("True" if wrong_q.answer else "False")))
    expect(feedback).to_contain_text(wrong_q.explanation)
    expect(show).to_be_hidden()
    expect(score_line).to_be_visible()
    # "Try again" clears the choice and the feedback, for a new try.
    wrong_box.get_by_role("button", name="Try again").click()
    expect(wrong_box.get_by_role("radio", name=wrong_label, exact=True)).not_to_be_checked()
    expect(feedback).to_have_count(0)
    # Saved in the browser's storage: the results folder appears in JupyterLab's file browser.
    expect(lab.locator(".jp-DirListing-item", has_text="patientcourse-results")).to_be_visible()

    download_link = lab.get_by_role("link", name="Download my results")
    with lab.expect_download() as downloading:
        download_link.click()
    download = downloading.value
    # The name the book's "Download my results" gives the same learner's file.
    assert download.suggested_filename == f"{course.id}--ada-lovelace.json"
    handed_in = tmp_path / "handed-in" / download.suggested_filename
    download.save_as(handed_in)
    save_screenshot(lab, "lite-chapter1", download_link)

    results = parse_results(json.loads(handed_in.read_text(encoding="utf-8")))
    assert results.learner.name == "Ada Lovelace" and results.origin == "notebook"
    answers = results.chapters[chapter.id]
    assert set(answers) == {right_q.id, wrong_q.id}
    assert answers[wrong_q.id].answer is (not wrong_q.answer)

    run_patientcourse("grade", str(handed_in), "--out", str(tmp_path / "grades"), "--course", str(COURSE_DIR),
                      cwd=tmp_path)
    grades = read_csv(tmp_path / "grades" / "grades.csv")
    assert [(g["learner"], float(g[chapter.id])) for g in grades] == [("Ada Lovelace", 1.0)]

    links_lead_to_the_book_and_the_next_chapter(lab, offline_context, course.chapters[1])

    assert not offline_context.refused, f"requests outside 127.0.0.1: {offline_context.refused}"
    assert not errors, f"errors in JupyterLab: {errors}"
