"""What every chapter widget shares: its data as attributes, its frame, its status line.

A chapter widget has two faces (see ``faces.py``): the live ipywidgets view with Python
callbacks, and ``static_html()``, which the book shows and its script makes interactive.
The static face must read well with no JavaScript at all, so controls that only work with
JavaScript are written ``hidden`` and the script reveals them. Both faces come from the
kind's template, ``templates/widgets/<kind>.html.j2``.

The data was validated by the course builder (``patientcourse.structure.widgets``) before it
went into the bundle; the runtime trusts it.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, ClassVar

import ipywidgets as widgets

from ..faces import StaticFace, fragment
from ..frame import framed

COMMON = "widgets/common.html.j2"


class WidgetDataError(ValueError):
    """The bundle names a widget this runtime cannot draw."""


def as_spec(value: Any) -> Any:
    """Validated JSON data → objects with attributes (``spec.figure.caption``)."""
    if isinstance(value, dict):
        return SimpleNamespace(**{k: as_spec(v) for k, v in value.items()})
    if isinstance(value, list):
        return [as_spec(v) for v in value]
    return value


def say(template: str, names: list[str], total: int) -> str:
    """Fill a status template ({names}, {count}, {total}); the book's script fills the same."""
    return template.format(names=", ".join(names), count=len(names), total=total)


class ChapterWidget(StaticFace, widgets.VBox):
    """One widget of a chapter. Subclasses set ``kind`` and ``default_title`` and implement
    ``build_live()`` (the ipywidgets children); their template has a ``face`` macro."""

    kind: ClassVar[str]
    default_title: ClassVar[str]

    def __init__(self, data: dict, *, title: str = "", chapter_id: str = "", course_id: str = ""):
        super().__init__()
        self.spec = as_spec(data)
        self.heading = title or self.default_title
        self.chapter_id = chapter_id
        self.course_id = course_id
        self.dom_id = f"pc-{chapter_id or 'chapter'}-{self.kind.replace('_', '-')}"
        self.last_status = ""
        self.status = widgets.HTML()
        header = widgets.HTML(fragment(COMMON, "live_header", self.heading, self.spec.intro))
        self.children = [header, *self.build_live(), self.status]
        framed(self)  # keys stay in the widget; button labels are shown whole

    @property
    def template(self) -> str:
        return f"widgets/{self.kind}.html.j2"

    def part(self, macro: str, *args: Any) -> str:
        """One piece of this widget's HTML (a panel, a figure), for the live face."""
        return fragment(self.template, macro, self, *args)

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def announce(self, text: str) -> None:
        """Say what changed, in words (the live twin of the static status region)."""
        self.last_status = text
        self.status.value = fragment(COMMON, "live_status", text)

    # --- static face -----------------------------------------------------------------
    def static_html(self) -> str:
        return self.part("face")

    def plain_text(self) -> str:
        return f"{self.heading} (an interactive tool)."
