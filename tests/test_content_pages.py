"""What the course tells a reader about itself: the repaired sentences and the "(source N)"
marks on the Sources page, the help box named for what it holds, and glossary meanings that
are not the article's marked as such."""
from __future__ import annotations

import re

import nbformat
import pytest

from support import REPO
from test_check_fixtures import FRONT, GLOSSARY_YML, write_course
from patientcourse.render.project import render_project
from patientcourse.structure import CourseError, load_course


def fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_sources_page_shows_each_repaired_sentence_and_how_it_was_read(course):
    repairs = course.meta.source.repairs
    assert len(repairs) == 3
    page = render_project(course)["book/sources.md"].decode()
    assert "## Sentences we repaired" in page and "The source text has 3 broken sentences." in page
    for repair in repairs:
        assert f"The article says: “{repair.original}”" in page
        assert f"What is wrong: {repair.problem}" in page
        assert f"How we read it: “{repair.read_as}”" in page


def test_each_repaired_sentence_is_quoted_as_the_article_gives_it(course):
    article = fold((REPO / course.meta.source.file).read_text(encoding="utf-8"))
    originals = {r.original: r for r in course.meta.source.repairs}
    for original in originals:
        assert fold(original) in article, original
    # The two the article is known to break: a sentence with no subject, one with no verb.
    assert any("(Aleve). are available at pharmacies as well as online." in o for o in originals)
    assert any("can often short term pain relief" in o for o in originals)


def test_the_course_keeps_the_repaired_meaning_in_its_chapters(course):
    chapter = course.chapter("05-alternatives")
    text = "\n".join(s.body for s in chapter.sections)
    assert "You can buy them at drug stores and pharmacies, and online." in text
    assert "It can often give short-term pain relief, too (source 23)." in text


def test_source_marks_are_explained_where_first_used_and_on_every_chapter(course):
    first = next(c for c in course.chapters if any("(source " in s.body for s in c.sections))
    section = next(s for s in first.sections if "(source " in s.body)
    mark = section.body.index("(source ")
    explained = section.body.index("A mark like “(source 1)” gives the number the article uses")
    assert mark < explained < section.body.index("[Sources](../book/sources.md)")
    files = render_project(course)
    for chapter in course.chapters:
        nb = nbformat.reads(files[f"notebooks/{chapter.id}.ipynb"].decode(), as_version=4)
        footer = nb.cells[-1].source
        assert "A mark like “(source 2)” gives the number the article uses for one of its sources" in footer
        assert "[Sources](../book/sources.md)" in footer
    page = files["book/sources.md"].decode()
    assert "they appear as “(source N)” after the statement they support" in page


def test_help_boxes_are_named_for_what_they_hold_and_say_the_article_lists_no_warning_signs(course):
    files = render_project(course)
    boxes = [c for c in course.chapters if c.meta.when_to_get_help]
    assert [c.id for c in boxes] == ["03-exercises", "05-alternatives"]
    for chapter in boxes:
        assert chapter.meta.help_title == "Talk with a health care provider"
        assert chapter.meta.when_to_get_help[0].startswith("The article does not list warning signs")
        assert "Ask your provider what to watch for" in chapter.meta.when_to_get_help[0]
        nb = files[f"notebooks/{chapter.id}.ipynb"].decode()
        assert ":::{admonition} Talk with a health care provider" in nb
        assert "When to get help" not in nb


def test_the_help_box_title_defaults_to_when_to_get_help(tmp_path):
    course = load_course(write_course(tmp_path, front=FRONT + "self_care: true\nwhen_to_get_help: [Call your doctor.]\n"))
    assert ":::{admonition} When to get help" in render_project(course)["notebooks/01-demo.ipynb"].decode()


def test_glossary_marks_a_general_meaning_as_not_from_the_article(course):
    page = render_project(course)["book/glossary.md"].decode()
    strain = course.glossary.find("strain")
    entry = page.split("\nstrain\nstrains\n", 1)[1].split("\n\n\n", 1)[0]
    assert entry.startswith(f"  *General meaning, not from the article:* {strain.general}")
    assert strain.definition in entry
    # A word the article explains has no such mark.
    fascia = page.split("\nfascia\nfasciae\nfascial\n", 1)[1].split("\n\n", 1)[0]
    assert "General meaning" not in fascia
    assert "General meaning, not from the article" in page.split("```{glossary}")[0]


def test_glossary_entries_say_only_what_the_article_says_or_are_marked(course):
    """The entries the review found adding medical content now keep it apart, marked."""
    terms = {t.term: t for t in course.glossary.terms}
    assert terms["myofascial pain syndrome"].general and "Ongoing" not in terms["myofascial pain syndrome"].definition
    assert "ligament" not in terms["strain"].general
    assert "a lot" not in terms["steroid"].definition + terms["steroid"].general
    assert "significant positive effects on neck pain" in terms["steroid"].definition
    assert "big" not in terms["statistically significant"].general.split("how big")[0]
    assert "People who practice myofascial release say" in terms["scar tissue"].definition
    assert "some people believe" in terms["deep tissue massage"].definition


def test_a_term_needs_a_definition_or_a_general_meaning(tmp_path):
    glossary = GLOSSARY_YML.replace("    definition: A firm tube of foam you roll your body on.\n", "")
    with pytest.raises(CourseError) as info:
        load_course(write_course(tmp_path, glossary=glossary))
    [problem] = [str(p) for p in info.value.problems]
    assert re.search(r"glossary\.yml:\d+: terms\[1\]: give the term a 'definition'", problem)
