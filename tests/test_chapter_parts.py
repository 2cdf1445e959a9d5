"""Chapter parts: a long chapter read as two or three chunks, each with its own heading and key
points, while it stays one chapter (one notebook, one page, one quiz)."""
from __future__ import annotations

import nbformat
import pytest
import yaml

from test_check_fixtures import FRONT, TODAY, write_course
from support import problems
from patientcourse.checks import run_checks
from patientcourse.render.project import render_project
from patientcourse.structure import load_course

BODY = """\
## What is fascia?

{term}`Fascia` wraps your muscles.

## Cold

Use something cold.

### How long

Up to twenty minutes.

## Heat

Use something warm.

## A therapist

See a therapist.

## The bottom line

It may help.
"""

PARTS = """\
parts:
  - title: Care at home
    sections: [cold, heat]
    key_points: [Cold and heat may help.]
  - title: Care from others
    sections: [a-therapist]
    key_points: [A therapist can help.]
"""


def cells(course) -> list[str]:
    nb = nbformat.reads(render_project(course)["notebooks/01-demo.ipynb"].decode(), as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def test_each_part_opens_with_its_heading_and_closes_with_its_key_points(tmp_path):
    course = load_course(write_course(tmp_path, front=FRONT + PARTS, body=BODY))
    text = "\n\n".join(cells(course))
    order = ["## What is fascia?", "## Part 1 of 2: Care at home", "### Cold", "#### How long",
             "### Heat", "### Key points: Care at home\n\n- Cold and heat may help.",
             "## Part 2 of 2: Care from others", "### A therapist",
             "### Key points: Care from others\n\n- A therapist can help.", "## The bottom line",
             "## Key points\n\n- Fascia wraps your muscles."]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    # Sections keep their anchors, so quiz links and the runtime bundle still find them.
    assert "(demo-cold)=\n### Cold" in text and "(demo-part-1)=\n## Part 1 of 2: Care at home" in text


def test_a_chapter_without_parts_is_unchanged(tmp_path):
    text = "\n\n".join(cells(load_course(write_course(tmp_path, body=BODY))))
    assert "## Cold" in text and "### How long" in text and "Part 1" not in text


def test_headings_inside_a_code_block_are_left_alone(tmp_path):
    body = BODY.replace("Use something warm.\n", "Use something warm.\n\n```md\n## not a heading\n```\n")
    text = "\n\n".join(cells(load_course(write_course(tmp_path, front=FRONT + PARTS, body=body))))
    assert "```md\n## not a heading\n```" in text


@pytest.mark.parametrize("parts, message", [
    (PARTS.replace("[cold, heat]", "[cold, hot]"), "parts[0].sections[1]: no section 'hot' in this chapter."),
    (PARTS.replace("[a-therapist]", "[heat]"), "parts[1].sections[0]: section 'heat' is already in parts[0]."),
    (PARTS.replace("[cold, heat]", "[cold, a-therapist]").replace("sections: [a-therapist]", "sections: [heat]"),
     "parts[0].sections: a part's sections must follow each other in the chapter"),
    (PARTS.replace("key_points: [A therapist can help.]", "key_points: []"),
     "parts[1].key_points: this list needs at least 1 item. Add one."),
])
def test_a_wrong_part_is_a_located_error(tmp_path, parts, message):
    found = problems(write_course(tmp_path, front=FRONT + parts, body=BODY))
    assert any(message in p and "01-demo.md:" in p for p in found), found


def test_the_check_counts_part_key_points(tmp_path):
    many = PARTS.replace("key_points: [Cold and heat may help.]",
                         "key_points: [" + ", ".join(f"Point {i}." for i in range(8)) + "]")
    course = load_course(write_course(tmp_path, front=FRONT + many, body=BODY))
    [f] = [f for f in run_checks(course, today=TODAY, notebooks_dir=None).findings if f.rule == "list-length"]
    assert "parts[0].key_points has 8 items" in f.message and f.line == 13


def test_chapter_5_is_one_chapter_in_two_parts_home_care_then_professional_care(course):
    chapter = course.chapter("05-alternatives")
    assert [p.title for p in chapter.meta.parts] == ["Care at home", "Care from a physical therapist or doctor"]
    home, professional = chapter.meta.parts
    assert home.sections == ["cold-therapy", "heat-therapy", "pain-medicines-you-can-buy", "side-effects"]
    assert professional.sections[0] == "choosing-a-physical-therapist" and "injections" in professional.sections
    assert all(len(p.key_points) >= 3 for p in chapter.meta.parts)
    toc = yaml.safe_load(render_project(course)["_toc.yml"])
    assert [c["file"] for c in toc["parts"][0]["chapters"]].count("notebooks/05-alternatives") == 1
    assert len(toc["parts"][0]["chapters"]) == 5
    text = "\n\n".join(cells_of(course, "05-alternatives"))
    assert text.index("## Part 1 of 2: Care at home") < text.index("### Cold therapy") \
        < text.index("### Key points: Care at home") < text.index("## Part 2 of 2: Care from a physical")


def cells_of(course, chapter_id) -> list[str]:
    nb = nbformat.reads(render_project(course)[f"notebooks/{chapter_id}.ipynb"].decode(), as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]
