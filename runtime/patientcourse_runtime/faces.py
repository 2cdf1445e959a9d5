"""The two faces of every quiz and widget: a live ipywidget, plus a static ``text/html``.

JupyterLab renders the widget view (Python callbacks work); the book prefers ``text/html``
(``nb_mime_priority_overrides`` in ``_config.yml``), which the book's script
(``patientcourse/static/patientcourse.js``) makes interactive. Because the widget is real,
its model id is real too: we never hand-write a widget-view.

All HTML, static or live, comes from the Jinja2 templates in ``templates/`` with autoescape
on: text from the course is always text, never markup.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).resolve().parent / "templates"


def to_attr_json(value: Any) -> str:
    """A value for a data attribute: JSON with sorted keys (autoescape quotes it)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["json"] = to_attr_json
    # items | pairs("id", "name") -> [(id, name), ...]: the (value, label) lists choosers take.
    env.filters["pairs"] = lambda items, a, b: [(env.getattr(i, a), env.getattr(i, b)) for i in items]
    return env


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>``; the result has no surrounding blank lines."""
    return environment().get_template(template).render(**context).strip()


def fragment(template: str, macro: str, *args: Any, **kwargs: Any) -> str:
    """One macro of a template: the small pieces of HTML a live widget updates."""
    return str(getattr(environment().get_template(template).module, macro)(*args, **kwargs)).strip()


class StaticFace:
    """Mix into an ipywidgets class before the widget base; implement ``static_html`` and
    ``plain_text``. The plain text replaces ipywidgets' repr of every child widget, which
    says nothing to a reader and only bloats a saved notebook."""

    def static_html(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def plain_text(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/plain": self.plain_text(), "text/html": self.static_html()}
