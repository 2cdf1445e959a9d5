"""Plain language beyond the grade: jargon (wordfreq's Zipf scale, threshold in
checks/thresholds.py) and the automatable PEMAT-P items on the quality report."""
from __future__ import annotations

from test_check_fixtures import BODY, FRONT, GLOSSARY_YML, TODAY, make_course
from patientcourse.checks import run_checks
from patientcourse.checks.pemat import pemat_items
from patientcourse.checks.thresholds import Thresholds
from patientcourse.render.report_page import report_page

RARE = "## What is fascia?\n\n{term}`Fascia` is a thin sheet of tissue. It can become fibrotic after a strain.\n"


def jargon(course):
    return [f for f in run_checks(course, today=TODAY, notebooks_dir=None).findings if f.rule == "jargon"]


def test_a_rare_unexplained_word_is_reported_where_it_is(tmp_path):
    [f] = jargon(make_course(tmp_path, body=RARE))
    assert (f.severity, f.line, f.file.endswith("01-demo.md")) == ("warning", 14, True)
    assert f.message.startswith("“fibrotic” is rare in everyday English (Zipf 2.0")
    assert "limit 3.0" in f.message and "{term}`fibrotic`" in f.fix


def test_no_jargon_finding_when_the_word_is_in_the_glossary_explained_or_a_name(tmp_path):
    glossary = GLOSSARY_YML + "  - term: fibrotic\n    definition: Stiff and scarred.\n"
    linked = RARE.replace("become fibrotic", "become {term}`fibrotic`")
    assert jargon(make_course(tmp_path / "a", body=linked, glossary=glossary,
                              front=FRONT.replace("glossary: [fascia]", "glossary: [fascia, fibrotic]"))) == []
    explained = RARE.replace("fibrotic after a strain.", "fibrotic, which means stiff and scarred (like a scar).")
    assert jargon(make_course(tmp_path / "b", body=explained)) == []
    named = RARE.replace("It can become fibrotic after a strain.", "Robin Blaisdell teaches massage.")
    assert jargon(make_course(tmp_path / "c", body=named)) == []


def test_the_jargon_threshold_is_set_in_course_yml(tmp_path):
    assert Thresholds().jargon_zipf == 3.0
    assert jargon(make_course(tmp_path, body=RARE, course_extra="checks:\n  jargon_zipf: 1.0\n")) == []


def items(course) -> dict:
    report = run_checks(course, today=TODAY, notebooks_dir=None)
    return {i.name: i for i in pemat_items(report.chapters[0], report.thresholds)}


def test_pemat_items_a_program_can_judge(tmp_path):
    good = items(make_course(tmp_path / "a"))
    assert {name: i.met for name, i in good.items()} == {
        "Uses common, everyday words": True, "Medical terms are defined": True,
        "Uses the active voice": True, "Breaks information into short sections": True,
        "Section headers are informative": True, "Provides a summary": True,
        "Breaks actions into numbered steps": None, "Visual aids have captions and text alternatives": None}
    passive = BODY.replace("A gentle rub can help it relax.",
                           "It is wrapped by skin. It was called a sheath. It is held by tissue.")
    assert items(make_course(tmp_path / "b", body=passive))["Uses the active voice"].met is False
    vague = BODY + "\n### Overview\n\nFascia is soft.\n"
    assert items(make_course(tmp_path / "c", body=vague))["Section headers are informative"].detail == "vague: Overview"
    self_care = FRONT.replace("glossary: [fascia]", "glossary: [fascia]\nself_care: true\n"
                              "when_to_get_help:\n  - See a doctor if it hurts.")
    steps = items(make_course(tmp_path / "d", front=self_care))["Breaks actions into numbered steps"]
    assert steps.met is False and steps.detail == "a self-care chapter without numbered steps"
    numbered = BODY + "\n1. Sit down.\n2. Rub gently.\n"
    assert items(make_course(tmp_path / "e", front=self_care, body=numbered))["Breaks actions into numbered steps"].met


def test_quality_report_shows_pemat_items_and_what_needs_a_person(course):
    page = report_page(course, run_checks(course, today=None, notebooks_dir=None, trace=False))
    assert "PEMAT-P (AHRQ) items that need a person, for every chapter:" in page
    assert "- The material makes its purpose completely evident." in page
    assert page.count("PEMAT-P items a program can judge:") == len(course.chapters)
    assert "| Breaks actions into numbered steps | met | numbered steps found |" in page
