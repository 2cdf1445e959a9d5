"""When the notebook runs in the browser (JupyterLite's Pyodide kernel, ``sys.platform ==
"emscripten"``).

There the working directory is JupyterLite's contents, kept in the browser's storage, so the
results file is saved as usual (``store.py``) but lives nowhere the learner can pick it up
to hand in. The live quiz therefore adds "Download my results": a link whose address is the
results file itself (a ``data:`` URL). The kernel runs in a web worker, with no page to
start a download from, so a link the learner clicks is the way out. The file is the same
one the notebook saves, byte for byte, in the one results format (``results.py``).
"""
from __future__ import annotations

import base64

import ipywidgets as w

from .faces import fragment
from .filenames import results_file_name
from .store import results_bytes


def download_name(results) -> str:
    """The file name the book's "Download my results" gives too (``filenames.py``)."""
    return results_file_name(results.course_id, results.assignment_id, results.learner)


def saved_bytes(results) -> bytes:
    """What is saved (the file), or, if saving failed, what would have been."""
    try:
        return results.path.read_bytes()
    except OSError:
        return results_bytes(results.data)


class DownloadResults(w.HTML):
    """The "Download my results" link, refreshed after every answer."""

    def refresh(self, results, where: str) -> None:
        href = "data:application/json;base64," + base64.b64encode(saved_bytes(results)).decode("ascii")
        self.value = fragment("browser.html.j2", "download_link", href, download_name(results), where)
