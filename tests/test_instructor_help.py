"""The command line's help as an instructor reads it: whole sentences, and --chapters saying it
takes ids or numbers."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from patientcourse.cli import COMMANDS, app


def help_text(*args: str) -> str:
    # Wide enough that nothing wraps: a line break in a command's summary is then in its text.
    return CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "400", "TERM": "dumb"}).output


def test_top_level_help_gives_each_command_one_whole_sentence_or_more():
    rows = {}
    for line in help_text().splitlines():
        match = re.match(r"[│|]\s+([a-z]+)\s{2,}(.*?)\s*[│|]$", line)
        if match:
            rows[match.group(1)] = match.group(2)
        elif re.match(r"[│|]\s{3,}\S", line):
            pytest.fail(f"a command's summary runs onto a second line: {line.strip()}")
    assert sorted(rows) == sorted(COMMANDS)
    for name, summary in rows.items():
        assert summary.endswith("."), (name, summary)


@pytest.mark.parametrize("command", ["grade", "guide", "export"])
def test_chapters_option_says_ids_or_numbers(command):
    text = " ".join(re.sub(r"[│|]", " ", help_text(command)).split())
    assert re.search(r"--chapters .*ids or numbers", text), text
