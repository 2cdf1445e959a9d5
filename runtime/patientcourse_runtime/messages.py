"""Errors written for learners.

A learner who runs a chapter cell is not helped by a coloured traceback. IPython shows what an
exception's ``_render_traceback_`` returns instead of the traceback, so these errors show as
their message alone, while a program (nbclient, a book build) still sees a failed cell.
"""
from __future__ import annotations


class LearnerError(Exception):
    """An error whose message tells a learner what happened and what to do, in plain words."""

    def _render_traceback_(self) -> list[str]:
        return [str(self)]
