"""When a reader can first answer a question: our chapter page against a jupyterquiz page with
the same questions, loaded alternately in one run of Debian Chromium (Playwright).

*jupyterquiz* (PyPI) is the usual way to put a self-checking quiz in a Jupyter Book: a code
cell calls ``display_quiz(questions)``, which writes a container and an inline script that
draws the quiz while the page is parsed. The comparison page is what an author gets from it:
the same chapter notebook (prose and headings unchanged, our widgets left out because they need
our runtime) with our quiz cell replaced by ``display_quiz`` of the same questions (the types
jupyterquiz has: single and multiple choice, true/false, numbers), built by a plain
``jupyter-book build`` with Jupyter Book's default settings. jupyterquiz is installed into a
scratch folder under ``benchmarks/_work/`` for that build only; it is not a dependency.

"Answerable" is judged as a reader meets it, inside the page, from navigation start
(``performance.now()``): the first question's answer controls exist and work (ours: its Check
button is shown, which the runtime does when it wires the question; jupyterquiz: its first
answer button exists, created with its click handler), then two animation frames so that state
has been painted. Each load is a fresh browser context (nothing cached), the two pages
alternate, and medians are compared.
"""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import nbformat

from reuse import browser_helpers

JUPYTERQUIZ = "jupyterquiz==2.9.6.4"

# Installed before any page script; resolves window.__pcAnswerable with the time (ms since
# navigation start) at which ``condition`` first held, painted.
_WATCH = """(() => {
  const condition = () => { %s };
  window.__pcAnswerable = new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => requestAnimationFrame(() =>
      resolve({dom: window.__pcAnswerableDom, painted: performance.now()})));
    const test = () => {
      if (window.__pcAnswerableDom === undefined && condition()) {
        window.__pcAnswerableDom = performance.now();
        observer.disconnect();
        done();
      }
    };
    const observer = new MutationObserver(test);
    setTimeout(() => resolve({dom: null, painted: null}), 30000);
    observer.observe(document, {childList: true, subtree: true, attributes: true});
  });
})();"""

OURS_READY = ("const b = document.querySelector('fieldset[data-pc-question] [data-pc-check]');"
              " return !!b && !b.hidden;")
JUPYTERQUIZ_READY = "return !!document.querySelector('.Quiz .MCButton, .Quiz input');"


def jupyterquiz_questions(questions: list[dict]) -> list[dict]:
    """Our bundle's questions (``Question.runtime()`` dicts) in jupyterquiz's JSON format, in the
    order shown. Matching and ordering have no jupyterquiz type and are left out."""
    out = []
    for q in questions:
        kind = q["type"]
        if kind in ("single", "multiple", "truefalse"):
            options = q.get("options") or [
                {"text": "True", "correct": q["answer"] is True, "feedback": q["if_true"]},
                {"text": "False", "correct": q["answer"] is False, "feedback": q["if_false"]}]
            out.append({"question": q["prompt"], "type": "many_choice" if kind == "multiple" else "multiple_choice",
                        "answers": [{"answer": o["text"], "correct": bool(o.get("correct")),
                                     "feedback": o.get("feedback", "")} for o in options]})
        elif kind == "numeric":
            out.append({"question": q["prompt"], "type": "numeric",
                        "answers": [{"type": "value", "value": q["answer"], "correct": True, "feedback": q["if_correct"]},
                                    {"type": "default", "feedback": q["if_wrong"]}]})
    return out


def write_jupyterquiz_project(dest: Path, notebook: bytes, questions: list[dict]) -> Path:
    """A one-page Jupyter Book: ``notebook`` without its widget cells and with its quiz cell
    replaced by jupyterquiz, under Jupyter Book's default configuration."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    nb = nbformat.reads(notebook.decode("utf-8"), as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code" and "chapter_widget(" in cell.source:
            continue
        if cell.cell_type == "code" and "chapter_quiz(" in cell.source:
            cell.source = ("import json\nfrom jupyterquiz import display_quiz\n"
                           f"display_quiz(json.loads({json.dumps(jupyterquiz_questions(questions))!r}))")
        cells.append(cell)
    nb.cells = cells
    nbformat.write(nb, dest / "chapter.ipynb")
    (dest / "_config.yml").write_text(
        "title: jupyterquiz comparison\nonly_build_toc_files: true\n"
        "execute:\n  execute_notebooks: force\n", encoding="utf-8")
    (dest / "_toc.yml").write_text("format: jb-book\nroot: chapter\n", encoding="utf-8")
    return dest


def install_jupyterquiz(work: Path) -> Path:
    """jupyterquiz in a scratch folder (``pip install --target``); returns that folder."""
    target = work / "jupyterquiz-lib"
    if not (target / "jupyterquiz").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                        str(target), JUPYTERQUIZ], check=True)
    return target


def build_jupyterquiz_page(work: Path, notebook: bytes, questions: list[dict]) -> Path:
    """Build the comparison book; returns its ``_build/html``."""
    from patientcourse.book.jupyterbook import jupyter_book_command

    lib = install_jupyterquiz(work)
    project = write_jupyterquiz_project(work / "jupyterquiz-book", notebook, questions)
    env = {**__import__("os").environ, "PYTHONPATH": str(lib)}
    done = subprocess.run([*jupyter_book_command(), "build", str(project)], env=env, capture_output=True, text=True)
    site = project / "_build" / "html"
    if done.returncode != 0 or not (site / "chapter.html").is_file():
        raise RuntimeError("the jupyterquiz book did not build:\n" + (done.stdout + done.stderr)[-3000:])
    if "show_questions" not in (site / "chapter.html").read_text(encoding="utf-8"):
        raise RuntimeError("the jupyterquiz page has no quiz script; the comparison would be void.")
    return site


def _load_once(browser, url: str, condition: str) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(_WATCH % condition)
        outside: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
                else outside.append(r.url))
        page.goto(url, wait_until="commit")
        result = page.evaluate("window.__pcAnswerable")
        if result["painted"] is None:
            raise RuntimeError(f"{url}: the first question never became answerable (30 s).")
        if outside:
            raise RuntimeError(f"{url} asked for {outside[:3]}: the timing would include the outside world.")
        return result
    finally:
        context.close()


def measure_first_answerable(ours_site: Path, ours_page: str, quiz_site: Path, quiz_page: str,
                             samples: int) -> dict:
    """Median ms to the first answerable question on each page, loads alternating."""
    from playwright.sync_api import sync_playwright

    helpers = browser_helpers()
    ours_url, stop_ours = helpers.serve_directory(ours_site)
    quiz_url, stop_quiz = helpers.serve_directory(quiz_site)
    ours, theirs = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.CHROMIUM_FLAGS,
                                                 headless=True)
            try:
                for n in range(samples):
                    order = ((ours, ours_url, ours_page, OURS_READY), (theirs, quiz_url, quiz_page, JUPYTERQUIZ_READY))
                    for into, url, page, condition in (order if n % 2 == 0 else order[::-1]):
                        into.append(_load_once(browser, f"{url}/{page}", condition))
            finally:
                browser.close()
    finally:
        stop_ours()
        stop_quiz()
    ours_ms = [r["painted"] for r in ours]
    theirs_ms = [r["painted"] for r in theirs]
    return {"ours_page": ours_page, "jupyterquiz_page": quiz_page, "samples": samples,
            "ours_ms": statistics.median(ours_ms), "jupyterquiz_ms": statistics.median(theirs_ms),
            "ratio": statistics.median(ours_ms) / statistics.median(theirs_ms),
            "ours_dom_ms": statistics.median(r["dom"] for r in ours),
            "jupyterquiz_dom_ms": statistics.median(r["dom"] for r in theirs),
            "all_ours_ms": [round(v, 1) for v in ours_ms], "all_jupyterquiz_ms": [round(v, 1) for v in theirs_ms]}
