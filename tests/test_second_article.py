"""A second course, end to end, from a short FICTIONAL article (tests/fixtures/articles,
clearly marked as invented and not medical advice): `new` → scripted edits → `check` →
`build`, and `jupyter-book build` on the same folder with no hand-edited _config.yml."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patientcourse.book.jupyterbook import jupyter_book_command
from patientcourse.cli import app

ARTICLE = Path(__file__).resolve().parent / "fixtures" / "articles" / "glimmer-knee.txt"
CH1, CH2 = "01-what-is-glimmer-knee", "02-how-is-glimmer-knee-treated"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, lambda _: new, text, count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(changed, encoding="utf-8")



def write_section(path: Path, heading: str, prose: str) -> None:
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\n\n(?:%.*\n)+", text, flags=re.M)
    assert match, heading
    path.write_text(text[:match.end()] + "\n" + prose.strip() + "\n" + text[match.end():], encoding="utf-8")


FRONT_1 = """---
title: What is glimmer knee?
main_message: Glimmer knee is an invented knee problem that makes the knee warm and hum.
objectives:
  - id: describe-glimmer
    text: Say what glimmer knee is and when it hums.
key_points:
  - Glimmer knee is an invented condition.
  - The knee feels warm and hums, mostly in cold weather.
glossary: [kneecap]
---
"""
FRONT_2 = """---
title: How is glimmer knee treated?
main_message: A warm compress and slow stair practice may quiet glimmer knee.
objectives:
  - id: use-compress
    text: Use a warm compress safely.
key_points:
  - Warm compresses and slow stair practice may quiet glimmer knee.
self_care: true
when_to_get_help:
  - See a made-up specialist if the humming lasts more than a week.
glossary: []
---
"""
QUIZ = """title: Check your understanding
questions:
  - id: {qid}
    type: truefalse
    prompt: {prompt}
    objective: {objective}
    section: {section}
    explanation: {explanation}
    answer: true
    if_true: Right. {explanation}
    if_false: Not quite. {explanation}
"""


def scripted_edits(root: Path) -> None:
    course = root / "course"
    yml = course / "course.yml"
    replace(yml, r"^audience: .*$", "audience: Adults testing a course builder with an invented knee problem.")
    replace(yml, r"^  publisher: ''$", "  publisher: Imaginary Health Blog (fictional)")
    replace(yml, r"^last_reviewed: null$", "last_reviewed: 2026-11-20")
    replace(yml, r"^next_review_due: null$", "next_review_due: 2027-11-20")
    (course / "glossary.yml").write_text(
        "terms:\n  - term: kneecap\n    definition: The small, flat bone at the front of your knee.\n",
        encoding="utf-8")
    ch1, ch2 = course / "chapters" / f"{CH1}.md", course / "chapters" / f"{CH2}.md"
    replace(ch1, r"(?s)\A---\n.*?\n---\n", FRONT_1)
    replace(ch2, r"(?s)\A---\n.*?\n---\n", FRONT_2)
    write_section(ch1, "Introduction", """
This article is fictional. It was made up for testing software.
Glimmer knee is not a real condition. Nothing here is medical advice.
The people, studies and numbers in it are invented.

Glimmer knee is an invented condition.
The knee feels warm and makes a faint humming sound when you climb stairs (source 1).
People with glimmer knee often say the sound is worse in cold weather (source 2).
""")
    write_section(ch1, "What Is Glimmer Knee?", """
The invented Society of Imaginary Joints describes glimmer knee as a soft layer around the {term}`kneecap`.
The layer hums when it is stiff (source 3).
The humming is harmless in most cases.
But it can keep some people awake at night.
""")
    write_section(ch2, "Warm Compresses", """
A warm compress can quiet the humming for up to two hours (source 4).

1. Wrap the compress in a thin cloth.
2. Hold it on the knee for ten minutes.
""")
    write_section(ch2, "Gentle Stair Practice", """
1. Climb three stairs slowly.
2. Rest for one minute.
3. Repeat this twice a day.
""")
    (course / "chapters" / f"{CH1}.quiz.yml").write_text(QUIZ.format(
        qid="gk-what", prompt="Glimmer knee is an invented condition.", objective="describe-glimmer",
        section="what-is-glimmer-knee", explanation="The article says glimmer knee is invented."), encoding="utf-8")
    (course / "chapters" / f"{CH2}.quiz.yml").write_text(QUIZ.format(
        qid="gk-compress", prompt="You wrap a warm compress in a thin cloth.", objective="use-compress",
        section="warm-compresses", explanation="Wrap the compress in a thin cloth."), encoding="utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("second") / "glimmer"
    result = run("new", str(root), "--from", str(ARTICLE))
    assert result.exit_code == 0, result.output
    before = run("check", "--course", str(root / "course"), "--today", "2026-12-01")
    assert before.exit_code == 1 and "still holds only the article's passage" in before.output
    scripted_edits(root)
    generated = run("generate", "--course", str(root / "course"), "--project", str(root))
    assert generated.exit_code == 0, generated.output
    return root


def test_check_passes_once_the_author_has_written_the_course(edited):
    result = run("check", "--course", str(edited / "course"), "--notebooks", str(edited / "notebooks"),
                 "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.output
    trace = run("trace", "--course", str(edited / "course"), "--out", str(edited / "trace"))
    assert "0 not-carried" in trace.output, trace.output


@pytest.mark.slow
def test_the_second_course_builds_with_its_own_title_and_footer(edited):
    result = run("build", "--course", str(edited / "course"), "--project", str(edited), "--no-check")
    assert result.exit_code == 0, result.output
    html = edited / "_build" / "html"
    page = (html / "notebooks" / f"{CH2}.html").read_text(encoding="utf-8")
    assert "<title>2. How is glimmer knee treated? &#8212; Can Warm Humming Ease Glimmer Knee?</title>" in page
    assert "Adapted from “Can Warm Humming Ease Glimmer Knee?” by Dr. Ada Example, MD" in page
    assert 'class="pc-footer-disclaimer"' in page and "This fictional article is not a substitute" in page
    assert "Not yet reviewed by a medical reviewer. Next review due November 20, 2027." in page
    # The source block stays in the chapter file for reviewers; the book does not show it.
    assert "hold it on the knee for ten minutes" not in page and "SOURCE" not in page
    assert "Hold it on the knee for ten minutes." in page
    assert "Fascia" not in page  # nothing of the first course leaks in


@pytest.mark.slow
def test_jupyter_book_builds_the_draft_folder_as_it_is(edited, tmp_path):
    done = subprocess.run([*jupyter_book_command(), "build", str(edited), "--path-output", str(tmp_path)],
                          capture_output=True, text=True, cwd=edited)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    index = (tmp_path / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")
    assert "Can Warm Humming Ease Glimmer Knee?" in index and "pc-footer-disclaimer" in index
