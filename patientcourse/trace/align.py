"""Align source sentences with course sentences.

A plain-language course splits one long source sentence into two or three short ones and
swaps some words, so a source sentence is scored against *windows* of up to three course
sentences read in a row. The score is the share of the source sentence's meaning words
found in the window, each word weighted by how rare it is in everyday English (wordfreq's
Zipf scale: "the" counts for nothing, "fascia" for a lot). Words match when rapidfuzz finds
them close enough (muscle ~ muscles, administer ~ administered). A citation number the
source gives and the window repeats as "(source N)" is an anchor and adds to the score.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..checks.memo import zipf
from .units import COURSE_CITATION, SOURCE_CITATION, CourseSentence, SourceSentence

WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
WINDOW = 3  # course sentences read together
FUZZY_CUTOFF = 82  # rapidfuzz ratio above which two words are one word in another form
CITATION_BONUS = 0.15
# Words the source never uses, together this heavy (e.g. "diabetes" + "sugar"), make a course
# sentence news rather than a retelling, however many source words sit around them.
NOVEL_WEIGHT = 3.0
SHORT_WEIGHT = 2.0  # a source sentence lighter than this ("Get Started") must appear word for word


@dataclass(frozen=True)
class Limits:
    carried: float  # a window covering this share of a source sentence carries it
    weak: float  # ... this share carries it weakly (a reviewer should look)
    from_source: float  # a course sentence this much covered by the source comes from it


@lru_cache(maxsize=20000)
def weight(word: str) -> float:
    if word.isdigit():
        return 3.0  # numbers are facts (doses, minutes, counts)
    return min(3.5, max(0.0, 6.3 - zipf(word)))


def words(text: str, citation: re.Pattern) -> set[str]:
    text = citation.sub(" ", text.casefold().replace("’", "'"))
    return {w for w in WORD.findall(text) if weight(w) > 0}


def _equivalents(source_vocab: list[str], course_vocab: list[str]) -> dict[str, set[str]]:
    """For each source word, the course words that are the same word (or a form of it).

    Every way two words can be one (below) needs the same first four letters, so each source
    word is compared only with the course words that start like it (a slice of the sorted
    vocabulary), not with all of them."""
    course_set, ordered = set(course_vocab), sorted(course_vocab)
    same = {w: {w} if w in course_set else set() for w in source_vocab}
    for a in source_vocab:
        if len(a) < 4:
            continue
        start = bisect_left(ordered, a[:4])
        for b in ordered[start:bisect_left(ordered, a[:4] + "\uffff", start)]:
            # one word the start of the other (worse ~ worsened, pain ~ painful),
            # or five letters in common at the start (medications ~ medicines)
            if len(b) >= 4 and (b.startswith(a) or a.startswith(b) or len(a) >= 6 and a[:5] == b[:5]):
                same[a].add(b)
            # close enough in rapidfuzz's ratio, with the same stem (not pain ~ gain)
            elif len(b) >= 5 and fuzz.ratio(a, b, score_cutoff=FUZZY_CUTOFF) >= FUZZY_CUTOFF:
                same[a].add(b)
    return same


def align(sources: list[SourceSentence], courses: list[CourseSentence], limits: Limits) -> None:
    """Set status, score and carried_by on every source sentence, and from_source on every
    course sentence."""
    s_words = [words(s.text, SOURCE_CITATION) for s in sources]
    # The course quotes the article's own "(1, 2, 3)" on the Sources page: no citation is a word.
    c_words = [words(SOURCE_CITATION.sub(" ", c.text), COURSE_CITATION) for c in courses]
    same = _equivalents(sorted(set().union(*s_words)) if s_words else [],
                        sorted(set().union(*c_words)) if c_words else [])
    windows = _windows(courses)
    holding = _index(c_words)  # course word -> the course sentences that hold it
    starting = {}  # course sentence -> the windows it starts; a window's members run in a row
    for n, members in enumerate(windows):
        starting.setdefault(members[0], []).append(n)
    normals = None

    for s, sw in zip(sources, s_words):
        cover = _Cover(sw)
        total = cover.total
        # Which of the sentence's words each course sentence holds (in some form), as bits.
        hits: dict[int, int] = {}
        for w in sw:
            for i in {i for u in same[w] for i in holding.get(u, ())}:
                hits[i] = hits.get(i, 0) | cover.bit[w]
        # Every window with a member that holds one of the words, in window order.
        candidates = sorted({n for i in hits for start in range(max(0, i - WINDOW + 1), i + 1)
                             for n in starting.get(start, ()) if i in windows[n]})
        best, best_members = 0.0, []
        for n in candidates:  # in order: at equal score the first window wins, in every process
            members = windows[n]
            found = 0
            for i in members:
                found |= hits.get(i, 0)
            score = cover.share(found) if total else 0.0
            if s.citations and set(s.citations) & {x for i in members for x in courses[i].citations}:
                score += CITATION_BONUS
            # Prefer the smaller window at equal score: it says where the fact is.
            if score > best + 1e-9:
                best, best_members = score, members
        if total < SHORT_WEIGHT:
            normals = normals or [_normal(c.text) for c in courses]
            if not any(_normal(s.text) in n for n in normals):
                best, best_members = 0.0, []  # too few words to match by chance: only the words themselves
        s.score = round(min(best, 1.0), 3)
        s.carried_by = [i for i in best_members if _contributes(sw, same, c_words[i])]
        s.status = ("carried" if s.score >= limits.carried else "weak" if s.score >= limits.weak
                    else "not-carried")
    _course_side(sources, s_words, courses, c_words, same, limits)


class _Cover:
    """How much of one sentence's meaning words a set of found words covers, weighted.

    Each word is a bit of ``found``, and a share is summed once per set of found words (many
    windows find the same ones). The words are summed in the set's own order, as a plain
    ``sum`` over the set would, so every score is the same to the last bit."""

    def __init__(self, words: set[str]):
        self.order = list(words)
        self.bit = {w: 1 << k for k, w in enumerate(self.order)}
        self.total = sum(weight(w) for w in self.order)
        self._shares: dict[int, float] = {}

    def share(self, found: int) -> float:
        share = self._shares.get(found)
        if share is None:
            share = self._shares[found] = sum(weight(w) for k, w in enumerate(self.order) if found >> k & 1) / self.total
        return share


def _index(word_sets: list[set[str]]) -> dict[str, list[int]]:
    """word -> the positions of the sets that hold it."""
    index: dict[str, list[int]] = {}
    for i, found in enumerate(word_sets):
        for word in found:
            index.setdefault(word, []).append(i)
    return index


def _normal(text: str) -> str:
    return " ".join(WORD.findall(text.casefold().replace("’", "'")))


def _windows(courses: list[CourseSentence]) -> list[tuple[int, ...]]:
    out = []
    for i, c in enumerate(courses):
        for size in range(1, WINDOW + 1):
            members = tuple(range(i, i + size))
            if members[-1] < len(courses) and all(courses[j].stream == c.stream for j in members):
                out.append(members)
    return out


def _contributes(sw: set[str], same: dict[str, set[str]], cw: set[str]) -> bool:
    return any(same[w] & cw for w in sw)


def _course_side(sources, s_words, courses, c_words, same, limits: Limits) -> None:
    """A course sentence comes from the source when the source's words (one sentence, or two
    in a row) cover most of its meaning words, or when it helps carry a source sentence."""
    reverse: dict[str, set[str]] = {}
    for w, forms in same.items():
        for u in forms:
            reverse.setdefault(u, set()).add(w)
    helped = {i: s.index for s in sources if s.status in ("carried", "weak") for i in s.carried_by}
    pairs = [(i,) for i in range(len(sources))] + [
        (i, i + 1) for i in range(len(sources) - 1) if sources[i].line == sources[i + 1].line]
    # The pairs each source sentence is in, by their place in ``pairs`` (the order ties are broken in).
    member_of: dict[int, list[int]] = {}
    for p, members in enumerate(pairs):
        for i in members:
            member_of.setdefault(i, []).append(p)
    holding = _index(s_words)  # source word -> the source sentences that hold it
    known = set(reverse)
    for c, cw in zip(courses, c_words):
        cover = _Cover(cw)
        total = cover.total
        novel = sum(weight(u) for u in cw if u not in known) >= NOVEL_WEIGHT
        best, where = 0.0, None
        if not total:  # nothing to cover: every pair covers all of it, and the first wins
            best, where = (1.0, pairs[0][0]) if pairs else (0.0, None)
        else:
            # Which of the course sentence's words each source sentence holds (in some form), as bits.
            hits: dict[int, int] = {}
            for u in cw:
                for i in {i for w in reverse.get(u, ()) for i in holding.get(w, ())}:
                    hits[i] = hits.get(i, 0) | cover.bit[u]
            for p in sorted({p for i in hits for p in member_of[i]}):
                found = 0
                for i in pairs[p]:
                    found |= hits.get(i, 0)
                score = cover.share(found)
                if score > best + 1e-9:
                    best, where = score, pairs[p][0]
        c.score = round(best, 3)
        c.source_index = where
        # A sentence that helps carry a source sentence counts if enough of it is the source's:
        # a new claim next to a carried fact does not ride along.
        c.from_source = not novel and (best >= limits.from_source or (c.index in helped and best >= limits.weak))
        if c.from_source and best < limits.from_source:
            c.source_index = helped[c.index]
