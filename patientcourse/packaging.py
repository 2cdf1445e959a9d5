"""The notebooks' runtime (``runtime/``, the distribution ``patientcourse-runtime``) as a wheel,
and what a learner installs beside it.

A student pack ships the wheel and a ``requirements.txt`` naming it (``instructor/pack.py``);
a JupyterLite site can serve the same wheel to Pyodide. ``build_runtime_wheel`` is the one
place a wheel is built: it runs ``pip wheel`` (the standard build, through the runtime's own
``pyproject.toml``) on a copy of ``runtime/``, so builds never write into the source tree and
two builds at once do not meet. One build per process: later calls copy it.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

RUNTIME_SOURCE = Path(__file__).resolve().parents[1] / "runtime"
# What a learner's pack installs beside the runtime: JupyterLab and the MyST renderer for the
# chapter text, pinned to a combination that `jupyter labextension list` reports compatible
# (jupyterlab-myst 2.7 is built against @jupyter/ydoc 3, which JupyterLab 4.6 no longer has).
# requirements.txt pins the same for the repository (a test checks they agree).
LEARNER_REQUIREMENTS = ("jupyterlab>=4.5,<4.6", "jupyterlab-myst>=2.7,<2.8")
SOURCE_PARTS = ("pyproject.toml", "README.md", "jupyter-config", "patientcourse_runtime")
# Any fixed time: wheels built from the same sources are then the same bytes (zip entries
# carry this time instead of now), so the in-browser JupyterLab's lock hashes do not change
# from build to build.
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest time a zip file can hold


class WheelBuildFailed(RuntimeError):
    """pip could not build the runtime's wheel; the message has pip's own words."""


def runtime_fingerprint(source: Path = RUNTIME_SOURCE) -> str:
    """A hash of everything that goes into the wheel (code, templates, metadata)."""
    digest = hashlib.sha256()
    for path in sorted(p for part in SOURCE_PARTS for p in [source / part, *(source / part).rglob("*")]
                       if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(source)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _built(source: Path, fingerprint: str) -> Path:
    work = Path(tempfile.mkdtemp(prefix="patientcourse-wheel-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    tree = work / "runtime"
    shutil.copytree(source, tree, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                           "--disable-pip-version-check", "--wheel-dir", str(work / "dist"), str(tree)],
                          capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH})
    wheels = sorted((work / "dist").glob("patientcourse_runtime-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        raise WheelBuildFailed(f"could not build the runtime's wheel from {source}:\n"
                               f"{(done.stderr or done.stdout).strip()}")
    return wheels[0]


def build_runtime_wheel(dest: Path, source: Path = RUNTIME_SOURCE) -> Path:
    """Build ``patientcourse_runtime-<version>-py3-none-any.whl`` into the folder ``dest``;
    return its path."""
    wheel = _built(source.resolve(), runtime_fingerprint(source))
    dest.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(wheel, dest / wheel.name))


def learner_requirements(wheel_path: str) -> str:
    """A pack's requirements.txt: JupyterLab, the MyST renderer and the runtime wheel, by a
    path relative to the pack (pip reads it from the folder the learner runs pip in)."""
    lines = ["# What the notebooks need. In this folder, run: python -m pip install -r requirements.txt",
             *LEARNER_REQUIREMENTS, wheel_path]
    return "\n".join(lines) + "\n"
