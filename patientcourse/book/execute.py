"""Execute chapter notebooks with nbclient: in parallel, and only when something changed.

An executed notebook is cached under a key made of everything its outputs depend on (the
notebook, the runtime bundle, and the code of this package), so a rebuild with no change
runs no kernel, and editing one chapter re-executes that chapter only.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Callable

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

from patientcourse_runtime.fileio import atomic_write

PACKAGE = Path(__file__).resolve().parent.parent


class ExecutionFailed(RuntimeError):
    pass


def code_fingerprint() -> str:
    """A hash of the code that shapes the book: this package and the notebooks' runtime
    (Python, templates, the book's layout templates, the browser script and styles)."""
    import patientcourse_runtime

    digest = hashlib.sha256()
    for package in (PACKAGE, Path(patientcourse_runtime.__file__).resolve().parent):
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".js", ".css", ".j2", ".html") and "__pycache__" not in path.parts:
                digest.update(f"{package.name}/{path.relative_to(package).as_posix()}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(notebook: bytes, bundle: bytes, fingerprint: str) -> str:
    return hashlib.sha256(b"\0".join([notebook, bundle, fingerprint.encode()])).hexdigest()


# A Unix socket path holds at most 107 bytes; the kernel's are "<folder>/kernel-<port>".
SOCKET_FOLDER_MAX = 80


def _socket_parent() -> str | None:
    """A writable temporary folder short enough for the kernel's IPC sockets (a long TMPDIR
    is not), or None when there is none."""
    for folder in (tempfile.gettempdir(), "/tmp", "/dev/shm"):
        if len(folder) + len("/pc-kernel-xxxxxxxx") <= SOCKET_FOLDER_MAX and os.access(folder, os.W_OK):
            return folder
    return None


def _kernel_manager(sockets: str | None) -> KernelManager:
    # IPC sockets: local only, no open TCP port, and no "running over TCP" kernel warning.
    # Without a short enough folder for them, TCP on the loopback address.
    if sockets is None:
        return KernelManager(kernel_name="python3", transport="tcp", ip="127.0.0.1")
    return KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))


def _execute_one(path: str, timeout: int) -> bytes:
    """Run in a worker thread: execute the notebook in its own folder (where course.json is)."""
    nb = nbformat.read(path, as_version=4)
    parent = _socket_parent()
    with tempfile.TemporaryDirectory(prefix="pc-kernel-", dir=parent) as sockets:
        km = _kernel_manager(sockets if parent else None)
        client = NotebookClient(nb, km=km, timeout=timeout,
                                resources={"metadata": {"path": str(Path(path).parent)}})
        try:
            client.execute()
        except Exception as err:  # nbclient raises CellExecutionError with the traceback text
            raise ExecutionFailed(f"{Path(path).name}: a cell failed while executing:\n{err}") from None
        finally:
            if km.has_kernel:  # a client given a manager leaves the kernel to its owner
                km.shutdown_kernel(now=False)
    # The saved widget state is for a widget manager the book does not load
    # (nb_ipywidgets_js is empty): it would only add hundreds of KB to every page.
    nb.metadata.pop("widgets", None)
    return nbformat.writes(nb).encode("utf-8")


def execute_notebooks(folder: Path, names: list[str], cache_dir: Path, *, fingerprint: str,
                      workers: int | None = None,
                      timeout: int = 120, on_done: Callable[[str, bool], None] = lambda name, cached: None
                      ) -> dict[str, bytes]:
    """Execute ``folder/<name>`` for each name; returns executed bytes by name.

    ``fingerprint`` is ``code_fingerprint()``, taken once per build by the caller (it also
    decides whether Sphinx must run). ``on_done(name, from_cache)`` is called as each
    notebook finishes (for progress bars)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    bundle_path = folder / "course.json"
    bundle = bundle_path.read_bytes() if bundle_path.exists() else b""
    results: dict[str, bytes] = {}
    todo: dict[str, Path] = {}
    for name in names:
        cached = cache_dir / f"{cache_key((folder / name).read_bytes(), bundle, fingerprint)}.ipynb"
        if cached.exists():
            results[name] = cached.read_bytes()
            on_done(name, True)
        else:
            todo[name] = cached
    if todo:
        workers = workers or min(len(todo), os.cpu_count() or 1)
        # Threads, not processes: the work happens in each kernel (its own process), and forking
        # a process that runs other threads (a browser driver, a server) can deadlock.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_execute_one, str(folder / name), timeout): name for name in todo}
            for future in as_completed(futures):
                name = futures[future]
                results[name] = future.result()
                atomic_write(todo[name], results[name])
                on_done(name, False)
    return results

