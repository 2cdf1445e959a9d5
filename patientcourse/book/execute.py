"""Give every chapter notebook its outputs: reused when nothing they depend on changed,
drawn in-process for our own quiz and widget cells, run in a kernel only for other code.

What a notebook's outputs depend on, and so its cache key (``cache_key``):

* its code cells (source and tags), not its Markdown: a prose edit reuses the outputs;
* its own chapter's slice of the runtime bundle ``course.json`` (the course's shared fields and
  the chapters its cells name), so a quiz edit touches that chapter only. A notebook with code
  of its own (run in a kernel) may read anything, so its key takes the whole bundle;
* the runtime's version and files, this module's files and the versions of the packages
  that shape the outputs (``environment_digest``).

The cache holds *outputs* (one small JSON record per notebook), not notebooks: they are put
into the current notebook (``apply_record``), the same way whichever path produced them, so
the bytes of an executed notebook never depend on where its outputs came from.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

import nbformat

from patientcourse_runtime.fileio import atomic_write
from .cells import OwnCall, close, draw, execute_result, language_info, own_call

PACKAGE = Path(__file__).resolve().parent.parent
RECORD_FORMAT = 1
# Packages whose versions can change an output's bytes: the widgets and their templates, the
# escaping, the notebook format, and (for notebooks run in a kernel) the kernel and IPython.
OUTPUT_PACKAGES = ("ipywidgets", "comm", "jinja2", "markupsafe", "nbformat", "ipykernel", "ipython")
# The saved widget view names a widget model whose state is not kept (the book loads no widget
# manager: nb_ipywidgets_js is empty), so it is never drawn; every other mime type is kept.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class ExecutionFailed(RuntimeError):
    pass


@dataclass
class Executed:
    notebooks: dict[str, bytes] = field(default_factory=dict)  # executed bytes by name
    drawn: list[str] = field(default_factory=list)  # outputs drawn in this process
    in_kernel: list[str] = field(default_factory=list)  # run in a kernel
    reused: list[str] = field(default_factory=list)  # outputs from the cache

    def summary(self) -> str:
        done = len(self.drawn) + len(self.in_kernel)
        return (f"Executed {done} of {len(self.notebooks)} notebooks ({len(self.reused)} reused); "
                f"{len(self.in_kernel)} needed a kernel.")


def code_fingerprint() -> str:
    """A hash of the code that shapes the book: this package and the notebooks' runtime
    (Python, templates, the book's layout templates, the browser script and styles)."""
    import patientcourse_runtime

    return files_digest([PACKAGE, Path(patientcourse_runtime.__file__).resolve().parent],
                         (".py", ".js", ".css", ".j2", ".html"))


def files_digest(folders: list[Path], suffixes: tuple[str, ...] | None) -> str:
    """A hash of the files under ``folders`` (those ending in ``suffixes``; None: all)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (suffixes is None or path.suffix in suffixes) and "__pycache__" not in path.parts:
                digest.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def environment_digest() -> str:
    """What, besides the notebook and its bundle slice, shapes outputs: the runtime (its
    version, and its files, since an editable install changes without a new version), the
    modules that assemble outputs, and the versions of ``OUTPUT_PACKAGES`` and Python."""
    import patientcourse_runtime

    here = Path(__file__).resolve().parent
    versions = {name: metadata.version(name) for name in OUTPUT_PACKAGES}
    return json.dumps({
        "format": RECORD_FORMAT, "runtime": patientcourse_runtime.__version__,
        "runtime_files": files_digest([Path(patientcourse_runtime.__file__).resolve().parent], (".py", ".j2")),
        "builder_files": hashlib.sha256(b"".join((here / f).read_bytes() for f in ("cells.py", "execute.py",
                                                                                     "kernel.py"))).hexdigest(),
        "packages": versions, "language_info": language_info(),
    }, sort_keys=True)


def own_calls(nb: nbformat.NotebookNode) -> list[OwnCall] | None:
    """The calls of a notebook whose every code cell is one of ours; None if any is not."""
    calls = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            call = own_call(cell.source)
            if call is None:
                return None
            calls.append(call)
    return calls


def bundle_slice(bundle: dict, chapter_ids: set[str]) -> dict:
    """The part of the bundle cells naming ``chapter_ids`` can read."""
    chapters = bundle.get("chapters", {})
    return {**{k: v for k, v in bundle.items() if k != "chapters"},
            "chapters": {cid: chapters.get(cid) for cid in sorted(chapter_ids)}}


def cache_key(nb: nbformat.NotebookNode, bundle: dict, calls: list[OwnCall] | None, environment: str) -> str:
    code = [[cell.source, cell.metadata.get("tags", [])] for cell in nb.cells if cell.cell_type == "code"]
    data = bundle if calls is None else bundle_slice(bundle, {c.chapter_id for c in calls})
    text = json.dumps({"code": code, "bundle": data, "kernel": calls is None, "environment": environment},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _runs(cell: nbformat.NotebookNode) -> bool:
    """Whether nbclient executes this cell (it skips empty ones and ``skip-execution``)."""
    return cell.cell_type == "code" and bool(cell.source.strip()) and "skip-execution" not in cell.metadata.get("tags", [])


def kept_output(output: dict) -> dict | None:
    """An output as the book keeps it: without the widget view; None if nothing is left."""
    output = json.loads(json.dumps(output))  # plain dicts and lists, whatever came in
    if "data" in output:
        output["data"].pop(WIDGET_VIEW, None)
        if not output["data"]:
            return None
    return output


def record_in_process(nb: nbformat.NotebookNode, calls: list[OwnCall], bundle: dict, folder: Path) -> dict:
    """The outputs of a notebook of our own cells, drawn here as a kernel would draw them."""
    cells, count = [], 0
    runnable = [c for c in nb.cells if c.cell_type == "code"]
    for cell, call in zip(runnable, calls):
        if not _runs(cell):
            cells.append({"execution_count": None, "outputs": []})
            continue
        count += 1
        drawn = draw(call, bundle, folder)
        output = kept_output(execute_result(drawn, count))
        close(drawn)
        cells.append({"execution_count": count, "outputs": [output] if output else []})
    return {"cells": cells, "language_info": language_info()}


def record_of(executed: nbformat.NotebookNode) -> dict:
    """The outputs of a notebook a kernel executed."""
    cells = [{"execution_count": c.execution_count,
              "outputs": [o for o in (kept_output(out) for out in c.outputs) if o is not None]}
             for c in executed.cells if c.cell_type == "code"]
    return {"cells": cells, "language_info": dict(executed.metadata.get("language_info", {}))}


def apply_record(nb: nbformat.NotebookNode, record: dict) -> bytes:
    """The notebook with the record's outputs: the executed notebook, whichever path ran it."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a copy
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for cell, done in zip(code_cells, record["cells"], strict=True):
        cell.execution_count = done["execution_count"]
        cell.outputs = [nbformat.from_dict(o) for o in done["outputs"]]
    nb.metadata["language_info"] = nbformat.from_dict(record["language_info"])
    return nbformat.writes(nb).encode("utf-8")


def read_bundle(folder: Path) -> dict:
    path = folder / "course.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def execute_notebooks(folder: Path, names: list[str], cache_dir: Path, *, workers: int | None = None,
                      timeout: int = 120, on_done: Callable[[str, bool], None] = lambda name, cached: None
                      ) -> Executed:
    """Give ``folder/<name>`` its outputs for each name (see the module's docstring).

    ``on_done(name, from_cache)`` is called as each notebook is done (for progress bars).
    Raises ``ExecutionFailed`` naming the notebook and the failing cell."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    bundle, environment = read_bundle(folder), environment_digest()
    result = Executed()
    notebooks = {name: nbformat.read(folder / name, as_version=4) for name in names}
    records: dict[str, dict] = {}
    keys: dict[str, str] = {}
    kernel_todo: list[str] = []
    draw_todo: dict[str, list[OwnCall]] = {}
    for name, nb in notebooks.items():
        calls = own_calls(nb)
        keys[name] = cache_key(nb, bundle, calls, environment)
        cached = cache_dir / f"{keys[name]}.json"
        if cached.exists():
            records[name] = json.loads(cached.read_text(encoding="utf-8"))
            result.reused.append(name)
        elif calls is None:
            kernel_todo.append(name)
        else:
            draw_todo[name] = calls

    def store(name: str, record: dict) -> None:
        records[name] = record
        atomic_write(cache_dir / f"{keys[name]}.json", json.dumps(record, sort_keys=True).encode("utf-8"))

    for name in result.reused:
        on_done(name, True)
    if kernel_todo:
        _run_kernels(folder, kernel_todo, workers, timeout, store, on_done)
        result.in_kernel = kernel_todo
    for name, calls in draw_todo.items():
        try:
            store(name, record_in_process(notebooks[name], calls, bundle, folder))
        except Exception as err:  # what the kernel would have shown as the cell's error
            raise ExecutionFailed(f"{name}: a cell failed while executing:\n{type(err).__name__}: {err}") from None
        result.drawn.append(name)
        on_done(name, False)
    result.notebooks = {name: apply_record(notebooks[name], records[name]) for name in names}
    prune_cache(cache_dir, {f"{key}.json" for key in keys.values()}, keep_unused=len(names))
    return result


def _run_kernels(folder: Path, names: list[str], workers: int | None, timeout: int,
                 store: Callable[[str, dict], None], on_done: Callable[[str, bool], None]) -> None:
    from .kernel import Reaper, execute_in_kernel  # nbclient and jupyter_client load only when needed

    reaper = Reaper()
    # Threads, not processes: the work happens in each kernel (its own process), and forking
    # a process that runs other threads (a browser driver, a server) can deadlock.
    try:
        with ThreadPoolExecutor(max_workers=workers or min(len(names), os.cpu_count() or 1)) as pool:
            futures = {name: pool.submit(execute_in_kernel, folder / name, timeout, reaper) for name in names}
            for name, future in futures.items():
                store(name, record_of(future.result()))
                on_done(name, False)
    finally:
        reaper.wait()


def prune_cache(cache_dir: Path, used: set[str], keep_unused: int) -> None:
    """Keep the records this build used, and the ``keep_unused`` most recently used others (an
    undone edit then costs nothing); remove the rest, and anything of an older cache format."""
    for name in used:
        os.utime(cache_dir / name)  # "recently used" is the file's mtime: now
    others = sorted((p for p in cache_dir.iterdir() if p.is_file() and p.name not in used),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for index, path in enumerate(others):
        if path.suffix != ".json" or index >= keep_unused:
            path.unlink(missing_ok=True)
