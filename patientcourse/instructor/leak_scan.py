"""Prove an assessment pack holds no answer key: read every byte of every file, zips included.

What counts as the answer key (``answer_key_secrets``):

* every per-option feedback, pair and step feedback, ``if_true``/``if_false`` and
  ``if_correct``/``if_wrong`` string, and each explanation, of the pack's chapters;
* except a string that also stands, word for word, in what the pack shows every learner:
  the chapter's text (sections, key points, main message, objectives, "when to get help"),
  the glossary, widget data, and the questions' prompts, options, items, matches and steps.
  Finding it would prove nothing. Such strings are reported as ``shared_with_text``.

Markers of correctness are looked for too (``MARKERS``): a ``"correct":`` key, a
``data-pc-correct`` or ``data-pc-answer`` attribute, JSON keys that only an answer key has.

Encodings: each file is read raw and also decoded the ways text hides in a web page or
notebook: HTML entities, JSON string escapes (``\\"``, ``\\u2019``), URL encoding, and every
base64 run; text is compared after folding case, curly quotes and white space. gzip and zip
members are opened and read the same way.
"""
from __future__ import annotations

import base64
import binascii
import gzip
import html
import io
import json
import re
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.markdown import HTML_TAG, visible
from ..structure import Course

MARKERS = {
    "a 'correct' key": re.compile(r'\\?"correct\\?"\s*:'),
    "a data-pc-correct attribute": re.compile(r"data-pc-correct\s*="),
    "a data-pc-answer attribute": re.compile(r"data-pc-answer\s*="),
    "an answer-key JSON key": re.compile(
        r'\\?"(answer|if_true|if_false|if_correct|if_wrong|tolerance|explanation|feedback|pairs|match_id)\\?"\s*:'),
}
# Shorter strings ("Yes.") would match ordinary words anywhere; they are listed, not scanned.
MIN_SECRET_CHARS = 12
BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{24,}={0,2}")
SEARCH_INDEX_START = "Search.setIndex("
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\(.)")
# Typographic quotes and no-break spaces that Markdown renderers put in place of plain ones.
FOLD = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "))


@dataclass
class Secrets:
    strings: dict[str, str]  # folded text -> where it comes from ("fa-what option b feedback")

    @property
    def count(self) -> int:
        """How many answer-key strings are looked for (a string may have two written forms)."""
        return len(set(self.strings.values()))
    shared_with_text: list[str] = field(default_factory=list)
    too_short: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    file: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}"


def fold(text: str) -> str:
    for fancy, plain in FOLD:  # str.replace is many times faster than str.translate here
        text = text.replace(fancy, plain)
    return " ".join(text.casefold().split())


def _answer_key(question) -> list[tuple[str, str]]:
    found = [(f"{question.id} explanation", question.explanation)]
    if question.type in ("single", "multiple"):
        found += [(f"{question.id} option {i} feedback", o.feedback)
                  for i, o in zip(question.option_ids(), question.options)]
    elif question.type == "matching":
        found += [(f"{question.id} pair {n} feedback", p.feedback) for n, p in enumerate(question.pairs, 1)]
    elif question.type == "ordering":
        found += [(f"{question.id} step {n} feedback", s.feedback) for n, s in enumerate(question.steps, 1)]
    elif question.type == "truefalse":
        found += [(f"{question.id} if_true", question.if_true), (f"{question.id} if_false", question.if_false)]
    elif question.type == "numeric":
        found += [(f"{question.id} if_correct", question.if_correct), (f"{question.id} if_wrong", question.if_wrong)]
    return found


def _strings(value) -> list[str]:
    """Every string inside widget data (lists, mappings, nested)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _shown_to_learners(course: Course) -> str:
    """What an assessment pack shows every learner: chapter text, glossary, widgets, and each
    question's prompt and choices (which choice is right is never shown)."""
    shown = [course.meta.title, course.meta.disclaimer]
    shown += [f"{t.term} {t.definition}" for t in course.glossary.terms]
    for chapter in course.chapters:
        meta = chapter.meta
        shown += [meta.title, meta.main_message, *meta.key_points, *meta.when_to_get_help,
                  *(o.text for o in meta.objectives), *(s.body for s in chapter.sections)]
        shown += [s for widget in chapter.widgets for s in _strings(widget.data)]
        for q in chapter.quiz.questions:
            shown += [q.prompt, *(o.text for o in getattr(q, "options", [])),
                      *(s.text for s in getattr(q, "steps", [])),
                      *(t for p in getattr(q, "pairs", []) for t in (p.item, p.match))]
    # Markdown as a reader sees it ({term}`x` reads "x"). Pieces are joined by a space, as a
    # page runs list items together once tags are gone ("Always roll slowly. When you ...").
    return " ".join(fold(visible(text)) for text in shown)


def answer_key_secrets(course: Course) -> Secrets:
    shown_text = _shown_to_learners(course)
    secrets = Secrets(strings={})
    for chapter in course.chapters:
        for question in chapter.quiz.questions:
            for where, text in _answer_key(question):
                # As written, and as read once Markdown is rendered (`*not*` reads "not").
                written, read = fold(text), fold(visible(text))
                if len(read) < MIN_SECRET_CHARS:
                    secrets.too_short.append(where)
                elif read.rstrip(".!?") in shown_text:
                    secrets.shared_with_text.append(where)
                else:
                    secrets.strings.setdefault(written, where)
                    secrets.strings.setdefault(read, where)
    return secrets


def _views(text: str) -> list[str]:
    """The text as written, plus each way it could be decoded to hide a string."""
    unescaped = html.unescape(text)
    # The words of a page with its tags taken out: rendered feedback may carry <em> and such.
    decoded = [unescaped, HTML_TAG.sub("", unescaped), urllib.parse.unquote_plus(text), _json_unescape(text)]
    views = [text, *(view for view in decoded if view != text)]
    for run in BASE64_RUN.findall(text):
        decoded = _b64(run)
        if decoded:
            views.append(decoded)
    return views


def _without_search_terms(text: str) -> str:
    """Sphinx's ``searchindex.js`` maps every word of the book to page numbers
    (``"answer": [0, 2]``), which looks like an answer-key key. Its word maps are dropped for
    the marker test only, after checking they hold nothing but page numbers; answer-key text
    is still looked for in the whole file."""
    if not text.startswith(SEARCH_INDEX_START):
        return text
    try:
        index = json.loads(text[len(SEARCH_INDEX_START):].rstrip().removesuffix(")"))
    except ValueError:
        return text
    if not isinstance(index, dict):
        return text
    for key in ("terms", "titleterms"):
        words = index.get(key, {})
        if all(isinstance(v, int) or (isinstance(v, list) and all(isinstance(n, int) for n in v))
               for v in words.values()):
            index.pop(key, None)
    return json.dumps(index)


def _json_unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        if match.group(1):
            return chr(int(match.group(1), 16))
        return {"n": "\n", "t": "\t", "r": "\r"}.get(match.group(2), match.group(2))
    return JSON_ESCAPE.sub(one, text)


def _b64(run: str) -> str | None:
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            return decoder(run + "=" * (-len(run) % 4)).decode("utf-8")
        except (binascii.Error, ValueError):
            continue
    return None


def scan_bytes(name: str, data: bytes, secrets: Secrets) -> list[Finding]:
    if data[:2] == b"\x1f\x8b":
        try:
            return scan_bytes(f"{name} (gunzipped)", gzip.decompress(data), secrets)
        except (OSError, EOFError):
            pass
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return [f for member in archive.namelist()
                        for f in scan_bytes(f"{name}!{member}", archive.read(member), secrets)]
        except zipfile.BadZipFile:
            pass
    text = data.decode("utf-8", errors="replace")
    marked = _without_search_terms(text)
    findings = [Finding(name, f"{what} ({m.group(0)!r})") for what, pattern in MARKERS.items()
                for m in [pattern.search(marked)] if m]
    for view in _views(text):
        folded = fold(view)
        findings += [Finding(name, f"answer key text: {where}")
                     for secret, where in secrets.strings.items() if secret in folded]
    return sorted(set(findings), key=str)


def scan_folder(folder: Path, secrets: Secrets) -> list[Finding]:
    """Every file under ``folder``, every byte."""
    return [f for path in sorted(folder.rglob("*")) if path.is_file()
            for f in scan_bytes(str(path.relative_to(folder)), path.read_bytes(), secrets)]
