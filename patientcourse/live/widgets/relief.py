"""Chapter 5: compare the pain relief a reader can try at home (cold, heat, medicines you can
buy): what each does, how to use it safely, and the side effects the article names."""
from __future__ import annotations

import ipywidgets as widgets
from pydantic import Field, field_validator

from .base import ChapterWidget, Slug, Text, WidgetData, bullets, chooser_html, esc, say, status_region

# The three questions every option answers, in the order a reader asks them.
ROWS = (("does", "What it does"), ("use", "How to use it safely"), ("side_effects", "Side effects"))


class ReliefOption(WidgetData):
    id: Slug
    name: Text
    does: Text
    use: list[Text] = Field(min_length=1)
    side_effects: list[Text] = Field(min_length=1)


class ReliefData(WidgetData):
    intro: Text
    options: list[ReliefOption] = Field(min_length=2)
    note: Text

    @field_validator("options")
    @classmethod
    def _unique_ids(cls, options: list[ReliefOption]) -> list[ReliefOption]:
        ids = [o.id for o in options]
        if len(set(ids)) != len(ids):
            raise ValueError("two options have the same id. Give each option its own id.")
        return options


class ReliefCompare(ChapterWidget):
    kind = "relief_compare"
    Data = ReliefData
    default_title = "Compare pain relief you can try at home"
    SAY = "Comparing {count} of {total}: {names}."
    SAY_NONE = "Nothing chosen to compare."

    def chosen(self) -> list[ReliefOption]:
        ticked = {box.option_id for box in self.boxes if box.value}
        return [o for o in self.spec.options if o.id in ticked]

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.boxes = []
        for option in self.spec.options:
            box = widgets.Checkbox(value=False, description=option.name, indent=False)
            box.option_id = option.id
            box.observe(self._on_change, names="value")
            self.boxes.append(box)
        self.table = widgets.HTML("<p>Tick the options you want to compare.</p>")
        return [widgets.VBox(self.boxes), self.table, widgets.HTML(f"<p>{esc(self.spec.note)}</p>")]

    def pick(self, *option_ids: str) -> None:
        for box in self.boxes:
            box.value = box.option_id in option_ids

    def _on_change(self, change) -> None:
        chosen = self.chosen()
        self.table.value = "".join(self._card(o) for o in chosen) or "<p>Tick the options you want to compare.</p>"
        names = [o.name for o in chosen]
        self.announce(say(self.SAY, names, len(self.spec.options)) if names else self.SAY_NONE)

    def _card(self, option: ReliefOption) -> str:
        rows = "".join(
            f"<dt>{esc(label)}</dt><dd>{esc(value) if isinstance(value, str) else bullets(value)}</dd>"
            for field, label in ROWS for value in [getattr(option, field)])
        return (f'<section class="pc-panel pc-card" data-pc-panel="{esc(option.id)}" '
                f'aria-labelledby="{esc(self.dom_id)}-{esc(option.id)}">'
                f'<h4 id="{esc(self.dom_id)}-{esc(option.id)}">{esc(option.name)}</h4><dl>{rows}</dl></section>')

    # --- static face -----------------------------------------------------------------
    def static_body(self) -> str:
        choices = [(o.id, o.name) for o in self.spec.options]
        return (chooser_html(self.dom_id, "Choose what to compare", choices, multiple=True,
                             say_some=self.SAY, say_none=self.SAY_NONE,
                             hint="Tick one or more options above to compare them side by side.")
                + status_region(self.dom_id)
                + f'<div class="pc-panels pc-cards">{"".join(self._card(o) for o in self.spec.options)}</div>'
                + f'<p class="pc-note">{esc(self.spec.note)}</p>')
