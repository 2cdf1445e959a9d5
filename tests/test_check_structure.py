"""The PEMAT / CDC-CCI structure rules: each with a fixture that fails and one that passes."""
from __future__ import annotations

import datetime as dt

import pytest
from test_check_fixtures import BODY, FRONT, SVG, TODAY, make_course

from patientcourse.checks import run_checks


def found(course, rule, today=TODAY, notebooks_dir=None):
    report = run_checks(course, today=today, notebooks_dir=notebooks_dir)
    return [f for f in report.findings if f.rule == rule]


def test_fixture_course_passes_every_rule(tmp_path):
    report = run_checks(make_course(tmp_path), today=TODAY, notebooks_dir=None)
    assert report.passed and report.findings == []


# main message first -------------------------------------------------------------------

def test_main_message_of_two_sentences_is_a_warning(tmp_path):
    front = FRONT.replace("main_message: Fascia is a thin sheet of tissue around your muscles.",
                          "main_message: Fascia is a thin sheet. It wraps your muscles.")
    [f] = found(make_course(tmp_path, front=front), "main-message")
    assert (f.severity, f.line) == ("warning", 3)
    assert "2 sentence(s)" in f.message


def test_blank_main_message_is_an_error(tmp_path):
    front = FRONT.replace("main_message: Fascia is a thin sheet of tissue around your muscles.",
                          "main_message: ' '")
    [f] = found(make_course(tmp_path, front=front), "main-message")
    assert (f.severity, f.line, f.file.endswith("01-demo.md")) == ("error", 3, True)


# objectives and key points -----------------------------------------------------------

def test_too_many_objectives_is_a_warning(tmp_path):
    extra = "".join(f"  - id: goal-{i}\n    text: Do thing {i}.\n" for i in range(4))
    front = FRONT.replace("key_points:", extra + "key_points:")
    [f] = found(make_course(tmp_path, front=front), "objectives")
    assert f.severity == "warning" and "5 learning objectives" in f.message


def test_no_objectives_is_an_error(tmp_path):
    # The loader already refuses this; the check must still say so for a course built in code.
    course = make_course(tmp_path)
    chapter = course.chapters[0]
    bare = chapter.model_copy(update={"meta": chapter.meta.model_copy(update={"objectives": []})})
    [f] = found(course.model_copy(update={"chapters": [bare]}), "objectives")
    assert f.severity == "error" and f.line == 4


def test_blank_key_points_is_an_error(tmp_path):
    front = FRONT.replace("  - Fascia wraps your muscles.", "  - ' '")
    [f] = found(make_course(tmp_path, front=front), "key-points")
    assert (f.severity, f.line) == ("error", 7)


# a heading every N words --------------------------------------------------------------

LONG_SECTION = "## What is fascia?\n\n{term}`Fascia` wraps your muscles.\n" + "Roll it slowly now.\n" * 70


def test_section_longer_than_the_limit_is_a_warning_at_its_heading(tmp_path):
    [f] = found(make_course(tmp_path, body=LONG_SECTION), "heading-spacing")
    assert (f.severity, f.line) == ("warning", 12)
    assert "284 words" in f.message


def test_a_sub_heading_splits_the_count(tmp_path):
    body = LONG_SECTION.replace("Roll it slowly now.\n" * 70,
                                "Roll it slowly now.\n" * 35 + "\n### Keep going\n\n" + "Roll it slowly now.\n" * 35)
    assert found(make_course(tmp_path, body=body), "heading-spacing") == []


def test_words_per_heading_comes_from_course_config(tmp_path):
    course = make_course(tmp_path, course_extra="checks:\n  words_per_heading: 300\n", body=LONG_SECTION)
    assert found(course, "heading-spacing") == []


# lists of at most 7 items ------------------------------------------------------------

def body_with_list(lines: str) -> str:
    return BODY + "\nDo this:\n\n" + lines


def test_list_of_eight_is_an_error_at_its_first_line(tmp_path):
    items = "".join(f"{i}. Step {i}\n" for i in range(1, 9))
    [f] = found(make_course(tmp_path, body=body_with_list(items)), "list-length")
    assert (f.severity, f.line) == ("error", 19)
    assert "8 items" in f.message


def test_list_of_seven_with_nested_items_and_continuations_passes(tmp_path):
    items = "".join(f"- Item {i}\n  more words\n" for i in range(1, 8)) + "  - nested a\n  - nested b\n"
    assert found(make_course(tmp_path, body=body_with_list(items)), "list-length") == []


def test_two_lists_split_by_a_paragraph_are_counted_apart(tmp_path):
    items = "".join(f"- Item {i}\n" for i in range(5)) + "\nThen this:\n\n" + "".join(f"- Item {i}\n" for i in range(5))
    assert found(make_course(tmp_path, body=body_with_list(items)), "list-length") == []


def test_long_front_matter_list_is_an_error(tmp_path):
    points = "".join(f"  - Point {i}.\n" for i in range(8))
    front = FRONT.replace("  - Fascia wraps your muscles.\n", points)
    [f] = found(make_course(tmp_path, front=front), "list-length")
    assert (f.severity, f.line) == ("error", 7) and "key_points has 8 items" in f.message


# when to get help --------------------------------------------------------------------

def test_self_care_chapter_without_help_box_is_an_error(tmp_path):
    course = make_course(tmp_path, front=FRONT + "self_care: true\nwhen_to_get_help:\n  - Talk to your doctor first.\n")
    assert found(course, "help-box") == []
    chapter = course.chapters[0]
    bare = chapter.model_copy(update={"meta": chapter.meta.model_copy(update={"when_to_get_help": []})})
    [f] = found(course.model_copy(update={"chapters": [bare]}), "help-box")
    assert (f.severity, f.line) == ("error", 10)


# glossary terms linked at first use ---------------------------------------------------

def test_unlinked_first_use_is_an_error_even_if_linked_later(tmp_path):
    body = "## What is fascia?\n\nFascia is thin.\nAgain: {term}`fascia` wraps muscles.\n"
    [f] = found(make_course(tmp_path, body=body), "glossary-links")
    assert (f.severity, f.line) == ("error", 14)
    assert "“fascia”" in f.message and "{term}`fascia`" in f.fix


def test_other_form_linked_through_the_role_target_passes(tmp_path):
    body = "## What is fascia?\n\nThe {term}`fasciae <fascia>` are thin. Fascia wraps muscles.\n"
    assert found(make_course(tmp_path, body=body), "glossary-links") == []


def test_longest_term_wins_and_quotations_are_skipped(tmp_path):
    glossary = ("terms:\n  - term: fascia\n    definition: A thin sheet of tissue.\n"
                "  - term: fascia massage\n    definition: Massage of the fascia.\n")
    front = FRONT.replace("glossary: [fascia]", "glossary: [fascia, fascia massage]")
    body = ("## What is fascia?\n\n> fascia is a sheath\n\n"
            "{term}`Fascia massage` is popular. {term}`Fascia` is thin.\n")
    assert found(make_course(tmp_path, glossary=glossary, front=front, body=body), "glossary-links") == []
    body = "## What is fascia?\n\n{term}`Fascia massage` is popular. Fascia is thin.\n"
    [f] = found(make_course(tmp_path, glossary=glossary, front=front, body=body), "glossary-links")
    assert "“fascia”" in f.message


def test_glossary_list_must_match_the_terms_used(tmp_path):
    body = BODY + "\nUse a {term}`foam roller`.\n"
    [f] = found(make_course(tmp_path, body=body), "glossary-list")
    assert f.severity == "warning" and "foam roller" in f.message and f.line == 9
    front = FRONT.replace("glossary: [fascia]", "glossary: [fascia, foam roller]")
    [f] = found(make_course(tmp_path, front=front), "glossary-list")
    assert "never uses: foam roller" in f.message
    assert found(make_course(tmp_path, front=front, body=body), "glossary-list") == []


# numbers for a human look ------------------------------------------------------------

def test_numbers_and_percentages_are_flagged_but_citations_are_not(tmp_path):
    body = BODY + "\nHold it for 1 minute, up to twenty minutes. About 20% of people (sources 15 and 16).\n"
    body += "See Chapter 3 and step 2.\n"
    [f] = found(make_course(tmp_path, body=body), "numbers")
    assert (f.severity, f.line) == ("info", 17)
    assert f.message.endswith("1, twenty, 20%.")
    assert found(make_course(tmp_path), "numbers") == []


# images: alt text and caption ---------------------------------------------------------

def test_markdown_image_needs_alt_text_and_a_caption(tmp_path):
    body = BODY + "\n![](roller.png)\n"
    messages = [f.message for f in found(make_course(tmp_path, body=body), "images")]
    assert messages == ["the image roller.png has no alt text.", "the image roller.png has no caption."]


def test_figure_directive_with_alt_and_caption_passes(tmp_path):
    good = BODY + "\n```{figure} figures/roller.svg\n:alt: A person lying on a foam roller\n\nRoll slowly.\n```\n"
    course = make_course(tmp_path, body=good, figures={"roller.svg": SVG})
    assert found(course, "images") == []
    # The loader refuses a figure without a caption; the check must still say so for a course
    # built in code.
    chapter = course.chapters[0]
    section = chapter.sections[0]
    bare = section.model_copy(update={"body": section.body.replace("\nRoll slowly.\n", "\n")})
    course = course.model_copy(update={"chapters": [chapter.model_copy(update={"sections": [bare]})]})
    [f] = found(course, "images")
    assert "no caption" in f.message and f.line == 17


def test_inline_svg_in_the_source_needs_a_name_and_a_figcaption(tmp_path):
    bad = BODY + '\n<svg viewBox="0 0 10 10"><circle r="4"/></svg>\n'
    problems = [f.message for f in found(make_course(tmp_path, body=bad), "images")]
    assert len(problems) == 2 and "no alt text" in problems[0] and "no caption" in problems[1]
    good = BODY + ('\n<figure>\n<svg role="img" aria-label="Layers of fascia"><title>Layers</title></svg>\n'
                   '<figcaption>The layers of fascia.</figcaption>\n</figure>\n')
    assert found(make_course(tmp_path, body=good), "images") == []


# review dates ------------------------------------------------------------------------

@pytest.mark.parametrize("today, expected", [
    (dt.date(2027, 12, 2), [("error", 5)]),     # 31 days after next_review_due (grace: 30)
    (dt.date(2027, 12, 1), [("warning", 5)]),   # 30 days after: still a warning
    (dt.date(2027, 11, 1), [("warning", 5)]),   # due today
    (dt.date(2027, 10, 20), [("warning", 5)]),  # due within 30 days
    (dt.date(2026, 11, 24), []),
])
def test_review_due_warns_then_fails_after_the_grace_days(tmp_path, today, expected):
    got = found(make_course(tmp_path), "review-dates", today=today)
    assert [(f.severity, f.line) for f in got] == expected
    assert all(f.file.endswith("course.yml") for f in got)


def test_grace_days_are_configurable(tmp_path):
    course = make_course(tmp_path, course_extra="checks:\n  review_grace_days: 3\n")
    [f] = found(course, "review-dates", today=dt.date(2027, 11, 5))
    assert f.severity == "error" and "4 days overdue, more than the 3 days allowed" in f.message
    [f] = found(course, "review-dates", today=dt.date(2027, 11, 4))
    assert f.severity == "warning"


def test_no_clock_means_no_review_finding(tmp_path):
    assert found(make_course(tmp_path), "review-dates", today=None) == []
