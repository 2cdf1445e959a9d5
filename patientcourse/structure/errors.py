"""Located errors: every problem in a course source names its file, line and field.

Authors fix what they can find. So a message always has the shape
``course/chapters/01-x.md:12: objectives[1].id: <what is wrong>. <how to fix it>``
(``file:line:column:`` when the column is known, as for a byte that is not UTF-8).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    field: str
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        where += f":{self.column}" if self.line and self.column else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class CourseError(Exception):
    """One or more problems in the course source; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def dotted(loc: tuple) -> str:
    """('objectives', 1, 'id') -> 'objectives[1].id' (the way authors read YAML)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
