"""A course written by a hostile author: script in every YAML text field that takes it.

``write_hostile_course`` copies the small test course (plus the real chapter 1 widgets,
retargeted), then visits every string in every YAML file (course.yml, glossary.yml, each
chapter's front matter, quiz and widgets) and appends a payload with a unique marker.
Fields that must be ids, references or fixed words refuse the payload (the course would not
load), so they keep their value; titles refuse '<' and '>' and get the payload without them.
The result records which marker went into which field.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from support import COURSE_DIR, MINI_COURSE
from patientcourse.book.pipeline import load
from patientcourse.structure import CourseError

FLAG = "window.__pcx"
# Every way of smuggling script in that the issue names: a script element, an image whose
# error handler runs, an attribute break-out into an svg with onload, javascript: links
# (Markdown, HTML and autolink forms).
PAYLOAD = (f'{{marker}} <script>{FLAG}=1;alert("{{marker}}")</script> '
           f'<img src=x onerror="{FLAG}=1;alert(1)"> "><svg onload="{FLAG}=1;alert(1)"> '
           f'[click](javascript:{FLAG}=1) <a href="javascript:{FLAG}=1">tap</a> <javascript:{FLAG}=1>')
# For titles, which must not hold '<' or '>': markup that still reads as code somewhere.
TITLE_PAYLOAD = (f"{{marker}} &lt;script&gt;{FLAG}=1&lt;/script&gt; [click](javascript:{FLAG}=1) "
                 "*star* {term}`fascia` `code`")


@dataclass
class HostileCourse:
    root: Path
    markers: dict[str, str] = field(default_factory=dict)  # marker -> "file: field path"
    full: set[str] = field(default_factory=set)  # markers that got PAYLOAD (not the title one)


def _strings(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))
    elif isinstance(data, str):
        yield path


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data, path):
    for part in path:
        data = data[part]
    return data


class _YamlFile:
    """A YAML file, or a chapter's front matter, read and written as data."""

    def __init__(self, path: Path):
        self.path = path
        text = path.read_text(encoding="utf-8")
        self.front_matter = path.suffix == ".md"
        if self.front_matter:
            _, front, self.body = text.split("---\n", 2)
            self.data = yaml.safe_load(front)
        else:
            self.data = yaml.safe_load(text)

    def write(self) -> None:
        dumped = yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True, width=10_000)
        self.path.write_text(f"---\n{dumped}---\n{self.body}" if self.front_matter else dumped, encoding="utf-8")


def _loads(root: Path) -> bool:
    try:
        load(root)
        return True
    except CourseError:
        return False


# Optional text fields the small course leaves out, so that every field gets its payload.
OPTIONAL = {
    "course.yml": {("subtitle",): "A subtitle", ("source", "badge"): "A badge",
                   ("source", "address"): "https://example.org/article",
                   ("source", "publisher_statement"): "The publisher says this.",
                   ("source", "left_out"): [{"text": "An advertisement.", "reason": "It is not about health."}],
                   ("source", "authors", 0, "bio"): "A short bio.",
                   ("reviews",): [{"reviewer": "A Reviewer", "credentials": "MD", "date": "2026-01-05",
                                   "reviewed": "Every chapter"}]},
    "chapters/01-basics.md": {("short_title",): "Basics"},
    "chapters/01-basics.quiz.yml": {("title",): "Check the basics"},
    "chapters/02-more.quiz.yml": {("title",): "Check the rest"},
}


def write_hostile_course(dest: Path) -> HostileCourse:
    root = Path(shutil.copytree(MINI_COURSE, dest))
    widgets = (COURSE_DIR / "chapters" / "01-fascia-anatomy.widgets.yml").read_text(encoding="utf-8")
    (root / "chapters" / "01-basics.widgets.yml").write_text(widgets, encoding="utf-8")
    for rel, values in OPTIONAL.items():
        source = _YamlFile(root / rel)
        for where, value in values.items():
            _set(source.data, where, value)
        source.write()
    assert _loads(root), "the optional fields and widgets must fit the mini course before anything is planted"
    course = HostileCourse(root)
    files = [root / "course.yml", root / "glossary.yml", *sorted((root / "chapters").glob("*.yml")),
             *sorted((root / "chapters").glob("*.md"))]
    for path in files:
        source = _YamlFile(path)
        for where in list(_strings(source.data)):
            original = _get(source.data, where)
            marker = f"PCX{len(course.markers):03d}"
            for payload in (PAYLOAD, TITLE_PAYLOAD):
                _set(source.data, where, original + " " + payload.replace("{marker}", marker))
                source.write()
                if _loads(root):
                    course.markers[marker] = f"{path.relative_to(root)}: {'.'.join(map(str, where))}"
                    if payload is PAYLOAD:
                        course.full.add(marker)
                    break
            else:
                _set(source.data, where, original)
                source.write()
    return course
