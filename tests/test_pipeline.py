"""The shape of the build: one pipeline in ``patientcourse/book/pipeline.py`` that the CLI,
student packs, tests and the benchmark all call, and that runs the checks once."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support import REPO, make_project
from patientcourse.cli import app

PACKAGE = REPO / "patientcourse"


def count_chapter_checks(monkeypatch) -> list[str]:
    import patientcourse.checks.run as run

    checked: list[str] = []
    original = run.check_chapter

    def counting(course, chapter, *args, **kwargs):
        checked.append(chapter.id)
        return original(course, chapter, *args, **kwargs)

    monkeypatch.setattr(run, "check_chapter", counting)
    return checked


def test_build_checks_each_chapter_once_and_its_report_page_shows_that_report(tmp_path, mini_course_dir,
                                                                               monkeypatch):
    import patientcourse.book.pipeline as pipeline

    checked = count_chapter_checks(monkeypatch)
    project = make_project(tmp_path / "project")
    seen = {}

    def fake_build_html(project_dir, files, **kwargs):  # the HTML stage is tested in test_build.py
        seen["report"] = files["book/report.md"].decode()
        return Path(project_dir) / "_build" / "html"

    monkeypatch.setattr(pipeline, "build_html", fake_build_html)
    result = CliRunner().invoke(app, ["build", "--course", str(mini_course_dir), "--project", str(project),
                                      "--today", "2026-11-24"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert checked == ["01-basics", "02-more"]  # not once more inside the report page
    assert "| 1. The basics |" in seen["report"]
    # The page written by build is the page `generate` writes: it does not depend on the day
    # or on whether the notebooks were read.
    assert (project / "book" / "report.md").read_text(encoding="utf-8") == seen["report"]
    generated = tmp_path / "generated"
    assert CliRunner().invoke(app, ["generate", "--course", str(mini_course_dir), "--project",
                                    str(generated)]).exit_code == 0
    assert (generated / "book" / "report.md").read_text(encoding="utf-8") == seen["report"]


def test_generate_checks_each_chapter_once(tmp_path, mini_course_dir, monkeypatch):
    checked = count_chapter_checks(monkeypatch)
    result = CliRunner().invoke(app, ["generate", "--course", str(mini_course_dir), "--project", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert checked == ["01-basics", "02-more"]


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
            names |= {f"{module}.{a.name}" for a in node.names}
    return names


def test_only_the_command_line_imports_the_commands():
    """Packs, the renderers, the benchmark and the tests build books through the pipeline;
    a command module is a thin front end that nothing else depends on."""
    offenders = []
    for folder in (PACKAGE, REPO / "benchmarks", REPO / "tests"):
        for path in folder.rglob("*.py"):
            if path.parent == PACKAGE / "commands" or path == PACKAGE / "cli.py":
                continue
            uses = {m for m in imported_modules(path) if m.startswith("patientcourse.commands.")}
            # Tests may drive a command as the user does (its typer function, or `register`).
            uses = {m for m in uses if not (folder.name == "tests" and m.rsplit(".", 1)[-1] in
                                            ("register", "check", "grade", "export", "assign"))}
            if any(m.rsplit(".", 1)[-1] in ("build_html", "stage_notebooks", "build") or
                   m == "patientcourse.commands.build" for m in uses):
                offenders.append(f"{path.relative_to(REPO)}: {sorted(uses)}")
    assert offenders == []


@pytest.mark.parametrize("command, entry", [("build", "build_book"), ("generate", "generate_project")])
def test_the_build_commands_only_parse_options_and_call_the_pipeline(command, entry):
    tree = ast.parse((PACKAGE / "commands" / f"{command}.py").read_text(encoding="utf-8"))
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    pipeline_functions = {"build_book", "generate_project", "build_html", "generate", "load", "stage_notebooks",
                          "execute_notebooks", "run_jupyter_book", "publish", "render_project", "run_checks",
                          "write_files", "load_or_exit"}
    assert called & pipeline_functions == {entry}
