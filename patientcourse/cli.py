"""The ``patientcourse`` command line. One module per command in ``patientcourse/commands``;
each exposes ``register(app)``. Exit codes: 0 ok, 1 a check or build failed, 2 bad input."""
from __future__ import annotations

import importlib

from . import _startup  # noqa: F401  (first: it keeps a slow optional import out)

import typer  # noqa: E402

app = typer.Typer(help="Turn a health article's course source into a patient-education Jupyter Book.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

COMMANDS = [
    "generate",
    "build",
    "check",
    "assign",
    "grade",
    "guide",
    "export",
    "trace",
    "new",
    "handouts",
]

for name in COMMANDS:
    importlib.import_module(f"patientcourse.commands.{name}").register(app)


def main() -> None:
    app()
