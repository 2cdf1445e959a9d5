"""Group an article's blocks into chapters (one per main heading) and sections (one per
sub-heading); the article's own summary paragraphs become the chapter's key points."""
from __future__ import annotations

from .blocks import Block
from .detect import Article

BODY = ("paragraph", "item", "summary")


def chapter_groups(article: Article) -> list[tuple[str, list[tuple[str, list[Block]]], list[Block]]]:
    """[(chapter title, [(section title, blocks)], summary blocks)] in reading order. Text
    before the first heading opens the first chapter, under "Introduction"."""
    chapters: list[list] = []
    intro: list[Block] = []
    for block in article.blocks:
        if block.kind == "heading" and (block.level <= 2 or not chapters):
            chapters.append([block.text, [[block.text, []]], []])
        elif block.kind == "heading":
            chapters[-1][1].append([block.text, []])
        elif block.kind == "summary":
            (chapters[-1][2] if chapters else intro).append(block)
        elif block.kind in BODY:
            (chapters[-1][1][-1][1] if chapters else intro).append(block)
    if not chapters:
        return [(article.title, [("The article", [b for b in intro if b.kind != "summary"])],
                 [b for b in intro if b.kind == "summary"])] if intro else []
    if intro:
        body = [b for b in intro if b.kind != "summary"]
        chapters[0][1].insert(0, ["Introduction", body])
        chapters[0][2][:0] = [b for b in intro if b.kind == "summary"]
    out = []
    for title, sections, summary in chapters:
        seen: dict[str, int] = {}
        named = []
        for section_title, blocks in sections:
            if not blocks and len(sections) > 1 and section_title == title:
                continue  # a main heading straight followed by a sub-heading has no text of its own
            seen[section_title] = seen.get(section_title, 0) + 1
            named.append((section_title if seen[section_title] == 1 else f"{section_title} ({seen[section_title]})",
                          blocks))
        out.append((title, named, summary))
    return out


def split_key_points(summary: list[Block]) -> list[str]:
    """The article's summary, one sentence per key point (the author rewrites them)."""
    from ..trace.units import split_sentences  # pysbd, loaded when needed

    points = []
    for block in summary:
        text = block.text
        for prefix in ("Summary:", "In summary,", "Key takeaways:", "The bottom line:"):
            text = text.removeprefix(prefix).strip()
        points += split_sentences(text)
    return points
