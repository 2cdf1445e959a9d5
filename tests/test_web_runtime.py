"""The book's script is made from its sources in patientcourse/web/ and must be up to date."""
from __future__ import annotations

from patientcourse.web import SCRIPT, SOURCES, assemble


def test_the_served_script_is_made_from_the_sources():
    assert SCRIPT.read_text(encoding="utf-8") == assemble(), (
        "patientcourse/static/patientcourse.js is out of date: run `make js`.")


def test_every_part_registers_before_start_runs():
    # start.js runs what the others registered, so it must come last; core.js defines the
    # registry, so it must come first.
    assert SOURCES[0] == "core.js" and SOURCES[-1] == "start.js"
    script = assemble()
    assert script.index("PC.onStart = function") < script.index("PC.onStart(function ()")
