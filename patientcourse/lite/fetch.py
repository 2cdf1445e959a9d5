"""Fetch what the in-browser JupyterLab serves, from the package registries, into a cache.

* The Pyodide core (the npm package ``pyodide``: the WebAssembly interpreter, its standard
  library and its lock file), by ``npm pack`` at a pinned version and integrity.
* The Python wheels Pyodide installs (``wheels.txt``), by ``pip download --require-hashes``;
  the same way, the wheels whose prebuilt JupyterLab extension the site installs
  (``labextensions.txt``).
* Pure-Python wheels built from pinned source releases (``sdists.txt``) for packages PyPI has
  no Pyodide wheel of.

Everything in the cache is named or checked by its hash, so one cache serves every project
on the machine (``~/.cache/patientcourse/lite``; set ``PATIENTCOURSE_CACHE_DIR`` to move it)
and a second build fetches nothing.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write

from ..packaging import REPRODUCIBLE_EPOCH
from . import LiteBuildFailed

HERE = Path(__file__).resolve().parent
WHEEL_PINS = HERE / "wheels.txt"
LABEXTENSION_PINS = HERE / "labextensions.txt"
SDIST_PINS = HERE / "sdists.txt"
# The version jupyterlite-pyodide-kernel 0.8.6 is made for (its PYODIDE_VERSION), and the
# npm registry's integrity of that package.
PYODIDE_NPM = ("pyodide", "314.0.6",
               "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ==")
# What a browser needs of the npm package (not its TypeScript types, source maps or demo pages).
PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_PYTHON = "3.14"


class FetchFailed(LiteBuildFailed):
    pass


@dataclass(frozen=True)
class Pin:
    requirement: str  # name==version
    sha256: str


def cache_dir() -> Path:
    override = os.environ.get("PATIENTCOURSE_CACHE_DIR")
    base = Path(override) if override else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "patientcourse"
    return base / "lite"


def read_pins(path: Path) -> list[Pin]:
    pins = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"(\S+==\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if not match:
            raise FetchFailed(f"{path}:{number}: expected `name==version --hash=sha256:<64 hex>`, got {line!r}")
        pins.append(Pin(match[1], match[2]))
    return pins


def publish_into_cache(made: Path, dest: Path) -> None:
    """Move a file or folder made in a temporary place inside the cache to ``dest`` in one
    step. Builds may run at once (parallel test workers): if another got there first, its
    copy (the same bytes, by hash) is kept."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(made, dest)
    except OSError:
        if not dest.exists():
            raise


def cache_scratch(cache: Path) -> tempfile.TemporaryDirectory:
    """A temporary folder inside the cache (same file system, so a rename publishes)."""
    cache.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=".incoming-", dir=cache)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(command: list[str], what: str, **kwargs) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        raise FetchFailed(f"{what}: `{command[0]}` was not found. Install it (see README, "
                          "“In the browser”) and build again.") from None
    if done.returncode != 0:
        raise FetchFailed(f"{what} failed ({' '.join(command[:4])} …):\n{(done.stdout + done.stderr).strip()[-3000:]}")


# -- the Pyodide core ------------------------------------------------------------------------

def fetch_pyodide_core(cache: Path) -> Path:
    """The folder holding ``PYODIDE_CORE`` of the pinned npm ``pyodide`` package."""
    name, version, integrity = PYODIDE_NPM
    folder = cache / f"{name}-{version}"
    if all((folder / f).is_file() for f in PYODIDE_CORE):
        return folder
    shutil.rmtree(folder, ignore_errors=True)  # left incomplete by an interrupted build
    with cache_scratch(cache) as tmp:
        _run(["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", tmp],
             f"fetching {name} {version} from the npm registry", cwd=tmp)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if len(tarballs) != 1:
            raise FetchFailed(f"npm pack {name}@{version} left {len(tarballs)} tarballs, expected one")
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarballs[0].read_bytes()).digest()).decode()
        if digest != integrity:
            raise FetchFailed(f"{tarballs[0].name} has integrity {digest}, expected {integrity}")
        staging = Path(tmp) / "core"
        with tarfile.open(tarballs[0]) as archive:
            for f in PYODIDE_CORE:
                member = archive.getmember(f"package/{f}")
                archive.extract(member, staging, filter="data")
        publish_into_cache(staging / "package", folder)
    return folder


# -- wheels ------------------------------------------------------------------------------------

def _cached(folder: Path, pins: list[Pin]) -> list[Path] | None:
    by_hash = {sha256(p): p for p in folder.glob("*.whl")} if folder.is_dir() else {}
    found = [by_hash.get(pin.sha256) for pin in pins]
    return None if None in found else found


def fetch_wheels(cache: Path, pins_file: Path = WHEEL_PINS) -> list[Path]:
    """The pinned wheels, downloaded from the package index once, checked by hash."""
    pins = read_pins(pins_file)
    folder = cache / "wheels"
    found = _cached(folder, pins)
    if found is None:
        with cache_scratch(cache) as tmp:
            _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
                  "--only-binary=:all:", "--python-version", PYODIDE_PYTHON, "--platform", "any",
                  "--dest", tmp,
                  "--requirement", str(pins_file)], "downloading the Pyodide wheels from the package index")
            folder.mkdir(parents=True, exist_ok=True)
            for wheel in Path(tmp).glob("*.whl"):
                os.replace(wheel, folder / wheel.name)
        found = _cached(folder, pins)
        if found is None:
            raise FetchFailed(f"pip downloaded into {folder}, but not every wheel of {pins_file} is there")
    return found


def build_pure_wheels(cache: Path, pins_file: Path = SDIST_PINS) -> list[Path]:
    """Pure-Python wheels built from the pinned source releases (see ``sdists.txt``)."""
    pins = read_pins(pins_file)
    sources, built = cache / "sdists", cache / "pure-wheels"
    wheels = []
    for pin in pins:
        name = pin.requirement.split("==")[0]
        marker = built / f"{pin.sha256}.built"  # the wheel built from that source release
        if marker.is_file() and (built / marker.read_text()).is_file():
            wheels.append(built / marker.read_text())
            continue
        with cache_scratch(cache) as tmp:
            pin_file = Path(tmp) / "pin.txt"
            pin_file.write_text(f"{pin.requirement} --hash=sha256:{pin.sha256}\n")
            _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
                  "--no-binary=:all:", "--dest", str(sources), "--requirement", str(pin_file)],
                 f"downloading the {name} source release")
            source = next(p for p in sources.iterdir() if sha256(p) == pin.sha256)
            # CC=false: the optional C part cannot compile, so the build falls back to plain
            # Python and the wheel is tagged py3-none-any (what Pyodide can install).
            _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp, str(source)],
                 f"building a pure-Python {name} wheel",
                 env={**os.environ, "CC": "false", "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH})
            wheel = next(Path(tmp).glob("*.whl"))
            if not wheel.name.endswith("-py3-none-any.whl"):
                raise FetchFailed(f"building {name} gave {wheel.name}, not a pure-Python (py3-none-any) wheel")
            built.mkdir(parents=True, exist_ok=True)
            os.replace(wheel, built / wheel.name)
            atomic_write(marker, wheel.name.encode("utf-8"))
            wheels.append(built / wheel.name)
    return wheels
