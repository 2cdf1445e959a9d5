"""Check every chapter's widgets file before anything is built, with file, line and field.

``load_course`` checks a widget's ``kind``/``after``; this checks its ``data`` against the
kind's model, so an author sees ``01-x.widgets.yml:14: widgets[0].data.layers[1].name: ...``
instead of a failure while the book executes the notebook.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ...structure.errors import Problem
from ...structure.yamlsource import LocatedYaml, read_text
from . import WIDGET_KINDS, unknown_kind
from .base import friendly_error


def widget_file_problems(path: Path) -> list[Problem]:
    """Problems in one ``NN-slug.widgets.yml`` (none when the file is absent: it is optional)."""
    if not path.exists():
        return []
    source = LocatedYaml(read_text(path), path)
    data = source.data if isinstance(source.data, dict) else {}
    widgets = data.get("widgets") or []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, ref in enumerate(widgets):
        if not isinstance(ref, dict):
            continue  # the loader's WidgetRef check reports this one
        kind = ref.get("kind")
        cls = WIDGET_KINDS.get(kind)
        if cls is None:
            problems.append(source.problem(("widgets", i, "kind"), unknown_kind(str(kind))))
            continue
        if kind in seen:
            problems.append(source.problem(("widgets", i, "kind"),
                            f"widgets[{seen[kind]}] is already a {kind!r} widget; a chapter shows each "
                            "kind once. Merge the two, or remove one."))
        seen[kind] = i
        try:
            cls.Data.model_validate(ref.get("data") or {})
        except ValidationError as err:
            problems += [source.problem(("widgets", i, "data", *e["loc"]), friendly_error(e))
                         for e in err.errors()]
    return problems


def course_widget_problems(course_root: Path | str, chapter_ids: list[str]) -> list[Problem]:
    folder = Path(course_root) / "chapters"
    return [p for chapter_id in chapter_ids for p in widget_file_problems(folder / f"{chapter_id}.widgets.yml")]
