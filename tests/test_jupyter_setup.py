"""What the runtime and the repository set up for Jupyter itself: the server extension that
keeps an opened notebook from showing as changed, and a JupyterLab / jupyterlab-myst pair that
`jupyter labextension list` reports compatible (the same pins as a student pack)."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

from patientcourse.packaging import LEARNER_REQUIREMENTS
from patientcourse_runtime.jupyter import as_the_kernel_will_say

REPO = Path(__file__).resolve().parent.parent
JUPYTER = Path(sys.executable).parent / "jupyter"


def test_an_opened_chapter_says_what_the_running_kernel_will_say():
    """JupyterLab writes the kernel's own description into the notebook once the kernel runs;
    the extension sends the notebook with that description already in it, so nothing changes."""
    notebook = nbformat.read(REPO / "notebooks" / "01-fascia-anatomy.ipynb", as_version=4)
    as_the_kernel_will_say(notebook, KernelSpecManager())
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.kernel_info(reply=True, timeout=60)["content"]
        spec = manager.kernel_spec
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert notebook.metadata["language_info"] == reply["language_info"]
    assert notebook.metadata["kernelspec"] == {"name": "python3", "display_name": spec.display_name,
                                                "language": spec.language}


def test_a_notebook_not_made_by_the_course_is_left_alone():
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Mine"}})
    as_the_kernel_will_say(notebook, KernelSpecManager())
    assert notebook.metadata == {"kernelspec": {"name": "python3", "display_name": "Mine"}}


def test_the_repository_pins_jupyterlab_as_a_pack_does():
    """`make lab` installs the lab extra of pyproject.toml (requirements.txt: -e .[lab])."""
    lab = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["lab"]
    assert set(LEARNER_REQUIREMENTS) <= set(lab)


def test_no_jupyterlab_extension_is_reported_incompatible():
    listed = subprocess.run([str(JUPYTER), "labextension", "list"], capture_output=True, text=True, check=True)
    shown = listed.stdout + listed.stderr
    for name in ("jupyterlab-myst", "@jupyter-widgets/jupyterlab-manager", "anywidget"):
        assert re.search(rf"{re.escape(name)} v\S+ \S*enabled\S* \S*OK", shown), shown
    assert "not compatible" not in shown and " X" not in shown, shown


@pytest.mark.parametrize("extension", ["patientcourse_runtime.jupyter"])
def test_the_server_extension_is_on(extension):
    listed = subprocess.run([str(JUPYTER), "server", "extension", "list"], capture_output=True, text=True, check=True)
    assert re.search(rf"{re.escape(extension)}\s+\S*enabled", listed.stdout + listed.stderr)
