"""Figures in a chapter: MyST ``{figure}`` directives whose drawing ships with the course.

A section shows a drawing like this::

    :::{figure} figures/hamstring-rolling.svg
    :alt: What the drawing shows, for people who cannot see it.

    The caption: what the drawing shows, in the same words as the steps.
    :::

The file lives in ``course/chapters/figures/``; the generator copies it to
``notebooks/figures/``, so the same relative path works in the chapter file, the notebook
and the book. Only SVG drawings are accepted, with only the elements and attributes a line
drawing needs: a picture an author adds never runs script in a learner's browser.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from .course import Figure, Section
from .errors import Problem

FIGURE_DIR = "figures"
OPENING = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>figure|image)\}\s*(?P<arg>.*?)\s*$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):(?:\s+(?P<value>.*?))?\s*$")
CODE_FENCE = re.compile(r"^(`{3,}|~{3,})(?!\{)")
FILE_NAME = re.compile(rf"^{FIGURE_DIR}/[a-z0-9]+(?:-[a-z0-9]+)*\.svg$")
MAX_SVG_BYTES = 200_000

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What a line drawing needs. No <script>, <foreignObject>, <image>, <a>, <style> or
# animation: each could run code or load something from elsewhere.
SVG_ELEMENTS = {"svg", "g", "defs", "symbol", "use", "marker", "title", "desc", "path", "line",
                "polyline", "polygon", "rect", "circle", "ellipse", "text", "tspan",
                "linearGradient", "radialGradient", "stop", "clipPath"}
LOCAL_URL = re.compile(r"url\(\s*#[\w-]+\s*\)")


def section_figures(section: Section, chapter_file: Path) -> tuple[list[Figure], list[Problem]]:
    """The figures in one section, read and checked; problems name the chapter file and line."""
    figures: list[Figure] = []
    problems: list[Problem] = []
    lines = section.body.split("\n")
    code_fence: str | None = None
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if code_fence:  # inside a code block a directive is only an example
            code_fence = None if stripped == code_fence else code_fence
            i += 1
            continue
        opening = OPENING.match(stripped)
        if not opening:
            fence = CODE_FENCE.match(stripped)
            code_fence = fence.group(1) if fence else None
            i += 1
            continue
        line = section.body_line + i
        options, caption, i = _directive(lines, i + 1, opening["fence"])
        figure, found = _figure(opening["name"], opening["arg"], options, caption, section, line,
                                chapter_file, closed=i <= len(lines))
        problems += found
        if figure:
            figures.append(figure)
    return figures, problems


def _directive(lines: list[str], start: int, fence: str) -> tuple[dict[str, str], str, int]:
    """Options, caption text and the index after the closing fence (len + 1 if unclosed)."""
    options: dict[str, str] = {}
    i = start
    while i < len(lines) and OPTION.match(lines[i].strip()):
        match = OPTION.match(lines[i].strip())
        options[match["key"]] = (match["value"] or "").strip()
        i += 1
    body: list[str] = []
    while i < len(lines) and lines[i].strip() != fence:
        body.append(lines[i].strip())
        i += 1
    return options, " ".join(line for line in body if line), i + 1


def _figure(name: str, arg: str, options: dict[str, str], caption: str, section: Section, line: int,
            chapter_file: Path, *, closed: bool) -> tuple[Figure | None, list[Problem]]:
    def problem(message: str) -> Problem:
        return Problem(chapter_file, line, "", f"{{{name}}} {arg}: {message}")

    if name == "image":
        return None, [problem("use a {figure} directive instead, so the picture has a caption.")]
    problems = []
    if not closed:
        problems.append(problem("the directive is not closed. End it with a line that repeats its "
                                "opening fence (e.g. ':::')."))
    if not options.get("alt"):
        problems.append(problem("the figure has no alt text. Add an ':alt:' line under the opening "
                                "line that says what the drawing shows, in the words of the steps."))
    if not caption:
        problems.append(problem("the figure has no caption. Write it under the options, before the "
                                "closing fence."))
    if not FILE_NAME.match(arg):
        problems.append(problem(f"a figure must be an SVG drawing named {FIGURE_DIR}/<name>.svg "
                                "(lower-case words joined by dashes), kept in the chapters folder's "
                                f"{FIGURE_DIR}/ folder."))
        return None, problems
    path = chapter_file.parent / arg
    if not path.is_file():
        problems.append(problem(f"there is no file {path}. Add the drawing there, or fix the name."))
        return None, problems
    svg = path.read_bytes()
    problems += [problem(message) for message in svg_problems(svg)]
    if problems:
        return None, problems
    return Figure(file=arg, alt=options["alt"], caption=caption, section=section.id, line=line,
                  svg=svg.decode("utf-8")), []


def svg_problems(data: bytes) -> list[str]:
    """Why an SVG file is not a safe, self-contained line drawing (empty list: it is one)."""
    if len(data) > MAX_SVG_BYTES:
        return [f"the drawing is {len(data):,} bytes; keep a line drawing under {MAX_SVG_BYTES:,}."]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["the drawing is not UTF-8 text. Save the SVG as UTF-8."]
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        return ["the drawing declares a DOCTYPE or entities. Remove them; an SVG needs neither."]
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as err:
        return [f"the drawing is not valid SVG ({err}). Export it again as plain SVG."]
    if root.tag != f"{SVG_NS}svg":
        return ["the file is not an SVG drawing: its outer element must be <svg "
                "xmlns=\"http://www.w3.org/2000/svg\">."]
    problems = [] if root.get("viewBox") else ["the <svg> has no viewBox, so it cannot scale to the "
                                               "page. Add viewBox=\"0 0 <width> <height>\"."]
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag not in SVG_ELEMENTS:
            problems.append(f"the drawing uses <{tag}>, which a course figure may not hold. "
                            f"Use only: {', '.join(sorted(SVG_ELEMENTS))}.")
            continue
        for attribute, value in element.attrib.items():
            problems += _attribute_problems(tag, attribute, value)
    return problems


def _attribute_problems(tag: str, attribute: str, value: str) -> list[str]:
    name = attribute.rsplit("}", 1)[-1]
    if name.lower().startswith("on"):
        return [f"<{tag}> has an event handler ({name}=). Remove it: a figure runs no script."]
    if attribute in ("href", XLINK_HREF) and not value.startswith("#"):
        return [f"<{tag}> links to {value!r}. A figure may only point inside itself (href=\"#id\")."]
    if "url(" in value and LOCAL_URL.sub("", value).count("url("):
        return [f"<{tag} {name}> loads {value!r}. Use only url(#id) references inside the drawing."]
    if "javascript:" in value.lower():
        return [f"<{tag} {name}> holds a javascript: address. Remove it."]
    return []
