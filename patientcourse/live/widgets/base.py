"""What every chapter widget shares: the data-model base, ids, the frame and small HTML pieces.

A chapter widget has two faces (see ``live/static.py``): the live ipywidgets view with Python
callbacks, and ``static_html()``, which the book shows and ``patientcourse/static/patientcourse.js``
makes interactive. The static face must read well with no JavaScript at all, so controls that
only work with JavaScript are written ``hidden`` and the script reveals them.
"""
from __future__ import annotations

from html import escape
from typing import Annotated, Any, ClassVar

import ipywidgets as widgets
from pydantic import StringConstraints, ValidationError

from ...structure.course import SLUG, Strict
from ...structure.errors import dotted
from ..static import StaticFace

# Text an author writes: surrounding blanks are trimmed and an empty value is an error.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]


class WidgetData(Strict):
    """Base of every kind's ``data`` model: a misspelt field is an error, not ignored."""


class WidgetDataError(ValueError):
    """A widget's ``data`` in ``course/chapters/NN-slug.widgets.yml`` is wrong."""


def parse_data(model: type[WidgetData], data: Any, where: str) -> WidgetData:
    """Validate one widget's ``data``; every error names the field and says how to fix it."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        lines = [f"{where}: data.{dotted(e['loc'])}: {friendly_error(e)}" if e["loc"] else
                 f"{where}: data: {friendly_error(e)}" for e in err.errors()]
        raise WidgetDataError("\n".join(lines)) from None


def friendly_error(error: dict) -> str:
    """The same wording authors see for every other course file, plus a fix for empty lists."""
    from ...structure.yamlsource import _friendly
    if error["type"] == "too_short":
        need = error.get("ctx", {}).get("min_length", 1)
        return f"this list needs at least {need} item{'s' if need != 1 else ''}. Add {'them' if need != 1 else 'one'}."
    return _friendly(error)


def esc(text: Any) -> str:
    return escape(str(text), quote=True)


def attrs(**values: Any) -> str:
    """HTML attributes from keywords: ``data_pc_kind`` -> ``data-pc-kind``; True -> bare, None dropped."""
    out = []
    for name, value in values.items():
        name = name.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


def bullets(items: list[str], *, ordered: bool = False, cls: str | None = None) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}{attrs(class_=cls)}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def status_region(dom_id: str) -> str:
    """Present from the start (empty), so screen readers announce what is written into it."""
    return f'<p class="pc-status" role="status" id="{esc(dom_id)}-status"></p>'


class ChapterWidget(StaticFace, widgets.VBox):
    """One widget of a chapter. Subclasses set ``kind``, ``Data``, ``default_title`` and
    implement ``build_live()`` (the ipywidgets children) and ``static_body()``."""

    kind: ClassVar[str]
    Data: ClassVar[type[WidgetData]]
    default_title: ClassVar[str]

    def __init__(self, data: WidgetData, *, title: str = "", chapter_id: str = "", course_id: str = ""):
        super().__init__()
        self.spec = data
        self.heading = title or self.default_title
        self.chapter_id = chapter_id
        self.course_id = course_id
        self.dom_id = f"pc-{chapter_id or 'chapter'}-{self.kind.replace('_', '-')}"
        self.last_status = ""
        self.status = widgets.HTML()
        header = widgets.HTML(f"<h3>{esc(self.heading)}</h3><p>{esc(self.spec.intro)}</p>")
        self.children = [header, *self.build_live(), self.status]

    # --- live face -------------------------------------------------------------------
    def build_live(self) -> list[widgets.Widget]:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def announce(self, text: str) -> None:
        """Say what changed, in words (the live twin of the static status region)."""
        self.last_status = text
        self.status.value = f'<p role="status">{esc(text)}</p>'

    # --- static face -----------------------------------------------------------------
    def static_body(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def static_html(self) -> str:
        root = self.dom_id
        frame = attrs(class_=f"pc-widget pc-widget--{self.kind.replace('_', '-')}", id=root,
                      data_pc_widget=self.kind, data_pc_course=self.course_id or None,
                      data_pc_chapter=self.chapter_id or None, aria_labelledby=f"{root}-title")
        return (f"<section{frame}>"
                f'<h3 class="pc-widget-title" id="{esc(root)}-title">{esc(self.heading)}</h3>'
                f'<p class="pc-widget-intro">{esc(self.spec.intro)}</p>'
                f"{self.static_body()}</section>")


def say(template: str, names: list[str], total: int) -> str:
    """Fill a status template ({names}, {count}, {total}); the JS fills the same templates."""
    return template.format(names=", ".join(names), count=len(names), total=total)


def chooser_html(dom_id: str, legend: str, choices: list[tuple[str, str]], *, multiple: bool,
                 say_some: str, say_none: str, hint: str, order: str | None = None) -> str:
    """A group of radio buttons (or check boxes) that shows the matching ``data-pc-panel``s.

    Hidden until the script runs: without JavaScript every panel is shown instead, so the
    choice is not needed. ``order`` (e.g. "Exercise {n} of {count}: ") numbers the chosen
    panels in their ``data-pc-order`` spans. The status templates travel as attributes so
    the book says exactly what the notebook says."""
    kind = "checkbox" if multiple else "radio"
    inputs = "".join(
        f"<label{attrs(class_='pc-choice')}>"
        f"<input{attrs(type=kind, name=f'{dom_id}-choice', value=choice_id, data_pc_choice=True)}>"
        f" <span>{esc(label)}</span></label>"
        for choice_id, label in choices)
    fieldset = attrs(class_="pc-chooser", data_pc_chooser="multiple" if multiple else "single",
                     data_pc_say=say_some, data_pc_say_none=say_none, data_pc_order=order, hidden=True)
    return (f"<fieldset{fieldset}>"
            f"<legend>{esc(legend)}</legend><div class=\"pc-choices\">{inputs}</div></fieldset>"
            f'<p class="pc-hint" data-pc-hint hidden>{esc(hint)}</p>')
