"""Chapter parts in a notebook: a part opens with its own heading, its sections sit one
heading level lower, and it closes with its key points (see ``structure/parts.py``)."""
from __future__ import annotations

import re

from ..structure import Chapter, Section
from .text import bullets, plain

FENCE = re.compile(r"^(`{3,}|~{3,})")
HEADING = re.compile(r"^#{1,5} ")


def heading_level(chapter: Chapter, section: Section) -> int:
    """2 for a section on its own, 3 for a section inside a part."""
    return 3 if chapter.part_of(section.id) else 2


def part_opening(chapter: Chapter, section: Section) -> str | None:
    """The part heading (with its anchor) before the part's first section, else None."""
    found = chapter.part_of(section.id)
    if not found or found[1].sections[0] != section.id:
        return None
    number, part = found
    return f"({chapter.slug}-part-{number})=\n## Part {number} of {len(chapter.meta.parts)}: {plain(part.title)}"


def part_closing(chapter: Chapter, section: Section) -> str | None:
    """The part's key points after its last section, else None."""
    found = chapter.part_of(section.id)
    if not found or found[1].sections[-1] != section.id:
        return None
    part = found[1]
    return f"### Key points: {plain(part.title)}\n\n" + bullets(part.key_points)


def deeper_headings(body: str, by: int) -> str:
    """Move the body's own headings ('### ...') down ``by`` levels, outside code blocks."""
    if not by:
        return body
    lines, fence = [], None
    for line in body.split("\n"):
        opening = FENCE.match(line)
        if fence:
            fence = None if line.strip() == fence else fence
        elif opening:
            fence = opening.group(1)
        elif HEADING.match(line):
            line = "#" * by + line
        lines.append(line)
    return "\n".join(lines)
