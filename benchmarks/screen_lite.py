"""The README's picture of a chapter running in the browser (``make lite``): chapter 1 opened
from its "Open in the browser" button, run whole in JupyterLab in the page (Pyodide), one
question answered right with its feedback in view. Not a test and not a measurement.

    make lite && .venv/bin/python benchmarks/screen_lite.py     # writes docs/screens/lite/chapter-1-running.png

Debian Chromium at a desktop size (1280 × 800), the built site served on 127.0.0.1 and every
other request refused, the same learner steps as the lite browser test (tests/browser/lite_support.py).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import typer

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from reuse import REPO, browser_helpers, lite_helpers  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}
# Starting Pyodide, then running every cell, on a busy shared machine can take minutes.
WAIT_MS = 900_000
app = typer.Typer(add_completion=False)


def right_answer(chapter) -> tuple[str, str]:
    """(prompt, right option's text) of the chapter's first one-choice question."""
    question = next(q for q in chapter.quiz.questions if q.type == "single")
    return question.prompt, next(o.text for o in question.options if o.correct)


def shoot(site: Path, chapter, out: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    browser_support, lite = browser_helpers(), lite_helpers()
    url, stop = browser_support.serve_directory(site)
    prompt, right_text = right_answer(chapter)
    try:
        with sync_playwright() as playwright:
            browser = browser_support.launch_chromium(playwright)
            context = browser.new_context(viewport=VIEWPORT)
            context.route("**/*", lambda route: route.continue_()
                          if urlparse(route.request.url).hostname == "127.0.0.1"
                          or urlparse(route.request.url).scheme in ("data", "blob") else route.abort())
            context.route(lite.LITE_SETTINGS, lite.expose_app)
            book = context.new_page()
            book.goto(f"{url}/notebooks/{chapter.id}.html")
            with context.expect_page() as opened:
                book.get_by_role("link", name="Open in the browser").click()
            lab = opened.value
            lab.wait_for_function(lite.KERNEL_READY, timeout=WAIT_MS, polling=500)
            lite.run_all_cells(lab)
            expect(lab.locator(".pc-answer fieldset")).to_have_count(len(chapter.quiz.questions), timeout=WAIT_MS)
            lab.wait_for_function(lite.KERNEL_READY, timeout=WAIT_MS, polling=500)
            box = lite.question_box(lab, prompt)
            box.get_by_role("radio", name=re.compile(re.escape(right_text))).check()
            box.get_by_role("button", name="Check answer").click()
            feedback = box.locator(".pc-feedback")
            expect(feedback).to_contain_text("Correct.", timeout=WAIT_MS)
            lab.wait_for_function(lite.KERNEL_READY, timeout=WAIT_MS, polling=500)  # the answer saved: idle
            feedback.scroll_into_view_if_needed()
            out.parent.mkdir(parents=True, exist_ok=True)
            lab.screenshot(path=str(out))
            browser.close()
    finally:
        stop()


@app.command()
def main(site: Path = typer.Option(REPO / "_build" / "html", help="A site built with `make lite`."),
         out: Path = typer.Option(REPO / "docs" / "screens" / "lite" / "chapter-1-running.png")):
    from patientcourse.structure import load_course

    if not (site / "lite" / "lab" / "index.html").is_file():
        typer.echo(f"{site} has no in-browser JupyterLab (lite/): run `make lite` first.", err=True)
        raise typer.Exit(2)
    shoot(site.resolve(), load_course(REPO / "course").chapters[0], out)
    typer.echo(f"Wrote {out}")


if __name__ == "__main__":
    app()
