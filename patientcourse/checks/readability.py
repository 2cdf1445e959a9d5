"""Readability of what a learner reads, scored offline with textstat.

In a chapter's prose, only what a learner reads as running text is scored: paragraphs, list
items, the text inside admonitions, figure captions and their alt text. Headings, list
markers, code, tables, raw HTML, MyST syntax (targets, directive fences and the other
options) and the front matter are dropped; roles and links keep their
visible words. Blockquotes are dropped too: the course keeps the article's direct quotations
word for word (the Fascia Research Congress definition), so their grade is not ours to lower.

The quiz, the widgets and the front-matter boxes are scored the same way (``check_text``);
``reader_text`` turns them into paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..structure import Chapter
from .findings import Finding
from .markdown import Line, classify, visible
from .offline_textstat import textstat
from .thresholds import Thresholds

PROSE_KINDS = {"prose", "item", "item-cont"}
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")




@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str  # visible words, ending in sentence punctuation
    # (offset in text, file line) where each source line's words start, to place sentences
    line_starts: tuple[tuple[int, int], ...] = ()
    file: str = ""  # empty: the chapter file

    def line_at(self, offset: int) -> int:
        return max((ln for start, ln in self.line_starts if start <= offset), default=self.line)


@dataclass(frozen=True)
class Sentence:
    line: int
    words: int
    text: str
    file: str = ""  # empty: the chapter file


@dataclass
class Readability:
    fk_grade: float
    smog: float
    flesch_reading_ease: float
    words: int
    sentences: int
    longest_sentences: list[Sentence] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def prose_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group prose lines into paragraphs; each list item is a paragraph of its own.

    A list item or a line before a list rarely ends in a full stop; one is added so
    textstat does not read a whole list as one long sentence."""
    paragraphs: list[Paragraph] = []
    current: list[Line] = []

    def close() -> None:
        pieces, starts, offset = [], [], 0
        for line in current:
            piece = visible(line.text)
            if piece:
                starts.append((offset, line.number))
                pieces.append(piece)
                offset += len(piece) + 1
        text = " ".join(pieces)
        if text:
            if not SENTENCE_END.search(text):
                text = text.rstrip(":;,") + "."
            paragraphs.append(Paragraph(starts[0][1], text, tuple(starts)))
        current.clear()

    for line in lines:
        if line.kind not in PROSE_KINDS or line.kind == "item":
            if current:
                close()
        if line.kind in PROSE_KINDS:
            current.append(line)
        elif _is_alt_text(line):  # read aloud in place of the figure: scored like a caption
            current.append(line)
            close()
    if current:
        close()
    return paragraphs


def _is_alt_text(line: Line) -> bool:
    return (line.kind == "option" and line.directive in ("figure", "image")
            and line.raw.strip().startswith(":alt:"))


def chapter_paragraphs(chapter: Chapter) -> list[Paragraph]:
    # Section by section: a section's last line never runs on into the next section's first.
    return [p for section in chapter.sections
            for p in prose_paragraphs(list(classify(section.body, section.body_line)))]


def sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    out = []
    for paragraph in paragraphs:
        offset = 0
        for text in SENTENCE_SPLIT.split(paragraph.text):
            offset = paragraph.text.find(text, offset)
            out.append(Sentence(paragraph.line_at(offset), textstat.lexicon_count(text), text, paragraph.file))
            offset += len(text)
    return out


def score(paragraphs: list[Paragraph], longest: int = 3) -> Readability:
    text = "\n".join(p.text for p in paragraphs)
    ranked = sorted(sentences(paragraphs), key=lambda s: (-s.words, s.line))
    return Readability(
        fk_grade=round(textstat.flesch_kincaid_grade(text), 1) if text else 0.0,
        smog=round(textstat.smog_index(text), 1) if text else 0.0,
        flesch_reading_ease=round(textstat.flesch_reading_ease(text), 1) if text else 0.0,
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
        longest_sentences=ranked[:longest],
    )


def check_readability(chapter: Chapter, thresholds: Thresholds) -> tuple[Readability, list[Finding]]:
    """The chapter's prose, scored and held to the grade and sentence-length limits."""
    return check_text(chapter_paragraphs(chapter), thresholds, chapter, "the prose")


def check_text(paragraphs: list[Paragraph], thresholds: Thresholds, chapter: Chapter,
               what: str) -> tuple[Readability, list[Finding]]:
    """Score ``paragraphs`` (any text a learner reads: prose, quiz, widgets) and hold them to
    the same limits; each finding names the file and line of the text it is about."""
    result = score(paragraphs, thresholds.longest_sentences_shown)
    findings = []
    grade, hardest = result.fk_grade, _hardest_paragraph(paragraphs)
    level = ("error" if grade > thresholds.fk_grade_error
             else "warning" if grade > thresholds.fk_grade_warning else None)
    if level:
        file, where = ((hardest.file or chapter.file, hardest.line) if hardest
                       else ((paragraphs[0].file or chapter.file) if paragraphs else chapter.file,
                             paragraphs[0].line if paragraphs else chapter.sections[0].line))
        limit = thresholds.fk_grade_error if level == "error" else thresholds.fk_grade_warning
        findings.append(Finding(
            "fk-grade", level, file, where,
            f"{what} reads at Flesch-Kincaid grade {grade} (limit {limit}; aim for 6-7). "
            f"The hardest paragraph starts here.",
            "Use shorter sentences (aim for 15 words or fewer) and everyday words; "
            "move medical words into the glossary and link them with {term}.",
            chapter.id))
    for sentence in sentences(paragraphs):
        if sentence.words > thresholds.long_sentence_words:
            findings.append(Finding(
                "long-sentence", "warning", sentence.file or chapter.file, sentence.line,
                f"a sentence of {sentence.words} words (limit {thresholds.long_sentence_words}): "
                f"“{_clip(sentence.text)}”",
                "Split it into two or more sentences.", chapter.id))
    return result, findings


def _hardest_paragraph(paragraphs: list[Paragraph]) -> Paragraph | None:
    scored = [p for p in paragraphs if textstat.lexicon_count(p.text) >= 10]
    return max(scored, key=lambda p: textstat.flesch_kincaid_grade(p.text), default=None)


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
