"""An article → a complete course project draft: course/ (course.yml, glossary.yml, one
chapter and one quiz per heading group), the article's text in source/, _config.yml, and
the generated notebooks, _toc.yml and book pages, ready for `patientcourse build`.

The draft is written in a temporary folder and moved into place at the end, so a failure
leaves nothing behind; an existing folder is never written into.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..render.project import render_project, write_files
from ..structure import load_course
from ..structure.loader import slugify
from .blocks import Block
from .detect import Article
from .markers import PLACEHOLDER_QUESTION, SOURCE_MARK, TODO
from .read import ArticleError
from .units import chapter_groups, split_key_points

CONFIG_TEMPLATE = Path(__file__).with_name("project_config.yml")


@dataclass
class Draft:
    folder: Path
    chapters: list[str]
    sections: int
    not_found: list[str]
    found: dict[str, str] = field(default_factory=dict)


def short_slug(text: str, limit: int = 40) -> str:
    """The slug of ``text``, cut at a word boundary."""
    words, out = slugify(text).split("-"), ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


def _scalar(value) -> str:
    """One YAML scalar, quoted where YAML needs it (PyYAML decides)."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip().removesuffix("\n...").removesuffix("...").strip()


def _block_yaml(value, indent: int) -> str:
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(" " * indent + line if line else line for line in text.rstrip("\n").split("\n"))


def course_yml(article: Article, chapter_ids: list[str], source_file: str) -> str:
    """course.yml with what was found and blanks (TODO, or null) for the rest.

    Written by hand rather than dumped, so it can carry comments that tell the author what
    each blank is for."""
    authors = [{"name": a.name, **({"credentials": a.credentials} if a.credentials else {}),
                **({"role": a.role} if a.role else {}), **({"bio": a.bio} if a.bio else {})}
               for a in article.authors]
    left_out = [{"text": b.text, "reason": b.note} for b in article.of_kind("other")]
    missing = ", ".join(article.not_found) or "nothing"
    disclaimer = article.disclaimer or f"{TODO}: the disclaimer (the article has none; write one with a reviewer)."
    return "\n".join([
        f"# Draft made by `patientcourse new` from {article.path.name}.",
        f"# Not found in the article: {missing}. Fill those in; `patientcourse check` lists the rest.",
        f"id: {_scalar(short_slug(article.title) or 'course')}",
        f"title: {_scalar(article.title)}",
        "subtitle: A short course for patients",
        f"audience: {_scalar(TODO + ': who this course is for, e.g. adults with ... who want to know ...')}",
        "language: en",
        "# When the course was last checked against the article, and when it is next due.",
        "last_reviewed: null",
        "next_review_due: null",
        "# Medical reviews on record. Add one only after a real review: reviewer, credentials,",
        "# date, what was reviewed and the chapters signed off (`patientcourse trace` shows how).",
        "reviews: []",
        f"disclaimer: {_scalar(disclaimer)}",
        "source:",
        f"  title: {_scalar(article.title)}",
        f"  publisher: {_scalar(article.publisher)}",
        f"  last_updated: {article.last_updated.isoformat() if article.last_updated else 'null'}",
        f"  badge: {_scalar(article.badge)}",
        "  # The article's web address, if its text gives one. Never guess it.",
        "  address: null",
        f"  file: {_scalar(source_file)}",
        f"  cited_sources: {max(article.citations, default=0)}",
        "  # Is the numbered reference list part of the source text? Say so on the Sources page.",
        "  reference_list_included: false",
        "  authors:" + ("\n" + _block_yaml(authors, 4) if authors else " []"),
        "  # Parts of the article the course does not carry, quoted exactly, each with a reason.",
        "  left_out:" + ("\n" + _block_yaml(left_out, 4) if left_out else " []"),
        "  reworded: []",
        "chapters:",
        *(f"  - {c}" for c in chapter_ids),
        "",
    ])


def chapter_md(title: str, sections: list[tuple[str, list[Block]]], summary: list[Block]) -> str:
    key_points = split_key_points(summary) or [f"{TODO}: the chapter's main facts, one short sentence each."]
    front = {
        "title": title,
        "main_message": f"{TODO}: the one thing a reader should take away, in one short sentence.",
        "objectives": [{"id": "todo-objective", "text": f"{TODO}: what the reader will be able to do "
                        "after this chapter."}],
        "key_points": key_points,
        "glossary": [],
    }
    out = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100).rstrip("\n"), "---", ""]
    for section_title, blocks in sections:
        first, last = blocks[0].line if blocks else 0, blocks[-1].line if blocks else 0
        out += [f"## {section_title}", "",
                f"{SOURCE_MARK} (article lines {first}-{last}). The book does not show '%' lines. "
                "Write the plain-language version below them."]
        for block in blocks:
            out.append(f"% - {block.text}" if block.kind == "item" else f"% {block.text}")
        out.append("")
    return "\n".join(out)


def quiz_yml(number: int, first_section: str) -> str:
    placeholder = {"questions": [{
        "id": f"{PLACEHOLDER_QUESTION}-{number:02d}", "type": "truefalse",
        "prompt": f"{TODO}: write this chapter's questions; this placeholder only keeps the draft valid.",
        "objective": "todo-objective", "section": first_section,
        "explanation": f"{TODO}: say why the answer is right.", "answer": True,
        "if_true": f"{TODO}: feedback for True.", "if_false": f"{TODO}: feedback for False."}]}
    return ("# The chapter's questions. Types and fields: see the README, 'Writing a course'.\n"
            "title: Check your understanding\n"
            + yaml.safe_dump(placeholder, sort_keys=False, allow_unicode=True, width=100))


def write_draft(article: Article, dest: Path) -> Draft:
    dest = Path(dest)
    if dest.exists():
        raise ArticleError(f"{dest} already exists. Choose a new folder for the draft; an existing "
                           "one is never overwritten.")
    groups = chapter_groups(article)
    if not groups:
        raise ArticleError(f"{article.path}: no article text to make chapters from.")
    source_name = article.path.name if article.format != "html" else f"{article.path.stem}.md"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{dest.name}-", dir=dest.parent) as tmp:
        root = Path(tmp) / "draft"
        (root / "course" / "chapters").mkdir(parents=True)
        (root / "source").mkdir()
        if article.format == "html":
            (root / "source" / source_name).write_text(article.text, encoding="utf-8")
        else:
            shutil.copyfile(article.path, root / "source" / source_name)
        ids = []
        for n, (title, sections, summary) in enumerate(groups, start=1):
            chapter_id = f"{n:02d}-{short_slug(title) or 'chapter'}"
            ids.append(chapter_id)
            folder = root / "course" / "chapters"
            (folder / f"{chapter_id}.md").write_text(chapter_md(title, sections, summary), encoding="utf-8")
            (folder / f"{chapter_id}.quiz.yml").write_text(quiz_yml(n, slugify(sections[0][0])), encoding="utf-8")
        (root / "course" / "course.yml").write_text(course_yml(article, ids, f"source/{source_name}"),
                                                     encoding="utf-8")
        (root / "course" / "glossary.yml").write_text(
            "# Terms and plain-language definitions. Link a term's first use in a chapter with\n"
            "# {term}`word`. Example:\n#   - term: fascia\n#     definition: A thin sheet of tissue ...\n"
            "terms: []\n", encoding="utf-8")
        shutil.copyfile(CONFIG_TEMPLATE, root / "_config.yml")
        # The draft must load: it is generated, so a failure here is a bug, not the article's.
        write_files(render_project(load_course(root / "course")), root)
        os.replace(root, dest)
    return Draft(dest, ids, sum(len(g[1]) for g in groups), article.not_found)


def create_draft(article_path: Path, dest: Path) -> tuple[Article, Draft]:
    """Read the article and write its draft project; raises ArticleError (nothing written)."""
    from .detect import parse_article

    article = parse_article(article_path)
    return article, write_draft(article, dest)
