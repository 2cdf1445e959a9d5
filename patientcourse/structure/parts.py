"""Chapter parts: runs of sections with their own key points (``parts:`` in front matter).

A part lists its sections by id. They must exist, follow each other in the chapter, and
belong to one part only, so the notebook can open each part with its own heading and close
it with its key points.
"""
from __future__ import annotations

from .course import ChapterMeta
from .errors import Problem
from .yamlsource import LocatedYaml


def part_problems(meta: ChapterMeta, section_ids: list[str], front: LocatedYaml) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, int] = {}
    last_index = -1
    for p, part in enumerate(meta.parts):
        indexes = []
        for s, section_id in enumerate(part.sections):
            where = ("parts", p, "sections", s)
            if section_id not in section_ids:
                problems.append(front.problem(where, f"no section {section_id!r} in this chapter. "
                                              f"Use one of: {', '.join(section_ids)}."))
            elif section_id in owner:
                problems.append(front.problem(where, f"section {section_id!r} is already in "
                                              f"parts[{owner[section_id]}]. A section belongs to one part."))
            else:
                owner[section_id] = p
                indexes.append(section_ids.index(section_id))
        if indexes and (indexes != list(range(indexes[0], indexes[0] + len(indexes)))
                        or indexes[0] <= last_index):
            problems.append(front.problem(("parts", p, "sections"),
                            "a part's sections must follow each other in the chapter, in the "
                            "chapter's order, after the sections of the part before it. "
                            "List them in that order, or move the sections in the chapter."))
        last_index = max(indexes, default=last_index)
    return problems
