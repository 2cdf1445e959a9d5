"""patientcourse-runtime: what a chapter notebook's code cells call.

Quizzes and widgets, live in Jupyter and static (``text/html``) in the book, drawn from the
runtime bundle ``course.json`` beside the notebook; the one scoring implementation
(``scoring``); the results file a learner hands in (``results``, ``store``).

It needs ipywidgets, Jinja2 and filelock, and nothing of the course builder, so a learner's
pack installs it with JupyterLab alone.
"""
from .quiz import chapter_quiz
from .store import save_results, set_learner
from .widgets import chapter_widget

__version__ = "0.1.0"
__all__ = ["chapter_quiz", "chapter_widget", "save_results", "set_learner"]
