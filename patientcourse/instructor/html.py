"""HTML and XML of the instructor outputs (item report, feedback pages, SCORM manifest, QTI
items), from the Jinja2 templates in ``templates/`` with autoescape on: text from the course
or from a results file is always text, never markup."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _number(value: float | None, places: int = 2) -> str:
    """0.5 -> "0.5", 1.0 -> "1", None -> "—" (a statistic that cannot be computed)."""
    if value is None:
        return "—"
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


@lru_cache(maxsize=1)
def environment() -> Environment:
    # Every template escapes (XML templates too: &, <, > and quotes are escaped the same way).
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = _number
    env.filters["percent"] = _percent
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
