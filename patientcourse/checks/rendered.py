"""Rules that read what the learner is shown: the generated chapter notebooks
(``notebooks/NN-slug.ipynb``), their Markdown cells and any HTML outputs (widgets draw
inline ``<svg>`` figures there)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from ..render.common import credit, disclaimer
from ..render.text import inline_markdown
from ..structure import Chapter, Course
from .findings import Finding
from .markdown import chapter_lines


class _FigureParser(HTMLParser):
    """Find <img> and <svg> pictures without an accessible name, or outside a captioned <figure>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[dict] = []  # open <figure>s: {"caption": bool, "pictures": [...]}
        self.problems: list[str] = []
        self._svg: list[dict] = []  # open <svg>s (nested svgs belong to the outer one)
        self._title_depth: int | None = None
        self._in_caption = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "figure":
            self.figures.append({"caption": False, "pictures": []})
        elif tag == "figcaption":
            self._in_caption += 1
        elif tag == "img" and a.get("aria-hidden") != "true":
            name = a.get("alt", "").strip() or a.get("aria-label", "").strip()
            self._picture(f"<img src={a.get('src', '?')!r}>", bool(name))
        elif tag == "svg":
            if self._svg:
                self._svg.append({"nested": True})
            else:
                self._svg.append({"nested": False, "hidden": a.get("aria-hidden") == "true",
                                  "name": bool(a.get("aria-label", "").strip() or a.get("aria-labelledby")),
                                  "label": a.get("aria-label") or a.get("id") or a.get("class") or "svg"})
        elif tag == "title" and self._svg:
            self._title_depth = len(self._svg)

    def handle_data(self, data: str) -> None:
        if self._in_caption and data.strip() and self.figures:
            self.figures[-1]["caption"] = True
        if self._title_depth == 1 and self._svg and data.strip():
            self._svg[0]["name"] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption":
            self._in_caption = max(0, self._in_caption - 1)
        elif tag == "title":
            self._title_depth = None
        elif tag == "svg" and self._svg:
            svg = self._svg.pop()
            if not svg["nested"] and not svg["hidden"]:
                self._picture(f"<svg {svg['label']!r}>", svg["name"])
        elif tag == "figure" and self.figures:
            figure = self.figures.pop()
            if not figure["caption"]:
                self.problems += [f"{p} is in a <figure> without a <figcaption>" for p in figure["pictures"]]

    def _picture(self, what: str, named: bool) -> None:
        if not named:
            self.problems.append(f"{what} has no alt text (alt=, aria-label or <title>)")
        if self.figures:
            self.figures[-1]["pictures"].append(what)
        else:
            self.problems.append(f"{what} has no caption (it is not inside a <figure> with a <figcaption>)")


def html_picture_problems(html: str) -> list[str]:
    parser = _FigureParser()
    parser.feed(html)
    parser.close()
    for figure in parser.figures:  # unclosed figures: judge what we saw
        if not figure["caption"]:
            parser.problems += [f"{p} is in a <figure> without a <figcaption>" for p in figure["pictures"]]
    return parser.problems


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_notebook(path: Path):
    """The notebook, or None if it does not exist; raises ValueError if it cannot be read."""
    if not path.is_file():
        return None
    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several types for a broken file
        raise ValueError(f"{path} is not a readable notebook ({err})") from err


def _html_outputs(nb) -> list[tuple[str, str]]:
    """The HTML outputs of the notebook's cells (widgets draw inline figures there). Markdown
    cells are not read: the raw HTML in them comes from the chapter source, which
    ``source_html_rules`` checks with its line number."""
    out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                out.append((f"cell {cell.get('id', '?')} output", "".join(html) if isinstance(html, list) else html))
    return out


def rendered_rules(course: Course, chapter: Chapter, notebooks_dir: Path | None) -> list[Finding]:
    """Main message first, disclaimer, source credit and the pictures in its HTML outputs, in
    the chapter's notebook."""
    if notebooks_dir is None:
        return []
    path = notebooks_dir / f"{chapter.id}.ipynb"
    regenerate = "Run `patientcourse generate` to write the notebooks from the course source."
    try:
        nb = read_notebook(path)
    except ValueError as err:
        return [Finding("disclaimer-credit", "error", str(path), None, str(err), regenerate, chapter.id)]
    if nb is None:
        return [Finding("disclaimer-credit", "warning", str(path), None,
                        "the chapter notebook does not exist, so the disclaimer, source credit and "
                        "inline figures were not checked.", regenerate, chapter.id)]
    findings = []
    shown = _normal(" ".join(c.source for c in nb.cells if c.cell_type == "markdown"))
    # Compared as the renderer writes them (author text escaped for Markdown, render/text.py).
    for what, text, markdown in (("disclaimer", course.meta.disclaimer, disclaimer(course)),
                                 ("source credit", course.meta.source.credit, credit(course))):
        if _normal(markdown) not in shown:
            findings.append(Finding("disclaimer-credit", "error", str(path), None,
                                    f"the page does not show the {what} (“{_normal(text)[:60]}…”).",
                                    regenerate, chapter.id))
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None or _normal(inline_markdown(chapter.meta.main_message)) not in _normal(first.source):
        findings.append(Finding("main-message", "error", str(path), None,
                                "the page does not open with the chapter's main message.",
                                regenerate, chapter.id))
    for where, html in _html_outputs(nb):
        for problem in html_picture_problems(html):
            findings.append(Finding("images", "error", str(path), None, f"{where}: {problem}.",
                                    "Give the picture a text alternative (alt=, or aria-label / <title> "
                                    "on an <svg>) and wrap it in <figure> with a <figcaption>.", chapter.id))
    return findings


def source_html_rules(course: Course, chapter: Chapter) -> list[Finding]:
    """Raw HTML pictures in the chapter source. An HTML block runs from a line starting with '<' to the next blank line."""
    blocks: list[tuple[int, list[str]]] = []
    current: tuple[int, list[str]] | None = None
    for _, line in chapter_lines(chapter):
        if line.kind in ("blank", "code"):
            current = None
        elif current is not None:
            current[1].append(line.raw)
        elif line.kind == "html":
            current = (line.number, [line.raw])
            blocks.append(current)
    return [Finding("images", "error", chapter.file, first, f"{problem}.",
                    "Give it alt text and wrap it in <figure> with a <figcaption>, "
                    "or use a MyST {figure} directive.", chapter.id)
            for first, raw in blocks for problem in html_picture_problems("\n".join(raw))]


def widget_figures(course: Course, chapter: Chapter) -> list[Finding]:
    """Pictures in each widget's static HTML face (what the book shows), e.g. inline <svg>."""
    if not chapter.widgets:
        return []
    path = Path(chapter.file).with_name(f"{chapter.id}.widgets.yml")
    try:
        from patientcourse_runtime.widgets import build_widget  # imported here: it pulls in ipywidgets
    except Exception as err:  # a broken widget package must not hide every other finding
        return [Finding("images", "warning", str(path), None,
                        f"the widgets could not be loaded ({err}), so their figures were not checked.",
                        "Fix the error above, then run the check again.", chapter.id)]
    findings = []
    for ref in chapter.widgets:
        try:
            html = build_widget(ref.model_dump(mode="json"), chapter_id=chapter.id,
                                course_id=course.id).static_html()
        except Exception as err:
            findings.append(Finding("images", "error", str(path), None,
                                    f"the {ref.kind} widget cannot be drawn: {err}",
                                    "Fix its data in the widgets file.", chapter.id))
            continue
        findings += [Finding("images", "error", str(path), None, f"the {ref.kind} widget: {problem}.",
                             "The widget's figure needs an accessible name (aria-label or <title>) and "
                             "a <figure> with a <figcaption>; fix it in the runtime's widget templates.",
                             chapter.id)
                     for problem in html_picture_problems(html)]
    return findings
