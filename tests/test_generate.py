"""Generated notebooks, runtime bundle, _toc.yml and book pages: deterministic, clean,
and the committed copies are exactly what the course source generates."""
from __future__ import annotations

import json

import nbformat
import yaml

from support import REPO
from patientcourse.book.pipeline import generate
from patientcourse.render.project import render_project, write_files
from patientcourse.structure import load_course


def test_generation_is_byte_for_byte_deterministic(course):
    assert generate(course)[0] == generate(course)[0]


def test_committed_files_match_the_course_source(course):
    """Fails when someone edits course/ without running `make generate` (or edits a
    generated file by hand)."""
    stale = [rel for rel, data in generate(course)[0].items()
             if not (REPO / rel).is_file() or (REPO / rel).read_bytes() != data]
    assert not stale, f"out of date, run `make generate`: {stale}"
    generated = {f"notebooks/{c.id}.ipynb" for c in course.chapters}
    on_disk = {f"notebooks/{p.name}" for p in (REPO / "notebooks").glob("*.ipynb")}
    assert on_disk == generated


def test_notebooks_are_committed_clean(course):
    for chapter in course.chapters:
        nb = nbformat.read(REPO / "notebooks" / f"{chapter.id}.ipynb", as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code, f"{chapter.id} has no code cell"
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert any("chapter_quiz" in c.source for c in code)
        assert nb.metadata.kernelspec.name == "python3"


def test_notebook_has_title_main_message_credit_and_disclaimer(course):
    files = render_project(course)
    for chapter in course.chapters:
        nb = nbformat.reads(files[f"notebooks/{chapter.id}.ipynb"].decode(), as_version=4)
        first = nb.cells[0].source
        assert f"# {chapter.number}. {chapter.title}" in first
        assert chapter.meta.main_message in first
        assert course.meta.source.credit in first
        assert "not a substitute for professional medical advice" in first
        text = "\n".join(c.source for c in nb.cells)
        for section in chapter.sections:
            assert f"## {section.title}" in text
        for point in chapter.meta.key_points:
            assert point in text


def test_toc_follows_chapter_order(course):
    toc = yaml.safe_load(render_project(course)["_toc.yml"])
    assert toc["format"] == "jb-book" and toc["root"] == "book/index"
    chapters, reference, instructors = toc["parts"]
    assert [c["file"] for c in chapters["chapters"]] == [f"notebooks/{c.id}" for c in course.chapters]
    assert instructors["caption"] == "For instructors"
    assert {c["file"] for c in reference["chapters"]} == {"book/progress", "book/glossary", "book/sources"}


def test_toc_follows_a_reordered_course(mini_course_dir):
    course_yml = mini_course_dir / "course.yml"
    course_yml.write_text(course_yml.read_text().replace("  - 01-basics\n  - 02-more", "  - 02-more\n  - 01-basics"))
    toc = yaml.safe_load(render_project(load_course(mini_course_dir))["_toc.yml"])
    assert [c["file"] for c in toc["parts"][0]["chapters"]] == ["notebooks/02-more", "notebooks/01-basics"]


def test_sources_page_is_honest_about_missing_reference_list(course):
    page = render_project(course)["book/sources.md"].decode()
    assert "cites 23 numbered sources" in page
    assert "not part of the source text" in page
    assert "we have not guessed" in page
    assert "Abby Perry" in page and "Dr. Juliana Bruner, DPT" in page and "January 4, 2020" in page


def test_every_book_page_credits_source_and_shows_disclaimer(course):
    for rel, data in generate(course)[0].items():
        if rel.startswith("book/"):
            text = data.decode()
            assert course.meta.source.credit in text, rel
            assert "not a substitute for professional medical advice" in text, rel


def test_glossary_page_defines_every_term_and_form(course):
    page = render_project(course)["book/glossary.md"].decode()
    for term in course.glossary.terms:
        assert term.definition in page
        for name in [term.term, *term.also]:
            assert f"\n{name}\n" in page


def _keys(value):
    if isinstance(value, dict):
        for key, child in value.items():
            yield key
            yield from _keys(child)
    elif isinstance(value, list):
        for child in value:
            yield from _keys(child)


def test_bundle_in_assessment_mode_has_no_answers(course):
    bundle = json.loads(render_project(course, mode="assessment")["notebooks/course.json"])
    assert bundle["mode"] == "assessment"
    revealing = {"correct", "feedback", "explanation", "answer", "if_true", "if_false",
                 "if_correct", "if_wrong", "tolerance", "pairs", "shown_order"}
    assert not revealing & set(_keys(bundle))
    text = json.dumps(bundle, ensure_ascii=False)
    for chapter in course.chapters:
        for question in chapter.quiz.questions:
            for option in getattr(question, "options", []):
                assert option.feedback not in text
    practice = json.loads(render_project(course)["notebooks/course.json"])
    assert {"correct", "feedback", "explanation"} <= set(_keys(practice))


def test_a_new_answer_bearing_field_never_reaches_an_assessment_bundle(course, monkeypatch):
    """The assessment bundle keeps what learners are shown (an allowlist): a field someone adds
    to the question model later stays out until it is allowed in on purpose."""
    from patientcourse.structure.quiz import Base

    plain = Base.runtime
    monkeypatch.setattr(Base, "runtime", lambda self: {**plain(self), "rationale": f"SECRET-{self.id}",
                                                        "distractor_notes": ["SECRET"]})
    practice = render_project(course)["notebooks/course.json"].decode()
    assessment = render_project(course, mode="assessment")["notebooks/course.json"].decode()
    assert "SECRET-" in practice  # the new field is there to leak
    assert "SECRET" not in assessment and "rationale" not in assessment


def test_write_files_only_touches_changed_files(tmp_path, mini_course_dir):
    files = render_project(load_course(mini_course_dir))
    assert sorted(write_files(files, tmp_path)) == sorted(files)
    before = {rel: (tmp_path / rel).stat().st_mtime_ns for rel in files}
    assert write_files(files, tmp_path) == []
    assert before == {rel: (tmp_path / rel).stat().st_mtime_ns for rel in files}


def test_removed_chapter_notebook_is_deleted_but_learner_notebooks_stay(tmp_path, mini_course_dir):
    write_files(render_project(load_course(mini_course_dir)), tmp_path)
    mine = tmp_path / "notebooks" / "my-notes.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), mine)
    course_yml = mini_course_dir / "course.yml"
    course_yml.write_text(course_yml.read_text().replace("  - 02-more\n", ""))
    changed = write_files(render_project(load_course(mini_course_dir)), tmp_path)
    assert "notebooks/02-more.ipynb" in changed
    assert not (tmp_path / "notebooks" / "02-more.ipynb").exists()
    assert mine.exists()
