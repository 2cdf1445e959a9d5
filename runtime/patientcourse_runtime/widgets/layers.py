"""Chapter 1: the layers explorer. A labelled drawing of skin, fascia and muscle; choosing a
layer (in the drawing or the list) shows what the article says about it."""
from __future__ import annotations

import ipywidgets as widgets

from .base import COMMON, ChapterWidget, say
from .figures import LAYERS_GEOMETRY
from ..faces import fragment


class LayersExplorer(ChapterWidget):
    kind = "layers_explorer"
    default_title = "Explore the layers"
    SAY = "Showing: {names}."
    SAY_NONE = "No layer chosen."
    HINT = "Choose a layer above, or in the drawing, to read about it."
    geometry = LAYERS_GEOMETRY

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:
        self.picker = widgets.ToggleButtons(options=[(layer.name, layer.id) for layer in self.spec.layers],
                                            value=None, description="Layer:")
        self.drawing = widgets.HTML(self.part("figure", None))
        self.details = widgets.HTML(fragment(COMMON, "paragraph", "Choose a layer to read about it."))
        self.picker.observe(self._on_pick, names="value")
        return [self.picker, self.drawing, self.details]

    def choose(self, layer_id: str) -> None:
        self.picker.value = layer_id

    def _on_pick(self, change) -> None:
        layer = self.layer(change["new"])
        self.drawing.value = self.part("figure", layer.id)
        self.details.value = self.part("details", layer)
        self.announce(say(self.SAY, [layer.name], len(self.spec.layers)))

    def layer(self, layer_id: str):
        return next(layer for layer in self.spec.layers if layer.id == layer_id)
