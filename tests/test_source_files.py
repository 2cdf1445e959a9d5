"""Source files that are not what they seem, and problems located where the author must look.

Each bad file makes ``patientcourse generate`` exit 2 with a message that names the file
(and line) at fault, writing nothing. The CLI runs in a fresh process under a memory cap and a
generous time limit: those only stop a runaway (an alias bomb used 6 GB); how fast each probe
really is comes from benchmarks/probe_sources.py, not from here."""
from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from bad_sources import PROBES

from support import edit, problems
from patientcourse.structure import load_course

RUNAWAY_MEMORY = 2**30  # bytes of address space: far above what a refusal needs
RUNAWAY_SECONDS = 120


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    lines = path.read_text().split("\n")
    found = [n for n, line in enumerate(lines, 1) if text in line]
    return found[occurrence - 1]


# -- files that are not what they seem ---------------------------------------------------------

EXPECTED = {
    "symlink-loop": r"{path}: this is a symbolic link that leads back to itself",
    "folder-for-a-file": r"{path}: this is a folder, but a file is expected here",
    "pipe-for-a-file": r"{path}: this is not a regular file",
    "oversized-file": r"{path}: this file is [\d.]+ MB; a course source file may be at most 2 MB",
    "alias-bomb": r"{path}:2: this file stands for more than [\d,]+ values once its aliases",
    "30-mb-chapter": r"{path}: this file is 30\.\d MB",
    # Refused by our own depth limit, or earlier by libyaml's (1,000 levels) when it is installed.
    "deep-nesting": r"{path}:1: (the YAML here is nested more than \d+ levels deep|this is not valid YAML "
                    r"\(exceeded maximum nesting depth\))",
    "not-utf-8": r"{path}:3:29: byte 0xff is not UTF-8 text",
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (RUNAWAY_MEMORY, RUNAWAY_MEMORY))


@pytest.mark.parametrize("probe", sorted(EXPECTED))
def test_a_bad_source_file_exits_2_naming_it(probe, mini_course_dir, tmp_path):
    planted = PROBES[probe](mini_course_dir)
    project = tmp_path / "project"
    result = subprocess.run([sys.executable, "-m", "patientcourse", "generate", "--course", str(mini_course_dir),
                             "--project", str(project)], capture_output=True, text=True,
                            timeout=RUNAWAY_SECONDS, preexec_fn=_cap_memory, env=dict(os.environ, COLUMNS="200"))
    assert result.returncode == 2, result.stdout + result.stderr
    pattern = EXPECTED[probe].format(path=re.escape(str(planted)))
    assert re.search(rf"^  {pattern}", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert not project.exists()


def test_a_link_to_a_missing_file_says_so(mini_course_dir):
    chapter = mini_course_dir / "chapters" / "02-more.md"
    chapter.unlink()
    chapter.symlink_to("gone.md")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{chapter}: this is a symbolic link to gone.md, which does not exist.")


# -- YAML read strictly ------------------------------------------------------------------------

def test_a_key_given_twice_is_an_error_at_the_second(mini_course_dir):
    quiz = mini_course_dir / "chapters" / "01-basics.quiz.yml"
    edit(quiz, "    type: single\n", "    type: matching\n    type: single\n")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{quiz}:4: questions[0].type: 'type' is given twice in this mapping "
                              "(first on line 3)")


def test_a_key_given_twice_in_front_matter_counts_file_lines(mini_course_dir):
    chapter = mini_course_dir / "chapters" / "01-basics.md"
    edit(chapter, "title: The basics\n", "title: The basics\ntitle: The basics, again\n")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{chapter}:3: title: 'title' is given twice")


def test_aliases_that_stay_small_are_still_fine(mini_course_dir):
    glossary = mini_course_dir / "glossary.yml"
    edit(glossary, "    definition: A thin sheet of tissue that wraps muscles.",
         "    definition: &wrap A thin sheet of tissue that wraps muscles.")
    edit(glossary, "    definition: The material that fascia is made of.", "    definition: *wrap")
    course = load_course(mini_course_dir)
    assert course.glossary.terms[1].definition == "A thin sheet of tissue that wraps muscles."


# -- problems located at the offending line ----------------------------------------------------

def test_review_due_before_last_reviewed_points_at_next_review_due(mini_course_dir):
    course_yml = mini_course_dir / "course.yml"
    edit(course_yml, "next_review_due: 2099-01-01", "next_review_due: 2025-01-01")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{course_yml}:{line_of(course_yml, 'next_review_due')}: next_review_due: "
                              "next_review_due (2025-01-01) must come after last_reviewed (2026-01-01)")


def test_a_question_id_in_two_chapters_is_reported_in_both(mini_course_dir):
    first = mini_course_dir / "chapters" / "01-basics.quiz.yml"
    second = mini_course_dir / "chapters" / "02-more.quiz.yml"
    edit(second, "id: m-hold", "id: b-made-of")
    found = problems(mini_course_dir)
    assert len(found) == 2
    assert any(p.startswith(f"{first}:2: questions[0].id: question id 'b-made-of' is also used in "
                            f"{second}:2.") for p in found), found
    assert any(p.startswith(f"{second}:2: questions[0].id: question id 'b-made-of' is also used in "
                            f"{first}:2.") for p in found), found
    assert all("Question ids must be unique in the course" in p for p in found)


def test_a_duplicate_id_in_one_quiz_points_at_the_duplicate(mini_course_dir):
    quiz = mini_course_dir / "chapters" / "01-basics.quiz.yml"
    edit(quiz, "id: b-wraps", "id: b-made-of")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{quiz}:{line_of(quiz, 'id: b-made-of', 2)}: questions[1].id: question id "
                              f"'b-made-of' is used twice (first on line 2). Give each question its own id.")


def test_an_unknown_glossary_term_in_front_matter_points_at_its_line(mini_course_dir):
    chapter = mini_course_dir / "chapters" / "01-basics.md"
    edit(chapter, "glossary: [fascia, collagen]", "glossary:\n  - fascia\n  - elastin")
    [message] = problems(mini_course_dir)
    assert message.startswith(f"{chapter}:{line_of(chapter, '- elastin')}: glossary[1]: 'elastin' is not in "
                              "glossary.yml")


def test_a_chapter_without_sections_says_so_once(mini_course_dir):
    chapter = mini_course_dir / "chapters" / "02-more.md"
    edit(chapter, "## How long to hold\n", "")
    found = problems(mini_course_dir)
    assert any(p.startswith(f"{chapter}:13: the chapter has no section. Start it with a '## Heading' line")
               for p in found), found
    assert not any("before the first '## ' heading" in p for p in found), found
    # The quiz question that points at a section is told there is none, not "use one of: ."
    assert any("02-more.quiz.yml:6: questions[0].section: no section 'how-long-to-hold' in 02-more.md, "
               "which has no sections yet" in p for p in found), found


def test_front_matter_alone_is_a_chapter_without_sections(mini_course_dir):
    chapter = mini_course_dir / "chapters" / "02-more.md"
    chapter.write_text(chapter.read_text().split("## How long")[0].rstrip("\n"))  # ends right after ---
    found = problems(mini_course_dir)
    assert any(p.startswith(f"{chapter}:") and "the chapter has no section" in p for p in found), found
    assert not any("must start with YAML front matter" in p for p in found), found


@pytest.mark.parametrize("file, old, new, field, what, second", [
    ("chapters/01-basics.md", "    text: Say what fascia is.\n",
     "    text: Say what fascia is.\n  - id: name-fascia\n    text: Again.\n", "objectives[1].id", "objective id",
     ("- id: name-fascia", 2)),
    ("course.yml", "  - 02-more", "  - 02-more\n  - 01-basics", "chapters[2]", "chapter", ("  - 01-basics", 2)),
    ("glossary.yml", "  - term: collagen", "  - term: Fascia\n    definition: Again.\n  - term: collagen",
     "terms[1].term", "glossary term", ("- term: Fascia", 1)),
])
def test_every_kind_of_id_used_twice_is_located_at_the_second_use(mini_course_dir, file, old, new, field, what,
                                                                   second):
    path = mini_course_dir / file
    edit(path, old, new)
    [message] = problems(mini_course_dir)
    assert re.match(rf"{re.escape(str(path))}:{line_of(path, *second)}: {re.escape(field)}: {what} '[^']+' is "
                    r"used twice \(first on line \d+\)\.", message), message


def test_two_sections_with_one_id_point_at_the_second(mini_course_dir):
    chapter = mini_course_dir / "chapters" / "01-basics.md"
    edit(chapter, "## What is it made of?", "## What is fascia?")
    found = problems(mini_course_dir)
    second = line_of(chapter, "## What is fascia?", 2)
    assert any(p.startswith(f"{chapter}:{second}: section id 'what-is-fascia' is used twice (first on line "
                            f"{line_of(chapter, '## What is fascia?')}). Give each heading its own words.")
               for p in found), found


def test_yaml_nested_deeper_than_any_course_needs_is_refused_at_its_line(mini_course_dir):
    quiz = mini_course_dir / "chapters" / "02-more.quiz.yml"
    quiz.write_text("questions:\n  - id: m-hold\n    type: " + "[" * 60 + "]" * 60 + "\n")
    [message] = problems(mini_course_dir)
    assert re.match(rf"{re.escape(str(quiz))}:3: the YAML here is nested more than \d+ levels deep", message)


def test_a_file_with_more_values_than_any_course_needs_is_refused(mini_course_dir):
    glossary = mini_course_dir / "glossary.yml"
    glossary.write_text(glossary.read_text() + "    also:\n" + "      - x\n" * 60_000)
    [message] = problems(mini_course_dir)
    assert re.match(rf"{re.escape(str(glossary))}:\d+: this file holds more than [\d,]+ values", message)
