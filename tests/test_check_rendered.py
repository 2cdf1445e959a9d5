"""Rules that read the generated notebooks: disclaimer, source credit and inline figures."""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from test_check_fixtures import TODAY, make_course, write_course

from patientcourse.checks import run_checks
from patientcourse.checks.rendered import html_picture_problems
from patientcourse.render.notebooks import render_notebook
from patientcourse.structure import load_course

FIGURE = ('<figure class="pc-figure"><svg role="img" aria-label="The layers of fascia" viewBox="0 0 9 9">'
          '<rect width="9" height="9"/></svg><figcaption>Fascia wraps each muscle.</figcaption></figure>')


def found(course, notebooks, rule):
    report = run_checks(course, today=TODAY, notebooks_dir=notebooks)
    return [f for f in report.findings if f.rule == rule]


def test_generated_notebook_shows_disclaimer_and_credit(tmp_path):
    course = make_course(tmp_path)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01-demo.ipynb").write_bytes(render_notebook(course, course.chapters[0]))
    assert found(course, tmp_path / "notebooks", "disclaimer-credit") == []
    assert found(course, tmp_path / "notebooks", "main-message") == []


def test_notebook_without_disclaimer_or_credit_is_an_error(tmp_path):
    course = make_course(tmp_path)
    (tmp_path / "notebooks").mkdir()
    nb = new_notebook(cells=[new_markdown_cell(course.meta.source.credit)])
    nbformat.write(nb, tmp_path / "notebooks" / "01-demo.ipynb")
    [f] = found(course, tmp_path / "notebooks", "disclaimer-credit")
    assert f.severity == "error" and "disclaimer" in f.message and f.file.endswith("01-demo.ipynb")
    assert "patientcourse generate" in f.fix
    [f] = found(course, tmp_path / "notebooks", "main-message")  # nor does it open with the message
    assert f.severity == "error" and "does not open with the chapter's main message" in f.message


def test_missing_notebook_is_a_warning_not_a_pass(tmp_path):
    [f] = found(make_course(tmp_path), tmp_path / "notebooks", "disclaimer-credit")
    assert f.severity == "warning" and "does not exist" in f.message


def test_widget_svg_output_without_name_or_caption_is_an_error(tmp_path):
    course = make_course(tmp_path)
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.reads(render_notebook(course, course.chapters[0]).decode(), as_version=4)
    cell = new_code_cell("chapter_widget('01-demo', 'layers')", id="demo-widget")
    cell.outputs = [new_output("display_data", data={"text/html": "<div><svg><rect/></svg></div>"})]
    nb.cells.append(cell)
    nbformat.write(nb, tmp_path / "notebooks" / "01-demo.ipynb")
    messages = [f.message for f in found(course, tmp_path / "notebooks", "images")]
    assert len(messages) == 2
    assert all(m.startswith("cell demo-widget output:") for m in messages)
    cell.outputs = [new_output("display_data", data={"text/html": FIGURE})]
    nbformat.write(nb, tmp_path / "notebooks" / "01-demo.ipynb")
    assert found(course, tmp_path / "notebooks", "images") == []


def test_html_picture_rules():
    assert html_picture_problems(FIGURE) == []
    assert html_picture_problems('<figure><img src="a.png" alt="A roller"><figcaption>Roll.</figcaption></figure>') == []
    # an <svg> <title> is an accessible name too; aria-hidden pictures are decoration
    assert html_picture_problems("<figure><svg><title>Timer</title></svg><figcaption>x</figcaption></figure>") == []
    assert html_picture_problems('<svg aria-hidden="true"></svg>') == []
    [problem] = html_picture_problems('<figure><img src="a.png" alt="A roller"></figure>')
    assert "without a <figcaption>" in problem
    assert len(html_picture_problems('<img src="a.png">')) == 2


WIDGETS_YML = """widgets:
  - kind: layers_explorer
    after: what-is-fascia
    data:
      intro: Choose a layer.
      figure: {title: Layers, caption: Skin over fascia., alt: Two layers.}
      layers:
        - {id: skin, name: Skin, look: skin, points: [Outside.]}
        - {id: fascia, name: Fascia, look: sheath, points: [A sheath.]}
"""


class FakeWidget:
    def __init__(self, html):
        self.html = html

    def static_html(self):
        return self.html


def test_widget_figures_are_checked_in_their_static_html(tmp_path, monkeypatch):
    import patientcourse_runtime.widgets as live_widgets
    folder = write_course(tmp_path)
    (folder / "chapters" / "01-demo.widgets.yml").write_text(WIDGETS_YML, encoding="utf-8")
    course = load_course(folder)
    monkeypatch.setattr(live_widgets, "build_widget", lambda ref, **kw: FakeWidget("<svg><rect/></svg>"))
    messages = [f.message for f in found(course, None, "images")]
    assert messages == ["the layers_explorer widget: <svg 'svg'> has no alt text (alt=, aria-label or <title>).",
                        "the layers_explorer widget: <svg 'svg'> has no caption (it is not inside a <figure> "
                        "with a <figcaption>)."]
    monkeypatch.setattr(live_widgets, "build_widget", lambda ref, **kw: FakeWidget(FIGURE))
    assert found(course, None, "images") == []
