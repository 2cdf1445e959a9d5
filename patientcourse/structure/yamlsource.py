"""YAML that remembers where each value came from, so validation errors can name a line.

Course YAML is written by people, so it is read defensively: a key given twice is an error
at its second use (YAML itself lets the last one win silently), and a file that nests deeper
than any course needs, or that aliases (``*name``) blow up into millions of values, is
refused with its line before it costs minutes and gigabytes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import CourseError, Problem, dotted
from .sourcefile import read_text
from .unique import DuplicateError, duplicates

__all__ = ["LocatedYaml", "read_text", "validate"]

# Far above what a course needs (the real course's files nest 6 deep and hold at most
# ~1,500 values each), far below what costs time: 50,000 values compose in about a second.
MAX_DEPTH = 40
MAX_VALUES = 50_000


class _Refused(Exception):
    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _Base(yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser (several times faster on a big file) under PyYAML's own composer,
        so composing can be watched node by node (see ``_Loader``)."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # PyYAML without libyaml: the same, all in Python
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """Safe YAML that leaves dates as text (pydantic then parses them, so a bad date such as
    2026-13-01 becomes a located message instead of a crash), stops at MAX_DEPTH or
    MAX_VALUES, and remembers where aliases are."""

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0
        self.values = 0
        self.alias_marks: list = []

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.alias_marks.append(event.start_mark)
        else:
            self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(event.start_mark, f"this file holds more than {MAX_VALUES:,} values; a course file "
                                             "needs far fewer. Split it, or remove what does not belong in it.")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"the YAML here is nested more than {MAX_DEPTH} levels deep. "
                                             "Course files need only a few levels; check the brackets and "
                                             "indentation.")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the node stands for once every alias is written out (each node is
    counted once however often it is aliased, so this is fast even for an alias bomb)."""
    if id(node) not in memo:
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        memo[id(node)] = 1 + sum(_expanded_size(child, memo) for child in children)
    return memo[id(node)]


class LocatedYaml:
    """Parsed YAML plus a map from a field path to the 1-based line it sits on."""

    def __init__(self, text: str, file: Path, first_line: int = 1):
        self.file = file
        self._first = first_line
        self._lines: dict[tuple, int] = {}
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None and _expanded_size(node, {}) > MAX_VALUES:
                mark = loader.alias_marks[0] if loader.alias_marks else node.start_mark
                raise _Refused(mark, f"this file stands for more than {MAX_VALUES:,} values once its aliases "
                                     "(*name) are written out. Write the repeated text out, or remove the aliases.")
            self.data: Any = loader.construct_document(node) if node is not None else None
        except _Refused as err:
            raise CourseError([Problem(file, self._line(err.mark), "", err.message)]) from None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            problem = getattr(err, "problem", None) or str(err)
            raise CourseError([Problem(file, self._line(mark) if mark else None, "",
                                       f"this is not valid YAML ({problem}). Check the indentation and quote "
                                       "text that contains ': '.")]) from None
        finally:
            loader.dispose()
        if node is not None:
            problems: list[Problem] = []
            self._index(node, (), problems)
            if problems:
                raise CourseError(problems)

    def _line(self, mark) -> int:
        return mark.line + self._first

    def _index(self, node: yaml.Node, path: tuple, problems: list[Problem]) -> None:
        self._lines[path] = self._line(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            keys = [(k.value, (self._line(k.start_mark),)) for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            for dup in duplicates(keys):
                problems.append(Problem(self.file, dup.second[0], dotted(path + (dup.key,)),
                                        f"{dup.key!r} is given twice in this mapping (first on line "
                                        f"{dup.first[0]}); YAML would silently keep only the last. Keep one."))
            for key, value in node.value:
                child = path + (key.value,)
                self._index(value, child, problems)
                self._lines[child] = self._line(key.start_mark)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, path + (i,), problems)

    def clean(self, loc: tuple, keep_missing_last: bool = True, keep_first: int = 0) -> tuple:
        """Drop parts pydantic adds that are not in the file (a union's tag, e.g. 'single').
        A missing last part is kept when it names a field the author must add, and so are the
        first ``keep_first`` parts (where validated data sits, even when the author left it out)."""
        kept: tuple = tuple(loc[:keep_first])
        for i, part in enumerate(loc[keep_first:], start=keep_first):
            last = i == len(loc) - 1
            if kept + (part,) in self._lines or not isinstance(part, str) or (last and keep_missing_last):
                kept += (part,)
        return kept

    def line_of(self, loc: tuple) -> int | None:
        """The line of the deepest part of ``loc`` that exists in the file."""
        loc = tuple(loc)
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return self._lines.get(())

    def problem(self, loc: tuple, message: str, *, model_level: bool = False, keep_first: int = 0) -> Problem:
        loc = self.clean(tuple(loc), keep_missing_last=not model_level, keep_first=keep_first)
        return Problem(self.file, self.line_of(loc), dotted(loc), message)

    def duplicate_problem(self, loc: tuple, err: DuplicateError) -> Problem:
        """A ``DuplicateError`` from the field at ``loc``: at the second use, naming the first."""
        first = self.line_of(loc + err.first)
        return self.problem(loc + err.second, err.message(f"on line {first}" if first else ""))


def _friendly(error: dict) -> str:
    """Pydantic's message, plus what to do about it."""
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "this field is required. Add it."
    if kind == "extra_forbidden":
        return "this field is not known. Check its spelling, or remove it."
    if kind.startswith(("string_", "int_", "float_", "bool_", "date_", "list_", "dict_", "literal_")):
        return f"{msg[0].lower()}{msg[1:]}. Got {error.get('input')!r}."
    if kind == "too_short" and error.get("ctx", {}).get("min_length") is not None:
        need = error["ctx"]["min_length"]
        return (f"this list needs at least {need} item{'s' if need != 1 else ''}. "
                f"Add {'them' if need != 1 else 'one'}.")
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg


def _problem(source: LocatedYaml, error: dict, loc_prefix: tuple = ()) -> Problem:
    loc = loc_prefix + tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, DuplicateError):
        return source.duplicate_problem(loc, cause)
    return source.problem(loc, _friendly(error), model_level=error["type"] == "value_error",
                          keep_first=len(loc_prefix))


def validate(model: type[BaseModel], source: LocatedYaml, data: Any = None, context: dict | None = None,
             loc_prefix: tuple = ()):
    """Validate YAML data into ``model``; every pydantic error becomes a located Problem.
    ``loc_prefix`` is where ``data`` sits in the file when it is not the whole document."""
    data = source.data if data is None else data
    if not isinstance(data, dict):
        raise CourseError([source.problem(loc_prefix, "expected a mapping of 'field: value' lines here.")])
    try:
        return model.model_validate(data, context=context)
    except ValidationError as err:
        raise CourseError([_problem(source, e, loc_prefix) for e in err.errors()])
