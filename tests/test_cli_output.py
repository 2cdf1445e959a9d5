"""What the command line prints for people and tools: every `file:line: ...` location, and
every path, comes out whole on one line and exactly as it is, at any terminal width and
however long the path (an editor jumps to it, grep finds it).

The CLI runs as a user runs it (a fresh process) with a 30-column terminal, a temporary
folder ~120 characters long, and a course folder whose name looks like rich markup."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_check_fixtures import BODY, write_course

from support import MINI_COURSE

# A folder name that rich would read as markup ([bold], [/]) and as an emoji code (:x:).
ODD_NAME = "[bold]odd:x:[/]"


def long_folder(base: Path, length: int = 120) -> Path:
    """A folder under ``base`` whose path is ``length`` characters or more."""
    folder = base / ODD_NAME
    folder = folder / ("d" * max(10, length - len(str(folder)) - 1))
    folder.mkdir(parents=True)
    assert len(str(folder)) >= length
    return folder


def run_cli(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="30", TMPDIR=str(long_folder(tmp / "tmpdir")))
    env.pop("LINES", None)
    return subprocess.run([sys.executable, "-m", "patientcourse", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line.strip() for line in (result.stdout + result.stderr).splitlines()]


def test_a_located_problem_is_one_whole_line(tmp_path):
    course = Path(shutil.copytree(MINI_COURSE, long_folder(tmp_path) / "course"))
    quiz = course / "chapters" / "01-basics.quiz.yml"
    quiz.write_text(quiz.read_text().replace("correct: true", "correct: false"))
    result = run_cli("generate", "--course", str(course), "--project", str(tmp_path / "project"), tmp=tmp_path)
    assert result.returncode == 2, result.stderr
    expected = (f"{quiz}:2: questions[0]: options: a single-choice question needs exactly one option with "
                "'correct: true'; this one has 0. Mark one, or use type: multiple.")
    assert expected in lines(result), result.stderr
    assert not (tmp_path / "project").exists()


def test_check_prints_each_location_and_longest_sentence_whole(tmp_path):
    body = BODY + "\n" + "".join(f"- Item {i}\n" for i in range(8))
    course = write_course(long_folder(tmp_path), body=body)
    chapter = course / "chapters" / "01-demo.md"
    result = run_cli("check", "--course", str(course), "--today", "2026-11-24", tmp=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    printed = lines(result)
    assert (f"{chapter}:17: error: [list-length] a list of 8 items (limit 7). Fix: Split it into two "
            "lists under their own sub-headings, or shorten it.") in printed
    # The warning that there are no notebooks next to the course names its file whole too.
    assert any(line.startswith(f"{course.parent / 'notebooks' / '01-demo.ipynb'}: warning: "
                               "[disclaimer-credit]") for line in printed), printed
    # Each of the longest sentences is a location an editor can open.
    assert any(line.startswith(f"{chapter}:") and ": longest sentence (" in line for line in printed), printed
    assert any(line.startswith("FAILED: 1 error(s)") for line in printed)


@pytest.mark.slow
def test_the_book_is_ready_names_the_whole_path(tmp_path):
    project = long_folder(tmp_path) / "project"
    project.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "_config.yml", project / "_config.yml")
    course = Path(shutil.copytree(MINI_COURSE, tmp_path / "course"))
    result = run_cli("build", "--course", str(course), "--project", str(project), "--today", "2026-11-24",
                     tmp=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    index = project / "_build" / "html" / "index.html"  # the stable path, not today's release folder
    assert f"The book is ready: {index}" in lines(result), result.stderr
    assert index.is_file()
