"""The in-browser JupyterLab: every chapter notebook running in Pyodide, served by the book.

``patientcourse build --lite`` (``make lite``) builds it into ``_build/html/lite`` (``site.py``)
and puts an "Open in the browser" button on each chapter page (``button.py``). What the
browser loads is fetched at build time from the package registries (``fetch.py``) and listed
with its hashes in Pyodide's lock file (``lock.py``).
"""


class LiteBuildFailed(RuntimeError):
    """The in-browser JupyterLab could not be built; the message says what to do."""
