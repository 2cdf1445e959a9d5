"""The instructor guide: per chapter, objectives, the full answer key with every option's
rationale, discussion prompts, and readability figures. Markdown plus one standalone HTML page.

Discussion prompts are built only from what the chapter already says (its main message, key
points and "when to get help" list, all taken from the article), wrapped in open questions:
the guide adds no medical claim of its own.

Options are listed in display order (the order learners see them), with no letter: the
letters learners see follow that order, and our option ids (by written position) would name
another option. Each question links to its section in the book: the published book with
``--book-url``, else the project's own built book (``_build/html``), relative to the guide.

The guide holds the answer key, so it is written only where ``guide --out`` says, never into
the book's or a pack's folders (``guard_destination``).
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from markdown_it import MarkdownIt

from ..checks.markdown import visible
from ..checks.offline_textstat import textstat
from ..checks.readability import chapter_paragraphs, score
from ..checks.thresholds import load_thresholds
from ..render.notebooks import NOTEBOOK_DIR
from ..structure import Chapter, Course
from ..structure.quiz import display_order
from .html import render

# Folders whose content ends up in front of learners (the book's inputs and its HTML).
STUDENT_FOLDERS = ("book", NOTEBOOK_DIR, "_build")


def guard_destination(course: Course, out: Path) -> None:
    project = Path(course.root).resolve().parent
    target = out.resolve()
    for name in STUDENT_FOLDERS:
        folder = project / name
        if target == folder or folder in target.parents:
            raise ValueError(f"--out {out} is inside {folder}, which learners see. The guide holds "
                             "the answer key: write it somewhere else, e.g. --out instructor-guide.")


def sentence(text: str) -> str:
    """Text ending in one full stop: none added after a question mark, a full stop or a quote."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…", "”", '"', ":")) else text + "."


def _answer_key(course_id: str, question) -> list[str]:
    lines = []
    if question.type in ("single", "multiple"):
        right = set(question.correct_ids())
        for option_id in display_order(course_id, question):
            option = question.option(option_id)
            mark = "**✓ right**" if option_id in right else "✗ wrong"
            lines.append(f"- {option.text} — {mark}. *Rationale:* {sentence(option.feedback)}")
    elif question.type == "truefalse":
        lines += [f"- Answer: **{'True' if question.answer else 'False'}**",
                  f"- If the learner says True: {sentence(question.if_true)}",
                  f"- If the learner says False: {sentence(question.if_false)}"]
    elif question.type == "numeric":
        tolerance = f" (± {question.tolerance:g})" if question.tolerance else ""
        lines += [f"- Answer: **{question.answer:g} {question.unit}**{tolerance}",
                  f"- If right: {sentence(question.if_correct)}", f"- If wrong: {sentence(question.if_wrong)}"]
    elif question.type == "matching":
        lines += [f"- {p.item} → **{p.match}**. *Rationale:* {sentence(p.feedback)}" for p in question.pairs]
    elif question.type == "ordering":
        lines += [f"{n}. {sentence(s.text)} *Rationale:* {sentence(s.feedback)}" for n, s in enumerate(question.steps, 1)]
    return lines


def section_link(chapter: Chapter, section_id: str, book_url: str) -> str:
    """The address of a section's anchor in the book (``book_url`` ends without a slash)."""
    return f"{book_url}/notebooks/{quote(chapter.id)}.html#{quote(chapter.label(section_id))}"


def _link_text(text: str) -> str:
    # Link text is Markdown: brackets and backslashes would end or bend the link.
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def discussion_prompts(chapter: Chapter) -> list[str]:
    meta = chapter.meta
    prompts = [f"What is the one thing to remember from this chapter? (The chapter's own words: "
               f"“{visible(meta.main_message)}”)"]
    prompts += [f"In your own words, what does this mean for you: “{visible(point)}”?"
                for point in meta.key_points]
    if meta.when_to_get_help:
        signs = "; ".join(visible(item) for item in meta.when_to_get_help)
        prompts.append(sentence(f"When should you stop and get help? Compare answers with the chapter's "
                                f"list: {signs}"))
    return prompts


def _readability(chapter: Chapter, course: Course, article_grade: float | None) -> list[str]:
    figures = score(chapter_paragraphs(chapter))
    limit = load_thresholds(course).fk_grade_error
    lines = [f"- Flesch-Kincaid grade: **{figures.fk_grade}** (limit {limit:g}"
             + (f"; the source article: {article_grade}" if article_grade is not None else "") + ")",
             f"- SMOG: {figures.smog}; Flesch Reading Ease: {figures.flesch_reading_ease}",
             f"- {figures.words} words in {figures.sentences} sentences"]
    source = Path(chapter.file).name
    lines += [f"- Long sentence ({s.words} words, {source} line {s.line}): “{s.text}”"
              for s in figures.longest_sentences]
    return lines


def article_grade(course: Course) -> float | None:
    """The source article's Flesch-Kincaid grade, if its text is where course.yml says."""
    path = Path(course.root).resolve().parent / course.meta.source.file
    if not path.is_file():
        return None
    return round(textstat.flesch_kincaid_grade(path.read_text(encoding="utf-8")), 1)


def guide_markdown(course: Course, book_url: str = "../_build/html") -> str:
    grade = article_grade(course)
    out = [f"# Instructor guide: {course.meta.title}",
           "**For instructors only.** This guide holds the answer key. Do not share it with "
           "learners or put it in the book or a student pack.",
           course.meta.source.credit, f"*{course.meta.disclaimer}*",
           "Options are listed in the order learners see them."]
    for chapter in course.chapters:
        questions = chapter.quiz.questions
        out += [f"## {chapter.number}. {chapter.title}", f"*Main message:* {visible(chapter.meta.main_message)}",
                "### Learning objectives"]
        for objective in chapter.meta.objectives:
            tested = [q.id for q in questions if q.objective == objective.id]
            out.append(f"- **{objective.id}**: {visible(objective.text)} "
                       f"(questions: {', '.join(tested) or 'none'})")
        out.append(f"### Answer key ({len(questions)} questions, 1 point each)")
        for n, question in enumerate(questions, 1):
            section = chapter.section(question.section)
            title = section.title if section else question.section
            out += [f"#### {n}. {question.prompt}",
                    f"`{question.id}` · {question.type} · objective *{question.objective}* · "
                    f"section [{_link_text(title)}]({section_link(chapter, question.section, book_url)})",
                    "\n".join(_answer_key(course.id, question)),
                    f"*Explanation:* {sentence(question.explanation)}"]
        out += ["### Discussion prompts", "\n".join(f"- {p}" for p in discussion_prompts(chapter)),
                "### Readability", "\n".join(_readability(chapter, course, grade))]
    return "\n\n".join(out) + "\n"


def guide_html(markdown_text: str, title: str) -> str:
    # Raw HTML in course text is shown as text, not run: html=False.
    body = MarkdownIt("commonmark", {"html": False}).render(markdown_text)
    return render("guide.html.j2", title=title, body=body)


def built_book_link(course: Course, out: Path) -> str:
    """The project's built book (``_build/html``), as a path relative to the guide's folder."""
    book = Path(course.root).resolve().parent / "_build" / "html"
    return Path(os.path.relpath(book, out.resolve())).as_posix()


def write_guide(course: Course, out: Path, *, book_url: str | None = None) -> list[Path]:
    guard_destination(course, out)
    text = guide_markdown(course, book_url or built_book_link(course, out))
    out.mkdir(parents=True, exist_ok=True)
    files = {out / "instructor-guide.md": text,
             out / "instructor-guide.html": guide_html(text, f"Instructor guide: {course.meta.title}")}
    for path, content in files.items():
        path.write_text(content, encoding="utf-8")
    return list(files)
