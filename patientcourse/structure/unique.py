"""One rule for "ids must be unique", wherever a course lists ids or names.

``duplicates`` finds every second use of a key. Inside a pydantic validator,
``require_unique`` raises ``DuplicateError``, which carries where both uses are, so
``yamlsource.validate`` can name the line of the second use and the line of the first.
Outside a model (sections, question ids across chapters) the loader turns ``duplicates``
into located problems itself.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple


class Duplicate(NamedTuple):
    key: str
    first: tuple  # where the key is used first (a path of keys and indexes, or a line)
    second: tuple  # where it is used again


def duplicates(entries: Iterable[tuple[str, tuple]], *, fold_case: bool = False) -> list[Duplicate]:
    """Every entry whose key was seen before, with where it was seen first."""
    seen: dict[str, tuple] = {}
    found = []
    for key, where in entries:
        norm = key.casefold() if fold_case else key
        if norm in seen:
            found.append(Duplicate(key, seen[norm], where))
        else:
            seen[norm] = where
    return found


class DuplicateError(ValueError):
    """A key used twice, found by a model validator; ``first`` and ``second`` are paths
    relative to the field being validated."""

    def __init__(self, what: str, duplicate: Duplicate, fix: str):
        self.what, self.duplicate, self.fix = what, duplicate, fix
        self.key, self.first, self.second = duplicate
        super().__init__(self.message(f"as item {duplicate.first[0] + 1}" if duplicate.first else ""))

    def message(self, first_where: str) -> str:
        """``first_where`` completes "first ...", e.g. "on line 12"."""
        where = f" (first {first_where})" if first_where else ""
        return f"{self.what} {self.key!r} is used twice{where}. {self.fix}"


def require_unique(entries: Iterable[tuple[str, tuple]], *, what: str, fix: str,
                   fold_case: bool = False) -> None:
    """Raise ``DuplicateError`` for the first key used twice (for pydantic validators)."""
    found = duplicates(entries, fold_case=fold_case)
    if found:
        raise DuplicateError(what, found[0], fix)
