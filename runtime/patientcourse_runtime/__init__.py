"""patientcourse-runtime: what a chapter notebook's code cells call.

Quizzes and widgets, live in Jupyter and static (``text/html``) in the book, drawn from the
runtime bundle ``course.json`` beside the notebook; the one scoring implementation
(``scoring``); the results file a learner hands in (``results``, ``store``).

It needs ipywidgets, Jinja2, filelock and anywidget, and nothing of the course builder, so a
learner's pack installs it with JupyterLab alone.

The names below are imported when first used: the Jupyter server loads this package's small
server extension (``jupyter``) at start-up, and must not wait for ipywidgets to import.
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"
_WHERE = {"chapter_quiz": ".quiz", "chapter_widget": ".widgets", "save_results": ".store",
          "set_learner": ".store"}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
