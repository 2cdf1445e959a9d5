"""Chapter 5: compare the pain relief a reader can try at home (cold, heat, medicines you can
buy): what each does, how to use it, and the side effects the article names."""
from __future__ import annotations

import ipywidgets as widgets

from ..faces import fragment
from .base import COMMON, ChapterWidget, say

# The three questions every option answers, in the order a reader asks them.
ROWS = (("does", "What it does"), ("use", "How to use it"), ("side_effects", "Side effects"))
PROMPT = "Tick the options you want to compare."


class ReliefCompare(ChapterWidget):
    kind = "relief_compare"
    default_title = "Compare pain relief you can try at home"
    SAY = "Comparing {count} of {total}: {names}."
    SAY_NONE = "Nothing chosen to compare."
    HINT = "Tick one or more options above to compare them side by side."
    rows = ROWS

    def chosen(self) -> list:
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
        self.table = widgets.HTML(fragment(COMMON, "paragraph", PROMPT))
        return [widgets.VBox(self.boxes), self.table, widgets.HTML(fragment(COMMON, "paragraph", self.spec.note))]

    def pick(self, *option_ids: str) -> None:
        for box in self.boxes:
            box.value = box.option_id in option_ids

    def _on_change(self, change) -> None:
        chosen = self.chosen()
        self.table.value = "".join(self.part("card", o) for o in chosen) or fragment(COMMON, "paragraph", PROMPT)
        names = [o.name for o in chosen]
        self.announce(say(self.SAY, names, len(self.spec.options)) if names else self.SAY_NONE)
