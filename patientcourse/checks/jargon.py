"""Jargon: words that are rare in everyday English (wordfreq's Zipf scale, which ships its
own frequency lists) and that the reader is given no help with: not a glossary term, not
linked with {term}, not explained in the same sentence."""
from __future__ import annotations

import re

from ..structure import Chapter, Course
from ..structure.loader import TERM_ROLE
from .findings import Finding
from .markdown import chapter_lines, visible
from .memo import zipf
from .thresholds import Thresholds

TEXT_KINDS = {"prose", "item", "item-cont"}
WORD = re.compile(r"(?<![\w'’-])[A-Za-z][a-z]+(?:-[a-z]+)*(?![\w'’-])")
# Words that tell the reader what the word before or after them means.
EXPLAINED = re.compile(r"\(|\bmeans?\b|\bis called\b|\bare called\b|\bis short for\b|\balso called\b|"
                       r"\bin other words\b|\bthat is\b|\bsuch as\b|\blike\b", re.I)


def _glossary_words(course: Course) -> set[str]:
    names = {n.casefold() for t in course.glossary.terms for n in [t.term, *t.also]}
    return names | {w for n in names for w in n.split()}


def jargon(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    known = _glossary_words(course)
    seen: set[str] = set()
    findings = []
    for _, line in chapter_lines(chapter):
        if line.kind not in TEXT_KINDS:
            continue
        text = visible(TERM_ROLE.sub(" ", line.text))  # linked terms are explained in the glossary
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            for match in WORD.finditer(sentence):
                word = match.group(0)
                key = word.casefold()
                # Capitalised words are mostly names (of people, places, brands).
                if word[0].isupper() or key in known or key in seen or zipf(key) >= t.jargon_zipf:
                    continue
                seen.add(key)
                if EXPLAINED.search(sentence):
                    continue
                findings.append(Finding(
                    "jargon", "warning", chapter.file, line.number,
                    f"“{word}” is rare in everyday English (Zipf {zipf(key):.1f}, limit {t.jargon_zipf}) "
                    "and is not explained.",
                    f"Use an everyday word, explain it in the sentence, or add it to glossary.yml and "
                    f"link it: {{term}}`{word}`.", chapter.id))
    return findings
