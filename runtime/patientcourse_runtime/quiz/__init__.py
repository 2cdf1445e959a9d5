"""A chapter's quiz: what is shown (``shown``), its inputs, its live widget and its static face."""
from .live import QuizWidget, chapter_quiz

__all__ = ["QuizWidget", "chapter_quiz"]
