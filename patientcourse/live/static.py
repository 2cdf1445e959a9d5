"""The two faces of every quiz and widget: a live ipywidget, plus a static ``text/html``.

JupyterLab renders the widget view (Python callbacks work); the book prefers ``text/html``
(``nb_mime_priority_overrides`` in ``_config.yml``), which the shared static runtime
(``patientcourse/static/patientcourse.js``) makes interactive. Because the widget is real,
its model id is real too: we never hand-write a widget-view.
"""
from __future__ import annotations


class StaticFace:
    """Mix into an ipywidgets class before the widget base; implement ``static_html``."""

    def static_html(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        return {**bundle, "text/html": self.static_html()}
