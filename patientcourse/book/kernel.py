"""Execute a notebook that holds code of its own (not only our quiz and widget cells) in a
Jupyter kernel, with nbclient: a kernel without the debugger, shut down in the background.

Only notebooks with other code come here (``cells.py`` answers ours in-process). Each kernel
still costs its start-up; what is avoidable is avoided:

* the debugger: ipykernel imports debugpy at start (about a quarter of a CPU second) for a
  feature a build never uses, so the kernel is started with debugpy hidden;
* waiting for shutdown: a kernel takes 0.3-0.5 s to exit, so the worker hands it to a
  ``Reaper`` thread and goes on with the next notebook; the build waits for the reaper once.
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

from .execute import ExecutionFailed

# Runs in the kernel's interpreter. ipykernel decides once, when ipykernel.debugger is first
# imported, whether debugpy is there; hiding it for that moment turns the debugger off. It is
# then un-hidden, so an author's own `import debugpy` still works.
LAUNCHER = ("import sys; sys.modules['debugpy'] = None; import ipykernel.debugger; del sys.modules['debugpy']; "
            "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()")

# A Unix socket path holds at most 107 bytes; the kernel's are "<folder>/kernel-<port>".
SOCKET_FOLDER_MAX = 80


class NoDebuggerKernelManager(KernelManager):
    """A python kernel in this interpreter (where the runtime is installed), started by
    ``LAUNCHER`` instead of ``python -m ipykernel_launcher``."""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        return [sys.executable, "-c", LAUNCHER, "-f", os.path.realpath(self.connection_file),
                *(extra_arguments or [])]


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
        return NoDebuggerKernelManager(kernel_name="python3", transport="tcp", ip="127.0.0.1")
    return NoDebuggerKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))


class Reaper:
    """Shuts kernels down on its own threads; ``wait()`` returns when all have exited."""

    def __init__(self):
        self._threads: list[threading.Thread] = []

    def shut_down(self, km: KernelManager, sockets: tempfile.TemporaryDirectory | None) -> None:
        def finish():
            try:
                if km.has_kernel:
                    km.shutdown_kernel(now=False)
            finally:
                if sockets is not None:
                    sockets.cleanup()

        thread = threading.Thread(target=finish, name="kernel-shutdown")
        thread.start()
        self._threads.append(thread)

    def wait(self) -> None:
        for thread in self._threads:
            thread.join()
        self._threads.clear()


def execute_in_kernel(path: Path, timeout: int, reaper: Reaper) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in its own folder (where course.json is); returns it
    with outputs. Raises ``ExecutionFailed`` with the failing cell's traceback."""
    nb = nbformat.read(path, as_version=4)
    parent = _socket_parent()
    sockets = tempfile.TemporaryDirectory(prefix="pc-kernel-", dir=parent) if parent else None
    km = _kernel_manager(sockets.name if sockets else None)
    # No timing metadata: it would make every run's bytes differ, and no page shows it.
    client = NotebookClient(nb, km=km, timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except Exception as err:  # nbclient raises CellExecutionError with the traceback text
        raise ExecutionFailed(f"{path.name}: a cell failed while executing:\n{err}") from None
    finally:
        reaper.shut_down(km, sockets)  # a client given a manager leaves the kernel to its owner
    return nb
