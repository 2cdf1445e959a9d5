"""Chapters → a SCORM 1.2 package: the course inside any LMS (Moodle, Canvas's SCORM tool,
Blackboard…), with scores in its gradebook.

The package is the chosen chapters' book, built offline as for a student pack (nothing is
loaded from outside), plus ``imsmanifest.xml`` at the root: one organization, one item and
one SCO per chapter (its page, ``notebooks/<chapter>.html``), and one shared asset resource
listing every other file. The book's own runtime talks to the LMS (``patientcourse/web/
scorm.js``); a SCO page says it is one with ``<meta name="pc-scorm">`` (mode and mastery
score), added here after the build.

Scoring happens in the learner's browser, from the answer key the package carries (a
practice bundle): the package suits practice (``completed`` once every question is answered)
and graded practice (``passed``/``failed`` against ``--mastery``, on first tries). A test
that matters belongs in the LMS's own quiz (``--format qti``).
"""
from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from patientcourse_runtime.fileio import atomic_write

from ..render.notebooks import NOTEBOOK_DIR
from ..render.project import render_project, write_files
from ..structure import Course
from .html import render

MODES = ("practice", "graded")
DEFAULT_MASTERY = 80
# Sphinx's build bookkeeping: of no use in a package.
LEFT_OUT = {".buildinfo", ".doctrees"}
# A fixed time stamp for every zip member, so the same course makes the same package.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ScormPackage:
    path: Path
    chapters: list[str]
    mode: str
    mastery: int | None
    files: int
    size_bytes: int


def check_options(mode: str, mastery: int | None) -> int | None:
    """The mastery score the package uses (None in practice mode); ValueError if not valid."""
    if mode not in MODES:
        raise ValueError(f"--mode must be practice or graded, not {mode!r}.")
    if mode == "practice":
        if mastery is not None:
            raise ValueError("--mastery is for --mode graded (practice only counts a chapter as completed).")
        return None
    mastery = DEFAULT_MASTERY if mastery is None else mastery
    if not 0 <= mastery <= 100:
        raise ValueError(f"--mastery must be a score from 0 to 100, not {mastery}.")
    return mastery


def export_scorm(course: Course, *, mode: str, mastery: int | None, out: Path, config: Path,
                 build_html) -> ScormPackage:
    """Build the chapters' book in a temporary folder and write the package to ``out``.

    ``build_html(project_dir, files)`` is the book builder; it is passed in so this module
    stays free of the build machinery's imports (as for student packs)."""
    mastery = check_options(mode, mastery)
    if not config.is_file():
        raise ValueError(f"{config} does not exist. Pass --config with the book's _config.yml.")
    files = render_project(course, mode="practice", instructor_pages=False)
    with tempfile.TemporaryDirectory(prefix=".scorm-") as tmp:
        project = Path(tmp) / "project"
        write_files(files, project)
        shutil.copy(config, project / "_config.yml")
        html = build_html(project, files)
        data, count = package_bytes(course, html, mode=mode, mastery=mastery)
    atomic_write(out, data)
    return ScormPackage(out, [c.id for c in course.chapters], mode, mastery, count, len(data))


def sco_page(chapter) -> str:
    return f"{NOTEBOOK_DIR}/{chapter.id}.html"


def package_bytes(course: Course, html: Path, *, mode: str, mastery: int | None) -> tuple[bytes, int]:
    """The zip of a built book ``html`` with its manifest, and how many files it holds."""
    members = sorted(p.relative_to(html).as_posix() for p in html.rglob("*")
                     if p.is_file() and not LEFT_OUT & set(p.relative_to(html).parts))
    scos = {sco_page(c): c for c in course.chapters}
    missing = [page for page in scos if page not in members]
    if missing:
        raise ValueError(f"the built book has no page {', '.join(missing)}; the package was not written.")
    settings = {"mode": mode, "mastery": mastery}
    manifest = render("imsmanifest.xml.j2", course=course, mastery=mastery,
                      scos=[{"id": c.id, "title": c.title, "href": quote(page)} for page, c in scos.items()],
                      shared=[quote(m) for m in members if m not in scos])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("imsmanifest.xml", ZIP_TIME), manifest.encode("utf-8"))
        for member in members:
            data = (html / member).read_bytes()
            if member in scos:
                data = mark_sco(data.decode("utf-8"), settings).encode("utf-8")
            info = zipfile.ZipInfo(member, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue(), len(members) + 1


def mark_sco(page: str, settings: dict) -> str:
    """The chapter page with the meta element that makes the book's runtime talk to the LMS."""
    meta = render("scorm_meta.html.j2", settings=settings)
    marked, found = re.subn(r"<head>", lambda m: m.group(0) + "\n" + meta, page, count=1, flags=re.I)
    if not found:
        raise ValueError("a chapter page has no <head>; the package was not written.")
    return marked
