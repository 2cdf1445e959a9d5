"""Which notebooks a build executes, and how: our own quiz and widget cells are drawn in the
builder's process (no kernel), and outputs are reused until something they depend on
changes. Edits are made to the course *source*, as an author makes them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from patientcourse.book import kernel
from patientcourse.book.cells import own_call
from patientcourse.book.execute import execute_notebooks
from patientcourse.book.pipeline import generate
from patientcourse.structure import load_course


@pytest.fixture
def no_kernel(monkeypatch):
    """Starting a kernel is an error in these tests: our own cells need none."""
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(kernel, "execute_in_kernel", refuse)


def run_folder(course_dir: Path, folder: Path) -> tuple[Path, list[str]]:
    """Generate the course and put its notebooks and bundle where the build runs them."""
    files, _ = generate(load_course(course_dir))
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*"):
        stale.unlink()
    for rel, data in files.items():
        if rel.startswith("notebooks/"):
            (folder / Path(rel).name).write_bytes(data)
    return folder, sorted(p.name for p in folder.glob("*.ipynb"))


def build_once(course_dir: Path, tmp_path: Path):
    folder, names = run_folder(course_dir, tmp_path / "run")
    return execute_notebooks(folder, names, tmp_path / "cache")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def html_of(executed: bytes) -> str:
    nb = nbformat.reads(executed.decode("utf-8"), as_version=4)
    return "".join(o["data"].get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("source", [
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz('01-basics')",
    "from patientcourse_runtime import chapter_widget\nchapter_widget('01-basics', 'checklist')",
])
def test_the_generated_cells_are_recognised_as_our_own(source):
    assert own_call(source) is not None


@pytest.mark.parametrize("source", [
    "print('hello')",
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz('01-basics')\nimport os",
    "from patientcourse_runtime import chapter_quiz as q\nq('01-basics')",
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz(chapter_id='01-basics')",
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz(f'{1}')",
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz('01-basics', '02-more')",
    "from patientcourse_runtime import save_results\nsave_results('x')",
    "from os import system\nsystem('01-basics')",
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz(open('x').read())",
    "from patientcourse_runtime import chapter_quiz\nchapter_quiz('01-basics'",
])
def test_any_other_code_is_not_ours_and_goes_to_a_kernel(source):
    assert own_call(source) is None


def test_a_clean_run_draws_every_notebook_without_a_kernel(tmp_path, mini_course_dir, no_kernel):
    from ipywidgets.widgets.widget import _instances  # every open widget, kept alive until closed

    open_before = len(_instances)
    done = build_once(mini_course_dir, tmp_path)
    assert len(_instances) == open_before  # drawn widgets are closed: a big course holds none of them
    assert done.summary() == "Executed 2 of 2 notebooks (0 reused); 0 needed a kernel."
    html = html_of(done.notebooks["02-more.ipynb"])
    assert "data-pc-quiz" in html and "How many minutes do you hold a tender spot?" in html
    nb = nbformat.reads(done.notebooks["02-more.ipynb"].decode(), as_version=4)
    assert nb.metadata.language_info.name == "python" and "widgets" not in nb.metadata
    assert not list((tmp_path / "run").rglob("patientcourse-results"))  # no learner file left behind


def test_a_prose_edit_executes_nothing_and_shows_the_new_prose(tmp_path, mini_course_dir, no_kernel):
    first = build_once(mini_course_dir, tmp_path)
    edit(mini_course_dir / "chapters" / "02-more.md", "## How long to hold\n\nHold a tender spot for one minute.",
         "## How long to hold\n\nHold a sore spot for one minute.")
    again = build_once(mini_course_dir, tmp_path)
    assert again.summary() == "Executed 0 of 2 notebooks (2 reused); 0 needed a kernel."
    assert "Hold a sore spot" in again.notebooks["02-more.ipynb"].decode()
    assert html_of(again.notebooks["02-more.ipynb"]) == html_of(first.notebooks["02-more.ipynb"])


def test_a_quiz_feedback_edit_redraws_that_chapter_only(tmp_path, mini_course_dir, no_kernel):
    first = build_once(mini_course_dir, tmp_path)
    edit(mini_course_dir / "chapters" / "02-more.quiz.yml", "if_wrong: It is one minute.",
         "if_wrong: It is one minute, no longer.")
    again = build_once(mini_course_dir, tmp_path)
    assert again.summary() == "Executed 1 of 2 notebooks (1 reused); 0 needed a kernel."
    assert again.drawn == ["02-more.ipynb"]
    assert "It is one minute, no longer." in html_of(again.notebooks["02-more.ipynb"])
    assert again.notebooks["01-basics.ipynb"] == first.notebooks["01-basics.ipynb"]


def test_a_glossary_edit_executes_nothing(tmp_path, mini_course_dir, no_kernel):
    build_once(mini_course_dir, tmp_path)
    edit(mini_course_dir / "glossary.yml", "A thin sheet of tissue that wraps muscles.",
         "A thin sheet of tissue that wraps each muscle.")
    assert build_once(mini_course_dir, tmp_path).summary().startswith("Executed 0 of 2 notebooks (2 reused)")


def test_a_change_to_the_runtime_or_an_output_package_executes_again(tmp_path, mini_course_dir, no_kernel,
                                                                     monkeypatch):
    from importlib import metadata

    import patientcourse.book.execute as execute

    build_once(mini_course_dir, tmp_path)
    real = metadata.version
    monkeypatch.setattr(execute.metadata, "version", lambda name: "99.0" if name == "ipywidgets" else real(name))
    assert build_once(mini_course_dir, tmp_path).summary().startswith("Executed 2 of 2 notebooks (0 reused)")
    monkeypatch.setattr(execute.metadata, "version", real)
    import patientcourse_runtime
    monkeypatch.setattr(patientcourse_runtime, "__version__", "9.9.9")
    assert build_once(mini_course_dir, tmp_path).summary().startswith("Executed 2 of 2 notebooks (0 reused)")


def test_the_cache_is_pruned(tmp_path, mini_course_dir, no_kernel):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "0123abcd.ipynb").write_text("{}")  # an entry of the old format
    for n in range(6):  # six versions of chapter 2's quiz
        edit(mini_course_dir / "chapters" / "02-more.quiz.yml", f"if_wrong: It is one minute.{' x' * n}",
             f"if_wrong: It is one minute.{' x' * (n + 1)}")
        build_once(mini_course_dir, tmp_path)
    entries = sorted(p.name for p in cache.iterdir())
    # The two this build used, and at most as many again of the most recent others.
    assert 2 < len(entries) <= 4, entries
    assert all(re.fullmatch(r"[0-9a-f]{64}\.json", e) for e in entries)


def test_a_cell_that_fails_in_process_is_reported_like_a_kernel_error(tmp_path, mini_course_dir, no_kernel):
    from patientcourse.book.execute import ExecutionFailed

    folder, names = run_folder(mini_course_dir, tmp_path / "run")
    bundle = json.loads((folder / "course.json").read_text())
    del bundle["chapters"]["02-more"]
    (folder / "course.json").write_text(json.dumps(bundle))
    with pytest.raises(ExecutionFailed, match=r"02-more\.ipynb: a cell failed while executing:\n.*02-more"):
        execute_notebooks(folder, names, tmp_path / "cache")
