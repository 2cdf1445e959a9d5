"""Small course fixtures for the `check` tests: a one-chapter course that passes every rule,
which each test bends in one place to make one rule fail."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from patientcourse.structure import Course, load_course

TODAY = dt.date(2026, 11, 24)

COURSE_YML = """\
id: demo
title: Demo course
audience: Adults with back pain.
last_reviewed: 2026-11-01
next_review_due: 2027-11-01
disclaimer: This is not medical advice. Talk to your doctor.
source:
  title: A test article
  publisher: Test blog
  last_updated: 2020-01-04
  authors:
    - name: Ann Author
  file: article.txt
  cited_sources: 0
  reference_list_included: false
chapters:
  - 01-demo
"""

GLOSSARY_YML = """\
terms:
  - term: fascia
    definition: A thin sheet of tissue that wraps your muscles.
    also: [fasciae]
  - term: foam roller
    definition: A firm tube of foam you roll your body on.
"""

FRONT = """\
title: Demo chapter
main_message: Fascia is a thin sheet of tissue around your muscles.
objectives:
  - id: define-fascia
    text: Say what fascia is.
key_points:
  - Fascia wraps your muscles.
glossary: [fascia]
"""

BODY = """\
## What is fascia?

{term}`Fascia` is a thin sheet of tissue. It wraps your muscles. Fascia can get tight.
When it is tight, it can hurt. A gentle rub can help it relax.
"""

QUIZ_YML = """\
questions:
  - id: demo-what
    type: truefalse
    prompt: Fascia wraps your muscles.
    objective: define-fascia
    section: what-is-fascia
    explanation: The chapter says fascia wraps your muscles.
    answer: true
    if_true: Right. Fascia wraps your muscles.
    if_false: Not quite. Fascia wraps your muscles.
"""


# A small line drawing for figure fixtures (course/chapters/figures/<name>.svg).
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40">'
       '<title>A foam roller</title><rect width="100" height="40" fill="#fff"/>'
       '<circle cx="50" cy="25" r="12" fill="none" stroke="#000"/></svg>\n')


# The source the course is traced against (source.file, from the project folder).
ARTICLE = """\
A test article

By Ann Author

Fascia is a thin sheet of tissue. It wraps your muscles. Fascia can get tight. When it is tight, it can hurt. A gentle rub can help it relax.

This is not medical advice. Talk to your doctor.
"""


def write_course(root: Path, *, front: str = FRONT, body: str = BODY, quiz: str = QUIZ_YML,
                 glossary: str = GLOSSARY_YML, course_extra: str = "", widgets: str | None = None,
                 figures: dict[str, str] | None = None) -> Path:
    """Write a course folder under ``root`` and return its path; ``figures`` maps a file name
    in chapters/figures/ to its SVG text."""
    course = root / "course"
    (course / "chapters").mkdir(parents=True, exist_ok=True)
    for name, svg in (figures or {}).items():
        (course / "chapters" / "figures").mkdir(exist_ok=True)
        (course / "chapters" / "figures" / name).write_text(svg, encoding="utf-8")
    if widgets is not None:
        (course / "chapters" / "01-demo.widgets.yml").write_text(widgets, encoding="utf-8")
    (course / "course.yml").write_text(COURSE_YML + textwrap.dedent(course_extra), encoding="utf-8")
    (course / "glossary.yml").write_text(glossary, encoding="utf-8")
    (course / "chapters" / "01-demo.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    (course / "chapters" / "01-demo.quiz.yml").write_text(quiz, encoding="utf-8")
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return course


def make_course(root: Path, **kwargs) -> Course:
    return load_course(write_course(root, **kwargs))
