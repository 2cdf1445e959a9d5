"""Helpers for the end-to-end journeys (test_journeys.py): moving through a page by keyboard,
answering and handing in from the book, running a learner's notebook with nbclient, and
running the instructor commands as an instructor would (a separate process).

The shared browser fixtures (the page that fails on console errors and requests off
127.0.0.1, ``axe_check``, ``serve``) stay in conftest.py; this module only adds what the
journeys need on top of them.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from support import REPO, wait_for_value

# Git-ignored (.gitignore); made at run time so a fresh checkout has no such folder.
ARTIFACTS = REPO / "test-artifacts"
TIMESTAMP_KEYS = ("saved_at", "answered_at", "first_answered_at")


# -- the browser -------------------------------------------------------------------------------

def save_screenshot(page, name: str, showing) -> Path:
    """The journey's final state as the person saw it (the window, scrolled to ``showing``),
    for a human to look at after the run. Not a full-page shot: Chromium stitches the
    theme's sticky header into the middle of those."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    showing.scroll_into_view_if_needed()
    page.screenshot(path=str(path))
    return path


def focus_is_inside(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && !!document.activeElement.closest(s)", selector)


def press_and_wait(page, key: str, watched: str = "document.activeElement") -> None:
    """Press ``key``, then wait until the JavaScript expression ``watched`` is no longer what it
    was (by default: until focus has moved), so what the test reads next is the page after the
    key, not before it. Fails if it never changes: a key that did nothing."""
    before = page.evaluate_handle(f"() => {watched}")
    try:
        page.keyboard.press(key)
        page.wait_for_function(f"before => ({watched}) !== before", arg=before)
    except PlaywrightTimeout:
        raise AssertionError(f"pressing {key} did not change {watched} on {page.url}") from None
    finally:
        before.dispose()


def tab_until_inside(page, selector: str, limit: int) -> int:
    """Press Tab until keyboard focus is inside ``selector``; return how many presses it took.
    Fails if it takes more than ``limit``: a control a keyboard user cannot reach."""
    for presses in range(1, limit + 1):
        press_and_wait(page, "Tab")
        if focus_is_inside(page, selector):
            return presses
    raise AssertionError(f"{selector} not reached after {limit} Tab presses on {page.url}; "
                         f"focus ended on {page.evaluate('document.activeElement.outerHTML.slice(0, 200)')}")


def pick_radio_by_keyboard(page, fieldset, value: str) -> None:
    """With focus on a radio group's first (unchecked) radio, select the radio whose value is
    ``value`` the way a keyboard user does: arrows move and select; Space selects the first."""
    values = [radio.get_attribute("value") for radio in fieldset.locator("input[type=radio]").all()]
    place = values.index(value)
    if place == 0:
        page.keyboard.press("Space")
    for _ in range(place):
        page.keyboard.press("ArrowDown")


def put_in_order(fs, texts: list[str]) -> None:
    """Move the steps of an ordering question into the order of ``texts`` with their Move up
    buttons (by mouse)."""
    def order() -> list[str]:
        return [t.strip() for t in fs.locator(".pc-step-text").all_inner_texts()]

    for place, text in enumerate(texts):
        while True:
            current = order()
            if current.index(text) == place:
                break
            fs.get_by_role("button", name=f"Move up: {text}").click()
            # Read the order once the step has moved: an early read would press again.
            moved = wait_for_value(order, lambda now: now != current)
            assert moved != current, f"Move up: {text} did not move it: {current}"


def answer_in_book(fieldset, answer, button: str = "Check answer") -> None:
    """Give one answer (in the results-file encoding) with the mouse, then press ``button``."""
    kind = fieldset.get_attribute("data-pc-type")
    if kind == "truefalse":
        fieldset.locator(f'input[value="{str(answer).lower()}"]').check()
    elif kind == "single":
        fieldset.locator(f'input[value="{answer}"]').check()
    elif kind == "multiple":
        for box in fieldset.locator("input[type=checkbox]").all():
            box.set_checked(box.get_attribute("value") in answer)
    elif kind == "matching":
        for item_id, match_id in answer.items():
            fieldset.locator(f'[data-pc-item="{item_id}"] select').select_option(match_id)
    else:
        raise ValueError(f"answer_in_book does not answer {kind!r} questions")
    fieldset.get_by_role("button", name=button).click()


def download_results(page, progress_url: str, name: str, learner_id: str, dest: Path) -> dict:
    """On the "My progress" page: type name and id, press "Download my results", keep the file."""
    if page.url != progress_url:
        page.goto(progress_url)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Student id (if you have one)").fill(learner_id)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my results").click()
    info.value.save_as(dest)
    return json.loads(dest.read_text(encoding="utf-8"))


# -- results files -----------------------------------------------------------------------------

def without_timestamps(results: dict) -> dict:
    """A results file with every time stamp removed: what must match between two files
    recorded at different moments."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in TIMESTAMP_KEYS}
        return value
    return strip(results)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- the notebook and the command line ---------------------------------------------------------

def run_notebook_with_extra_cell(notebook: Path, after_source: str, extra_source: str,
                                 timeout: int = 120) -> nbformat.NotebookNode:
    """Run ``notebook`` top to bottom in its own folder (Jupyter's working directory), with a
    code cell ``extra_source`` added right after the first code cell containing
    ``after_source``: what a learner types and runs. Returns the executed notebook."""
    nb = nbformat.read(notebook, as_version=4)
    where = next(i for i, cell in enumerate(nb.cells)
                 if cell.cell_type == "code" and after_source in cell.source)
    nb.cells.insert(where + 1, nbformat.v4.new_code_cell(extra_source))
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


def printed_text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def run_patientcourse(*args: str, cwd: Path, timeout: int = 600) -> str:
    """``patientcourse ARGS`` in a new process, as an instructor runs it. Returns what it
    printed (its console writes to stderr); fails the test with that output on a non-zero exit."""
    done = subprocess.run([sys.executable, "-m", "patientcourse", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise CommandFailed(f"`patientcourse {' '.join(args)}` exited {done.returncode}:\n"
                            f"{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


class CommandFailed(AssertionError):
    """A patientcourse command the journey needs exited with an error."""
