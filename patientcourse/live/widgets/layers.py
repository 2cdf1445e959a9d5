"""Chapter 1: the layers explorer. A labelled drawing of skin, fascia and muscle; choosing a
layer (in the drawing or the list) shows what the article says about it."""
from __future__ import annotations

from typing import Literal

import ipywidgets as widgets
from pydantic import Field, field_validator

from .base import ChapterWidget, Slug, Text, WidgetData, bullets, chooser_html, esc, say, status_region
from .figures import figure, layers_svg


class Layer(WidgetData):
    id: Slug
    name: Text
    look: Literal["skin", "sheath", "muscle"] = Field(
        description="How the drawing shows it: the skin band, the fascia sheath, or the muscle.")
    points: list[Text] = Field(min_length=1)


class LayersFigure(WidgetData):
    title: Text = Field(description="A short name for the drawing.")
    caption: Text
    alt: Text = Field(description="What the drawing shows, for people who cannot see it.")


class LayersData(WidgetData):
    intro: Text
    figure: LayersFigure
    layers: list[Layer] = Field(min_length=2)

    @field_validator("layers")
    @classmethod
    def _one_of_each(cls, layers: list[Layer]) -> list[Layer]:
        for field in ("id", "look"):
            values = [getattr(layer, field) for layer in layers]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"two layers have the {field} {repeated[0]!r}. "
                                 f"Give each layer its own {field}.")
        return layers


class LayersExplorer(ChapterWidget):
    kind = "layers_explorer"
    Data = LayersData
    default_title = "Explore the layers"
    SAY = "Showing: {names}."
    SAY_NONE = "No layer chosen."

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.picker = widgets.ToggleButtons(options=[(layer.name, layer.id) for layer in self.spec.layers],
                                            value=None, description="Layer:")
        self.drawing = widgets.HTML(self._figure(None))
        self.details = widgets.HTML("<p>Choose a layer to read about it.</p>")
        self.picker.observe(self._on_pick, names="value")
        return [self.picker, self.drawing, self.details]

    def choose(self, layer_id: str) -> None:
        self.picker.value = layer_id

    def _on_pick(self, change) -> None:
        layer = self.layer(change["new"])
        self.drawing.value = self._figure(layer.id)
        self.details.value = f"<h4>{esc(layer.name)}</h4>{bullets(layer.points)}"
        self.announce(say(self.SAY, [layer.name], len(self.spec.layers)))

    def layer(self, layer_id: str) -> Layer:
        return next(layer for layer in self.spec.layers if layer.id == layer_id)

    def _figure(self, selected: str | None) -> str:
        svg = layers_svg(self.spec.layers, dom_id=self.dom_id, title=self.spec.figure.title,
                         alt=self.spec.figure.alt, selected=selected)
        return figure(svg, self.spec.figure.caption, self.dom_id)

    # --- static face -----------------------------------------------------------------
    def static_body(self) -> str:
        choices = [(layer.id, layer.name) for layer in self.spec.layers]
        panels = "".join(
            f'<section class="pc-panel" data-pc-panel="{esc(layer.id)}" aria-labelledby="{esc(self.dom_id)}-{esc(layer.id)}">'
            f'<h4 id="{esc(self.dom_id)}-{esc(layer.id)}">{esc(layer.name)}</h4>{bullets(layer.points)}</section>'
            for layer in self.spec.layers)
        return (self._figure(None)
                + chooser_html(self.dom_id, "Choose a layer", choices, multiple=False,
                               say_some=self.SAY, say_none=self.SAY_NONE,
                               hint="Choose a layer above, or in the drawing, to read about it.")
                + status_region(self.dom_id)
                + f'<div class="pc-panels">{panels}</div>')
