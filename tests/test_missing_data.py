"""A chapter notebook copied without its data (course.json) tells the learner so in one short,
kind sentence: which file, and that it came with the pack. No traceback, no builder command."""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from patientcourse_runtime.bundle import MISSING

REPO = Path(__file__).resolve().parent.parent
CHAPTER = "01-fascia-anatomy"


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch):
    """The kernel inherits this environment: no bundle or results folder set from outside."""
    for name in ("PATIENTCOURSE_BUNDLE", "PATIENTCOURSE_RESULTS_DIR"):
        monkeypatch.delenv(name, raising=False)


def run_alone(folder: Path, bundle_text: str | None = None) -> list[dict]:
    """Run the real chapter notebook copied into ``folder`` (with ``bundle_text`` as its
    course.json, or none); return the error outputs."""
    folder.mkdir()
    shutil.copy(REPO / "notebooks" / f"{CHAPTER}.ipynb", folder)
    if bundle_text is not None:
        (folder / "course.json").write_text(bundle_text, encoding="utf-8")
    notebook = nbformat.read(folder / f"{CHAPTER}.ipynb", as_version=4)
    client = NotebookClient(notebook, timeout=120, allow_errors=True, resources={"metadata": {"path": str(folder)}})
    client.execute()
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs
            if o.output_type == "error"]


@pytest.mark.parametrize("bundle_text, sentence", [
    (None, MISSING),
    ('{"chapters": {', "course.json, which came with your course pack, is damaged"),
])
def test_a_notebook_without_its_data_says_one_kind_sentence(tmp_path, bundle_text, sentence):
    errors = run_alone(tmp_path / "alone", bundle_text)
    assert errors, "every cell that needs the data says so"
    for error in errors:
        shown = "\n".join(error["traceback"])
        assert len(error["traceback"]) == 1 and sentence in shown, shown
        assert "Traceback" not in shown and "File " not in shown and "\x1b[" not in shown
        assert "patientcourse generate" not in shown and "run" not in shown.split(":")[0]
    assert "course.json" in MISSING and "came with your course pack" in MISSING and MISSING.count(". ") == 0


def test_the_builder_still_sees_a_failed_cell(tmp_path):
    """A build must not publish a page whose quiz is a sentence: the cell still fails."""
    folder = tmp_path / "alone"
    folder.mkdir()
    shutil.copy(REPO / "notebooks" / f"{CHAPTER}.ipynb", folder)
    notebook = nbformat.read(folder / f"{CHAPTER}.ipynb", as_version=4)
    with pytest.raises(CellExecutionError) as failed:
        NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    assert failed.value.ename == "BundleNotFound" and "course.json" in str(failed.value)
