"""The automatable PEMAT / CDC Clear Communication Index items, one small rule each.

Every chapter rule takes ``(course, chapter, thresholds)`` and returns findings; the
course-wide review-date rule also takes today's date, so tests can pin it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .offline_textstat import textstat

from ..structure import Chapter, Course
from ..structure.course import GlossaryTerm
from ..structure.loader import TERM_ROLE
from .findings import Finding
from .located import front_matter, line_of
from .markdown import FENCE, IMAGE, OPTION, Line, chapter_lines, visible
from .raw_html import raw_html
from .thresholds import Thresholds

TEXT_KINDS = {"prose", "item", "item-cont"}
# "(source 2)", "(sources 15 and 16)", "(1)": citations, not numbers a reader acts on.
CITATION = re.compile(r"\((?:sources?\s+)?\d+(?:\s*(?:,|and|&|–|-)\s*\d+)*\)"
                      r"|\b(?:chapters?|steps?|sections?|sources?)\s+\d+\b", re.I)  # and "Chapter 3"
# Digits, and number words a reader must take in as a quantity ("one" is left out: it is
# mostly not a quantity, as in "one of the").
NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                "forty|forty-five|fifty|sixty|hundred|thousand|million|half|dozen|percent")
NUMBER = re.compile(rf"\d+(?:[.,]\d+)*(?:\s*(?:%|percent\b))?|(?<![\w-])(?:{NUMBER_WORDS})(?![\w-])", re.I)


def _front_line(chapter: Chapter, *loc) -> int | None:
    return line_of(front_matter(chapter), *loc)


def main_message(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    message = chapter.meta.main_message.strip()
    line = _front_line(chapter, "main_message")
    if not message:
        return [Finding("main-message", "error", chapter.file, line, "the main message is empty.",
                        "Write the one thing a reader should take away, in one sentence.", chapter.id)]
    words = textstat.lexicon_count(message)
    parts = [s for s in re.split(r"(?<=[.!?])\s+", message) if s]
    if len(parts) > 1 or words > t.main_message_words:
        return [Finding("main-message", "warning", chapter.file, line,
                        f"the main message has {len(parts)} sentence(s) and {words} words; it should be "
                        f"one sentence of at most {t.main_message_words} words.",
                        "Keep the single most important point; move the rest into key_points.", chapter.id)]
    return []


def objectives(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    found = chapter.meta.objectives
    line = _front_line(chapter, "objectives")
    if not found:
        return [Finding("objectives", "error", chapter.file, line, "the chapter has no learning objectives.",
                        "Add 2-4 objectives under 'objectives:', each {id, text} saying what the "
                        "reader will be able to do.", chapter.id)]
    if len(found) > t.max_objectives:
        return [Finding("objectives", "warning", chapter.file, line,
                        f"{len(found)} learning objectives; at most {t.max_objectives} keep the chapter focused.",
                        "Merge related objectives, or split the chapter.", chapter.id)]
    return []


def key_points(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    findings = []
    if not any(p.strip() for p in chapter.meta.key_points):
        findings.append(Finding("key-points", "error", chapter.file, _front_line(chapter, "key_points"),
                                "the chapter has no key points.",
                                "Add 'key_points:' with the chapter's main facts, one short sentence each.",
                                chapter.id))
    for i, part in enumerate(chapter.meta.parts):
        if not any(p.strip() for p in part.key_points):
            findings.append(Finding("key-points", "error", chapter.file,
                                    _front_line(chapter, "parts", i, "key_points"),
                                    f"part {i + 1} (“{part.title}”) has no key points.",
                                    "Add the part's main facts under its 'key_points:', one short "
                                    "sentence each.", chapter.id))
    return findings


def heading_spacing(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    """Count words between headings ('## ' sections and any '### ' inside them)."""
    findings = []
    for section in chapter.sections:
        chunks = [[section.line, section.title, 0]]
        for line in (line for sid, line in chapter_lines(chapter) if sid == section.id):
            if line.kind == "heading":
                chunks.append([line.number, line.text, 0])
            elif line.kind in TEXT_KINDS | {"quote"}:
                chunks[-1][2] += textstat.lexicon_count(visible(line.text))
        for start, title, words in chunks:
            if words > t.words_per_heading:
                findings.append(Finding(
                    "heading-spacing", "warning", chapter.file, start,
                    f"“{title}” runs {words} words without a heading (limit {t.words_per_heading}).",
                    "Split it with a '### ' sub-heading that says what the next part is about.",
                    chapter.id))
    return findings


def _lists(lines: list[Line]) -> list[tuple[int, int]]:
    """(first line, item count) of every list, nested lists counted on their own."""
    open_lists: dict[int, list] = {}  # indent -> [first line, count, ordered]
    done: list[tuple[int, int]] = []

    def close(deeper_than: int) -> None:
        for indent in sorted(i for i in open_lists if i > deeper_than):
            first, count, _ = open_lists.pop(indent)
            done.append((first, count))

    for line in lines:
        if line.kind == "item":
            close(line.indent)
            current = open_lists.get(line.indent)
            if current and current[2] != line.ordered:  # '-' after '1.' starts a new list
                close(line.indent - 1)
                current = None
            if current:
                current[1] += 1
            else:
                open_lists[line.indent] = [line.number, 1, line.ordered]
        elif line.kind not in ("blank", "item-cont"):
            close(-1)
    close(-1)
    return sorted(done)


def list_length(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    findings = []
    lines = [line for _, line in chapter_lines(chapter)]
    for first, count in _lists(lines):
        if count > t.max_list_items:
            findings.append(Finding("list-length", "error", chapter.file, first,
                                    f"a list of {count} items (limit {t.max_list_items}).",
                                    "Split it into two lists under their own sub-headings, or shorten it.",
                                    chapter.id))
    fields = [(f, getattr(chapter.meta, f), (f,)) for f in ("key_points", "when_to_get_help", "objectives")]
    fields += [(f"parts[{i}].key_points", part.key_points, ("parts", i, "key_points"))
               for i, part in enumerate(chapter.meta.parts)]
    for field, items, loc in fields:
        if len(items) > t.max_list_items:
            findings.append(Finding("list-length", "error", chapter.file, _front_line(chapter, *loc),
                                    f"{field} has {len(items)} items (limit {t.max_list_items}).",
                                    "Keep the most important ones; merge the rest.", chapter.id))
    return findings


def help_box(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    if chapter.meta.self_care and not any(i.strip() for i in chapter.meta.when_to_get_help):
        return [Finding("help-box", "error", chapter.file, _front_line(chapter, "self_care"),
                        "this chapter teaches self-care but has no 'when to get help' list.",
                        "Add 'when_to_get_help:' with the article's advice on when to see a doctor.",
                        chapter.id)]
    return []


def _term_pattern(term: GlossaryTerm) -> re.Pattern:
    return _names_pattern(tuple(sorted([term.term, *term.also], key=len, reverse=True)))


@lru_cache(maxsize=1024)  # made once per term, not once per term and line (0.1 CPU s a check)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def _uses(course: Course, text: str) -> list[tuple[int, str, bool]]:
    """(column, glossary term, linked?) for every term use in a line, in reading order.

    A {term} role is one use of its target, whatever words it shows. Outside roles the
    longest term wins, so "myofascial release" is not also a use of "myofascial"."""
    uses, roles = [], []
    for m in TERM_ROLE.finditer(text):
        target = course.glossary.find((m.group(2) or m.group(1)).strip())
        roles.append((m.start(), m.end()))
        if target is not None:
            uses.append((m.start(), target.term, True))
    plain = sorted(((m.start(), m.end(), t.term) for t in course.glossary.terms
                    for m in _term_pattern(t).finditer(text)), key=lambda x: (x[0], x[0] - x[1]))
    taken_until = -1
    for start, end, name in plain:
        if start < taken_until or any(a <= start < b for a, b in roles):
            continue
        uses.append((start, name, False))
        taken_until = end
    return sorted(uses)


def _first_uses(course: Course, chapter: Chapter) -> dict[str, tuple[int, bool]]:
    """For each glossary term the chapter uses: (line of first use, linked there?).

    Blockquotes are skipped: they are the article's words, kept exactly."""
    first: dict[str, tuple[int, bool]] = {}
    for _, line in chapter_lines(chapter):
        if line.kind in TEXT_KINDS:
            for _, name, linked in _uses(course, line.text):
                first.setdefault(name, (line.number, linked))
    return first


def glossary_links(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    findings = []
    for name, (line, linked) in sorted(_first_uses(course, chapter).items(), key=lambda x: x[1][0]):
        if not linked:
            findings.append(Finding("glossary-links", "error", chapter.file, line,
                                    f"the first use of the glossary term “{name}” is not linked.",
                                    f"Write {{term}}`{name}` here (or {{term}}`other form <{name}>`).",
                                    chapter.id))
    return findings


def glossary_list(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    used = set(_first_uses(course, chapter))
    listed = {}
    for name in chapter.meta.glossary:
        term = course.glossary.find(name)
        listed[term.term if term else name] = name
    line = _front_line(chapter, "glossary")
    findings = []
    missing = sorted(used - set(listed))
    if missing:
        findings.append(Finding("glossary-list", "warning", chapter.file, line,
                                f"the chapter uses glossary terms its 'glossary:' list leaves out: "
                                f"{', '.join(missing)}.", "Add them to the chapter's 'glossary:' list.",
                                chapter.id))
    unused = sorted(listed[k] for k in set(listed) - used)
    if unused:
        findings.append(Finding("glossary-list", "warning", chapter.file, line,
                                f"'glossary:' lists terms the chapter never uses: {', '.join(unused)}.",
                                "Remove them from the list, or use and link them in the text.", chapter.id))
    return findings


def numbers(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    findings = []
    for _, line in chapter_lines(chapter):
        if line.kind not in TEXT_KINDS:
            continue
        found = [m.group(0) for m in NUMBER.finditer(CITATION.sub("", visible(line.text)))]
        if found:
            findings.append(Finding("numbers", "info", chapter.file, line.number,
                                    f"number(s) for a human look: {', '.join(found)}.",
                                    "Check each against the article, and that a reader knows what it "
                                    "means and what to do with it (CDC CCI).", chapter.id))
    return findings


def images(course: Course, chapter: Chapter, t: Thresholds) -> list[Finding]:
    """Markdown images and MyST image/figure directives in the chapter source.
    (Inline HTML figures are checked in the generated notebooks: see rendered.py.)"""
    findings = []

    def add(line: int, what: str, fix: str) -> None:
        findings.append(Finding("images", "error", chapter.file, line, what, fix, chapter.id))

    lines = [line for _, line in chapter_lines(chapter)]
    for i, line in enumerate(lines):
        if line.kind == "code":
            continue
        if line.kind == "directive" and line.directive in ("figure", "image"):
            options, body = _directive_parts(lines, i)
            if not options.get("alt"):
                add(line.number, f"the {line.directive} “{line.text}” has no alt text.",
                    "Add an ':alt:' option that says what the picture shows.")
            if line.directive == "image" or not body:
                add(line.number, f"the {line.directive} “{line.text}” has no caption.",
                    "Use a {figure} directive and write the caption as its body.")
            continue
        if line.directive == "figure":
            continue
        for match in IMAGE.finditer(line.text):
            if not match.group("alt").strip():
                add(line.number, f"the image {match.group('src')} has no alt text.",
                    "Write what the picture shows between the brackets: ![alt text](file).")
            add(line.number, f"the image {match.group('src')} has no caption.",
                "Use a {figure} directive with ':alt:' and the caption as its body.")
    return findings


def _directive_parts(lines: list[Line], start: int) -> tuple[dict[str, str], list[str]]:
    opening = FENCE.match(lines[start].raw)["fence"]
    options: dict[str, str] = {}
    body: list[str] = []
    for line in lines[start + 1:]:
        if line.kind == "syntax" and line.raw.strip() == opening:
            break
        if line.kind == "option":
            key = OPTION.match(line.raw).group(0).strip().split(":")[1]
            options[key] = line.text
        elif line.text.strip():
            body.append(line.text)
    return options, body


CHAPTER_RULES = [main_message, objectives, key_points, heading_spacing, list_length, help_box,
                 glossary_links, glossary_list, numbers, images, raw_html]
