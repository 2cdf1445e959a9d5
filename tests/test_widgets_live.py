"""The live face of each chapter widget: its Python callbacks, state and what it says."""
from __future__ import annotations

import pytest

from patientcourse_runtime.widgets import chapter_widget
from patientcourse_runtime.widgets.checklist import summary_text
from patientcourse_runtime.widgets.timer import HoldTimer, clock_text
from patientcourse.render.bundle import bundle
from support import wait_for_value


@pytest.fixture(scope="module")
def runtime_bundle(course):
    return bundle(course)


@pytest.fixture
def widget(runtime_bundle):
    return lambda chapter, kind: chapter_widget(chapter, kind, runtime_bundle)


def test_every_chapter_has_a_widget(course):
    assert all(chapter.widgets for chapter in course.chapters)


def test_chapter_widget_reads_the_bundle_file(tmp_path, monkeypatch, runtime_bundle):
    from patientcourse.render.bundle import bundle_bytes
    path = tmp_path / "course.json"
    path.write_bytes(bundle_bytes(runtime_bundle))
    monkeypatch.setenv("PATIENTCOURSE_BUNDLE", str(path))
    explorer = chapter_widget("01-fascia-anatomy", "layers_explorer")
    assert explorer.heading == "Explore the layers under your skin"
    assert 'data-pc-course="fascia-massage"' in explorer._repr_mimebundle_()["text/html"]


def test_layers_explorer_shows_the_chosen_layer(widget):
    explorer = widget("01-fascia-anatomy", "layers_explorer")
    explorer.choose("fascia")
    assert explorer.last_status == "Showing: Fascia."
    assert "made of collagen" in explorer.details.value
    assert "adhesions" in explorer.details.value
    # The drawing marks the chosen layer (dashed outline), and only that one.
    assert explorer.drawing.value.count("pc-selected") == 1
    assert 'class="pc-part pc-selected" data-pc-part="fascia"' in explorer.drawing.value
    explorer.choose("skin")
    assert explorer.last_status == "Showing: Skin."
    assert "collagen" not in explorer.details.value


def test_evidence_explorer_gives_the_strength_in_words(widget):
    explorer = widget("02-myofascial-release", "evidence_explorer")
    explorer.choose("low-back-pain")
    assert "statistically significant" in explorer.details.value
    assert "Strength of the evidence: Weak." in explorer.last_status
    explorer.choose("range-of-motion")
    assert "Strength of the evidence: Clearest." in explorer.last_status
    assert "sources 15 and 16" in explorer.details.value


def test_routine_builder_lists_steps_and_safety_in_order(widget):
    builder = widget("03-exercises", "routine_builder")
    builder.pick("hamstring", "it-band")
    assert builder.last_status == ("Your routine has 2 of 3 exercises: "
                                   "Side-lying IT band rolling, Hamstring rolling.")
    text = builder.routine_text()
    # The course order, not the order ticked; the general tips come first.
    assert text.index("Roll slowly.") < text.index("Exercise 1 of 2: Side-lying IT band rolling") \
        < text.index("Exercise 2 of 2: Hamstring rolling")
    assert "- Do not roll past your knee (source 8)." in text
    assert "1. Lie on your side with the foam roller under your hip." in text
    assert "Thoracic" not in text
    builder.pick()
    assert builder.last_status == "No exercises chosen yet."


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_hold_timer_starts_pauses_resets_and_stops_at_the_end():
    clock = FakeClock()
    timer = HoldTimer(60, clock)
    timer.start()
    clock.now += 20
    assert clock_text(timer.remaining()) == "0:40"
    timer.pause()
    clock.now += 100  # paused: time does not run
    assert timer.remaining() == 40
    timer.start()
    clock.now += 39.5
    assert not timer.update() and clock_text(timer.remaining()) == "0:01"
    clock.now += 1
    assert timer.update() is True and timer.state == "done"
    clock.now += 500
    assert timer.update() is False and timer.remaining() == 0  # says "time is up" once, stays put
    timer.reset()
    assert timer.state == "ready" and clock_text(timer.remaining()) == "1:00"


def test_routine_timer_buttons_announce_and_never_move_on(widget):
    builder = widget("03-exercises", "routine_builder")
    builder.autotick = False
    clock = FakeClock()
    builder.timer.clock = clock
    builder.toggle_button.click()
    assert builder.timer_said == "Timer started. 1:00 left."
    assert builder.toggle_button.description == "Pause timer"
    clock.now += 15
    builder.tick()
    assert builder.clock_label.value == "0:45"
    builder.toggle_button.click()
    assert builder.timer_said == "Timer paused. 0:45 left."
    assert builder.toggle_button.description == "Resume timer"
    builder.toggle_button.click()
    clock.now += 45
    builder.tick()
    assert builder.timer_said == "One minute is up. The timer has stopped."
    assert builder.clock_label.value == "0:00" and builder.timer.state == "done"
    clock.now += 30
    builder.tick()
    assert builder.timer.state == "done" and builder.clock_label.value == "0:00"
    builder.reset_button.click()
    assert builder.timer_said == "Timer reset to 1:00." and builder.clock_label.value == "1:00"


def test_doctor_checklist_makes_a_summary_of_ticked_items(widget, tmp_path):
    checklist = widget("04-risks", "checklist")
    checklist.tick("g1-2", "g1-3")
    checklist.notes.value = "  Knee surgery in 2019.  "
    assert checklist.last_status == "2 of 5 ticked. Your list below is updated."
    assert checklist.summary() == (
        "Myofascial release: what to talk about with my doctor\n\n"
        "Tell your doctor:\n- My personal medical history.\n- My family medical history.\n\n"
        "Remember:\n- The risks of myofascial release are low. But in rare cases it can cause "
        "internal bleeding or injury.\n\nMy notes:\nKnee surgery in 2019.\n")
    assert "Ask your doctor" not in checklist.summary()  # a group with nothing ticked is left out
    assert "My family medical history." in checklist.summary_view.value
    path = checklist.save(tmp_path)
    assert path.name == "talk-to-my-doctor.txt"
    assert path.read_text(encoding="utf-8") == checklist.summary()
    assert str(path) in checklist.last_status


def test_visit_planner_lists_the_articles_questions(widget, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the Save button writes next to the notebook: the working folder
    planner = widget("05-alternatives", "checklist")
    assert planner.total == 14
    planner.save_button.click()  # nothing ticked: the list says so rather than being empty
    assert "(Nothing ticked yet.)" in planner.summary()
    planner.tick("g1-4", "g2-2")
    summary = planner.summary()
    assert summary.startswith("My physical therapy visit list\n")
    assert "- Does my insurance company cover this physical therapist?" in summary
    assert "- Do I have chronic pain?" in summary
    assert "Wear loose, comfortable clothing" in summary


def test_summary_keeps_the_course_order_of_groups(widget):
    planner = widget("05-alternatives", "checklist")
    text = summary_text(planner.spec, {"g2-1", "g1-1"})
    assert text.index("Where is their office?") < text.index("Is my whole body in pain?")


def test_relief_compare_shows_the_chosen_options(widget):
    compare = widget("05-alternatives", "relief_compare")
    compare.pick("cold", "acetaminophen")
    assert compare.last_status == "Comparing 2 of 4: Cold therapy (cryotherapy), Acetaminophen (Tylenol)."
    assert "up to twenty minutes" in compare.table.value
    assert "It does not reduce inflammation." in compare.table.value
    assert "Heat therapy" not in compare.table.value
    compare.pick()
    assert compare.last_status == "Nothing chosen to compare."


def test_every_widget_is_a_real_ipywidget_with_a_static_face(runtime_bundle, course):
    import ipywidgets
    for chapter in course.chapters:
        for ref in chapter.widgets:
            w = chapter_widget(chapter.id, ref.kind, runtime_bundle)
            assert isinstance(w, ipywidgets.VBox)
            mimebundle = w._repr_mimebundle_()
            assert "application/vnd.jupyter.widget-view+json" in mimebundle
            assert f'data-pc-widget="{ref.kind}"' in mimebundle["text/html"]


def test_routine_timer_runs_on_its_own_clock_in_jupyter(runtime_bundle):
    """With no fake clock: the background tick stops the timer when time is up."""
    ref = next(w for w in runtime_bundle["chapters"]["03-exercises"]["widgets"] if w["kind"] == "routine_builder")
    short = {**ref, "data": {**ref["data"], "timer": {**ref["data"]["timer"], "seconds": 1}}}
    from patientcourse_runtime.widgets import build_widget
    builder = build_widget(short, chapter_id="03-exercises")
    builder.toggle_button.click()
    # The tick thread marks the timer done first and then says so and shows 0:00: wait for all
    # three, not for the state alone.
    done = ("done", "One minute is up. The timer has stopped.", "0:00")
    seen = wait_for_value(lambda: (builder.timer.state, builder.timer_said, builder.clock_label.value),
                          lambda now: now == done)
    assert seen == done
