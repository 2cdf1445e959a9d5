"""Writing files so that a reader (or a crash) never sees half of one, and locking them."""
from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

# In JupyterLite's Pyodide kernel: files live in the browser's storage.
IN_BROWSER = sys.platform == "emscripten"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then swap it in with ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_lock(path: Path, timeout: float):
    """A lock shared by every process that saves to the same folder (``filelock``); its
    ``acquire`` raises ``TimeoutError`` after ``timeout`` seconds.

    In the browser there is no file locking: filelock falls back to a lock file there, and
    a save right after the learner typed their name waited the whole ``timeout`` for it, with
    the kernel frozen. A Pyodide kernel is one thread that handles one message at a time, so
    an in-process lock is all it needs there."""
    if IN_BROWSER:
        return threading.RLock()
    from filelock import FileLock  # not imported in the browser, where it warns on import

    return FileLock(path, timeout=timeout, poll_interval=0.01)
