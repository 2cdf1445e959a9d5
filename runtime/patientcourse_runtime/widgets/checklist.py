"""Chapters 4 and 5: a checklist that becomes a short list the reader can print, copy or save:
what to tell the doctor before trying myofascial release, and the physical-therapy visit
planner (the article's questions to ask and to talk about)."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..faces import fragment
from .base import COMMON, ChapterWidget


REMINDERS_TITLE = "Remember:"
NOTES_TITLE = "My notes:"
NOTHING_TICKED = "(Nothing ticked yet.)"
SAYS = {"change": "{count} of {total} ticked. Your list below is updated.",
        "copy": "Your list is copied. You can paste it anywhere.",
        "copy_failed": "Could not copy. Select the list and copy it yourself.",
        "download": "Your list is saved as {file}.",
        "print": "The print window is open. Only your list is printed."}


def item_id(group_index: int, item_index: int) -> str:
    return f"g{group_index + 1}-{item_index + 1}"


def summary_text(data, ticked: set[str], notes: str = "") -> str:
    """The list a reader takes away: only ticked items, by group, then reminders and notes.
    The book's script writes exactly the same text (a browser test compares them)."""
    lines = [data.summary_title]
    for g, group in enumerate(data.groups):
        chosen = [item for i, item in enumerate(group.items) if item_id(g, i) in ticked]
        if chosen:
            lines += ["", f"{group.title}:", *(f"- {item}" for item in chosen)]
    if len(lines) == 1:
        lines += ["", NOTHING_TICKED]
    if data.reminders:
        lines += ["", REMINDERS_TITLE, *(f"- {r}" for r in data.reminders)]
    if notes.strip():
        lines += ["", NOTES_TITLE, notes.strip()]
    return "\n".join(lines) + "\n"


class Checklist(ChapterWidget):
    kind = "checklist"
    default_title = "Your checklist"
    REMINDERS_TITLE = REMINDERS_TITLE
    NOTES_TITLE = NOTES_TITLE
    NOTHING_TICKED = NOTHING_TICKED
    SAYS = SAYS

    def ticked(self) -> set[str]:
        return {key for key, box in self.boxes.items() if box.value}

    def summary(self) -> str:
        return summary_text(self.spec, self.ticked(), self.notes.value)

    @property
    def total(self) -> int:
        return sum(len(g.items) for g in self.spec.groups)

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.boxes: dict[str, widgets.Checkbox] = {}
        parts: list[widgets.Widget] = []
        for g, group in enumerate(self.spec.groups):
            parts.append(widgets.HTML(fragment(COMMON, "heading4", group.title)))
            for i, item in enumerate(group.items):
                box = widgets.Checkbox(value=False, description=item, indent=False,
                                       layout=widgets.Layout(width="auto"))
                box.observe(self._on_change, names="value")
                self.boxes[item_id(g, i)] = box
                parts.append(box)
        if self.spec.reminders:
            parts.append(widgets.HTML(self.part("reminders")))
        self.notes = widgets.Textarea(description=self.spec.notes_label, layout=widgets.Layout(width="100%"),
                                      style={"description_width": "initial"})
        self.notes.observe(lambda _: self._show_summary(), names="value")
        self.summary_view = widgets.HTML()
        self.save_button = widgets.Button(description="Save list as a text file")
        self.save_button.on_click(lambda _: self.save())
        self._show_summary()
        return [*parts, self.notes, self.summary_view, self.save_button]

    def tick(self, *item_ids: str) -> None:
        for key, box in self.boxes.items():
            box.value = key in item_ids

    def save(self, folder: Path | None = None) -> Path:
        """Write the list next to the notebook (or into ``folder``) and say where it is."""
        path = Path(folder or Path.cwd()) / self.spec.file_name
        path.write_text(self.summary(), encoding="utf-8")
        self.announce(SAYS["download"].format(file=str(path)))
        return path

    def _on_change(self, change) -> None:
        self._show_summary()
        self.announce(SAYS["change"].format(count=len(self.ticked()), total=self.total))

    def _show_summary(self) -> None:
        self.summary_view.value = self.part("summary", self.summary())

    def item_id(self, group_index: int, item_index: int) -> str:
        return item_id(group_index, item_index)
