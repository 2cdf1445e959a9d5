"""What a check rule returns: a located finding with a severity and a fix hint."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    file: str
    line: int | None
    message: str
    fix: str
    chapter: str | None = None  # None for course-wide findings

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        # The shape editors and `make` users can click on: file:line: severity: message
        return f"{self.where}: {self.severity}: [{self.rule}] {self.message} Fix: {self.fix}"

    def with_severity(self, severity: Severity) -> "Finding":
        return replace(self, severity=severity)

    def to_json(self) -> dict:
        return asdict(self)
