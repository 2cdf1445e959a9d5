"""The book's script and stylesheet are made from their sources in patientcourse/web/ and must
be up to date."""
from __future__ import annotations

import re

import pytest

from patientcourse.web import OUTPUTS, SCRIPTS, STATIC, assemble


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_the_served_file_is_made_from_the_sources(name):
    assert (STATIC / name).read_text(encoding="utf-8") == assemble(name), (
        f"patientcourse/static/{name} is out of date: run `make js`.")


def test_every_part_registers_before_start_runs():
    # start.js runs what the others registered, so it must come last; core.js defines the
    # registry, so it must come first.
    assert SCRIPTS[0] == "core.js" and SCRIPTS[-1] == "start.js"
    script = re.sub(r"\s+", "", assemble("patientcourse.js"))  # served minified
    assert script.index("PC.onStart=function") < script.index("PC.onStart(function(){")
