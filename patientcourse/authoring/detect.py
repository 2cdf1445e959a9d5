"""Find an article's parts: title, badge, authors with credentials and roles, "last updated"
date, headings, its own summary paragraphs, numbered citations, the disclaimer, and what is
not article (ads, bios, links after the disclaimer) — and say what could not be found.

These are heuristics for the shapes health articles take (a title, a byline, dated body,
a disclaimer, then page furniture); every guess lands in the draft for the author to check.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .blocks import Block, split_blocks
from .read import ArticleError, RawArticle, read_article

CITATION = re.compile(r"\((\d{1,3}(?:\s*(?:,|and|&|–|-)\s*\d{1,3})*)\)")
DATE_LABEL = re.compile(r"^(?:last\s+updated|updated|last\s+reviewed|published|posted)(?:\s+on)?\s*:?\s*(?P<rest>.*)$", re.I)
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")
CREDENTIAL = r"(?:[A-Z][A-Za-z]{0,4}\.?){1,3}(?:\s*,\s*(?:[A-Z][A-Za-z]{0,4}\.?){1,3})*"
NAME = re.compile(rf"^(?:[Bb]y\s+)?(?P<name>(?:Dr\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-zA-Z'’-]+){{1,2}})"
                  rf"(?:\s*,\s*(?P<credentials>{CREDENTIAL}))?$")
PUBLISHER = re.compile(r"^(?:published\s+(?:on|by)|publisher|source|from)\s*:?\s+(?P<name>.+)$", re.I)
DISCLAIMER = re.compile(r"not\s+(?:a\s+)?substitute\s+for\s+(?:professional\s+)?medical|not\s+medical\s+advice|"
                        r"for\s+(?:general\s+)?information(?:al)?\s+purposes\s+only", re.I)
SUMMARY_START = re.compile(r"^(?:summary|in\s+summary|in\s+short|the\s+bottom\s+line|bottom\s+line|"
                           r"key\s+takeaways?|takeaway)\b\s*[:.-]?\s*", re.I)
OTHER_HEADING = re.compile(r"^(?:references|research\s+citations|citations|sources|related\s+articles|"
                           r"read\s+more|more\s+articles|about\s+the\s+authors?)$", re.I)
# What page furniture after the disclaimer says about itself, and how the draft names it.
TAIL_NOTES = [
    (re.compile(r"we\s+offer|get\s+started|sign\s+up|subscribe|holding\s+you\s+back|order\s+now|% off", re.I),
     "An advertisement for the publisher's services; it is not health information."),
    (re.compile(r"related\s+articles|read\s+more|share\s+this", re.I), "Links to other pages; they have no text."),
    (re.compile(r"read\s+full\s+bio|researched,?\s+written|reviewed\s+by", re.I),
     "The byline of the author box; the authors are credited on every page."),
    (re.compile(r"^(?:references|research\s+citations|citations|sources)$", re.I),
     "The heading of the reference list; the list itself is not in the source text."),
    (re.compile(r"based\s+on\s+scientific|fact\s+checked|our\s+team|scientific\s+references|clickable", re.I),
     "The publisher's statement about the article; the Sources page quotes it."),
]


@dataclass
class Author:
    name: str
    credentials: str = ""
    role: str = ""
    bio: str = ""


@dataclass
class Article:
    path: Path
    format: str
    text: str  # what was parsed (for a web page: the extracted Markdown)
    blocks: list[Block]
    title: str
    badge: str = ""
    publisher: str = ""
    last_updated: dt.date | None = None
    authors: list[Author] = field(default_factory=list)
    disclaimer: str = ""
    citations: list[int] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @property
    def not_found(self) -> list[str]:
        """What the draft could not fill in from the article (the author fills it in)."""
        missing = []
        for what, found in (("authors", self.authors), ("'last updated' date", self.last_updated),
                            ("publisher", self.publisher), ("headings", self.of_kind("heading")),
                            ("summary paragraphs", self.of_kind("summary")),
                            ("numbered citations", self.citations), ("disclaimer", self.disclaimer)):
            if not found:
                missing.append(what)
        return missing


def parse_article(path: Path) -> Article:
    return detect(read_article(path))


def detect(raw: RawArticle) -> Article:
    blocks = split_blocks(raw.text, raw.format in ("markdown", "html"))
    if not any(b.shape in ("paragraph", "item") for b in blocks):
        raise ArticleError(f"{raw.path}: no paragraphs of text found. Is this the whole article? "
                           "Save its full text (title, byline and body) and try again.")
    start = _title(blocks, raw)
    article = Article(raw.path, raw.format, raw.text, blocks, title=_title_text(blocks, start, raw))
    body_start = _header(article, blocks, start + 1 if start is not None else 0, raw.metadata)
    _body(article, blocks, body_start)
    article.citations = sorted({int(n) for b in article.blocks if b.kind not in ("other",)
                                for group in CITATION.findall(b.text)
                                for n in re.findall(r"\d+", group)})
    return article


def _title(blocks: list[Block], raw: RawArticle) -> int | None:
    """Index of the title block: the first Markdown '#' heading; else the last title-like
    short line (3-20 words, no full stop at the end) above the byline or date; else the
    first title-like line near the top."""
    for i, block in enumerate(blocks[:8]):
        if block.shape == "heading" and block.level == 1:
            return i
    candidates = [i for i, b in enumerate(blocks[:8]) if b.shape in ("line", "heading")
                  and 3 <= b.words <= 20 and not b.text.endswith(".") and not DATE_LABEL.match(b.text)
                  and not _date(b.text) and not NAME.match(b.text)]
    byline = next((i for i, b in enumerate(blocks[:8]) if b.shape == "line"
                   and (DATE_LABEL.match(b.text) or NAME.match(b.text))), None)
    above = [i for i in candidates if byline is not None and i < byline]
    if above or candidates:
        return (above or candidates)[-1 if above else 0]
    if raw.metadata.get("title"):
        return None
    raise ArticleError(f"{raw.path}: no title found. Put the article's title on the first line "
                       "(or as a '# Title' heading) and try again.")


def _title_text(blocks: list[Block], index: int | None, raw: RawArticle) -> str:
    if index is None:
        return raw.metadata["title"]
    blocks[index].kind = "title"
    for block in blocks[:index]:  # short labels above the title, e.g. "Evidence based"
        block.kind = "badge"
    return blocks[index].text


def _date(text: str) -> dt.date | None:
    text = re.sub(r"\s+", " ", text.strip().rstrip("."))
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _header(article: Article, blocks: list[Block], start: int, metadata: dict) -> int:
    """Read the byline between the title and the first paragraph; return where the body starts."""
    article.badge = " ".join(b.text for b in blocks if b.kind == "badge")
    i = start
    pending_date = False
    while i < len(blocks) and blocks[i].shape in ("line", "heading") and blocks[i].level <= 1:
        block, text = blocks[i], blocks[i].text
        label = DATE_LABEL.match(text)
        name = NAME.match(text)
        publisher = PUBLISHER.match(text)
        if label:
            block.kind, pending_date = "date", not label["rest"]
            article.last_updated = article.last_updated or _date(label["rest"])
        elif pending_date and _date(text):
            block.kind, pending_date, article.last_updated = "date", False, _date(text)
        elif publisher and not name:
            block.kind, article.publisher = "publisher", publisher["name"].rstrip(".")
        elif name:
            block.kind = "author"
            article.authors.append(Author(name["name"], (name["credentials"] or "").strip()))
        elif article.authors and blocks[i - 1].kind == "author" and block.words <= 8:
            block.kind, article.authors[-1].role = "role", text
        else:
            break
        i += 1
    if not article.authors and metadata.get("author"):
        article.authors = [Author(n.strip()) for n in re.split(r";|\band\b", metadata["author"]) if n.strip()]
    if not article.last_updated and metadata.get("date"):
        article.last_updated = _date(metadata["date"])
    article.publisher = article.publisher or metadata.get("sitename", "")
    return i


def _is_heading(block: Block, following: Block | None, markdown: bool) -> bool:
    if block.shape == "heading" or markdown:  # Markdown says which lines are headings
        return block.shape == "heading"
    return (block.shape == "line" and block.words <= 12 and len(block.text) <= 90
            and not re.search(r"[.,:;]$", block.text) and block.text[:1].isupper()
            and following is not None)


def _body(article: Article, blocks: list[Block], start: int) -> None:
    body = blocks[start:]
    tail = False
    for i, block in enumerate(body):
        following = body[i + 1] if i + 1 < len(body) else None
        if tail:
            block.kind, block.note = "other", _tail_note(article, block)
        elif DISCLAIMER.search(block.text) and block.shape == "paragraph":
            block.kind, article.disclaimer, tail = "disclaimer", block.text, True
        elif block.shape == "item":
            block.kind = "item"
        elif _is_heading(block, following, article.format != "text"):
            block.kind = "other" if OTHER_HEADING.match(block.text) else "heading"
            block.note = _tail_note(article, block) if block.kind == "other" else ""
        elif SUMMARY_START.match(block.text) or (block.gap >= 2 and not CITATION.search(block.text)
                                                and article.format == "text"):
            block.kind = "summary"
        else:
            block.kind = "paragraph"
    headings = [b for b in body if b.kind == "heading"]
    if headings and not any(b.level for b in headings):
        # Plain text has no heading levels. Articles often ask questions in their main
        # headings and name topics in sub-headings; without questions, all are main.
        questions = any(b.text.endswith("?") for b in headings)
        for b in headings:
            b.level = 2 if not questions or b.text.endswith("?") else 3
    elif headings:
        top = min(b.level for b in headings)
        for b in headings:  # '#'-level sections under a '#' title count as chapters too
            b.level = 2 if b.level == top else 3
    _bios(article, body)


def _tail_note(article: Article, block: Block) -> str:
    for pattern, note in TAIL_NOTES:
        if pattern.search(block.text):
            return note
    if _author_of(article, block.text) or any(block.text == a.role for a in article.authors):
        return "The author box (name, role, bio); the Sources page shows each author's bio."
    return "Part of the page after the disclaimer, not of the article's body."


def _author_of(article: Article, text: str) -> Author | None:
    for author in article.authors:
        last = author.name.split()[-1]
        if text.startswith((author.name, f"Dr. {last}", last)):
            return author
    return None


def _bios(article: Article, tail: list[Block]) -> None:
    for block in tail:
        if block.kind == "other" and block.shape == "paragraph":
            author = _author_of(article, block.text)
            if author and not author.bio:
                author.bio = block.text
