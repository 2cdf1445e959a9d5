"""The geometry of the course's figures, drawn as inline SVG by ``templates/widgets/figures.svg.j2``
(nothing is fetched from outside).

Each figure is a ``<figure>`` with a ``<figcaption>``; the ``<svg>`` has ``role="img"`` and is
named by its ``<title>`` and described by its ``<desc>`` (the alt text). Parts a reader can
choose carry ``data-pc-part`` so the script (and the live face) can mark the chosen one.
The marking is a thick dashed outline plus a bold label, so it does not rely on colour.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

INK = "#1a1a1a"

# Where each kind of layer is drawn (the drawing is 400 x 260). The fascia is a sheath that
# wraps the muscle, so it is drawn as a frame around it rather than as a flat band.
LAYER_SHAPES = {
    "skin": {"x": 10, "y": 20, "width": 250, "height": 50, "rx": 6,
             "fill": "#f6d3b8", "stroke": "#7a4a2a", "label_y": 45},
    "sheath": {"x": 10, "y": 82, "width": 250, "height": 160, "rx": 22,
               "fill": "#e6e0fa", "stroke": "#4b3a8c", "label_y": 100},
    "muscle": {"x": 30, "y": 100, "width": 210, "height": 124, "rx": 14,
               "fill": "#e7a49e", "stroke": "#8c2f28", "label_y": 170},
}
# Heights of the lines that read as muscle fibres inside the muscle.
MUSCLE_FIBRES = list(range(118, 220, 16))

BAR_FULL, LINE_HEIGHT, BAR_HEIGHT, NAME_WIDTH = 380, 24, 30, 30


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    lines: list[str]   # the result's name, wrapped so the text stays large on a phone
    y: int             # top of the name
    bar_y: int
    bar_width: int     # the strength's place on the scale
    words: str         # the strength, written on the bar


def evidence_rows(outcomes: list, scale: list) -> tuple[list[EvidenceRow], int]:
    """One bar per result, its length the strength's place on the scale; returns the rows and
    the chart's height."""
    rank = {step.id: i + 1 for i, step in enumerate(scale)}
    words = {step.id: step.words for step in scale}
    rows, y = [], 8
    for outcome in outcomes:
        lines = textwrap.wrap(outcome.name, NAME_WIDTH)
        top = y + LINE_HEIGHT * len(lines)
        rows.append(EvidenceRow(outcome.id, lines, y, top + 4,
                                round(BAR_FULL * rank[outcome.strength] / len(scale)), words[outcome.strength]))
        y = top + BAR_HEIGHT + 18
    return rows, y


def evidence_description(outcomes: list, scale: list) -> str:
    words = {step.id: step.words for step in scale}
    return " ".join(f"{o.name}: {words[o.strength]}." for o in outcomes)


LAYERS_GEOMETRY = {"shapes": LAYER_SHAPES, "fibres": MUSCLE_FIBRES, "ink": INK}


def evidence_geometry(outcomes: list, scale: list) -> dict:
    rows, height = evidence_rows(outcomes, scale)
    return {"rows": rows, "height": height, "ink": INK, "line_height": LINE_HEIGHT,
            "desc": evidence_description(outcomes, scale)}
