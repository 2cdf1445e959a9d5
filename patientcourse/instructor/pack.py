"""Student packs: the chosen chapters as notebooks plus a small HTML book, and a README.

Layout of a pack (what a learner receives; nothing else is needed but Python and pip)::

    README.md                  how to open, answer and hand in (two commands to set up and start)
    requirements.txt           JupyterLab, jupyterlab-myst and the runtime wheel below
    wheels/patientcourse_runtime-<version>-py3-none-any.whl
                               what the notebooks run (``patientcourse.packaging``)
    notebooks/NN-slug.ipynb    the chapters, not yet run
    notebooks/course.json      the runtime bundle (assessment: no answers, no feedback)
    book/index.html ...        the chapters with the landing, glossary and sources pages

An assessment pack is scanned byte by byte (``leak_scan``) before it is published; if any
answer-key text or correctness marker is found, nothing is written.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..packaging import build_runtime_wheel, learner_requirements
from ..render.notebooks import NOTEBOOK_DIR
from ..render.project import BUNDLE_PATH, render_project, write_files
from ..structure import Course
from ..structure.loader import slugify
from .leak_scan import Finding, answer_key_secrets, scan_folder
from .pack_readme import readme

MODES = ("practice", "assessment")
WHEELS = "wheels"


class PackError(ValueError):
    """The pack could not be made; nothing was written to the destination."""


@dataclass
class Pack:
    folder: Path
    assignment: dict
    chapters: list[str]
    mode: str
    files: int
    size_bytes: int
    scanned_secrets: int  # answer-key strings looked for (assessment only)


def assignment_record(title: str, due: str | None) -> dict:
    if not slugify(title):
        raise PackError("--title must contain letters or digits, e.g. \"Week 3: fascia basics\".")
    return {"id": slugify(title), "title": title, "due": due}


def make_pack(course: Course, chapter_ids: list[str], *, title: str, due: str | None,
              mode: str, out: Path, config: Path, build_html=None) -> Pack:
    """Render, build and check the pack in a temporary folder, then move it to ``out``.

    ``build_html(project_dir, files)`` builds the book: the pipeline's (``book.pipeline``)
    unless a test passes another."""
    if build_html is None:
        from ..book.pipeline import build_html  # the build machinery, imported only when used
    if mode not in MODES:
        raise PackError(f"--mode must be practice or assessment, not {mode!r}.")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PackError(f"{out} already exists and is not an empty folder. Choose a new --out "
                        "folder, or delete that one first.")
    if not config.is_file():
        raise PackError(f"{config} does not exist. Pass --config with the book's _config.yml.")
    subset = course.subset(chapter_ids)
    assignment = assignment_record(title, due)
    files = render_project(subset, mode=mode, assignment=assignment, instructor_pages=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".pack-", dir=out.parent) as tmp:
        project, pack = Path(tmp) / "project", Path(tmp) / "pack"
        write_files(files, project)
        (project / "_config.yml").write_text(_pack_config(config, assignment, course), encoding="utf-8")
        html = build_html(project, files)
        _assemble(pack, files, html, readme(subset, assignment, mode))
        scanned = 0
        if mode == "assessment":
            secrets = answer_key_secrets(subset)
            scanned = secrets.count
            findings = leak_findings(pack, secrets)
            if findings:
                raise PackError(_leak_message(findings))
        sizes = [p.stat().st_size for p in pack.rglob("*") if p.is_file()]
        if out.exists():
            out.rmdir()
        os.replace(pack, out)
    return Pack(out, assignment, [c.id for c in subset.chapters], mode, len(sizes), sum(sizes), scanned)


def _pack_config(config: Path, assignment: dict, course: Course) -> str:
    """The book's own config, titled with the assignment; its course.yml is the course's."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    title = f"{assignment['title']} — {course.meta.title}"
    data["title"] = title
    sphinx_config = data.setdefault("sphinx", {}).setdefault("config", {})
    if sphinx_config.get("patientcourse_course"):
        sphinx_config["patientcourse_course"] = str(Path(course.root).resolve())
        sphinx_config["patientcourse_title"] = title
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _assemble(pack: Path, files: dict[str, bytes], html: Path, readme_text: str) -> None:
    # The notebooks go in unrun: a learner runs them; the book shows the run output.
    for rel in sorted(files):
        if rel.startswith(f"{NOTEBOOK_DIR}/"):
            (pack / rel).parent.mkdir(parents=True, exist_ok=True)
            (pack / rel).write_bytes(files[rel])
    # Sphinx's build bookkeeping is no use to a learner.
    shutil.copytree(html, pack / "book", ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    wheel = build_runtime_wheel(pack / WHEELS)
    (pack / "requirements.txt").write_text(learner_requirements(f"./{WHEELS}/{wheel.name}"), encoding="utf-8")
    (pack / "README.md").write_text(readme_text, encoding="utf-8")


def leak_findings(pack: Path, secrets) -> list[Finding]:
    """What the byte scan finds in a pack. The runtime wheel is the code that reads results
    and bundles, so its own source may name their fields (``"answer":``); that is no leak. It
    holds no course data, and the course's answer-key text is still looked for in it."""
    return [f for f in scan_folder(pack, secrets)
            if not (f.file.startswith(f"{WHEELS}/") and not f.what.startswith("answer key text"))]


def _leak_message(findings: list[Finding]) -> str:
    shown = "\n".join(f"  {f}" for f in findings[:20])
    more = f"\n  ... and {len(findings) - 20} more" if len(findings) > 20 else ""
    return ("the assessment pack would reveal answers, so it was not written:\n" + shown + more +
            "\nThis is a bug in the renderer or the quiz runtime; report it with this list.")


def read_pack_assignment(pack: Path) -> tuple[dict, list[str]]:
    """The assignment (id, title, due) and chapter ids of a pack made by ``assign``."""
    bundle_file = pack / BUNDLE_PATH
    try:
        bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
        assignment, chapters = bundle["assignment"], list(bundle["chapters"])
        assignment["id"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ValueError(f"{bundle_file}: not a student pack's bundle (it needs 'assignment' and "
                         "'chapters'). Pass the folder that `patientcourse assign` wrote.") from None
    return assignment, chapters
