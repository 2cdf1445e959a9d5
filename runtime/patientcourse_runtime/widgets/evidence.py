"""Chapter 2: the evidence explorer. Pick a result (pain relief, range of motion, ...) and see
what the article says the research shows, with the strength of that evidence in words; a bar
chart shows all results at once. Also lists who can give myofascial release."""
from __future__ import annotations

from functools import cached_property

import ipywidgets as widgets

from ..faces import fragment
from .base import COMMON, ChapterWidget, say
from .figures import evidence_geometry


class EvidenceExplorer(ChapterWidget):
    kind = "evidence_explorer"
    default_title = "What does the research show?"
    SAY = "Showing: {names}."
    SAY_NONE = "No result chosen."
    HINT = "Choose a result above to see what the research shows."

    @cached_property
    def geometry(self) -> dict:
        return evidence_geometry(self.spec.outcomes, self.spec.scale)

    def outcome(self, outcome_id: str):
        return next(o for o in self.spec.outcomes if o.id == outcome_id)

    def verdict(self, outcome_id: str) -> str:
        """The plain-words answer for one result, e.g. 'Strength of the evidence: Weak. ...'."""
        outcome = self.outcome(outcome_id)
        step = next(step for step in self.spec.scale if step.id == outcome.strength)
        return f"Strength of the evidence: {step.words}. {step.meaning}"

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.picker = widgets.ToggleButtons(options=[(o.name, o.id) for o in self.spec.outcomes],
                                            value=None, description="Result:")
        self.chart = widgets.HTML(self.part("figure", None))
        self.details = widgets.HTML(fragment(COMMON, "paragraph", "Choose a result to see what the research shows."))
        self.picker.observe(self._on_pick, names="value")
        return [self.picker, self.details, self.chart, widgets.HTML(self.part("context"))]

    def choose(self, outcome_id: str) -> None:
        self.picker.value = outcome_id

    def _on_pick(self, change) -> None:
        outcome = self.outcome(change["new"])
        self.chart.value = self.part("figure", outcome.id)
        self.details.value = self.part("panel_body", outcome)
        self.announce(say(self.SAY, [outcome.name], len(self.spec.outcomes)) + " " + self.verdict(outcome.id))
