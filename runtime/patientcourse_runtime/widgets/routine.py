"""Chapter 3: the foam-rolling routine builder. Pick exercises; get their steps and safety tips
in order; hold a tender spot with a one-minute timer that starts, pauses and resets by keyboard,
says when time is up, and never moves on by itself."""
from __future__ import annotations

import threading
import time

import ipywidgets as widgets

from ..faces import fragment
from .base import COMMON, ChapterWidget, say
from .timer import HoldTimer, clock_text


# What the timer says, with {time} left; the book's script reads the same words from attributes.
TIMER_SAYS = {"start": "Timer started. {time} left.", "pause": "Timer paused. {time} left.",
              "reset": "Timer reset to {time}."}
ORDER = "Exercise {n} of {count}: "  # before each chosen exercise's name
TOGGLE_LABEL = {"ready": "Start timer", "running": "Pause timer", "paused": "Resume timer", "done": "Start timer"}


class RoutineBuilder(ChapterWidget):
    kind = "routine_builder"
    default_title = "Build your foam-rolling routine"
    SAY = "Your routine has {count} of {total} exercises: {names}."
    SAY_NONE = "No exercises chosen yet."
    HINT = "Tick one or more exercises above to build your routine."
    ORDER = ORDER
    TIMER_SAYS = TIMER_SAYS
    TOGGLE_LABEL = TOGGLE_LABEL
    autotick = True  # tests turn this off and move the timer's clock by hand

    def chosen(self) -> list:
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
        self.routine = widgets.HTML(self.part("routine", []))
        self.timer = HoldTimer(self.spec.timer.seconds)
        self.clock_label = widgets.Label(clock_text(self.timer.remaining()))
        self.toggle_button = widgets.Button(description=TOGGLE_LABEL["ready"])
        self.reset_button = widgets.Button(description="Reset timer")
        self.toggle_button.on_click(lambda _: self.toggle())
        self.reset_button.on_click(lambda _: self.reset())
        self.timer_status = widgets.HTML()
        self.timer_said = ""
        timer = widgets.VBox([widgets.HTML(fragment(COMMON, "heading4", self.spec.timer.title)
                                           + fragment(COMMON, "paragraph", self.spec.timer.help)),
                              widgets.HBox([self.clock_label, self.toggle_button, self.reset_button]),
                              self.timer_status])
        return [widgets.VBox(list(self.boxes.values())), self.routine, timer]

    def pick(self, *exercise_ids: str) -> None:
        for exercise_id, box in self.boxes.items():
            box.value = exercise_id in exercise_ids

    def _on_change(self, change) -> None:
        chosen = self.chosen()
        self.routine.value = self.part("routine", chosen)
        names = [e.name for e in chosen]
        self.announce(say(self.SAY, names, len(self.spec.exercises)) if names else self.SAY_NONE)

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
        self.timer_status.value = fragment(COMMON, "live_status", self.timer_said)

    def start_clock_text(self) -> str:
        return clock_text(self.spec.timer.seconds)
