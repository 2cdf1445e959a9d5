"""The PEMAT-P (AHRQ Patient Education Materials Assessment Tool, print) items a program can
judge for a chapter, and the items that need a person. Shown on the quality report."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .markdown import HEADING, chapter_lines
from .readability import chapter_paragraphs, sentences
from .run import ChapterReport
from .thresholds import Thresholds

# "is called", "was given": a form of "to be" and a past participle.
PASSIVE = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:\w+ed|given|made|done|"
                     r"known|seen|taken|shown|written|called|held|found|sold|worn|built|kept|told|"
                     r"paid|put|felt|left|brought|bought)\b", re.I)
GENERIC_HEADINGS = {"introduction", "overview", "details", "more", "other", "notes", "misc",
                    "section", "part", "information", "background", "summary"}
NEEDS_A_PERSON = [
    "The material makes its purpose completely evident.",
    "The material presents information in a logical sequence.",
    "The material does not include information or content that distracts from its purpose.",
    "The material uses common, everyday language throughout (a program only flags rare words).",
    "The material clearly identifies at least one action the user can take.",
    "Visual aids reinforce rather than distract from the content.",
]


@dataclass(frozen=True)
class PematItem:
    name: str
    met: bool | None  # None: does not apply to this chapter
    detail: str


def _rule(report: ChapterReport, *rules: str) -> list:
    return [f for f in report.findings if f.rule in rules and f.severity in ("error", "warning")]


def pemat_items(report: ChapterReport, t: Thresholds) -> list[PematItem]:
    chapter = report.chapter
    said = sentences(chapter_paragraphs(chapter))
    passive = [s for s in said if PASSIVE.search(s.text)]
    share = len(passive) / len(said) if said else 0.0
    headings = [s.title for s in chapter.sections] + [
        HEADING.match(line.raw)["text"] for _, line in chapter_lines(chapter) if line.kind == "heading"]
    vague = [h for h in headings if len(h.split()) < 2 or h.strip("?!. ").casefold() in GENERIC_HEADINGS]
    ordered = any(line.kind == "item" and line.ordered for _, line in chapter_lines(chapter))
    visuals = bool(chapter.widgets) or any(f.rule == "images" for f in report.findings)
    jargon, undefined = _rule(report, "jargon"), _rule(report, "glossary-links", "glossary-list")
    return [
        PematItem("Uses common, everyday words", not jargon,
                  f"{len(jargon)} rare word(s) not explained" if jargon else "no unexplained rare words"),
        PematItem("Medical terms are defined", not undefined,
                  f"{len(undefined)} glossary problem(s)" if undefined else "every glossary term linked"),
        PematItem("Uses the active voice", share <= t.passive_share,
                  f"{len(passive)} of {len(said)} sentences passive ({share:.0%}; limit {t.passive_share:.0%})"),
        PematItem("Breaks information into short sections", not _rule(report, "heading-spacing"),
                  f"at most {t.words_per_heading} words between headings"),
        PematItem("Section headers are informative", not vague,
                  "vague: " + ", ".join(vague) if vague else f"{len(headings)} headers of 2 or more words"),
        PematItem("Provides a summary", bool(chapter.meta.key_points),
                  f"{len(chapter.meta.key_points)} key points"),
        PematItem("Breaks actions into numbered steps", ordered if chapter.meta.self_care else None,
                  ("numbered steps found" if ordered else "a self-care chapter without numbered steps")
                  if chapter.meta.self_care else "no self-care actions in this chapter"),
        PematItem("Visual aids have captions and text alternatives",
                  not _rule(report, "images") if visuals else None,
                  ("no picture problems" if not _rule(report, "images") else "picture problems found")
                  if visuals else "no visual aids in this chapter"),
    ]
