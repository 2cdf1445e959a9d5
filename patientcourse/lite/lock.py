"""``pyodide-lock.json`` for the wheels the site serves: Pyodide installs a package from its
lock file only, checking each wheel against the lock's sha256.

The lock keeps Pyodide's ``info`` (interpreter, platform, ABI) and lists exactly the wheels we
serve (an allowlist): nothing in it points at a file the site does not have, so nothing can
be fetched from anywhere else. Dependencies come from each wheel's own metadata, evaluated
for Pyodide (``sys_platform == "emscripten"``); a dependency we do not serve is an error.

Written by hand because ``pyodide-lock`` 0.2, which reads this lock format, needs Python 3.12,
and 0.1 (the last for 3.10/3.11) rejects Pyodide 314's lock. The format is four keys deep.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from email.parser import Parser
from pathlib import Path, PurePosixPath

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from . import LiteBuildFailed


class LockError(LiteBuildFailed):
    pass


def pyodide_environment(info: dict) -> dict[str, str]:
    """The marker environment inside Pyodide (PEP 508 names)."""
    python = info["python"]  # e.g. "3.14.2"
    return {**default_environment(), "sys_platform": "emscripten", "platform_system": "Emscripten",
            "platform_machine": info.get("arch", "wasm32"), "os_name": "posix",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "implementation_version": python, "platform_release": "", "platform_version": ""}


def wheel_metadata(wheel: Path) -> tuple[dict, list[str]]:
    """(METADATA headers, top-level import names) of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info"))
        metadata = Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode("utf-8"))
        if f"{dist_info}/top_level.txt" in names:
            imports = archive.read(f"{dist_info}/top_level.txt").decode("utf-8").split()
        else:  # modern wheels have no top_level.txt: top-level packages and modules
            imports = sorted({PurePosixPath(n).parts[0].removesuffix(".py") for n in names if n.endswith(".py")})
    return metadata, [i for i in imports if not i.endswith((".dist-info", ".data"))]


def package_entry(wheel: Path, env: dict[str, str]) -> dict:
    metadata, imports = wheel_metadata(wheel)
    depends = []
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({**env, "extra": ""}):
            depends.append(canonicalize_name(requirement.name))
    return {"name": metadata["Name"], "version": metadata["Version"], "file_name": wheel.name,
            "install_dir": "site", "sha256": "", "package_type": "package", "imports": imports,
            "depends": sorted(set(depends)), "unvendored_tests": False}


def build_lock(core_lock: Path, wheels: list[Path]) -> dict:
    """The lock for ``wheels`` (all in one folder beside the lock), with Pyodide's ``info``."""
    info = json.loads(core_lock.read_text(encoding="utf-8"))["info"]
    env = pyodide_environment(info)
    packages = {}
    for wheel in wheels:
        entry = package_entry(wheel, env)
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
        key = canonicalize_name(entry["name"])
        if key in packages:
            raise LockError(f"two wheels of {key}: {packages[key]['file_name']} and {wheel.name}")
        packages[key] = entry
    missing = {f"{key} needs {dep}" for key, entry in packages.items() for dep in entry["depends"]
               if dep not in packages}
    if missing:
        raise LockError("the site would serve packages without their dependencies: "
                        + "; ".join(sorted(missing)) + ". Add them to patientcourse/lite/wheels.txt.")
    return {"info": info, "packages": dict(sorted(packages.items()))}

