"""``patientcourse new DIR --from ARTICLE``: a course project draft from an article."""
from __future__ import annotations

from pathlib import Path

import typer

from ..authoring.draft import create_draft
from ..authoring.read import ArticleError
from .common import EXIT_BAD_INPUT, console


def new(folder: Path = typer.Argument(..., help="The new project folder (must not exist)."),
        article: Path = typer.Option(..., "--from", help="The article: plain text, Markdown, or a "
                                     "saved web page (.html)."),
        ) -> None:
    """Turn an article into a course draft: course/, source/, _config.yml and the book's inputs.

    Then `patientcourse check --course DIR/course` lists what is left to write."""
    try:
        found, draft = create_draft(article, folder)
    except ArticleError as err:
        console.print(f"{err}\nNothing was written.", style="red", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    by = ", ".join(a.name + (f", {a.credentials}" if a.credentials else "") for a in found.authors)
    lines = [f"Wrote the draft {draft.folder}: {len(draft.chapters)} chapters, {draft.sections} sections.",
             f"  title: {found.title}",
             f"  authors: {by or '-'}",
             f"  last updated: {found.last_updated or '-'}",
             f"  headings: {len(found.of_kind('heading'))}; summary paragraphs: {len(found.of_kind('summary'))}; "
             f"numbered citations: {len(found.citations)}; disclaimer: {'yes' if found.disclaimer else 'no'}",
             f"  not article (left out, with a reason): {len(found.of_kind('other'))} parts",
             f"Could not find: {', '.join(draft.not_found)}." if draft.not_found else "Found every part.",
             f"Next: regroup chapters under 'chapters:' in {draft.folder / 'course' / 'course.yml'}, then run "
             f"patientcourse check --course {draft.folder / 'course'} for your to-do list."]
    for line in lines:
        console.print(line, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(new)
