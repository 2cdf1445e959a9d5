"""Chapter 3: the foam-rolling routine builder. Pick exercises; get their steps and safety tips
in order; hold a tender spot with a one-minute timer that starts, pauses and resets by keyboard,
says when time is up, and never moves on by itself."""
from __future__ import annotations

import threading
import time

import ipywidgets as widgets
from pydantic import Field, field_validator

from .base import ChapterWidget, Slug, Text, WidgetData, attrs, bullets, chooser_html, esc, say, status_region
from .timer import HoldTimer, clock_text


class Exercise(WidgetData):
    id: Slug
    name: Text
    steps: list[Text] = Field(min_length=1)
    cues: list[Text] = Field(min_length=1, description="Safety tips for this exercise.")


class AlwaysCues(WidgetData):
    title: Text
    cues: list[Text] = Field(min_length=1)


class TimerText(WidgetData):
    title: Text
    seconds: int = Field(gt=0, le=600)
    help: Text
    done: Text = Field(description="What the status says when time is up.")


class RoutineData(WidgetData):
    intro: Text
    always: AlwaysCues
    exercises: list[Exercise] = Field(min_length=1)
    timer: TimerText

    @field_validator("exercises")
    @classmethod
    def _unique_ids(cls, exercises: list[Exercise]) -> list[Exercise]:
        ids = [e.id for e in exercises]
        if len(set(ids)) != len(ids):
            raise ValueError("two exercises have the same id. Give each exercise its own id.")
        return exercises


# What the timer says, with {time} left; the book's script reads the same words from attributes.
TIMER_SAYS = {"start": "Timer started. {time} left.", "pause": "Timer paused. {time} left.",
              "reset": "Timer reset to {time}."}
ORDER = "Exercise {n} of {count}: "  # before each chosen exercise's name
TOGGLE_LABEL = {"ready": "Start timer", "running": "Pause timer", "paused": "Resume timer", "done": "Start timer"}


class RoutineBuilder(ChapterWidget):
    kind = "routine_builder"
    Data = RoutineData
    default_title = "Build your foam-rolling routine"
    SAY = "Your routine has {count} of {total} exercises: {names}."
    SAY_NONE = "No exercises chosen yet."
    autotick = True  # tests turn this off and move the timer's clock by hand

    def chosen(self) -> list[Exercise]:
        ticked = {exercise_id for exercise_id, box in self.boxes.items() if box.value}
        return [e for e in self.spec.exercises if e.id in ticked]

    def routine_text(self) -> str:
        """The chosen routine as plain text: the general tips, then each exercise in order."""
        chosen = self.chosen()
        lines = [self.spec.always.title + ":", *(f"- {c}" for c in self.spec.always.cues)]
        for n, exercise in enumerate(chosen, 1):
            lines += ["", f"Exercise {n} of {len(chosen)}: {exercise.name}",
                      *(f"{i}. {s}" for i, s in enumerate(exercise.steps, 1)),
                      "Safety:", *(f"- {c}" for c in exercise.cues)]
        return "\n".join(lines)

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.boxes = {}
        for exercise in self.spec.exercises:
            box = widgets.Checkbox(value=False, description=exercise.name, indent=False)
            box.observe(self._on_change, names="value")
            self.boxes[exercise.id] = box
        self.routine = widgets.HTML(self._routine_html([]))
        self.timer = HoldTimer(self.spec.timer.seconds)
        self.clock_label = widgets.Label(clock_text(self.timer.remaining()))
        self.toggle_button = widgets.Button(description=TOGGLE_LABEL["ready"])
        self.reset_button = widgets.Button(description="Reset timer")
        self.toggle_button.on_click(lambda _: self.toggle())
        self.reset_button.on_click(lambda _: self.reset())
        self.timer_status = widgets.HTML()
        self.timer_said = ""
        timer = widgets.VBox([widgets.HTML(f"<h4>{esc(self.spec.timer.title)}</h4><p>{esc(self.spec.timer.help)}</p>"),
                              widgets.HBox([self.clock_label, self.toggle_button, self.reset_button]),
                              self.timer_status])
        return [widgets.VBox(list(self.boxes.values())), self.routine, timer]

    def pick(self, *exercise_ids: str) -> None:
        for exercise_id, box in self.boxes.items():
            box.value = exercise_id in exercise_ids

    def _on_change(self, change) -> None:
        chosen = self.chosen()
        self.routine.value = self._routine_html(chosen)
        names = [e.name for e in chosen]
        self.announce(say(self.SAY, names, len(self.spec.exercises)) if names else self.SAY_NONE)

    def _routine_html(self, chosen: list[Exercise]) -> str:
        always = f"<h4>{esc(self.spec.always.title)}</h4>{bullets(self.spec.always.cues)}"
        return always + "".join(self._exercise_html(e, ORDER.format(n=n, count=len(chosen)))
                                for n, e in enumerate(chosen, 1))

    def _exercise_html(self, exercise: Exercise, prefix: str = "") -> str:
        return (f'<h4 id="{esc(self.dom_id)}-{esc(exercise.id)}"><span data-pc-order>{esc(prefix)}</span>'
                f"{esc(exercise.name)}</h4>{bullets(exercise.steps, ordered=True)}"
                f'<p class="pc-cues-title">Safety:</p>{bullets(exercise.cues, cls="pc-cues")}')

    # The timer's three actions; each says what happened, in words.
    def toggle(self) -> None:
        if self.timer.state == "running":
            self.timer.pause()
            self._timer_say(TIMER_SAYS["pause"])
        else:
            self.timer.start()
            self._timer_say(TIMER_SAYS["start"])
            if self.autotick:
                threading.Thread(target=self._run_clock, daemon=True).start()
        self._show_timer()

    def reset(self) -> None:
        self.timer.reset()
        self._timer_say(TIMER_SAYS["reset"])
        self._show_timer()

    def tick(self) -> None:
        """Move the display on; say once that time is up. Nothing else happens then."""
        if self.timer.update():
            self._timer_say(self.spec.timer.done)
        self._show_timer()

    def _run_clock(self) -> None:
        while self.timer.state == "running":
            time.sleep(0.25)
            self.tick()

    def _show_timer(self) -> None:
        self.clock_label.value = clock_text(self.timer.remaining())
        self.toggle_button.description = TOGGLE_LABEL[self.timer.state]

    def _timer_say(self, template: str) -> None:
        self.timer_said = template.format(time=clock_text(self.timer.remaining()))
        self.timer_status.value = f'<p role="status">{esc(self.timer_said)}</p>'

    # --- static face -----------------------------------------------------------------
    def static_body(self) -> str:
        choices = [(e.id, e.name) for e in self.spec.exercises]
        panels = "".join(
            f'<section class="pc-panel" data-pc-panel="{esc(e.id)}" aria-labelledby="{esc(self.dom_id)}-{esc(e.id)}">'
            f"{self._exercise_html(e)}</section>" for e in self.spec.exercises)
        always = (f'<div class="pc-always"><h4>{esc(self.spec.always.title)}</h4>'
                  f"{bullets(self.spec.always.cues)}</div>")
        return (chooser_html(self.dom_id, "Choose your exercises", choices, multiple=True,
                             say_some=self.SAY, say_none=self.SAY_NONE,
                             hint="Tick one or more exercises above to build your routine.",
                             order=ORDER)
                + status_region(self.dom_id) + always
                + f'<div class="pc-panels">{panels}</div>' + self._timer_html())

    def _timer_html(self) -> str:
        spec, tid = self.spec.timer, f"{self.dom_id}-timer"
        start = clock_text(spec.seconds)
        says = {f"data_pc_say_{name}": text for name, text in TIMER_SAYS.items()}
        says.update({f"data_pc_label_{state}": label for state, label in TOGGLE_LABEL.items()})
        box = attrs(class_="pc-timer", data_pc_timer=True, data_pc_seconds=spec.seconds,
                    data_pc_say_done=spec.done, aria_labelledby=f"{tid}-title", **says)
        return (f"<section{box}>"
                f'<h4 id="{esc(tid)}-title">{esc(spec.title)}</h4><p>{esc(spec.help)}</p>'
                f'<div class="pc-timer-controls" data-pc-controls hidden>'
                f'<p class="pc-timer-clock"><span role="timer" data-pc-timer-display>{esc(start)}</span> left</p>'
                f'<button type="button" class="pc-button" data-pc-timer-toggle>{TOGGLE_LABEL["ready"]}</button> '
                f'<button type="button" class="pc-button" data-pc-timer-reset>Reset timer</button></div>'
                f'<p class="pc-status" role="status" id="{esc(tid)}-status"></p></section>')
