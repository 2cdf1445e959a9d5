"""The notebooks' runtime (``runtime/``, the distribution ``patientcourse-runtime``) as a wheel.

Whatever ships the runtime to a place without this repository — the in-browser JupyterLab
(``patientcourse.lite``), a learner's pack — builds it here, so there is one way to make it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import patientcourse_runtime

RUNTIME_DISTRIBUTION = "patientcourse-runtime"
# Any fixed time: wheels built from the same sources are then the same bytes (zip entries
# carry this time instead of now), so a cached site's lock hashes do not change.
REPRODUCIBLE_EPOCH = "315532800"  # 1980-01-01, the earliest time a zip file can hold


class RuntimeWheelError(RuntimeError):
    pass


def runtime_source() -> Path:
    """The ``runtime/`` folder (holds ``pyproject.toml``) the installed runtime comes from."""
    source = Path(patientcourse_runtime.__file__).resolve().parent.parent
    if not (source / "pyproject.toml").is_file():
        raise RuntimeWheelError(
            f"the runtime is installed from {source}, which has no pyproject.toml; build from a "
            "checkout of this repository (`make venv` installs runtime/ in editable mode).")
    return source


def runtime_digest(source: Path | None = None) -> str:
    """A hash of everything that goes into the wheel (code, templates, metadata)."""
    source = source or runtime_source()
    digest = hashlib.sha256()
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and not {"__pycache__", "build"} & set(rel.parts) and ".egg-info" not in str(rel):
            digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_runtime_wheel(dest: Path) -> Path:
    """Build the ``patientcourse-runtime`` wheel into ``dest`` and return its path.

    ``pip wheel`` runs the runtime's own build backend (setuptools, fetched by pip into an
    isolated build environment); the source tree is copied first so no ``build/`` or
    ``.egg-info`` folder is left in the repository."""
    source = runtime_source()
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="patientcourse-runtime-") as tmp:
        copy = Path(tmp) / "runtime"
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        out = Path(tmp) / "dist"
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(copy)],
            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH})
        wheels = sorted(out.glob("*.whl"))
        if done.returncode != 0 or len(wheels) != 1:
            raise RuntimeWheelError(f"building the {RUNTIME_DISTRIBUTION} wheel from {source} failed:\n"
                                    + (done.stdout + done.stderr).strip()[-3000:])
        target = dest / wheels[0].name
        shutil.copy2(wheels[0], target)
    return target
