"""Bad widget data is caught by the loader, before anything is built, with file, line, field
and a fix (so `check`, `generate` and `build` all say the same)."""
from __future__ import annotations

from pathlib import Path

import pytest

from patientcourse.structure import CourseError, load_course
from patientcourse_runtime.widgets import WidgetDataError, build_widget, chapter_widget

SECTION = "what-is-fascia"  # a section of the mini course's first chapter


@pytest.fixture
def write(mini_course_dir):
    """write(text) -> the widgets file of the mini course's first chapter, holding ``text``."""
    def put(text: str) -> Path:
        path = mini_course_dir / "chapters" / "01-basics.widgets.yml"
        path.write_text(text.replace("after: a", f"after: {SECTION}").replace("after: b", f"after: {SECTION}"),
                        encoding="utf-8")
        return path
    return put


def widget_file_problems(path: Path):
    """Every problem ``load_course`` reports in that widgets file."""
    try:
        load_course(path.parent.parent)
    except CourseError as err:
        return [p for p in err.problems if p.file == path]
    return []


def test_the_real_course_widgets_load_with_their_data_checked(course):
    kinds = [w.kind for c in course.chapters for w in c.widgets]
    assert kinds == ["layers_explorer", "evidence_explorer", "routine_builder", "checklist",
                     "relief_compare", "checklist"]
    # The loader hands on validated data: a default the author left out is filled in.
    assert all("reminders" in w.data for c in course.chapters for w in c.widgets if w.kind == "checklist")


def test_an_unknown_kind_names_the_line_and_the_known_kinds(write):
    path = write("widgets:\n  - kind: layer_explorer\n    after: a\n")
    [problem] = widget_file_problems(path)
    assert (problem.file, problem.line, problem.field) == (path, 2, "widgets[0].kind")
    assert "no widget kind 'layer_explorer'" in problem.message and "layers_explorer" in problem.message


def test_a_missing_field_points_at_its_layer(write):
    path = write("""widgets:
  - kind: layers_explorer
    after: a
    data:
      intro: Choose a layer.
      figure: {title: T, caption: C, alt: A}
      layers:
        - {id: skin, name: Skin, look: skin, points: [Outside.]}
        - id: fascia
          look: sheath
          points: [A sheath.]
""")
    [problem] = widget_file_problems(path)
    assert problem.field == "widgets[0].data.layers[1].name"
    assert problem.line == 9
    assert problem.message == "this field is required. Add it."
    assert str(problem).startswith(f"{path}:9: widgets[0].data.layers[1].name:")


def test_a_misspelt_field_and_a_bad_choice_are_both_reported(write):
    path = write("""widgets:
  - kind: layers_explorer
    after: a
    data:
      intro: Choose a layer.
      figure: {title: T, caption: C, alt: A}
      layers:
        - {id: skin, name: Skin, look: skin, pionts: [Outside.], points: [x]}
        - {id: fascia, name: Fascia, look: bone, points: [A sheath.]}
""")
    problems = {p.field: p for p in widget_file_problems(path)}
    assert "field is not known" in problems["widgets[0].data.layers[0].pionts"].message
    assert problems["widgets[0].data.layers[0].pionts"].line == 8
    assert "'skin', 'sheath' or 'muscle'" in problems["widgets[0].data.layers[1].look"].message


def test_an_evidence_strength_must_be_on_the_scale(write):
    path = write("""widgets:
  - kind: evidence_explorer
    after: a
    data:
      intro: i
      overall: o
      advice: a
      scale: [{id: weak, words: Weak, meaning: m}, {id: some, words: Some, meaning: m}]
      figure: {title: t, caption: c}
      outcomes: [{id: pain, name: Pain, strength: strong, finding: f}]
      givers: {title: t, how: h, people: [p]}
""")
    [problem] = widget_file_problems(path)
    assert problem.field == "widgets[0].data"
    assert "'strong' is not a step of the scale. Use one of: weak, some." in problem.message


def test_a_kind_used_twice_in_a_chapter_is_an_error(write):
    data = "{intro: i, groups: [{title: t, items: [a]}], notes_label: n, summary_title: s, file_name: a.txt}"
    path = write(f"widgets:\n  - kind: checklist\n    after: a\n    data: {data}\n"
                           f"  - kind: checklist\n    after: b\n    data: {data}\n")
    [problem] = widget_file_problems(path)
    assert problem.line == 5 and "widgets[0] is already a 'checklist' widget" in problem.message


def test_a_bad_file_name_says_what_a_good_one_looks_like(write):
    path = write("widgets:\n  - kind: checklist\n    after: a\n    data: {intro: i, groups: "
                           "[{title: t, items: [a]}], notes_label: n, summary_title: s, file_name: My List.doc}\n")
    [problem] = widget_file_problems(path)
    assert problem.field == "widgets[0].data.file_name"
    assert problem.message == ("'My List.doc' is not a plain file name. Use lower-case words joined by "
                               "dashes, ending in .txt, e.g. my-visit-list.txt.")


def test_an_empty_list_says_it_needs_an_item(write):
    path = write("""widgets:
  - kind: relief_compare
    after: a
    data:
      intro: i
      note: n
      options:
        - {id: cold, name: Cold, does: d, use: [], side_effects: [s]}
        - {id: heat, name: Heat, does: d, use: [u], side_effects: [s]}
""")
    [problem] = widget_file_problems(path)
    assert str(problem) == (f"{path}:8: widgets[0].data.options[0].use: this list needs at least 1 item. "
                            "Add one.")


def test_the_runtime_refuses_a_kind_it_does_not_know():
    with pytest.raises(WidgetDataError, match="no widget kind 'slideshow' in this runtime"):
        build_widget({"kind": "slideshow", "after": "a", "data": {}}, chapter_id="05-alternatives")


def test_chapter_widget_says_which_widgets_a_chapter_has():
    data = {"course": {"id": "c"}, "chapters": {"01-x": {"widgets": [
        {"kind": "checklist", "after": "a", "title": "", "data": {}}]}}}
    with pytest.raises(WidgetDataError, match=r"chapter '01-x' has no 'routine_builder' widget \(it has: checklist\)"):
        chapter_widget("01-x", "routine_builder", data)
    with pytest.raises(KeyError, match="chapter '09-y' is not in this course"):
        chapter_widget("09-y", "checklist", data)
