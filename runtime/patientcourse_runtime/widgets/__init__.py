"""Chapter widgets: ``chapter_widget(chapter_id, kind)`` returns the live ipywidget (with its
static ``text/html`` face) for a widget listed in ``course/chapters/NN-slug.widgets.yml``.

One module per kind, one template per kind (``templates/widgets/<kind>.html.j2``). The data
comes from the runtime bundle, validated by the course builder.
"""
from __future__ import annotations

from ..bundle import chapter_data, load_bundle
from .base import ChapterWidget, WidgetDataError
from .checklist import Checklist
from .evidence import EvidenceExplorer
from .layers import LayersExplorer
from .relief import ReliefCompare
from .routine import RoutineBuilder

WIDGET_KINDS: dict[str, type[ChapterWidget]] = {
    cls.kind: cls for cls in (LayersExplorer, EvidenceExplorer, RoutineBuilder, Checklist, ReliefCompare)}


def build_widget(ref: dict, *, chapter_id: str, course_id: str = "") -> ChapterWidget:
    """A widget from one bundle entry (``{kind, after, title, data}``)."""
    cls = WIDGET_KINDS.get(ref["kind"])
    if cls is None:
        raise WidgetDataError(f"course.json: chapters.{chapter_id}: there is no widget kind {ref['kind']!r} "
                              f"in this runtime (it has: {', '.join(sorted(WIDGET_KINDS))}). Install the "
                              "runtime that came with the course.")
    return cls(ref.get("data") or {}, title=ref.get("title", ""), chapter_id=chapter_id, course_id=course_id)


def chapter_widget(chapter_id: str, kind: str, bundle: dict | None = None) -> ChapterWidget:
    """The ``kind`` widget of a chapter, built from the runtime bundle ``course.json``."""
    bundle = bundle or load_bundle()
    refs = [w for w in chapter_data(chapter_id, bundle).get("widgets", []) if w["kind"] == kind]
    if len(refs) != 1:
        has = ", ".join(w["kind"] for w in chapter_data(chapter_id, bundle).get("widgets", [])) or "none"
        problem = "no" if not refs else "more than one"
        raise WidgetDataError(f"chapter {chapter_id!r} has {problem} {kind!r} widget (it has: {has}). "
                              f"List it once in course/chapters/{chapter_id}.widgets.yml, then run "
                              "`patientcourse generate` again.")
    return build_widget(refs[0], chapter_id=chapter_id, course_id=bundle.get("course", {}).get("id", ""))


__all__ = ["WIDGET_KINDS", "WidgetDataError", "build_widget", "chapter_widget"]
