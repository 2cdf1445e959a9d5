"""A build keeps each chapter's check parts (checks/parts.py) and, after an edit, runs again only
the parts that read what changed. What it reports must be exactly what a fresh check of the
edited course reports: the same findings, scores and report page."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from support import COURSE_DIR, REPO, edit, make_project

SOURCE = REPO.parent / "shared" / "source" / "fascia-massage-article.txt"
TODAY = dt.date(2026, 12, 1)
PROSE = "You can buy one online or at a sporting goods store."
DEFINITION = "A soft sheet of tissue that forms under the skin."


@pytest.fixture
def project(tmp_path) -> Path:
    """A project holding a copy of the real course whose course.yml names the article by its full path."""
    project = make_project(tmp_path / "project")
    course = Path(shutil.copytree(COURSE_DIR, project / "course"))
    edit(course / "course.yml", "file: ../shared/source/fascia-massage-article.txt", f"file: {SOURCE}")
    return project


@pytest.fixture
def ran(monkeypatch) -> dict[str, list[str]]:
    """The chapters whose own part and whose glossary part ran (were not taken from the store)."""
    import patientcourse.checks.run as run

    ran = {"chapter": [], "glossary": []}
    chapter_part, rules = run._chapter_part, run._rules

    def counting_chapter_part(course, chapter, t):
        ran["chapter"].append(chapter.id)
        return chapter_part(course, chapter, t)

    def counting_rules(course, chapter, t, which):
        if which is run.GLOSSARY_RULES:
            ran["glossary"].append(chapter.id)
        return rules(course, chapter, t, which)

    monkeypatch.setattr(run, "_chapter_part", counting_chapter_part)
    monkeypatch.setattr(run, "_rules", counting_rules)
    return ran


def checked_build(project: Path, monkeypatch):
    """``build_book`` up to the HTML (Jupyter Book is tested elsewhere): its check and its report page."""
    import patientcourse.book.pipeline as pipeline

    pages = {}

    def no_html(project_dir, files, **kwargs):
        pages["report"] = files["book/report.md"]
        return Path(project_dir) / "_build" / "html"

    monkeypatch.setattr(pipeline, "build_html", no_html)
    try:
        built = pipeline.build_book(project / "course", project, today=TODAY)
    except pipeline.CheckFailed as failed:  # the build stops and shows this report; no page is made
        return failed.report, None
    assert built.check.report is not None, "the check was reused whole, not run again"
    return built.check.report, pages["report"]


def fresh(project: Path):
    """A check of the course as it is now, with nothing stored: what `patientcourse check` runs."""
    from patientcourse.checks import run_checks
    from patientcourse.render.project import render_report
    from patientcourse.structure import load_course

    course = load_course(project / "course")
    report = run_checks(course, today=TODAY, notebooks_dir=project / "_build" / ".run" / "notebooks")
    return report, render_report(course, report)["book/report.md"]


def same(incremental, fresh_one) -> None:
    (report, page), (expected, expected_page) = incremental, fresh_one
    assert json.dumps(report.to_json()) == json.dumps(expected.to_json())
    assert page is None or page == expected_page


def test_after_a_prose_edit_only_that_chapter_runs_and_the_report_is_a_fresh_checks(project, monkeypatch, ran):
    checked_build(project, monkeypatch)
    assert len(ran["chapter"]) == 5
    ran["chapter"].clear(), ran["glossary"].clear()

    edit(project / "course" / "chapters" / "03-exercises.md", PROSE, "You can buy one online or at a sports store.")
    incremental = checked_build(project, monkeypatch)
    assert ran == {"chapter": ["03-exercises"], "glossary": ["03-exercises"]}
    same(incremental, fresh(project))


def test_after_a_glossary_edit_only_the_glossary_rules_run_and_the_report_is_a_fresh_checks(project, monkeypatch,
                                                                                             ran):
    before, _ = checked_build(project, monkeypatch)
    ran["chapter"].clear(), ran["glossary"].clear()

    # A definition, and a term's other form that the chapters use without a link, so that the
    # glossary rules find something new.
    glossary = project / "course" / "glossary.yml"
    edit(glossary, DEFINITION, "A soft layer of tissue that lies beneath the skin.")
    edit(glossary, "also: [fasciae, fascial]", "also: [fasciae, fascial, skin]")
    incremental = checked_build(project, monkeypatch)
    assert ran["chapter"] == [] and len(ran["glossary"]) == 5

    def glossary_findings(report):
        return [str(f) for f in report.findings if f.rule in ("glossary-links", "glossary-list")]

    assert len(glossary_findings(incremental[0])) > len(glossary_findings(before))
    same(incremental, fresh(project))


def test_a_long_sentence_written_after_the_last_build_is_reported(project, monkeypatch):
    before, _ = checked_build(project, monkeypatch)
    long = ("You can buy one online or at a sporting goods store and you can also ask your physical therapist "
            "or your doctor which kind of roller would be the best one for you to use at home every day.")
    edit(project / "course" / "chapters" / "03-exercises.md", PROSE, long)
    after, page = checked_build(project, monkeypatch)

    def long_sentences(report):
        return [f.message for f in report.findings if f.rule == "long-sentence" and f.chapter == "03-exercises"]

    assert not any("also ask your" in m for m in long_sentences(before))
    assert any("a sentence of 39 words" in m and "also ask your" in m for m in long_sentences(after))
    assert page is None and not after.passed  # the sentence also lifts the grade past the limit
    same((after, page), fresh(project))

    # The failed check is never reused whole: the next build runs it again and stops again.
    again, _ = checked_build(project, monkeypatch)
    same((again, None), fresh(project))


def test_a_damaged_stored_part_is_run_again(project, monkeypatch, ran):
    checked_build(project, monkeypatch)
    parts = project / "_build" / ".check-cache" / "parts"
    for path in parts.glob("chapter-*.json"):
        path.write_text("{not json", encoding="utf-8")
    edit(project / "course" / "glossary.yml", DEFINITION, "A soft layer of tissue that lies beneath the skin.")
    ran["chapter"].clear()
    incremental = checked_build(project, monkeypatch)
    assert len(ran["chapter"]) == 5
    same(incremental, fresh(project))


def test_a_fact_removed_after_the_last_build_is_reported_by_the_trace(project, monkeypatch):
    """The trace runs every build, from the sentence splits and word frequencies the last check kept."""
    checked_build(project, monkeypatch)
    removed = "Some people taking antidepressants experience side effects like blurred vision, dry mouth, and nausea."
    edit(project / "course" / "chapters" / "05-alternatives.md",
         "Some people who take antidepressants get side effects.\nThese include blurred vision, dry mouth and "
         "{term}`nausea`, which means feeling sick to your stomach.\n", "")
    edit(project / "course" / "glossary.yml",
         "    definition: The article names it as a side effect some people get from antidepressants.\n", "")
    after, _ = checked_build(project, monkeypatch)
    assert [f.message for f in after.course_findings if f.rule == "source-trace"] == [
        f"the source sentence “{removed}” is not carried by the course (best match 26%) and not left out."]
    same((after, None), fresh(project))
