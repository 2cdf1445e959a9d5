"""Synthetic courses of N chapters, written as course *source* folders the builder reads.

The benchmark must measure the real builder on bigger courses, so nothing here fakes a
notebook: it writes ``course.yml``, ``glossary.yml`` and ``chapters/NN-*.md`` (+ quiz and
widgets files) by repeating the real course's chapters, renamed so every id stays unique,
and the builder itself (``load_course`` → ``render_project``) turns them into a book.
No medical text is invented: every chapter is a verbatim copy of a real one; only ids and
titles are renamed ("(copy 2)").
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from patientcourse.structure import Course, load_course
from patientcourse.structure.loader import FRONT_MATTER

# Chapter ids are "NN-slug": two digits, so a course holds at most 99 chapters.
MAX_CHAPTERS = 99


def synthetic_chapter_ids(real_ids: list[str], count: int) -> list[tuple[str, str, int]]:
    """``(new id, real id it copies, copy number)`` for each of ``count`` chapters.

    The first pass keeps the real ids, so a 5-chapter synthetic course is the real course;
    later passes get a new number and a ``-copy-K`` slug (section anchors are
    ``<slug>-<section>`` and must be unique across the book)."""
    if not 1 <= count <= MAX_CHAPTERS:
        raise ValueError(f"a synthetic course needs 1 to {MAX_CHAPTERS} chapters (ids are two digits); "
                         f"got {count}. Pick a size in that range, e.g. --sizes 5,20,80.")
    out = []
    for index in range(count):
        real = real_ids[index % len(real_ids)]
        copy = index // len(real_ids) + 1
        new_id = real if copy == 1 else f"{index + 1:02d}-{real[3:]}-copy-{copy}"
        out.append((new_id, real, copy))
    return out


def write_synthetic_course(real_course: Path, dest: Path, chapters: int) -> Path:
    """Write a course source folder with ``chapters`` chapters into ``dest``; returns ``dest``."""
    real_course, dest = Path(real_course), Path(dest)
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "chapters").mkdir(parents=True)
    meta = yaml.safe_load((real_course / "course.yml").read_text(encoding="utf-8"))
    plan = synthetic_chapter_ids(meta["chapters"], chapters)

    meta["id"] = f"{meta['id']}-synthetic-{chapters}"
    meta["title"] = f"{meta['title']} (synthetic, {chapters} chapters)"
    meta["chapters"] = [new_id for new_id, _, _ in plan]
    _write_yaml(dest / "course.yml", meta)
    shutil.copy(real_course / "glossary.yml", dest / "glossary.yml")

    source = real_course / "chapters"
    for new_id, real_id, copy in plan:
        _copy_chapter(source, dest / "chapters", real_id, new_id, copy)
    if (source / "figures").is_dir():  # the drawings the chapters' figures show
        shutil.copytree(source / "figures", dest / "chapters" / "figures")
    return dest


def load_synthetic_course(real_course: Path, dest: Path, chapters: int) -> Course:
    """Write the synthetic source and load it with the real loader (it must validate)."""
    return load_course(write_synthetic_course(real_course, dest, chapters))


def _copy_chapter(source: Path, dest: Path, real_id: str, new_id: str, copy: int) -> None:
    text = (source / f"{real_id}.md").read_text(encoding="utf-8")
    quiz = yaml.safe_load((source / f"{real_id}.quiz.yml").read_text(encoding="utf-8"))
    widgets = source / f"{real_id}.widgets.yml"
    if copy > 1:
        text = _retitle(text, copy, source / f"{real_id}.md")
        # Question ids must be unique in the whole course; item/step ids derive from them.
        for question in quiz["questions"]:
            question["id"] = f"{question['id']}-copy-{copy}"
    (dest / f"{new_id}.md").write_text(text, encoding="utf-8")
    _write_yaml(dest / f"{new_id}.quiz.yml", quiz)
    if widgets.exists():
        shutil.copy(widgets, dest / f"{new_id}.widgets.yml")


def _retitle(text: str, copy: int, path: Path) -> str:
    """The chapter with "(copy K)" after its title, so the table of contents tells copies apart."""
    match = FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ValueError(f"{path}: no YAML front matter; the real course must load before it can be copied.")
    front = yaml.safe_load(match.group(1))
    front["title"] = f"{front['title']} (copy {copy})"
    if front.get("short_title"):
        front["short_title"] = f"{front['short_title']} (copy {copy})"
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n" + text.replace("\r\n", "\n")[match.end():]


def _write_yaml(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
