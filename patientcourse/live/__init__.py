"""What a chapter notebook's code cells call: quizzes and widgets, live in Jupyter and
static (``text/html``) in the book. Data comes from the runtime bundle ``course.json``."""
from .quiz import chapter_quiz
from .widgets import chapter_widget

__all__ = ["chapter_quiz", "chapter_widget"]
