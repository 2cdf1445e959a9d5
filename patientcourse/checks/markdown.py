"""Read a chapter's MyST Markdown line by line: what kind of block each line is in, and
the words a reader sees once roles, links and markup are rendered.

This is deliberately a small line classifier, not a full Markdown parser: chapter bodies
are plain MyST (paragraphs, lists, blockquotes, ``{term}`` roles, a few directives), and
every rule needs a line number for its finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..structure import Chapter

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<directive>[\w:-]+)\})?(?P<arg>.*)$")
# Directives whose body is code or markup, not prose for a reader.
CODE_DIRECTIVES = {"code", "code-block", "code-cell", "sourcecode", "literalinclude", "math",
                   "raw", "eval-rst", "mermaid", "csv-table", "list-table", "toctree", "include"}
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:(?:\s+(?P<value>.*))?$")
SYNTAX_ONLY = re.compile(r"^\s*(?:\([^)\s]+\)=|%.*|\+\+\+.*|(?:-{3,}|\*{3,}|_{3,}))\s*$")

ROLE = re.compile(r"\{[\w:-]+\}`(?P<text>[^`<]*?)\s*(?:<(?P<target>[^>]*)>)?`")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
CODE_SPAN = re.compile(r"`[^`]*`")
HTML_TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the chapter file
    kind: str  # prose | item | quote | heading | code | html | table | directive | option | syntax | blank
    raw: str
    text: str  # the line without block markup (list marker, '> ', '## ')
    indent: int = 0
    ordered: bool = False
    directive: str | None = None  # the innermost directive the line sits in


def visible(text: str) -> str:
    """The words a reader sees: roles show their text, links their label; images, code and
    tags show nothing; emphasis markers go."""
    text = IMAGE.sub("", text)
    text = ROLE.sub(lambda m: m.group("text") or m.group("target") or "", text)
    text = LINK.sub(lambda m: m.group("text"), text)
    text = CODE_SPAN.sub("", text)
    text = HTML_TAG.sub("", text)
    text = EMPHASIS.sub(lambda m: m.group(2), text)
    return re.sub(r"\s+", " ", text).strip()


def classify(body: str, first_line: int) -> Iterator[Line]:
    """Yield each line of a Markdown body with its block kind."""
    fences: list[tuple[str, str | None, bool]] = []  # (fence, directive, is_code)
    previous = "blank"
    in_options = in_list = False
    for offset, raw in enumerate(body.split("\n")):
        number = first_line + offset
        inner = fences[-1][1] if fences else None
        fence = FENCE.match(raw)
        if fences and fences[-1][2]:  # inside code: only the matching fence closes it
            if fence and fence["fence"] == fences[-1][0] and not fence["directive"] and not fence["arg"].strip():
                fences.pop()
                yield Line(number, "syntax", raw, "", directive=inner)
            else:
                yield Line(number, "code", raw, "", directive=inner)
            previous = "code"
            continue
        if fence:
            closes = fences and fence["fence"] == fences[-1][0] and not fence["directive"] and not fence["arg"].strip()
            if closes:
                fences.pop()
                yield Line(number, "syntax", raw, "", directive=inner)
            else:
                name = fence["directive"]
                is_code = name is None and not fence["fence"].startswith(":") or name in CODE_DIRECTIVES
                fences.append((fence["fence"], name, is_code))
                in_options = not is_code
                yield Line(number, "directive", raw, fence["arg"].strip(), directive=name)
            previous = "syntax"
            continue
        if in_options and OPTION.match(raw):
            yield Line(number, "option", raw, (OPTION.match(raw)["value"] or "").strip(), directive=inner)
            continue
        in_options = False
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        item = LIST_ITEM.match(raw)
        if not stripped:
            kind, text = "blank", ""
        elif HEADING.match(raw):
            kind, text = "heading", HEADING.match(raw)["text"]
        elif stripped.startswith(">"):
            kind, text = "quote", re.sub(r"^(\s*>\s?)+", "", raw)
        elif item:
            kind, text = "item", item["text"]
        elif previous == "quote":  # a lazy continuation line still belongs to the quotation
            kind, text = "quote", stripped
        elif SYNTAX_ONLY.match(raw):
            kind, text = "syntax", ""
        elif stripped.startswith("|"):
            kind, text = "table", stripped
        elif stripped.startswith("<"):
            kind, text = "html", stripped
        elif in_list and (previous in ("item", "item-cont") or indent >= 2):
            kind, text = "item-cont", stripped  # more text of the list item above
        else:
            kind, text = "prose", stripped
        if item:
            in_list = True
            yield Line(number, kind, raw, text, len(item["indent"]), item["marker"][0].isdigit(), inner)
        else:
            in_list = in_list and kind in ("blank", "item-cont")
            yield Line(number, kind, raw, text, indent, False, inner)
        previous = kind


def chapter_lines(chapter: Chapter) -> Iterator[tuple[str, Line]]:
    """Every body line of a chapter with the id of the section it is in."""
    for section in chapter.sections:
        for line in classify(section.body, section.body_line):
            yield section.id, line
