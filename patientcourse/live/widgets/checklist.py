"""Chapters 4 and 5: a checklist that becomes a short list the reader can print, copy or save:
what to tell the doctor before trying myofascial release, and the physical-therapy visit
planner (the article's questions to ask and to talk about)."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import re

from pydantic import Field, field_validator

from .base import ChapterWidget, Text, WidgetData, attrs, bullets, esc, status_region


class Group(WidgetData):
    title: Text
    items: list[Text] = Field(min_length=1)


class ChecklistData(WidgetData):
    intro: Text
    groups: list[Group] = Field(min_length=1)
    reminders: list[Text] = Field(default_factory=list, description="Facts printed on every list.")
    notes_label: Text
    summary_title: Text
    file_name: str = Field(description="Name of the downloaded list, e.g. my-list.txt.")

    @field_validator("file_name")
    @classmethod
    def _plain_file_name(cls, value: str) -> str:
        # The name travels into a download attribute and a path next to the notebook.
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*\.txt", value):
            raise ValueError(f"{value!r} is not a plain file name. Use lower-case words joined by "
                             "dashes, ending in .txt, e.g. my-visit-list.txt.")
        return value


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


def summary_text(data: ChecklistData, ticked: set[str], notes: str = "") -> str:
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
    Data = ChecklistData
    default_title = "Your checklist"

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
            parts.append(widgets.HTML(f"<h4>{esc(group.title)}</h4>"))
            for i, item in enumerate(group.items):
                box = widgets.Checkbox(value=False, description=item, indent=False,
                                       layout=widgets.Layout(width="auto"))
                box.observe(self._on_change, names="value")
                self.boxes[item_id(g, i)] = box
                parts.append(box)
        if self.spec.reminders:
            parts.append(widgets.HTML(f"<p>{REMINDERS_TITLE}</p>{bullets(self.spec.reminders)}"))
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
        self.summary_view.value = f'<pre class="pc-summary">{esc(self.summary())}</pre>'

    # --- static face -----------------------------------------------------------------
    def static_body(self) -> str:
        root = self.dom_id
        groups = "".join(
            f'<fieldset class="pc-group"><legend>{esc(group.title)}</legend><ul class="pc-checks">'
            + "".join(f'<li><label><input{attrs(type="checkbox", data_pc_item=item_id(g, i))}> '
                      f"<span data-pc-item-text>{esc(item)}</span></label></li>"
                      for i, item in enumerate(group.items))
            + "</ul></fieldset>" for g, group in enumerate(self.spec.groups))
        reminders = (f'<p class="pc-reminders-title">{REMINDERS_TITLE}</p>'
                     f'<ul data-pc-reminders>{"".join(f"<li>{esc(r)}</li>" for r in self.spec.reminders)}</ul>'
                     if self.spec.reminders else "")
        says = {f"data_pc_say_{name}": text for name, text in SAYS.items()}
        # Everything the script writes into the list comes from here, in the notebook's words.
        box = attrs(class_="pc-checklist", data_pc_summary_title=self.spec.summary_title,
                    data_pc_file_name=self.spec.file_name, data_pc_reminders_title=REMINDERS_TITLE,
                    data_pc_notes_title=NOTES_TITLE, data_pc_nothing=NOTHING_TICKED, **says)
        return (f"<div{box}>"
                f"{groups}{reminders}"
                f'<p class="pc-notes"><label for="{esc(root)}-notes">{esc(self.spec.notes_label)}</label>'
                f'<textarea id="{esc(root)}-notes" rows="3" data-pc-notes></textarea></p>'
                f'<div class="pc-summary-box" data-pc-controls hidden>'
                f'<h4 id="{esc(root)}-summary-title">Your list</h4>'
                f'<pre class="pc-summary" data-pc-summary></pre>'
                f'<p class="pc-actions"><button type="button" class="pc-button" data-pc-copy>Copy list</button> '
                f'<button type="button" class="pc-button" data-pc-download>Download list (.txt)</button> '
                f'<button type="button" class="pc-button" data-pc-print>Print list</button></p></div>'
                f"{status_region(root)}</div>")
