"""Line numbers for findings about front matter and quiz fields (read again from the files,
because the model keeps values, not where they came from)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..structure import Chapter
from ..structure.loader import FRONT_MATTER
from ..structure.yamlsource import LocatedYaml


@lru_cache(maxsize=64)
def _located(path: str, front_matter: bool, mtime: float) -> LocatedYaml:
    text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n")
    if front_matter:
        match = FRONT_MATTER.match(text)
        return LocatedYaml(match.group(1) if match else "{}", Path(path), first_line=2)
    return LocatedYaml(text, Path(path))


def _or_empty(path: Path, front_matter: bool) -> LocatedYaml:
    # A course built in memory (tests, other tools) has no files: findings then carry no line.
    if not path.is_file():
        return LocatedYaml("{}", path)
    return _located(str(path), front_matter, path.stat().st_mtime)


def front_matter(chapter: Chapter) -> LocatedYaml:
    return _or_empty(Path(chapter.file), True)


def quiz_source(chapter: Chapter) -> LocatedYaml:
    return _or_empty(Path(chapter.file).with_name(f"{chapter.id}.quiz.yml"), False)


def line_of(source: LocatedYaml, *loc) -> int | None:
    return source.line_of(tuple(loc))
