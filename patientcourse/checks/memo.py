"""Pure functions whose results a build keeps from one check to the next.

Two lookups cost most of what is left of a check after an edit: pysbd's sentence split of
each text (about half a millisecond a text, mostly recompiling regular expressions) and
wordfreq's frequency of each word (loading wordfreq and its lists is 0.2 CPU s). Both depend
only on their input and the library's version, so a build seeds each ``Memo`` with what the
last check looked up (``checks/parts.py``, salted with the libraries' versions and the code)
and keeps what this one used. A lookup that is not there is made as before.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass
class Memo:
    """``function``'s results by input, remembered in this process; ``used`` are the inputs
    looked up since ``start(known)``."""
    function: Callable
    table: dict = field(default_factory=dict)
    used: set = field(default_factory=set)
    known: set = field(default_factory=set)

    def __call__(self, key):
        if key not in self.table:
            self.table[key] = self.function(key)
        self.used.add(key)
        return self.table[key]

    def start(self, known: dict) -> None:
        self.table.update(known)
        self.known, self.used = set(known), set()

    def to_keep(self) -> dict:
        """What the next check starts from: what this one looked up, and what it was given (a
        part taken from the store looks nothing up, yet its words are still the course's).
        When the entries no longer looked up outnumber the others (texts edited away), only
        this check's are kept, so the table stays near the course's size."""
        unused = self.known - self.used
        keys = self.used if len(unused) > len(self.used) else self.used | self.known
        return {key: self.table[key] for key in sorted(keys)}


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd  # loaded on the first text not in the table

    return pysbd.Segmenter(language="en", clean=False)


def _split(text: str) -> list[str]:
    return [s.strip() for s in _segmenter().segment(text) if s.strip()]


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loaded on the first word not in the table

    return zipf_frequency(word, "en")


SENTENCES = Memo(_split)  # text -> its sentences (pysbd, abbreviations and quotations known)
ZIPF = Memo(_zipf)  # English word -> how common it is (wordfreq's Zipf scale)
MEMOS = {"sentences": SENTENCES, "zipf": ZIPF}


def split_sentences(text: str) -> list[str]:
    return list(SENTENCES(text))


def zipf(word: str) -> float:
    return ZIPF(word)
