"""A chapter's quiz: what is shown (``shown``), its inputs, its live widget and its static face.

``QuizWidget`` and ``chapter_quiz`` load on first use (PEP 562): the course builder imports
``quiz.shown`` for the display order, and need not import ipywidgets for it."""
from importlib import import_module

__all__ = ["QuizWidget", "chapter_quiz"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module(".live", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
