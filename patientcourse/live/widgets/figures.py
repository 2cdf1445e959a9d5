"""The course's figures, drawn as inline SVG by the project (nothing is fetched from outside).

Each figure is a ``<figure>`` with a ``<figcaption>``; the ``<svg>`` has ``role="img"`` and is
named by its ``<title>`` and described by its ``<desc>`` (the alt text). Parts a reader can
choose carry ``data-pc-part`` so the script (and the live face) can mark the chosen one.
The marking is a thick dashed outline plus bold label, so it does not rely on colour.
"""
from __future__ import annotations

import textwrap

from .base import attrs, esc

INK = "#1a1a1a"
SELECTED_STROKE = {"stroke-width": "5", "stroke-dasharray": "10 5"}

# Where each kind of layer is drawn (the drawing is 400 x 260). The fascia is a sheath that
# wraps the muscle, so it is drawn as a frame around it rather than as a flat band.
LAYER_SHAPES = {
    "skin": {"shape": '<rect x="10" y="20" width="250" height="50" rx="6"/>',
             "fill": "#f6d3b8", "stroke": "#7a4a2a", "label_y": 45},
    "sheath": {"shape": '<rect x="10" y="82" width="250" height="160" rx="22"/>',
               "fill": "#e6e0fa", "stroke": "#4b3a8c", "label_y": 100},
    "muscle": {"shape": '<rect x="30" y="100" width="210" height="124" rx="14"/>',
               "fill": "#e7a49e", "stroke": "#8c2f28", "label_y": 170},
}
# Lines that read as muscle fibres; drawn inside the muscle, never clickable on their own.
MUSCLE_FIBRES = "".join(f'<path d="M40 {y} Q135 {y - 8} 230 {y}" fill="none" stroke="#8c2f28" '
                        f'stroke-width="1.5" pointer-events="none"/>' for y in range(118, 220, 16))


def _svg_open(dom_id: str, title: str, desc: str, width: int, height: int) -> str:
    svg = attrs(class_="pc-svg", viewBox=f"0 0 {width} {height}", role="img", focusable="false",
                aria_labelledby=f"{dom_id}-svg-title {dom_id}-svg-desc")
    return (f"<svg{svg}"
            f' xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{esc(dom_id)}-svg-title">{esc(title)}</title>'
            f'<desc id="{esc(dom_id)}-svg-desc">{esc(desc)}</desc>'
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>')


def figure(svg: str, caption: str, dom_id: str) -> str:
    return (f'<figure class="pc-figure" id="{esc(dom_id)}-figure">{svg}'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def layers_svg(layers: list, *, dom_id: str, title: str, alt: str, selected: str | None = None) -> str:
    """Skin over fascia over muscle, each labelled on the right with a leader line."""
    parts = []
    for layer in layers:
        look = LAYER_SHAPES[layer.look]
        chosen = layer.id == selected
        stroke = attrs(**{"stroke-width": "2"}) if not chosen else attrs(**SELECTED_STROKE)
        shape = look["shape"].replace("/>", f' fill="{look["fill"]}" stroke="{look["stroke"]}"{stroke}/>')
        fibres = MUSCLE_FIBRES if layer.look == "muscle" else ""
        y = look["label_y"]
        weight = "700" if chosen else "400"
        parts.append(
            f'<g{attrs(class_="pc-part pc-selected" if chosen else "pc-part", data_pc_part=layer.id)}>'
            f"{shape}{fibres}"
            f'<line x1="255" y1="{y}" x2="285" y2="{y}" stroke="{INK}" stroke-width="1.5"/>'
            f'<text x="292" y="{y + 6}" font-size="18" font-family="sans-serif" font-weight="{weight}" '
            f'fill="{INK}">{esc(layer.name)}</text></g>')
    return _svg_open(dom_id, title, alt, 400, 260) + "".join(parts) + "</svg>"


def evidence_svg(outcomes: list, scale: list, *, dom_id: str, title: str, selected: str | None = None) -> str:
    """One bar per result; its length is the strength's place on the scale and its word is
    written on the bar, so the chart reads without colour and without the legend. Names wrap
    onto short lines so the text stays large when the chart shrinks to a phone's width."""
    rank = {step.id: i + 1 for i, step in enumerate(scale)}
    words = {step.id: step.words for step in scale}
    full, line_height, bar = 380, 24, 30
    desc = " ".join(f"{o.name}: {words[o.strength]}." for o in outcomes)
    rows, y = [], 8
    for outcome in outcomes:
        chosen = outcome.id == selected
        lines = textwrap.wrap(outcome.name, 30)
        name = "".join(f'<tspan x="10" dy="{line_height if i else 0}">{esc(line)}</tspan>'
                       for i, line in enumerate(lines))
        top = y + line_height * len(lines)
        width = round(full * rank[outcome.strength] / len(scale))
        stroke = attrs(stroke=INK, **SELECTED_STROKE) if chosen else ""
        rows.append(
            f'<g{attrs(class_="pc-part pc-selected" if chosen else "pc-part", data_pc_part=outcome.id)}>'
            f'<text x="10" y="{y + 19}" font-size="19" font-family="sans-serif" '
            f'font-weight="{"700" if chosen else "400"}" fill="{INK}">{name}</text>'
            f'<rect class="pc-bar" x="10" y="{top + 4}" width="{width}" height="{bar}" rx="3" fill="#1f4e79"{stroke}/>'
            f'<text x="18" y="{top + 25}" font-size="18" font-family="sans-serif" font-weight="700" '
            f'fill="#ffffff">{esc(words[outcome.strength])}</text></g>')
        y = top + bar + 18
    return _svg_open(dom_id, title, desc, 400, y) + "".join(rows) + "</svg>"
