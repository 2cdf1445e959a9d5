"""YAML that remembers where each value came from, so validation errors can name a line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import CourseError, Problem, dotted


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: pydantic then parses them, so a bad date
    (2026-13-01) becomes a located message instead of a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class LocatedYaml:
    """Parsed YAML plus a map from a field path to the 1-based line it sits on."""

    def __init__(self, text: str, file: Path, first_line: int = 1):
        self.file = file
        self._lines: dict[tuple, int] = {}
        try:
            node = yaml.compose(text, Loader=_Loader)
            self.data: Any = yaml.load(text, Loader=_Loader) if node is not None else None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + first_line if mark else None
            problem = getattr(err, "problem", None) or str(err)
            raise CourseError([Problem(file, line, "", f"this is not valid YAML ({problem}). "
                                       "Check the indentation and quote text that contains ': '.")])
        if node is not None:
            self._index(node, (), first_line - 1)

    def _index(self, node: yaml.Node, path: tuple, offset: int) -> None:
        self._lines[path] = node.start_mark.line + 1 + offset
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                self._index(value, child, offset)
                self._lines[child] = key.start_mark.line + 1 + offset
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._index(item, path + (i,), offset)

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


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseError([Problem(path, None, "", "this file does not exist. "
                                   "Create it, or remove it from the list that names it.")])
    except UnicodeDecodeError as err:
        raise CourseError([Problem(path, None, "", f"this file is not UTF-8 text ({err.reason}). "
                                   "Save it as UTF-8.")])


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
        raise CourseError([source.problem(loc_prefix + tuple(e["loc"]), _friendly(e),
                                          model_level=e["type"] == "value_error", keep_first=len(loc_prefix))
                           for e in err.errors()])
