"""Run Jupyter Book 1 on a staged copy of the project, and publish its HTML atomically.

The build never writes into the published ``_build/html`` directly: it builds in a stage
folder (kept between builds, so Sphinx and the execution cache make rebuilds fast) and
swaps the result in only when everything succeeded.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from patientcourse_runtime.fileio import atomic_write
from .execute import PACKAGE

STATIC_DIR = PACKAGE / "static"


class BookBuildFailed(RuntimeError):
    pass


def stage_config(project_config: Path) -> bytes:
    """The project's ``_config.yml`` as the stage needs it: notebooks arrive executed, and
    the static runtime is read from the installed package (a stage has no package folder)."""
    config = yaml.safe_load(project_config.read_text(encoding="utf-8")) or {}
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["html_static_path"] = [str(STATIC_DIR)]
    if sphinx_config.get("html_favicon", "").startswith("patientcourse/static/"):
        sphinx_config["html_favicon"] = str(STATIC_DIR / Path(sphinx_config["html_favicon"]).name)
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8")


def sync_stage(files: dict[str, bytes], stage: Path) -> list[str]:
    """Make ``stage`` hold exactly ``files``; unchanged files keep their mtime (Sphinx
    rebuilds only pages whose sources are newer than its cached doctrees). Returns what changed."""
    changed = []
    for rel, data in files.items():
        target = stage / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write(target, data)
        changed.append(rel)
    wanted = {stage / rel for rel in files}
    for folder in ("book", "notebooks"):
        for path in (stage / folder).rglob("*") if (stage / folder).exists() else []:
            if path.is_file() and path not in wanted:
                path.unlink()
                changed.append(path.relative_to(stage).as_posix())
    return changed


def jupyter_book_command() -> list[str]:
    """``jupyter-book`` in this interpreter, skipping the same slow import as we do
    (see ``patientcourse/_startup.py``)."""
    return [sys.executable, "-c", "import sys; sys.modules.setdefault('rfc3987_syntax', None); "
            "from jupyter_book.cli.main import main; main()"]


def built_html(stage: Path) -> Path:
    return stage / "_build" / "html"


def run_jupyter_book(stage: Path, *, strict: bool = True) -> Path:
    """``jupyter-book build`` the stage; warnings are errors, so a broken link or a failed
    cell stops the build instead of publishing a half-broken book."""
    command = [*jupyter_book_command(), "build", str(stage.resolve()), "--builder", "html"]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=stage)
    if done.returncode != 0:
        log = (done.stdout + done.stderr).strip().splitlines()
        problems = [line for line in log if "WARNING" in line or "ERROR" in line or "Error" in line]
        raise BookBuildFailed("Jupyter Book failed:\n" + "\n".join((problems or log)[-40:]))
    return built_html(stage)


def publish(built: Path, dest: Path, extras: dict[str, Path] | None = None) -> None:
    """Copy the built site next to ``dest`` and swap it in; the old site stays whole until then.
    ``extras`` are more folders to publish inside it (``{"lite": <JupyterLite output>}``)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    incoming = dest.with_name(f".{dest.name}.incoming")
    outgoing = dest.with_name(f".{dest.name}.outgoing")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(built, incoming)
    for name, folder in (extras or {}).items():
        shutil.copytree(folder, incoming / name)
    if dest.exists():
        os.replace(dest, outgoing)
    os.replace(incoming, dest)
    shutil.rmtree(outgoing, ignore_errors=True)
