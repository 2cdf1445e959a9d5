"""`patientcourse new DIR --from ARTICLE`: what it finds in an article, the draft it writes,
what it refuses, and `check` on the draft as the author's to-do list."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from support import REPO
from patientcourse.authoring.detect import parse_article
from patientcourse.cli import app
from patientcourse.structure import load_course

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
FICTIONAL = ARTICLES / "glimmer-knee.txt"
REAL = REPO.parent / "shared" / "source" / "fascia-massage-article.txt"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_finds_the_parts_of_the_real_article():
    article = parse_article(REAL)
    assert article.title == "Can Fascia Massage Relieve Pain?" and article.badge == "Evidence based"
    assert article.last_updated == dt.date(2020, 1, 4)
    assert [(a.name, a.credentials, a.role) for a in article.authors] == [
        ("Abby Perry", "", "Researcher and author"),
        ("Dr. Juliana Bruner", "DPT", "Researcher and author, Physical Therapist")]
    assert article.authors[0].bio.startswith("Abby Perry is a freelance writer")
    headings = [(b.text, b.level) for b in article.of_kind("heading")]
    assert headings[:3] == [("What Are Fasciae and What Causes Myofascial Pain?", 2),
                            ("What Is Myofascial Release and Who Can Administer It?", 2),
                            ("Myofascial Release Basics", 3)] and len(headings) == 10
    assert [b.line for b in article.of_kind("summary")] == [25, 47, 56, 63, 111, 114]
    assert article.citations == list(range(1, 24))
    assert article.disclaimer.startswith("The information provided in this article is not a substitute")
    notes = {b.text: b.note for b in article.of_kind("other")}
    assert "advertisement" in notes["We offer online doctor visits, at-home physical therapy regimens, "
                                    "and safe medications delivered to your door"]
    assert article.not_found == ["publisher"]


@pytest.mark.parametrize("name, missing", [
    ("glimmer-knee.txt", ["publisher"]),
    ("glimmer-knee.md", ["publisher"]),
    ("glimmer-knee.html", ["summary paragraphs"]),  # the page has no summary; trafilatura drops the menu
])
def test_reads_text_markdown_and_a_saved_web_page(name, missing):
    article = parse_article(ARTICLES / name)
    assert article.title == "Can Warm Humming Ease Glimmer Knee?"
    assert article.last_updated == dt.date(2021, 3, 3)
    assert "Ada Example" in article.authors[0].name
    assert article.of_kind("heading")[0].text == "What Is Glimmer Knee?"
    assert article.disclaimer.startswith("This fictional article is not a substitute")
    assert article.not_found == missing
    text = " ".join(b.text for b in article.blocks)
    assert "Shop our invented products" not in text and "newsletter" not in text


def test_new_writes_a_draft_that_loads_and_says_what_it_did_not_find(tmp_path):
    result = run("new", str(tmp_path / "glimmer"), "--from", str(FICTIONAL))
    assert result.exit_code == 0, result.output
    assert "Could not find: publisher." in result.output
    root = tmp_path / "glimmer"
    course = load_course(root / "course")
    assert [c.id for c in course.chapters] == ["01-what-is-glimmer-knee", "02-how-is-glimmer-knee-treated"]
    assert [s.title for s in course.chapters[1].sections] == ["Warm Compresses", "Gentle Stair Practice"]
    assert [s.title for s in course.chapters[0].sections] == ["Introduction", "What Is Glimmer Knee?"]
    # The article's own summary paragraph becomes the chapter's key points, to be rewritten.
    assert course.chapters[0].meta.key_points == [
        "Glimmer knee is an invented condition.", "The knee feels warm and hums, mostly in cold weather."]
    # Each section keeps the original passage in a source block the book does not show.
    body = course.chapters[1].sections[0].body
    assert body.startswith("% SOURCE (article lines 24-24)")
    assert "% A warm compress can quiet the humming for up to two hours (4)." in body
    meta = yaml.safe_load((root / "course" / "course.yml").read_text())
    assert meta["source"]["authors"] == [{"name": "Dr. Ada Example", "credentials": "MD",
                                          "role": "Fictional author, Test Physician"}]
    assert meta["source"]["cited_sources"] == 4 and meta["source"]["publisher"] == ""
    assert meta["reviews"] == [] and meta["next_review_due"] is None
    assert {"text": "Related Articles", "reason": "Links to other pages; they have no text."} in meta["source"]["left_out"]
    assert (root / "source" / "glimmer-knee.txt").read_bytes() == FICTIONAL.read_bytes()
    assert (root / "_config.yml").read_bytes() == (REPO / "_config.yml").read_bytes()
    for generated in ("_toc.yml", "book/index.md", "notebooks/01-what-is-glimmer-knee.ipynb"):
        assert (root / generated).is_file(), generated


def test_check_on_a_draft_is_the_authors_located_todo_list(tmp_path):
    run("new", str(tmp_path / "glimmer"), "--from", str(FICTIONAL))
    course = tmp_path / "glimmer" / "course"
    result = run("check", "--course", str(course), "--today", "2026-12-01")
    assert result.exit_code == 1
    out = result.output
    chapter = course / "chapters" / "02-how-is-glimmer-knee-treated.md"
    lines = chapter.read_text().split("\n")
    assert (f"{chapter}:{lines.index('## Warm Compresses') + 1}: error: [draft] the section “Warm Compresses” "
            "still holds only the article's passage.") in out
    assert (f"{course}/chapters/02-how-is-glimmer-knee-treated.quiz.yml:3: error: [quiz-questions] the chapter "
            "has no quiz questions yet") in out
    yml = (course / "course.yml").read_text().split("\n")
    assert f"{course}/course.yml:{yml.index('next_review_due: null') + 1}: error: [review-dates] no next_review_due" in out
    assert "[source-details] source.publisher is blank" in out
    audience = next(i for i, line in enumerate(yml) if line.startswith("audience:")) + 1
    assert f"{course}/course.yml:{audience}: error: [draft] left to do: “audience: 'TODO: who this course is for" in out
    assert "main_message: 'TODO: the one thing" in out
    assert "Health-literacy check" in out and "FK" in out  # grade levels, chapter by chapter


@pytest.mark.parametrize("content, words", [
    (b"", "the file is empty"),
    (b"   \n\n  ", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"<html><body><script>var x = 1;</script></body></html>", "no article text found"),
    (b"<html><body><nav><a href='/'>Home</a></nav><p>Hi.</p></body></html>", "no paragraphs of text"),
    (b"ok.\n\nfine.\n", "no paragraphs of text"),
    (("This sentence is long enough to be a paragraph of its own, but no title is above it. " * 2).encode(),
     "no title found"),
])
def test_an_unusable_article_exits_2_and_writes_nothing(tmp_path, content, words):
    article = tmp_path / ("article.html" if content.startswith(b"<html") else "article.txt")
    article.write_bytes(content)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("new", str(tmp_path / "draft"), "--from", str(article))
    assert result.exit_code == 2
    assert words in result.output and "Nothing was written." in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_existing_folder_is_never_overwritten(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    result = run("new", str(folder), "--from", str(FICTIONAL))
    assert result.exit_code == 2 and "already exists" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text() == "keep me"
