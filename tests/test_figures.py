"""Figures: a {figure} directive in a chapter section whose SVG drawing ships with the course.

The loader reads and checks each drawing (located errors for a missing file, missing alt text
or caption, or an unsafe SVG), the generator copies it next to the notebooks, and the real
course shows the three foam-rolling exercises and the cold-pack steps."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import nbformat
import pytest
from typer.testing import CliRunner

from test_check_fixtures import BODY, SVG, write_course
from support import problems
from patientcourse.cli import app
from patientcourse.render.project import render_project
from patientcourse.structure import load_course
from patientcourse.structure.figures import svg_problems

FIGURE = """
:::{figure} figures/roller.svg
:alt: A foam roller on the floor.

Put the foam roller on the floor.
:::
"""


def test_a_figure_is_loaded_with_its_drawing_alt_text_and_caption(tmp_path):
    course = load_course(write_course(tmp_path, body=BODY + FIGURE, figures={"roller.svg": SVG}))
    [figure] = course.chapters[0].figures
    assert (figure.file, figure.section, figure.line) == ("figures/roller.svg", "what-is-fascia", 17)
    assert figure.alt == "A foam roller on the floor."
    assert figure.caption == "Put the foam roller on the floor."
    assert figure.svg == SVG


def test_the_generator_copies_the_drawing_next_to_the_notebook(tmp_path):
    course = load_course(write_course(tmp_path, body=BODY + FIGURE, figures={"roller.svg": SVG}))
    files = render_project(course)
    assert files["notebooks/figures/roller.svg"] == SVG.encode()
    notebook = nbformat.reads(files["notebooks/01-demo.ipynb"].decode(), as_version=4)
    # The same relative path works from the notebook and from the book page built from it.
    assert any(":::{figure} figures/roller.svg\n:alt: A foam roller on the floor." in c.source
               for c in notebook.cells)


def test_a_project_read_back_from_disk_keeps_its_drawings(tmp_path):
    """`build` without generated files in hand (the benchmark, `jupyter-book build .` users)
    reads the project folder: the drawings must come along, or Sphinx cannot find them."""
    from patientcourse.book.pipeline import _read_inputs
    from patientcourse.render.project import write_files

    course = load_course(write_course(tmp_path, body=BODY + FIGURE, figures={"roller.svg": SVG}))
    write_files(render_project(course), tmp_path / "project")
    assert _read_inputs(tmp_path / "project")["notebooks/figures/roller.svg"] == SVG.encode()


def test_a_missing_drawing_is_a_located_error_and_generate_writes_nothing(tmp_path):
    course = write_course(tmp_path, body=BODY + FIGURE)
    [message] = problems(course)
    assert message.startswith(f"{course / 'chapters' / '01-demo.md'}:17: {{figure}} figures/roller.svg: ")
    assert f"there is no file {course / 'chapters' / 'figures' / 'roller.svg'}" in message
    assert "Add the drawing there, or fix the name." in message
    project = tmp_path / "project"
    result = CliRunner().invoke(app, ["generate", "--course", str(course), "--project", str(project)])
    assert result.exit_code == 2 and "there is no file" in result.output
    assert not project.exists() or not any(project.rglob("*"))


def test_missing_alt_text_is_a_located_error(tmp_path):
    body = BODY + FIGURE.replace(":alt: A foam roller on the floor.\n", "")
    [message] = problems(write_course(tmp_path, body=body, figures={"roller.svg": SVG}))
    assert ":17: {figure} figures/roller.svg: the figure has no alt text." in message
    assert "Add an ':alt:' line" in message


def test_missing_caption_and_unclosed_directive_are_located_errors(tmp_path):
    body = BODY + FIGURE.replace("Put the foam roller on the floor.\n:::\n", "")
    found = problems(write_course(tmp_path, body=body, figures={"roller.svg": SVG}))
    assert any(":17:" in p and "the figure has no caption" in p for p in found)
    assert any(":17:" in p and "the directive is not closed" in p for p in found)


@pytest.mark.parametrize("target", ["roller.svg", "figures/Roller.SVG", "figures/roller.png",
                                    "figures/../../secret.svg", "https://example.org/roller.svg"])
def test_a_figure_must_be_an_svg_in_the_figures_folder(tmp_path, target):
    body = BODY + FIGURE.replace("figures/roller.svg", target)
    [message] = problems(write_course(tmp_path, body=body, figures={"roller.svg": SVG}))
    assert "a figure must be an SVG drawing named figures/<name>.svg" in message


def test_an_image_directive_must_be_a_figure(tmp_path):
    body = BODY + FIGURE.replace("{figure}", "{image}")
    [message] = problems(write_course(tmp_path, body=body, figures={"roller.svg": SVG}))
    assert "use a {figure} directive instead, so the picture has a caption" in message


def test_a_figure_shown_as_an_example_in_a_code_block_is_not_loaded(tmp_path):
    body = BODY + "\n```md\n" + FIGURE + "```\n"
    assert load_course(write_course(tmp_path, body=body)).chapters[0].figures == []


@pytest.mark.parametrize("svg, problem", [
    (SVG.replace("<title>", '<script>alert(1)</script><title>'), "uses <script>"),
    (SVG.replace("<rect ", '<rect onclick="alert(1)" '), "has an event handler (onclick=)"),
    (SVG.replace("<title>A foam roller</title>", '<use href="https://example.org/x.svg#a"/>'),
     "A figure may only point inside itself"),
    (SVG.replace('fill="#fff"', 'style="fill:url(https://example.org/p.png)"'), "Use only url(#id)"),
    (SVG.replace("<title>A foam roller</title>", "<foreignObject><p>hi</p></foreignObject>"),
     "uses <foreignObject>"),
    ('<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG, "declares a DOCTYPE or entities"),
    (SVG.replace(' viewBox="0 0 100 40"', ""), "has no viewBox"),
    ("<html><body>not a drawing</body></html>", "not an SVG drawing"),
    ("<svg", "is not valid SVG"),
])
def test_an_unsafe_or_broken_drawing_is_refused(tmp_path, svg, problem):
    assert any(problem in p for p in svg_problems(svg.encode()))
    found = problems(write_course(tmp_path, body=BODY + FIGURE, figures={"roller.svg": svg}))
    assert any(":17: {figure} figures/roller.svg:" in m and problem in m for m in found)


def test_a_safe_drawing_passes():
    assert svg_problems(SVG.encode()) == []


# -- the real course ---------------------------------------------------------------------

# Each drawing, the section it belongs to, and the rule its caption must state.
REAL_FIGURES = {
    ("03-exercises", "side-lying-it-band-rolling"): ["foam roller under your hip", "upper leg in front",
                                                     "up and down", "Do not roll past your knee"],
    ("03-exercises", "thoracic-spine-rolling"): ["under your upper back", "each hand on the other shoulder",
                                                 "lift your hips off the floor", "back and forth",
                                                 "sensitive spot for one minute"],
    ("03-exercises", "hamstring-rolling"): ["Sit on the foam roller", "hands behind you, flat on the floor",
                                            "to just above your knees", "for a minute if you can"],
    ("05-alternatives", "cold-therapy"): ["something cold", "thin towel", "area that hurts",
                                          "up to twenty minutes, a few times a day"],
}


def _figures(course):
    return {(c.id, f.section): f for c in course.chapters for f in c.figures}


def test_each_exercise_and_the_cold_pack_steps_have_a_drawing_whose_caption_states_the_rule(course):
    figures = _figures(course)
    assert set(figures) == set(REAL_FIGURES)
    for where, rule in REAL_FIGURES.items():
        caption = re.sub(r"\{term\}`([^`<]+?)(?:\s*<[^>]+>)?`", r"\1", figures[where].caption)
        for words in rule:
            assert words in caption, (where, words)
        assert len(figures[where].alt.split()) >= 20, where  # says what the drawing shows


def test_the_drawings_are_safe_and_bring_their_own_white_card(course):
    """A light card of its own: the drawing reads on a dark page and prints on white paper."""
    for where, figure in _figures(course).items():
        assert svg_problems(figure.svg.encode()) == [], where
        root = ElementTree.fromstring(figure.svg)
        _, _, width, height = map(float, root.get("viewBox").split())
        card = next(e for e in root if e.tag.endswith("rect"))
        assert card.get("fill") in ("#fff", "#ffffff", "white"), where
        assert float(card.get("width")) >= width - 4 and float(card.get("height")) >= height - 4, where


def test_the_labels_in_a_drawing_say_nothing_its_section_does_not(course):
    """Every word written in a drawing is a word of its section (the steps, caption or alt
    text), so the drawing shows no advice the steps do not give."""
    for (chapter_id, section_id), figure in _figures(course).items():
        section = course.chapter(chapter_id).section(section_id)
        said = set(re.findall(r"[a-z0-9]+", section.body.casefold())) | {"20"}  # "twenty"
        labels = " ".join(t.text or "" for t in ElementTree.fromstring(figure.svg).iter()
                          if t.tag.endswith("text"))
        unsaid = set(re.findall(r"[a-z0-9]+", labels.casefold())) - said
        assert not unsaid, (figure.file, sorted(unsaid))
