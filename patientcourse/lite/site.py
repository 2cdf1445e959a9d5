"""Build the in-browser JupyterLab (JupyterLite with the Pyodide kernel) for a book.

Read top to bottom: fetch (cached) → lay out a JupyterLite project under
``<project>/_build/.lite/src`` → ``jupyter lite build`` into ``_build/.lite/out``, which the
book build then publishes as ``_build/html/lite``. The project folder is kept between builds,
and files are rewritten only when their bytes change, so JupyterLite's own task cache redoes
only what changed and a second build takes seconds.

Everything the site needs at run time is in it: the Pyodide core, every wheel (listed in one
lock file, checked by hash), the JupyterLab front end and its widget extension. The kernel's
settings forbid falling back to PyPI.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat

from ..book.files import sync_tree
from ..packaging import WheelBuildFailed, build_runtime_wheel, runtime_fingerprint
from ..render.notebooks import NOTEBOOK_DIR
from . import LiteBuildFailed
from .fetch import (LABEXTENSION_PINS, PYODIDE_CORE, WHEEL_PINS, build_pure_wheels, cache_dir, cache_scratch,
                    fetch_pyodide_core, fetch_wheels, publish_into_cache, read_pins)
from .links import lite_links
from .lock import build_lock

LITE_DIR = "lite"  # under the published book: _build/html/lite
LITE_URL = f"{LITE_DIR}/lab/index.html"  # JupyterLab, from the book's root
BOOK_ROOT_FROM_LAB = "../" * LITE_URL.count("/")  # the book's root, from JupyterLab's page
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_EXTENSION_WHEEL = "jupyterlite_pyodide_kernel-"
WIDGETS_EXTENSION_WHEEL = "jupyterlab_widgets-"
ANYWIDGET_WHEEL = "anywidget-"  # the live quiz's answer fields; its wheel holds its JupyterLab extension
# The Pyodide kernel's own spec; notebooks must name it or JupyterLab asks for a kernel.
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
# Loaded while Pyodide starts, all at once, from the lock: the kernel's packages (naming them
# here also skips the kernel's one-by-one piplite installs) and the notebooks' runtime.
PRELOAD = ["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython",
           "patientcourse-runtime"]
# Of the kernel extension's own wheels, the widgetsnbextension stand-in for ipywidgets 7 is
# not needed (ipywidgets 8 takes the 4.x one).
KERNEL_WHEELS_SKIP = ("widgetsnbextension-3.",)


def build_lite(project_dir: Path, files: dict[str, bytes]) -> Path:
    """Build the JupyterLite site from the generated notebooks and bundle in ``files``
    (``notebooks/*.ipynb``, ``notebooks/course.json``); returns its output folder."""
    work = Path(project_dir).resolve() / "_build" / ".lite"
    src, out = work / "src", work / "out"
    cache = cache_dir()

    core = fetch_pyodide_core(cache)
    wheels = fetch_wheels(cache) + build_pure_wheels(cache)
    kernel_extension = _one(wheels, KERNEL_EXTENSION_WHEEL)
    # The front ends the notebooks need, and jupyterlab-myst (labextensions.txt, not served to
    # Pyodide) so the chapters' markdown reads as in the book.
    lab_extensions = [_one(wheels, WIDGETS_EXTENSION_WHEEL), _one(wheels, ANYWIDGET_WHEEL),
                      *fetch_wheels(cache, LABEXTENSION_PINS)]
    served = ([w for w in wheels if w != kernel_extension] + _kernel_wheels(kernel_extension, cache)
              + [runtime_wheel(cache)])

    pyodide_dir = {f"static/pyodide/{name}": (core / name).read_bytes() for name in PYODIDE_CORE}
    pyodide_dir |= {f"static/pyodide/{w.name}": w.read_bytes() for w in served}
    lock = build_lock(core / "pyodide-lock.json", served)
    pyodide_dir["static/pyodide/pyodide-lock.json"] = _json(lock)

    config = {"LiteBuildConfig": {
        "apps": ["lab"], "contents": ["contents"], "no_sourcemaps": True, "no_unused_shared_packages": True,
        # Only the extensions named here, never whatever the build's environment has installed.
        "ignore_sys_prefix": True,
        "federated_extensions": [str(w) for w in (kernel_extension, *lab_extensions)]}}
    sync_tree(src, {"jupyter_lite_config.json": _json(config),
                    "jupyter-lite.json": _json(lite_settings(files)),
                    **pyodide_dir, **lite_contents(files)},
              owned=("static", "contents"))
    run_jupyter_lite(src, out)
    return out


def lite_settings(files: dict[str, bytes]) -> dict:
    course = json.loads(files["notebooks/course.json"])["course"]
    return {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": f"{course['title']} (in your browser)",
        "litePluginSettings": {KERNEL_PLUGIN: {
            "disablePyPIFallback": True,
            "loadPyodideOptions": {"packages": PRELOAD}}}}}


def lite_contents(files: dict[str, bytes]) -> dict[str, bytes]:
    """The learner's files: each chapter notebook (naming the Pyodide kernel, its links made to
    work there: ``links.py``), the runtime bundle beside them and the figures the notebooks
    show (``figures/``), laid out as in ``notebooks/`` at the top of the in-browser file
    browser. Nothing else (an allowlist)."""
    contents = {}
    for rel, data in files.items():
        folder, _, name = rel.partition("/")
        if folder != NOTEBOOK_DIR:
            continue
        if name.endswith(".ipynb") and "/" not in name:
            notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
            notebook.metadata["kernelspec"] = dict(KERNELSPEC)
            for cell in notebook.cells:
                if cell.cell_type == "markdown":
                    cell.source = lite_links(cell.source, BOOK_ROOT_FROM_LAB)
            data = (nbformat.writes(notebook) + "\n").encode("utf-8")
        elif name != "course.json" and not (name.startswith("figures/") and name.count("/") == 1
                                             and name.endswith(".svg")):
            continue
        contents[f"contents/{name}"] = data
    return contents


def runtime_wheel(cache: Path) -> Path:
    """The runtime's wheel (``packaging.py``), kept in the cache by the hash of its sources:
    rebuilt only when they change, by any build on the machine."""
    folder = cache / "runtime" / runtime_fingerprint()
    found = sorted(folder.glob("*.whl"))
    if found:
        return found[0]
    with cache_scratch(cache) as tmp:
        try:
            built = build_runtime_wheel(Path(tmp))
        except WheelBuildFailed as err:
            raise LiteBuildFailed(str(err)) from None
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(built, folder / built.name)
    return folder / built.name


def _kernel_wheels(kernel_extension: Path, cache: Path) -> list[Path]:
    """The kernel's own wheels (pyodide-kernel, piplite, ipykernel and widgetsnbextension
    stand-ins), taken out of the extension's wheel so the lock can list them."""
    folder = cache / "kernel-wheels" / kernel_extension.stem
    if not folder.is_dir():
        with cache_scratch(cache) as tmp:
            with zipfile.ZipFile(kernel_extension) as archive:
                for name in archive.namelist():
                    base = name.rsplit("/", 1)[-1]
                    if "/static/pypi/" in name and base.endswith(".whl") and not base.startswith(KERNEL_WHEELS_SKIP):
                        (Path(tmp) / "wheels" / base).parent.mkdir(exist_ok=True)
                        (Path(tmp) / "wheels" / base).write_bytes(archive.read(name))
            publish_into_cache(Path(tmp) / "wheels", folder)
    return sorted(folder.glob("*.whl"))


def run_jupyter_lite(src: Path, out: Path) -> None:
    _check_jupyterlite()
    command = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(src), "--output-dir", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=src)
    if done.returncode != 0:
        raise LiteBuildFailed("jupyter lite build failed:\n" + (done.stdout + done.stderr).strip()[-4000:])


def _check_jupyterlite() -> None:
    """JupyterLite is installed (``requirements-lite.txt``), at the version of the kernel
    extension the site serves (``wheels.txt``)."""
    from importlib.metadata import PackageNotFoundError, version

    pinned = next(p.requirement.split("==")[1] for p in read_pins(WHEEL_PINS)
                  if p.requirement.startswith("jupyterlite-pyodide-kernel=="))
    try:
        installed = version("jupyterlite-pyodide-kernel"), version("jupyterlite-core")
    except PackageNotFoundError:
        raise LiteBuildFailed("JupyterLite is not installed: run `make lite`, or "
                              "`pip install -r requirements-lite.txt` and build again.") from None
    if installed[0] != pinned:
        raise LiteBuildFailed(f"jupyterlite-pyodide-kernel {installed[0]} is installed but the site serves "
                              f"{pinned} (patientcourse/lite/wheels.txt); install requirements-lite.txt.")


def _one(wheels: list[Path], prefix: str) -> Path:
    matches = [w for w in wheels if w.name.startswith(prefix)]
    if len(matches) != 1:
        raise LiteBuildFailed(f"expected one {prefix}*.whl among the fetched wheels, found {len(matches)}")
    return matches[0]


def _json(value) -> bytes:
    return (json.dumps(value, indent=1, sort_keys=True) + "\n").encode("utf-8")
