"""Course → the book pages that are not chapters (``book/*.md``, MyST Markdown).

Each page carries the same "About this page" box as the chapters: source credit and
disclaimer on every page.
"""
from __future__ import annotations

import html
import json
import re

from ..structure import Course
from ..review import review_sentence
from .common import GENERATED, about_box, glossary_meanings, review_record
from .notebooks import notebook_path
from .text import inline_markdown, plain

# A web address safe to make a link of (no spaces, no angle brackets, http or https).
WEB_ADDRESS = re.compile(r"https?://[^\s<>]+")


def _date(d) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def landing_page(course: Course) -> str:
    """The home page, written for patients; instructors and Jupyter users have their own page
    (``instructors_page``), listed in the table of contents."""
    meta = course.meta
    chapters = "\n".join(
        f"{c.number}. [{plain(c.title)}](../{notebook_path(c)}) — {inline_markdown(c.meta.main_message)}"
        for c in course.chapters)
    return "\n\n".join([
        GENERATED,
        f"# {plain(meta.title)}",
        f"*{plain(meta.subtitle)}*" if meta.subtitle else "",
        about_box(course),
        "## What this course is",
        f"This course is a plain-language version of the article “{plain(meta.source.title)}” "
        f"by {meta.source.byline_in(plain)}. It has {len(course.chapters)} short chapters. "
        "Each chapter ends with a short quiz. Some chapters have tools you can use, "
        "like a checklist or a timer.",
        "## Who it is for", inline_markdown(meta.audience),
        "## The chapters", chapters,
        "## How to use it",
        "Read the chapters in order. Answer the quiz at the end of each chapter. "
        "Your answers stay in this web browser only. You can see them on the [My progress](progress.md) page. "
        "Words with a dotted underline are explained when you point at them or tap them. "
        "They are all in the [Glossary](glossary.md). "
        "You can print any chapter as a handout.",
        f"*{review_sentence(course, text=plain)}*",
    ])


def instructors_page(course: Course) -> str:
    """How to run the notebooks and the instructor commands: kept off the patients' pages.
    The ``pc-instructors`` box also keeps the page out of the book's search index."""
    return "\n\n".join([
        GENERATED,
        "# For instructors and learners in Jupyter",
        ":::{admonition} For instructors\n:class: important pc-instructors\n"
        "This page is for instructors, course authors and learners who use the notebooks in Jupyter. "
        "Patients reading the book online do not need it.\n:::",
        about_box(course),
        "## Learners using Jupyter",
        "Each chapter is also a notebook in the `notebooks/` folder. Open them in JupyterLab "
        "(`make lab`), then run each cell from the top. The quiz appears below the last cell you run. "
        "Answer, then press *Check answer*. Your answers are saved to a results file next to the "
        "notebook, in `patientcourse-results/`. That file is what you hand in.",
        "## Instructors",
        "Assign whole chapters. `patientcourse assign` makes a pack of the chapters you choose, "
        "for practice or for assessment. Learners hand in a results file, and `patientcourse grade` "
        "scores it. `patientcourse guide` writes the answer key, and `patientcourse export` writes "
        "the questions for a learning management system. `patientcourse handouts --out DIR` writes "
        "one printable PDF per chapter. The repository's `docs/instructors.md` explains each step.",
        "The [quality report](report.md) shows how easy each chapter is to read.",
    ])


def glossary_page(course: Course) -> str:
    """One headword per term, its other forms (plurals) listed with it, grouped A to Z.
    The other forms stay terms of the glossary directive, so a chapter may link any of them;
    glossary.css shows them as "Also: …" under the headword."""
    by_letter: dict[str, list] = {}
    for term in sorted(course.glossary.terms, key=lambda t: t.term.casefold()):
        by_letter.setdefault(term.term[0].upper(), []).append(term)
    jump = " · ".join(f"{{ref}}`{plain(letter)} <{_letter_label(letter)}>`" for letter in by_letter)
    groups = []
    for letter, terms in by_letter.items():
        # Other forms (plurals) are listed as terms too, so {term}`fasciae` links here.
        entries = "\n\n".join("\n".join(plain(name) for name in [t.term, *t.also])
                               + "\n  " + "\n\n  ".join(glossary_meanings(t)) for t in terms)
        groups.append(f"({_letter_label(letter)})=\n## {plain(letter)}\n\n```{{glossary}}\n{entries}\n```")
    return "\n\n".join([
        GENERATED, "# Glossary", about_box(course),
        "These are the medical words used in this course, in plain language. Most say what the "
        "article says about the word. Where the article does not explain a word, we give its "
        "general meaning and mark it “General meaning, not from the article”.",
        f"Jump to a letter: {jump}",
        *groups,
    ])


def _letter_label(letter: str) -> str:
    """A label for a letter's heading: letters and digits as they are, anything else by its code."""
    return f"glossary-{letter.lower() if letter.isalnum() and letter.isascii() else ord(letter)}"


def sources_page(course: Course) -> str:
    source = course.meta.source
    authors = "\n".join(
        f"- **{a.display_in(plain)}** — {plain(a.role)}." + (f" {inline_markdown(a.bio)}" if a.bio else "")
        for a in source.authors)
    if not source.address:
        address = "The source text does not give the article's web address, so we do not list one."
    elif WEB_ADDRESS.fullmatch(source.address):
        address = f"<{source.address}>"
    else:  # not a web address: shown as text, never made a link
        address = plain(source.address)
    if source.reference_list_included:
        citations = f"The article cites {source.cited_sources} numbered sources."
    else:
        citations = (
            f"The article cites {source.cited_sources} numbered sources. In this course they appear "
            "as “(source N)” after the statement they support. **The list of those sources is not "
            "part of the source text we were given.** So we cannot tell you what each number refers "
            "to, and we have not guessed. To check a statement, find the original article online "
            "and follow its numbered links.")
    left_out = "\n".join(f"- {inline_markdown(part.reason)} (“{plain(part.text)}”)"
                         for part in source.left_out) or "Nothing."
    repairs = "\n\n".join(
        f"- The article says: “{plain(r.original)}”  \n  What is wrong: {inline_markdown(r.problem)}  \n"
        f"  How we read it: “{plain(r.read_as)}”" for r in source.repairs)
    return "\n\n".join([
        GENERATED, "# Sources", about_box(course),
        "## Where this course comes from",
        "All medical content in this course comes from one article:",
        f"> **{plain(source.title)}**{f' ({plain(source.badge)})' if source.badge else ''}  \n"
        f"> By {source.byline_in(plain)}  \n> Published on the {plain(source.publisher)}  \n"
        f"> Last updated {_date(source.last_updated)}",
        address,
        "We rewrote the article in plain language and split it into chapters. "
        "We kept every fact it states and added no medical claim of our own.",
        "## The authors", authors,
        "## The article's citations", citations,
        "## What the publisher says about the article",
        f"> {inline_markdown(source.publisher_statement)}" if source.publisher_statement else "Nothing.",
        "## What we left out", left_out,
        *(["## Sentences we repaired",
            f"The source text has {len(source.repairs)} broken sentence"
            f"{'s' if len(source.repairs) != 1 else ''}. The course says what each one clearly "
            "means, in full, without a note in the chapter. Here is each one as the article gives "
            "it, what is wrong with it, and how we read it.",
            repairs] if source.repairs else []),
        "## Review", review_record(course),
        # The disclaimer is in the "About this page" box above and in the footer, as on every page.
    ])


def progress_page(course: Course, assignment: dict | None = None, mode: str = "practice") -> str:
    """The "My progress" page; in a student pack it also names the assignment, so the results
    file the learner downloads says which assignment it answers, and the mode: the book keeps
    answers per course, assignment and mode."""
    chapters = [{"id": c.id, "title": f"{c.number}. {c.title}", "href": f"../{notebook_path(c)[:-6]}.html",
                 "questions": len(c.quiz.questions)} for c in course.chapters]
    data = html.escape(json.dumps(chapters, ensure_ascii=False), quote=True)
    for_assignment = (f' data-pc-assignment="{html.escape(json.dumps(assignment, ensure_ascii=False), quote=True)}"'
                      if assignment else "")
    return "\n\n".join([
        GENERATED, "# My progress", about_box(course),
        "Your quiz answers are kept in this web browser only. Nobody else can see them. "
        "You can download them as a results file to hand in to your instructor.",
        f'<div class="pc-progress" data-pc-progress data-pc-course="{html.escape(course.id)}" '
        f'data-pc-chapters="{data}" data-pc-mode="{html.escape(mode)}"{for_assignment}>\n'
        "<p class=\"pc-nojs\">This page needs JavaScript to show your answers. "
        "Your answers are still saved in this browser.</p>\n</div>",
    ])

