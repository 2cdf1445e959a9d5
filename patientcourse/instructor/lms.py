"""What LMS exporters share: the report of what was exported and how, and plain text."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExportReport:
    format: str
    exported: list[tuple[str, str, str]] = field(default_factory=list)  # (question id, our type, LMS type)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (question id, why)
    notes: list[str] = field(default_factory=list)  # how something was mapped, for the instructor

    def summary(self) -> list[str]:
        lines = [f"Exported {len(self.exported)} question{'s' if len(self.exported) != 1 else ''} "
                 f"as {self.format}."]
        lines += [f"  {qid}: {ours} -> {theirs}" for qid, ours, theirs in self.exported]
        if self.skipped:
            lines.append(f"Not exported ({len(self.skipped)}):")
            lines += [f"  {qid}: {why}" for qid, why in self.skipped]
        lines += [f"Note: {note}" for note in self.notes]
        return lines


def one_line(text: str) -> str:
    """LMS text formats are line-based; a prompt or feedback becomes one line."""
    return " ".join(text.split())
