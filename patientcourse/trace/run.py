"""Trace a course against its source article: which source sentences it carries, which it
leaves out (and why), and which of its own sentences come from nowhere in the source."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..authoring.detect import parse_article
from ..authoring.read import ArticleError
from ..structure import Course
from ..structure.course import LeftOut, Reworded
from .align import Limits, align
from .units import CourseSentence, SourceSentence, course_sentences, source_sentences

NOT_TRACED = ("heading",)  # headings name a topic; they state no fact to carry


@dataclass
class TraceReport:
    course: Course
    source_file: Path
    sources: list[SourceSentence]
    courses: list[CourseSentence]
    # (field, index, problem) for left_out / reworded quotes that match nothing
    unmatched: list[tuple[str, int, str]]

    @property
    def traced(self) -> list[SourceSentence]:
        return [s for s in self.sources if s.status not in NOT_TRACED]

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.traced)

    def share(self, status: str) -> float:
        return self.count(status) / len(self.traced) if self.traced else 0.0

    @property
    def missing(self) -> list[SourceSentence]:
        """Source sentences neither carried nor left out: `check` fails on each."""
        return [s for s in self.traced if s.status == "not-carried"]

    @property
    def not_from_source(self) -> list[CourseSentence]:
        return [c for c in self.courses if not c.from_source]


def source_path(course: Course) -> Path:
    """Where course.yml says the article's text is (relative to the project folder)."""
    return Path(course.root).resolve().parent / course.meta.source.file


def run_trace(course: Course, limits: Limits, source_file: Path | None = None) -> TraceReport:
    """Raises ArticleError if the source text cannot be read."""
    path = source_file or source_path(course)
    if not path.is_file():
        raise ArticleError(f"{path}: the source article is not there. Put its text there, or fix "
                           "source.file in course.yml (a path from the project folder).")
    sources = source_sentences(parse_article(path))
    courses = course_sentences(course)
    align(sources, courses, limits)
    unmatched = (_apply_reworded(sources, courses, course.meta.source.reworded)
                 + _apply_left_out(sources, course.meta.source.left_out))
    for s in sources:
        if s.block == "heading":
            s.status = "heading"
    return TraceReport(course, path, sources, courses, unmatched)


def normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def _apply_left_out(sources: list[SourceSentence], left_out: list[LeftOut]) -> list[tuple[str, int, str]]:
    """A source sentence inside a left_out quote (or holding it) is left out, with its reason;
    a quote found nowhere in the source is returned, so `check` can point at it."""
    unmatched = []
    for i, part in enumerate(left_out):
        quote = normal(part.text)
        hits = [s for s in sources if normal(s.text) in quote or quote in normal(s.text)]
        if not hits:
            unmatched.append(("left_out", i, "this text is not in the source article"))
        for s in hits:  # the author's word wins over a chance word match ("Get Started" ~ "start")
            s.status, s.left_out_reason, s.carried_by = "left-out", part.reason, []
    return unmatched


def _apply_reworded(sources: list[SourceSentence], courses: list[CourseSentence],
                    reworded: list[Reworded]) -> list[tuple[str, int, str]]:
    """The author's word that a source sentence is carried in other words, checked both ways:
    the source sentence and the course sentence must both exist."""
    unmatched = []
    for i, pair in enumerate(reworded):
        hits = [s for s in sources if normal(s.text) == normal(pair.text)]
        carriers = [c for c in courses if normal(pair.course) in normal(c.text)]
        if not hits:
            unmatched.append(("reworded", i, "this text is not a sentence of the source article"))
        if not carriers:
            unmatched.append(("reworded", i, "the course sentence given in 'course' is not in the course"))
        if hits and carriers:
            for s in hits:
                s.status, s.carried_by, s.score = "carried", [c.index for c in carriers], 1.0
                s.note = "carried in other words (confirmed in course.yml, source.reworded)"
            for c in carriers:
                c.from_source, c.source_index = True, hits[0].index
    return unmatched
