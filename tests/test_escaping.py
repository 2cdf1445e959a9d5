"""Nothing an author writes in the YAML runs as script: every text field reaches the
generated Markdown escaped (plain text) or as Markdown that cannot carry HTML; titles refuse
markup; and `check` reports raw HTML in chapter bodies. The same course in a real browser:
tests/browser/test_hostile_course.py."""
from __future__ import annotations

from html.parser import HTMLParser

import nbformat
import pytest
from hostile_course import FLAG, write_hostile_course
from test_check_fixtures import BODY, TODAY, make_course, write_course
from typer.testing import CliRunner

from patientcourse.book.pipeline import generate, load
from patientcourse.checks import run_checks
from patientcourse.checks.raw_html import _parser
from patientcourse.cli import app
from patientcourse.render.text import inline_markdown, plain
from patientcourse.structure import CourseError, load_course


def render(markdown: str) -> str:
    """HTML as the book's Markdown parser (MyST's markdown-it) makes it."""
    return _parser().render(markdown)


def generated_markdown(course) -> dict[str, str]:
    """Every piece of Markdown the project generates: book pages and notebook cells."""
    out = {}
    for rel, data in generate(course)[0].items():
        if rel.endswith(".md"):
            out[rel] = data.decode()
        elif rel.endswith(".ipynb"):
            for cell in nbformat.reads(data.decode(), as_version=4).cells:
                if cell.cell_type == "markdown":
                    out[f"{rel} {cell.id}"] = cell.source
    return out


def test_plain_text_shows_as_typed():
    typed = 'Heat & cold: *not* [x](javascript:alert(1)) <script>alert(1)</script> {term}`y` 1. # `z` \\<b>'
    html = render(plain(typed))
    assert "<script" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "*not*" in html and "\\&lt;b&gt;" in html
    # a line start that would begin a block stays text
    for start in ("- item", "1. item", "# heading", "> quote", ":::{note}", "```{raw} html", "% comment", "(label)="):
        assert render(plain(start)).startswith("<p>"), start


def test_markdown_fields_keep_emphasis_and_links_but_carry_no_html():
    html = render(inline_markdown('*Ask* your [doctor](https://example.org). <img src=x onerror="alert(1)"> '
                                  '"><svg onload=alert(1)> [x](javascript:alert(1)) <javascript:alert(1)> '
                                  '{raw}`<b>` {eval-rst}`x`'))
    assert "<em>Ask</em>" in html and '<a href="https://example.org">doctor</a>' in html
    assert "<img" not in html and "<svg" not in html and "javascript:" not in html.split("<p>")[0]
    assert 'href="javascript' not in html and "<b>" not in html
    assert "&lt;img src=x onerror=" in html and "{raw}" in html
    for start in ("- item", "```{raw} html", ":::{raw} html", "# heading", "(label)=", "+++"):
        assert render(inline_markdown(start)).startswith("<p>"), start
    # a field is one line: a fence cannot open on the next one
    assert render(inline_markdown("text\n```{raw} html\n<script>x</script>\n```")).count("<p>") == 1


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def dangerous_tags(html: str) -> list[str]:
    """Elements in an HTML snippet that could run script (our own escaped attributes are fine)."""
    parser = _Tags()
    parser.feed(html)
    return [tag for tag, attrs in parser.tags
            if tag in ("script", "img", "svg", "iframe", "object", "embed")
            or any(name.startswith("on") for name in attrs)
            or any((value or "").strip().lower().startswith("javascript:") for value in attrs.values())]


def smuggled(markdown: str, where: str) -> list[str]:
    """What of the payload the book's parser would turn into HTML, a link, or a raw block;
    directive bodies (admonitions, the glossary) are parsed as the book parses them."""
    found = []
    for token in _parser().parse(markdown):
        for t in [token, *(token.children or [])]:
            if t.type in ("html_block", "html_inline") and dangerous_tags(t.content):
                found.append(f"{where}: HTML {t.content!r}")
            if t.type == "link_open" and t.attrGet("href").lower().lstrip().startswith("javascript"):
                found.append(f"{where}: link {t.attrGet('href')!r}")
            if t.type in ("fence", "colon_fence") and t.info.startswith("{"):
                if t.info.startswith(("{raw}", "{eval-rst}")) and FLAG in t.content:
                    found.append(f"{where}: raw block {t.content!r}")
                found += smuggled(t.content, f"{where} {t.info}")
    return found


def test_no_yaml_field_puts_markup_into_the_generated_markdown(tmp_path):
    hostile = write_hostile_course(tmp_path / "course")
    course = load(hostile.root)
    planted = set(hostile.markers)
    seen = set()
    for where, markdown in generated_markdown(course).items():
        assert smuggled(markdown, where) == []
        seen |= {m for m in planted if m in markdown}
    # The markers of the fields the book shows in Markdown all came through, as text.
    for field in ("course.yml: title", "course.yml: disclaimer", "course.yml: source.authors.0.bio",
                  "course.yml: source.left_out.0.text",
                  "course.yml: source.left_out.0.reason", "course.yml: reviews.0.reviewer", "glossary.yml: terms.0.definition", "glossary.yml: terms.0.also.0",
                  "chapters/01-basics.md: main_message", "chapters/02-more.md: when_to_get_help.0",
                  "chapters/01-basics.quiz.yml: title"):
        [marker] = [m for m, w in hostile.markers.items() if w == field]
        assert marker in seen, field


@pytest.mark.parametrize("file, old, new, line, field", [
    ("course.yml", "title: A Mini Course", "title: A <b>Mini</b> Course", 2, "title"),
    ("chapters/01-basics.md", "title: The basics", "title: The basics\"><svg onload=alert(1)>", 2, "title"),
    ("chapters/01-basics.md", "title: The basics", "title: The basics\nshort_title: <i>Basics</i>", 3, "short_title"),
])
def test_a_title_with_markup_is_refused_where_it_is(mini_course_dir, file, old, new, line, field):
    path = mini_course_dir / file
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(CourseError) as info:
        load_course(mini_course_dir)
    [problem] = info.value.problems
    assert str(problem).startswith(f"{path}:{line}: {field}: a title is plain text: remove '<' and '>'")


RAW = {  # kind: (snippet, what the finding says, the line it points at)
    "inline tag": ("It is <b>thin</b>.", "the raw HTML tag '<b>'", "It is <b>thin</b>."),
    "image with a handler": ('A picture. <img src=x onerror="alert(1)">', "the raw HTML tag '<img src=x onerror",
                             'A picture. <img src=x onerror="alert(1)">'),
    "HTML block": ("<div>\nhello\n</div>", "raw HTML '<div>'", "<div>"),
    "raw block": ("```{raw} html\n<script>alert(1)</script>\n```", "a {raw} block", "```{raw} html"),
    "eval-rst block": ("```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```", "a {eval-rst} block",
                       "```{eval-rst}"),
    "raw block in an admonition": (":::{note}\nSee this.\n\n```{raw} html\n<b>x</b>\n```\n:::", "a {raw} block",
                                   "```{raw} html"),
}


@pytest.mark.parametrize("kind", sorted(RAW))
def test_check_reports_raw_markup_in_a_chapter_body_where_it_is(tmp_path, kind):
    snippet, what, line = RAW[kind]
    course = make_course(tmp_path, body=BODY + "\nMore words here.\n\n" + snippet + "\n")
    [finding] = [f for f in run_checks(course, today=TODAY, notebooks_dir=None).findings if f.rule == "raw-html"]
    source = (tmp_path / "course" / "chapters" / "01-demo.md").read_text().split("\n")
    assert finding.severity == "error" and what in finding.message
    assert source[finding.line - 1] == line
    assert "allow_raw_html: true" in finding.fix


def test_trusted_authors_may_write_raw_html(tmp_path):
    body = BODY + "\nIt is <b>thin</b>.\n"
    strict = make_course(tmp_path / "strict", body=body)
    trusting = make_course(tmp_path / "trusting", body=body, course_extra="allow_raw_html: true\n")
    assert [f.line for f in run_checks(strict, today=TODAY, notebooks_dir=None).findings if f.rule == "raw-html"]
    assert [f for f in run_checks(trusting, today=TODAY, notebooks_dir=None).findings if f.rule == "raw-html"] == []


def test_the_check_command_fails_on_raw_html_naming_the_line(tmp_path):
    course = write_course(tmp_path, body=BODY + "\nIt is <b>thin</b>.\n")
    result = CliRunner().invoke(app, ["check", "--course", str(course), "--today", "2026-11-24"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert f"{course}/chapters/01-demo.md:17: error: [raw-html] the raw HTML tag '<b>'" in result.output


def test_the_real_course_has_no_raw_html(course):
    assert not course.meta.allow_raw_html
    assert [f for f in run_checks(course, today=None, notebooks_dir=None).findings if f.rule == "raw-html"] == []
