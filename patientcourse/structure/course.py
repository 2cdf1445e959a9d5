"""The validated course model: what every renderer reads.

The loader builds these from ``course/``; notebooks, the table of contents, book pages and
the instructor outputs are all rendered from one ``Course`` and never from the files.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Callable

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .quiz import Quiz
from .unique import require_unique

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _no_markup(value: str) -> str:
    # The book's theme prints the course title (sidebar) and each chapter title (the heading
    # printed pages get) as HTML without escaping it, so '<' and '>' there could run as code.
    if "<" in value or ">" in value:
        raise ValueError("a title is plain text: remove '<' and '>' (the book shows titles as HTML, "
                         "so they could be read as code). Write the words out instead.")
    return value


# The course title and chapter titles: text, never markup (see _no_markup).
Title = Annotated[str, Field(min_length=1), AfterValidator(_no_markup)]


class Strict(BaseModel):
    # A misspelt field is an error, not something silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Author(Strict):
    name: str = Field(min_length=1)
    credentials: str = ""
    role: str = ""
    bio: str = ""

    @property
    def display(self) -> str:
        return self.display_in()

    def display_in(self, text: Callable[[str], str] = str) -> str:
        """Name and credentials, each passed through ``text`` (an escaper, for Markdown)."""
        return f"{text(self.name)}, {text(self.credentials)}" if self.credentials else text(self.name)


class LeftOut(Strict):
    """A part of the source the course does not carry, quoted word for word, and why."""
    text: str = Field(min_length=1, description="The words left out, exactly as in the source "
                      "(one sentence or several in a row).")
    reason: str = Field(min_length=1)


class Reworded(Strict):
    """A source sentence the course carries in other words than a word match can see, and the
    course sentence that carries it (both quoted exactly), for ``trace`` and its reviewer."""
    text: str = Field(min_length=1, description="The source sentence, word for word.")
    course: str = Field(min_length=1, description="The course sentence that carries it, word for word.")


class Review(Strict):
    """A medical review on record. ``chapters`` are the chapters signed off, each with the
    fingerprint it had when signed (``patientcourse trace`` shows it), so a chapter changed
    after its sign-off counts as not reviewed."""
    reviewer: str = Field(min_length=1)
    credentials: str = ""
    date: dt.date
    reviewed: str = Field(min_length=1, description="What was reviewed, in a few words.")
    chapters: dict[str, str] = Field(default_factory=dict)

    @property
    def who(self) -> str:
        return self.who_in()

    def who_in(self, text: Callable[[str], str] = str) -> str:
        """Reviewer and credentials, each passed through ``text`` (an escaper, for Markdown)."""
        return f"{text(self.reviewer)}, {text(self.credentials)}" if self.credentials else text(self.reviewer)


class Repair(Strict):
    """A sentence the source text gives broken (a word missing), and how the course reads it.
    The Sources page lists each one, so a reader can see what the course repaired."""
    original: str = Field(min_length=1, description="The broken text, exactly as the source gives it.")
    problem: str = Field(min_length=1, description="What is missing, in plain words.")
    read_as: str = Field(min_length=1, description="The sentence as the course reads it.")


class SourceArticle(Strict):
    # A draft made by `patientcourse new` may lack what the article did not say (publisher,
    # date, authors); `check` lists each blank as an error for the author to fill.
    title: str = Field(min_length=1)
    publisher: str = ""
    last_updated: dt.date | None = None
    authors: list[Author] = Field(default_factory=list)
    address: str | None = Field(
        default=None, description="Web address, if the source text gives one. Never guess it.")
    file: str = Field(min_length=1, description="Where the source text is kept, for reviewers.")
    cited_sources: int = Field(ge=0, description="How many numbered citations the text has.")
    reference_list_included: bool = Field(
        description="Whether the numbered reference list is part of the source text.")
    badge: str = ""
    publisher_statement: str = ""
    left_out: list[LeftOut] = Field(default_factory=list,
                                    description="Parts of the source text the course leaves out, and why.")
    reworded: list[Reworded] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list,
                                  description="Broken sentences in the source text, and how the course reads them.")

    @property
    def byline(self) -> str:
        return self.byline_in()

    def byline_in(self, text: Callable[[str], str] = str) -> str:
        return " and ".join(a.display_in(text) for a in self.authors)

    @property
    def credit(self) -> str:
        """One sentence that credits the source, for every page."""
        return self.credit_in()

    def credit_in(self, text: Callable[[str], str] = str) -> str:
        """The credit sentence with each author-written part passed through ``text``."""
        by = f" by {self.byline_in(text)}" if self.authors else ""
        where = f", published on the {text(self.publisher)}" if self.publisher else ""
        date = f" (last updated {long_date(self.last_updated)})" if self.last_updated else ""
        return f"Adapted from “{text(self.title)}”{by}{where}{date}."


def long_date(day: dt.date) -> str:
    """January 4, 2020: the way every page writes a date."""
    return f"{day:%B} {day.day}, {day.year}"


class Objective(Strict):
    id: str = Field(pattern=SLUG)
    text: str = Field(min_length=1)


class WidgetRef(Strict):
    """A widget placed in a chapter. ``kind`` picks the widget; ``after`` the section."""
    kind: str = Field(pattern=r"^[a-z_]+$")
    after: str = Field(pattern=SLUG)
    title: str = ""
    data: dict[str, Any] = Field(default_factory=dict)


class WidgetList(Strict):
    """``chapters/NN-slug.widgets.yml`` (optional)."""
    widgets: list[WidgetRef] = Field(default_factory=list)


class Section(Strict):
    id: str
    title: str
    body: str
    line: int  # of the heading
    body_line: int  # of the first line of ``body``


class Figure(Strict):
    """A drawing shown in a section (a MyST ``{figure}`` directive; see ``figures.py``)."""
    file: str = Field(description="figures/<name>.svg: relative to the chapter file and to the notebook.")
    alt: str
    caption: str
    section: str
    line: int
    svg: str = Field(description="The drawing itself, checked to be a safe SVG line drawing.")


class Part(Strict):
    """A run of sections that belong together (e.g. "Care at home"), with its own key points,
    so a long chapter reads as two or three clear chunks and stays one chapter."""
    title: str = Field(min_length=1)
    sections: list[str] = Field(min_length=1, description="Section ids, in chapter order.")
    key_points: list[str] = Field(min_length=1)


class ChapterMeta(Strict):
    """The YAML front matter of a chapter file."""
    title: Title
    short_title: Annotated[str, AfterValidator(_no_markup)] = ""
    main_message: str = Field(min_length=1)
    objectives: list[Objective] = Field(min_length=1)
    key_points: list[str] = Field(min_length=1)
    self_care: bool = False
    when_to_get_help: list[str] = Field(default_factory=list)
    # Name the box for what it holds: an article that lists no warning signs has no "when".
    help_title: str = Field("When to get help", min_length=1)
    parts: list[Part] = Field(default_factory=list)
    glossary: list[str] = Field(default_factory=list)

    @field_validator("objectives")
    @classmethod
    def _unique_objectives(cls, value: list[Objective]) -> list[Objective]:
        require_unique(((o.id, (i, "id")) for i, o in enumerate(value)), what="objective id",
                       fix="Give each objective its own id.")
        return value

    @model_validator(mode="after")
    def _help_box_for_self_care(self) -> "ChapterMeta":
        if self.self_care and not self.when_to_get_help:
            raise ValueError("when_to_get_help: a chapter that teaches self-care (self_care: true) "
                             "needs a 'when to get help' list. Add at least one item.")
        return self


class Chapter(Strict):
    id: str = Field(pattern=r"^\d\d-[a-z0-9-]+$")
    meta: ChapterMeta
    sections: list[Section]
    quiz: Quiz
    widgets: list[WidgetRef] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    file: str

    @property
    def number(self) -> int:
        return int(self.id[:2])

    @property
    def slug(self) -> str:
        return self.id[3:]

    @property
    def title(self) -> str:
        return self.meta.title

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def label(self, section_id: str) -> str:
        """The page anchor of a section; unique across the whole book."""
        return f"{self.slug}-{section_id}"

    def part_of(self, section_id: str) -> tuple[int, Part] | None:
        """(1-based number, part) of the part a section belongs to, if the chapter has parts."""
        return next(((n, p) for n, p in enumerate(self.meta.parts, 1) if section_id in p.sections), None)


class GlossaryTerm(Strict):
    term: str = Field(min_length=1)
    definition: str = Field("", description="What the article says about the word, in plain words.")
    general: str = Field("", description="The word's general meaning, where the article gives none; "
                                         "the glossary marks it as not from the article.")
    also: list[str] = Field(default_factory=list, description="Other forms, e.g. plurals.")

    @model_validator(mode="after")
    def _has_a_meaning(self) -> "GlossaryTerm":
        if not (self.definition.strip() or self.general.strip()):
            raise ValueError("give the term a 'definition' (what the article says about it) or a "
                             "'general' meaning (shown as not from the article), or both.")
        return self


class Glossary(Strict):
    terms: list[GlossaryTerm]

    @field_validator("terms")
    @classmethod
    def _each_term_once(cls, value: list[GlossaryTerm]) -> list[GlossaryTerm]:
        names = [(t.term, (i, "term")) for i, t in enumerate(value)]
        names += [(name, (i, "also", j)) for i, t in enumerate(value) for j, name in enumerate(t.also)]
        require_unique(sorted(names, key=lambda n: n[1][0]), what="glossary term", fix="Define each term once.",
                       fold_case=True)
        return value

    def find(self, name: str) -> GlossaryTerm | None:
        key = name.casefold()
        return next((t for t in self.terms if t.term.casefold() == key
                     or key in (a.casefold() for a in t.also)), None)


class CourseMeta(Strict):
    """``course/course.yml``."""
    id: str = Field(pattern=SLUG)
    title: Title
    subtitle: str = ""
    audience: str = Field(min_length=1)
    language: str = "en"
    last_reviewed: dt.date | None = Field(
        None, description="When the course was last checked against its source article.")
    next_review_due: dt.date | None = None
    reviews: list[Review] = Field(default_factory=list, description="Medical reviews on record. "
                                  "Never invent one: with none, every page says so.")
    disclaimer: str = Field(min_length=1)
    source: SourceArticle
    chapters: list[str] = Field(min_length=1)
    checks: dict[str, Any] = Field(default_factory=dict)
    allow_raw_html: bool = Field(False, description="We trust every author: chapter bodies may hold raw "
                                                    "HTML and {raw} / {eval-rst} blocks (check allows them).")

    @field_validator("chapters")
    @classmethod
    def _chapter_names(cls, value: list[str]) -> list[str]:
        for name in value:
            if not re.fullmatch(r"\d\d-[a-z0-9-]+", name):
                raise ValueError(f"chapter {name!r} must be named NN-slug, e.g. '01-fascia-anatomy' "
                                 f"(two digits, a dash, lower-case words joined by dashes).")
        require_unique(((name, (i,)) for i, name in enumerate(value)), what="chapter",
                       fix="List each chapter once.")
        return value

    @field_validator("next_review_due")
    @classmethod
    def _review_dates(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        # A field validator (last_reviewed is validated first), so the error names this line.
        last = info.data.get("last_reviewed")
        if value is not None and last is not None and value <= last:
            raise ValueError(f"next_review_due ({value}) must come after last_reviewed ({last}). "
                             "Set it to the day the next review is due.")
        return value

    @property
    def latest_review(self) -> Review | None:
        return max(self.reviews, key=lambda r: r.date, default=None)


class Course(Strict):
    meta: CourseMeta
    chapters: list[Chapter]
    glossary: Glossary
    root: str

    @property
    def id(self) -> str:
        return self.meta.id

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id or chapter.slug == chapter_id or str(chapter.number) == chapter_id.lstrip("0"):
                return chapter
        known = ", ".join(c.id for c in self.chapters)
        raise KeyError(f"no chapter {chapter_id!r}; the chapters are: {known}")

    def subset(self, chapter_ids: list[str]) -> "Course":
        """The same course with only these chapters, in course order (for student packs)."""
        wanted = {self.chapter(c).id for c in chapter_ids}
        return self.model_copy(update={"chapters": [c for c in self.chapters if c.id in wanted]})
