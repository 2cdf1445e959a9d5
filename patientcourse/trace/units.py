"""The sentences on both sides of a trace: the source article's (with line and citation
numbers) and the course's (chapter prose, key points, quiz explanations, widget text,
glossary, the Sources page), each with where it is and what kind of text it is.

Sentences are split with pysbd, which knows abbreviations ("Dr.", "e.g.") and quotations
(``checks.memo.split_sentences``: a build keeps the splits from one check to the next).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..authoring.detect import Article
from ..checks.located import front_matter, quiz_source
from ..checks.memo import split_sentences
from ..checks.markdown import classify, visible
from ..checks.thresholds import course_yml
from ..structure import Chapter, Course
from ..structure.yamlsource import LocatedYaml, read_text

# "(source 2)", "(sources 15 and 16)" in the course; "(2)", "(13, 14)" in the article.
COURSE_CITATION = re.compile(r"\(sources?\s+(\d+(?:\s*(?:,|and|&)\s*\d+)*)\)", re.I)
SOURCE_CITATION = re.compile(r"\((\d{1,3}(?:\s*(?:,|and|&|–|-)\s*\d{1,3})*)\)")
# `% trace: navigation` above a paragraph says what kind of own words it is (not a claim).
TRACE_MARK = re.compile(r"^\s*%\s*trace:\s*(?P<kind>definition|navigation|instruction)\s*$")
MARKS = ("definition", "navigation", "instruction")
SOURCE_KINDS_TO_CARRY = ("badge", "title", "date", "author", "role", "paragraph", "item", "summary",
                         "disclaimer", "other")


@dataclass
class SourceSentence:
    index: int
    text: str
    line: int
    block: str  # the block kind from authoring.detect (paragraph, summary, heading, other, ...)
    citations: tuple[int, ...] = ()
    note: str = ""  # for page furniture: what it is
    status: str = ""  # carried | weak | not-carried | left-out | heading
    score: float = 0.0
    carried_by: list[int] = field(default_factory=list)  # course sentence indexes
    left_out_reason: str = ""


@dataclass
class CourseSentence:
    index: int
    text: str
    file: str
    line: int | None
    unit: str  # prose | quote | main message | key point | help box | quiz explanation | widget |
    #           glossary | sources page
    stream: str  # sentences of one stream are read in a row (a window may span them)
    chapter: str | None = None
    section: str | None = None
    mark: str | None = None  # definition | navigation | instruction, when the kind is known
    citations: tuple[int, ...] = ()
    from_source: bool = False
    score: float = 0.0
    source_index: int | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


def numbers_in(pattern: re.Pattern, text: str) -> tuple[int, ...]:
    return tuple(sorted({int(n) for group in pattern.findall(text) for n in re.findall(r"\d+", group)}))


def source_sentences(article: Article) -> list[SourceSentence]:
    out: list[SourceSentence] = []
    for block in article.blocks:
        kind = block.kind or "paragraph"
        for text in ([block.text] if kind in ("heading", "title") else split_sentences(block.text)):
            out.append(SourceSentence(len(out), text, block.line, kind,
                                      numbers_in(SOURCE_CITATION, text), block.note))
    return out


def course_sentences(course: Course) -> list[CourseSentence]:
    out: list[CourseSentence] = []

    def add(text: str, file: str, line: int | None, unit: str, stream: str, *,
            lines: tuple = (), **more) -> None:
        """``lines``: (offset in text, file line) where each source line starts, so each
        sentence gets the line it starts on."""
        offset = 0
        for sentence in split_sentences(text):
            offset = max(text.find(sentence, offset), offset)
            at = max((n for start, n in lines if start <= offset), default=line)
            out.append(CourseSentence(len(out), sentence, file, at, unit, stream,
                                      citations=numbers_in(COURSE_CITATION, sentence), **more))

    for chapter in course.chapters:
        _chapter(chapter, add)
    _glossary(course, add)
    _sources_page(course, add)
    return out


def _chapter(chapter: Chapter, add) -> None:
    front, file = front_matter(chapter), chapter.file
    add(chapter.meta.main_message, file, front.line_of(("main_message",)), "main message",
        f"{chapter.id}:main", chapter=chapter.id)
    for field_name, unit in (("key_points", "key point"), ("when_to_get_help", "help box")):
        for i, text in enumerate(getattr(chapter.meta, field_name)):
            add(text, file, front.line_of((field_name, i)), unit, f"{chapter.id}:{field_name}", chapter=chapter.id)
    for section in chapter.sections:
        for text, lines, unit, mark in _paragraphs(section.body, section.body_line):
            add(text, file, lines[0][1], unit, f"{chapter.id}:prose", lines=lines, chapter=chapter.id,
                section=section.id, mark=mark)
    quiz = quiz_source(chapter)
    for i, question in enumerate(chapter.quiz.questions):
        add(question.explanation, str(quiz.file), quiz.line_of(("questions", i, "explanation")),
            "quiz explanation", f"{chapter.id}:quiz:{question.id}", chapter=chapter.id, section=question.section)
    if chapter.widgets:
        path = Path(chapter.file).with_name(f"{chapter.id}.widgets.yml")
        located = LocatedYaml(read_text(path), path) if path.is_file() else LocatedYaml("{}", path)
        for i, widget in enumerate(chapter.widgets):
            for loc, text in _strings(widget.data, ("widgets", i, "data")):
                add(text, str(path), located.line_of(loc), "widget", f"{chapter.id}:widget:{i}",
                    chapter=chapter.id, section=widget.after)


def _paragraphs(body: str, first_line: int):
    """(text, line starts, unit, mark) for each paragraph, list item and quotation a reader
    sees; line starts are (offset in text, file line) pairs."""
    current: list = []
    mark = None

    def close():
        nonlocal current, mark
        if current:
            pieces, starts, offset = [], [], 0
            for line in current:
                piece = visible(line.text)
                if piece:
                    starts.append((offset, line.number))
                    pieces.append(piece)
                    offset += len(piece) + 1
            if pieces:
                yield " ".join(pieces), tuple(starts), "quote" if current[0].kind == "quote" else "prose", mark
            mark = None  # a mark names the one paragraph (or list item) under it
        current = []

    for line in classify(body, first_line):
        marked = TRACE_MARK.match(line.raw)
        if marked:
            yield from close()
            mark = marked["kind"]
            continue
        if line.kind in ("item", "quote") and current and (line.kind == "item" or current[0].kind != "quote"):
            yield from close()
        if line.kind in ("prose", "item", "item-cont", "quote"):
            current.append(line if line.kind != "item-cont" else replace(line, kind="prose"))
        else:
            yield from close()
    yield from close()


def _strings(value, loc: tuple):
    """Every text in widget data a reader sees (several words); ids and styles are skipped."""
    if isinstance(value, str):
        if len(value.split()) >= 3:
            yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, loc + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, loc + (i,))


def _glossary(course: Course, add) -> None:
    path = Path(course.root) / "glossary.yml"
    located = LocatedYaml(read_text(path), path) if path.is_file() else LocatedYaml("{}", path)
    for i, term in enumerate(course.glossary.terms):
        # A term gives what the article says ('definition') and/or a general meaning the
        # Glossary page marks as not from the article ('general'); both are definitions.
        for field, stream in (("general", f"glossary:{i}:general"), ("definition", f"glossary:{i}")):
            if getattr(term, field):
                add(getattr(term, field), str(path), located.line_of(("terms", i, field)), "glossary",
                    stream, mark="definition")


def _sources_page(course: Course, add) -> None:
    """What the Sources page and every page's credit show of the article itself."""
    source, located = course.meta.source, course_yml(course)
    file = str(located.file)
    add(source.credit, file, located.line_of(("source", "title")), "sources page", "sources:credit")
    if source.badge:
        add(source.badge, file, located.line_of(("source", "badge")), "sources page", "sources:badge")
    for i, author in enumerate(source.authors):
        add(f"{author.display}. {author.role}. {author.bio}".strip(), file,
            located.line_of(("source", "authors", i)), "sources page", f"sources:author:{i}")
    if source.publisher_statement:
        add(source.publisher_statement, file, located.line_of(("source", "publisher_statement")),
            "sources page", "sources:statement")
    add(course.meta.disclaimer, file, located.line_of(("disclaimer",)), "sources page", "sources:disclaimer")
