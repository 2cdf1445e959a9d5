"""The course model: source files in, one validated ``Course`` out."""
from .course import Chapter, Course, Glossary, Section
from .errors import CourseError, Problem
from .loader import load_course
from .quiz import Quiz

__all__ = ["Chapter", "Course", "CourseError", "Glossary", "Problem", "Quiz", "Section", "load_course"]
