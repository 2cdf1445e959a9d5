"""Parity: what the builder draws in-process for our own cells is, byte for byte, what a
Jupyter kernel produces for them. The kernel side is plain nbclient with the default python3
kernel (not the build's own kernel set-up), so this test does not share the code it checks.
Also: a notebook with code of its own runs in a kernel, without the debugger, and leaves no
kernel running."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import psutil
import pytest
from nbclient import NotebookClient

from support import REPO
from patientcourse.book.execute import (apply_record, execute_notebooks, kept_output, own_calls, read_bundle,
                                        record_in_process, record_of)

pytestmark = pytest.mark.slow

# Two widgets and a quiz: the chapter with the most kinds of our own cells.
CHAPTER = "05-alternatives.ipynb"


@pytest.fixture
def run_folder(tmp_path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir()
    for name in (CHAPTER, "course.json"):
        shutil.copy(REPO / "notebooks" / name, folder / name)
    return folder


def executed_by_nbclient(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def test_in_process_outputs_are_byte_for_byte_what_a_kernel_produces(run_folder):
    path = run_folder / CHAPTER
    nb = nbformat.read(path, as_version=4)
    drawn = record_in_process(nb, own_calls(nb), read_bundle(run_folder), run_folder)
    kernel_nb = executed_by_nbclient(path)

    kernel_cells = [c for c in kernel_nb.cells if c.cell_type == "code"]
    assert len(kernel_cells) == len(drawn["cells"]) == 3
    for cell, ours in zip(kernel_cells, drawn["cells"]):
        assert cell.execution_count == ours["execution_count"]
        # The kernel's own outputs, as the book keeps them (the widget view names a widget
        # model whose state the book does not keep), serialised as nbformat writes them.
        theirs = [kept_output(o) for o in cell.outputs]
        assert json.dumps(theirs, sort_keys=True) == json.dumps(ours["outputs"], sort_keys=True)
        assert "text/html" in ours["outputs"][0]["data"] and "text/plain" in ours["outputs"][0]["data"]
    assert dict(kernel_nb.metadata.language_info) == drawn["language_info"]
    # And the executed notebooks the book reads are the same bytes.
    assert apply_record(nb, drawn) == apply_record(nb, record_of(kernel_nb))


def _kernels_of_this_process() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True)
            if any("ipykernel" in part or "kernelapp" in part for part in p.cmdline())]


def test_a_notebook_with_its_own_code_runs_in_a_kernel_without_the_debugger(run_folder, tmp_path):
    nb = nbformat.read(run_folder / CHAPTER, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import sys, ipykernel.debugger\n"
        "print('answer', 6 * 7)\n"
        "print('debugger', ipykernel.debugger._is_debugpy_available, '_pydevd_bundle' in sys.modules)"))
    nbformat.write(nb, run_folder / CHAPTER)

    done = execute_notebooks(run_folder, [CHAPTER], tmp_path / "cache")
    assert done.in_kernel == [CHAPTER] and done.drawn == []
    assert done.summary() == "Executed 1 of 1 notebooks (0 reused); 1 needed a kernel."
    executed = nbformat.reads(done.notebooks[CHAPTER].decode(), as_version=4)
    code = [c for c in executed.cells if c.cell_type == "code"]
    printed = "".join(o.get("text", "") for o in code[-1].outputs)
    assert "answer 42" in printed
    assert "debugger False False" in printed
    assert "data-pc-quiz" in json.dumps(code[-2].outputs)  # our cells still ran, in the kernel
    assert _kernels_of_this_process() == []  # shut down before the build goes on

    again = execute_notebooks(run_folder, [CHAPTER], tmp_path / "cache")
    assert again.summary() == "Executed 0 of 1 notebooks (1 reused); 0 needed a kernel."
    assert again.notebooks[CHAPTER] == done.notebooks[CHAPTER]
