"""The pages part of the benchmark: the jupyterquiz comparison page asks the same questions,
and the page targets (weight, first answerable) are judged from the numbers."""
from __future__ import annotations

import json

import nbformat

import verdicts
from firstanswer import jupyterquiz_questions, write_jupyterquiz_project
from reuse import REPO


def bundle_questions(chapter_id: str) -> list[dict]:
    bundle = json.loads((REPO / "notebooks" / "course.json").read_text(encoding="utf-8"))
    return bundle["chapters"][chapter_id]["quiz"]["questions"]


def test_jupyterquiz_gets_every_question_it_has_a_type_for_with_the_same_right_answers():
    questions = bundle_questions("01-fascia-anatomy")
    converted = jupyterquiz_questions(questions)
    expected = [q for q in questions if q["type"] in ("single", "multiple", "truefalse", "numeric")]
    assert [c["question"] for c in converted] == [q["prompt"] for q in expected]
    for ours, theirs in zip(expected, converted):
        if ours["type"] in ("single", "multiple"):
            assert [a["answer"] for a in theirs["answers"] if a["correct"]] == \
                   [o["text"] for o in ours["options"] if o["correct"]]
        elif ours["type"] == "truefalse":
            assert [a["answer"] for a in theirs["answers"] if a["correct"]] == [str(ours["answer"])]


def test_the_comparison_notebook_keeps_the_chapter_and_swaps_only_the_quiz(tmp_path):
    notebook = (REPO / "notebooks" / "01-fascia-anatomy.ipynb").read_bytes()
    project = write_jupyterquiz_project(tmp_path / "jq", notebook, bundle_questions("01-fascia-anatomy"))
    ours = nbformat.reads(notebook.decode("utf-8"), as_version=4)
    theirs = nbformat.read(project / "chapter.ipynb", as_version=4)
    markdown = [c.source for c in ours.cells if c.cell_type == "markdown"]
    assert [c.source for c in theirs.cells if c.cell_type == "markdown"] == markdown
    code = [c.source for c in theirs.cells if c.cell_type == "code"]
    assert len(code) == 1 and "display_quiz(" in code[0] and "chapter_widget(" not in code[0]


def test_page_targets_are_judged_from_the_numbers():
    page = {"page": "notebooks/01-x.html", "requests": 16, "bytes": 500_000, "gzip_bytes": 142_000,
            "files": {"_static/a.css": {"bytes": 300_000, "gzip_bytes": 65_000}}}
    first = {"ratio": 0.55, "ours_ms": 220.0, "jupyterquiz_ms": 400.0, "samples": 15, "ours_dom_ms": 150.0,
             "jupyterquiz_dom_ms": 300.0}
    targets = {t["name"]: t for t in verdicts.targets({"page_transfer": [page], "first_answerable": first})}
    assert targets["Chapter page, everything transferred (gzip)"]["met"] is True
    assert targets["First question answerable vs a jupyterquiz page"]["met"] is True
    heavy = {**page, "gzip_bytes": 876_000}
    slow = {**first, "ratio": 0.8}
    targets = {t["name"]: t for t in verdicts.targets({"page_transfer": [page, heavy], "first_answerable": slow})}
    assert targets["Chapter page, everything transferred (gzip)"]["met"] is False
    assert "Over by 626.0 KB" in targets["Chapter page, everything transferred (gzip)"]["why"]
    assert targets["First question answerable vs a jupyterquiz page"]["met"] is False
