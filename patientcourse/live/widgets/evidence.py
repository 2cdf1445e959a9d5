"""Chapter 2: the evidence explorer. Pick a result (pain relief, range of motion, ...) and see
what the article says the research shows, with the strength of that evidence in words; a bar
chart shows all results at once. Also lists who can give myofascial release."""
from __future__ import annotations

import ipywidgets as widgets
from pydantic import Field, model_validator

from .base import ChapterWidget, Slug, Text, WidgetData, bullets, chooser_html, esc, say, status_region
from .figures import evidence_svg, figure


class Strength(WidgetData):
    id: Slug
    words: Text = Field(description="The strength in one or two words, written on the chart's bar.")
    meaning: Text = Field(description="What that word means here, in a plain sentence.")


class Outcome(WidgetData):
    id: Slug
    name: Text
    strength: Slug = Field(description="The id of a step of `scale`.")
    finding: Text


class Givers(WidgetData):
    title: Text
    how: Text
    people: list[Text] = Field(min_length=1)


class ChartText(WidgetData):
    title: Text = Field(description="A short name for the chart.")
    caption: Text


class EvidenceData(WidgetData):
    intro: Text
    overall: Text
    advice: Text
    scale: list[Strength] = Field(min_length=2, description="Weakest first.")
    figure: ChartText
    outcomes: list[Outcome] = Field(min_length=1)
    givers: Givers

    @model_validator(mode="after")
    def _known_strengths(self) -> "EvidenceData":
        known = [step.id for step in self.scale]
        for i, outcome in enumerate(self.outcomes):
            if outcome.strength not in known:
                raise ValueError(f"outcomes[{i}].strength: {outcome.strength!r} is not a step of the "
                                 f"scale. Use one of: {', '.join(known)}.")
        ids = [o.id for o in self.outcomes]
        if len(set(ids)) != len(ids):
            raise ValueError("two outcomes have the same id. Give each outcome its own id.")
        return self


class EvidenceExplorer(ChapterWidget):
    kind = "evidence_explorer"
    Data = EvidenceData
    default_title = "What does the research show?"
    SAY = "Showing: {names}."
    SAY_NONE = "No result chosen."

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.spec.outcomes if o.id == outcome_id)

    def strength(self, outcome: Outcome) -> Strength:
        return next(step for step in self.spec.scale if step.id == outcome.strength)

    def verdict(self, outcome_id: str) -> str:
        """The plain-words answer for one result, e.g. 'Evidence: Weak. Based on ...'."""
        outcome = self.outcome(outcome_id)
        step = self.strength(outcome)
        return f"Strength of the evidence: {step.words}. {step.meaning}"

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.picker = widgets.ToggleButtons(options=[(o.name, o.id) for o in self.spec.outcomes],
                                            value=None, description="Result:")
        self.chart = widgets.HTML(self._figure(None))
        self.details = widgets.HTML("<p>Choose a result to see what the research shows.</p>")
        self.picker.observe(self._on_pick, names="value")
        return [self.picker, self.details, self.chart, widgets.HTML(self._context_html())]

    def choose(self, outcome_id: str) -> None:
        self.picker.value = outcome_id

    def _on_pick(self, change) -> None:
        outcome = self.outcome(change["new"])
        self.chart.value = self._figure(outcome.id)
        self.details.value = self._panel_html(outcome)
        self.announce(say(self.SAY, [outcome.name], len(self.spec.outcomes)) + " " + self.verdict(outcome.id))

    def _figure(self, selected: str | None) -> str:
        svg = evidence_svg(self.spec.outcomes, self.spec.scale, dom_id=self.dom_id,
                           title=self.spec.figure.title, selected=selected)
        return figure(svg, self.spec.figure.caption, self.dom_id)

    def _panel_html(self, outcome: Outcome) -> str:
        return (f'<h4 id="{esc(self.dom_id)}-{esc(outcome.id)}">{esc(outcome.name)}</h4>'
                f"<p>{esc(outcome.finding)}</p>"
                f'<p class="pc-verdict" data-pc-say-also><strong>{esc(self.verdict(outcome.id))}</strong></p>')

    def _context_html(self) -> str:
        givers = self.spec.givers
        return (f'<p class="pc-overall">{esc(self.spec.overall)} {esc(self.spec.advice)}</p>'
                f'<h4>{esc(givers.title)}</h4><p>{esc(givers.how)}</p>{bullets(givers.people)}')

    # --- static face -----------------------------------------------------------------
    def static_body(self) -> str:
        choices = [(o.id, o.name) for o in self.spec.outcomes]
        panels = "".join(
            f'<section class="pc-panel" data-pc-panel="{esc(o.id)}" aria-labelledby="{esc(self.dom_id)}-{esc(o.id)}">'
            f"{self._panel_html(o)}</section>" for o in self.spec.outcomes)
        return (chooser_html(self.dom_id, "Choose a result", choices, multiple=False,
                             say_some=self.SAY, say_none=self.SAY_NONE,
                             hint="Choose a result above to see what the research shows.")
                + status_region(self.dom_id)
                + f'<div class="pc-panels">{panels}</div>'
                + self._figure(None) + self._context_html())
