"""Cut an article's text into blocks (paragraphs, list items, short lines) with their line
numbers, for plain text and Markdown alike.

Plain text from a web page usually holds one paragraph per line; hard-wrapped text is joined
back when a line does not end a sentence and the next one starts in lower case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ITEM = re.compile(r"^\s*(?:[-*+•·▪◦]|\d{1,3}[.)])\s+(?P<text>.+)$")
MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
MD_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")


@dataclass
class Block:
    line: int  # 1-based line of the block's first line in the article file
    text: str  # the words, without Markdown markup
    shape: str  # heading | item | line (one short line) | paragraph
    gap: int = 0  # blank lines before the block
    level: int = 0  # heading level, when the file says (Markdown)
    ordered: bool = False  # a numbered list item
    kind: str = ""  # set by detection: title, badge, date, author, role, heading, paragraph,
    #                 item, summary, disclaimer, other
    note: str = ""  # for kind 'other': what it is (an advertisement, an author's bio, ...)

    @property
    def words(self) -> int:
        return len(self.text.split())


def plain(text: str) -> str:
    """Markdown inline markup removed, spaces tidied (no-break spaces too)."""
    text = MD_LINK.sub(lambda m: m.group("text"), text)
    text = MD_EMPHASIS.sub(lambda m: m.group(2), text)
    text = text.replace("\\", "")
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def split_blocks(text: str, markdown: bool) -> list[Block]:
    blocks: list[Block] = []
    gap = 0
    fence = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if markdown and raw.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if fence:
            continue
        if not raw.strip():
            gap += 1
            continue
        heading = MD_HEADING.match(raw) if markdown else None
        item = ITEM.match(raw)
        previous = blocks[-1] if blocks else None
        if heading:
            blocks.append(Block(number, plain(heading["text"]), "heading", gap, len(heading["hashes"])))
        elif item:
            blocks.append(Block(number, plain(item["text"]), "item", gap,
                                ordered=item.group(0).lstrip()[0].isdigit()))
        elif previous and gap == 0 and _continues(previous, raw, markdown):
            previous.text = plain(previous.text + " " + raw)
            previous.shape = "paragraph"
        else:
            blocks.append(Block(number, plain(raw), "line", gap))
        gap = 0
    for block in blocks:
        # A long line, or a line that ends a statement, is a paragraph; a short question
        # stays a line (it may be a heading).
        if block.shape == "line" and (block.words > 15 or re.search(r"[.:;][\"'”’)\]]*$", block.text)
                                      and block.words > 8):
            block.shape = "paragraph"
    return [b for b in blocks if b.text]


def _continues(previous: Block, raw: str, markdown: bool) -> bool:
    """Is this line more of the block above (a wrapped paragraph or list item)?"""
    if previous.shape == "heading":
        return False
    stripped = raw.strip()
    if previous.shape == "item":
        return raw.startswith((" ", "\t")) and not ITEM.match(raw)
    if markdown:  # a wrapped paragraph; short lines in a row (a byline, a date) stay apart
        return previous.words >= 6 or stripped[:1].islower()
    return (not SENTENCE_END.search(previous.text) and previous.words >= 8
            and stripped[:1].islower())
