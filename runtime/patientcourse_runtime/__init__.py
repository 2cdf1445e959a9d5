"""patientcourse-runtime: what a chapter notebook's code cells call.

Quizzes and widgets, live in Jupyter and static (``text/html``) in the book, drawn from the
runtime bundle ``course.json`` beside the notebook; the one scoring implementation
(``scoring``); the results file a learner hands in (``results``, ``store``).

It needs ipywidgets, Jinja2 and filelock, and nothing of the course builder, so a learner's
pack installs it with JupyterLab alone.
"""
from importlib import import_module

__version__ = "0.1.0"
__all__ = ["chapter_quiz", "chapter_widget", "save_results", "set_learner"]

# Loaded on first use (PEP 562): the course builder imports ``scoring`` and ``results`` from
# here, and need not pay for ipywidgets each time it starts.
_EXPORTS = {"chapter_quiz": ".quiz", "chapter_widget": ".widgets", "save_results": ".store",
            "set_learner": ".store"}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
