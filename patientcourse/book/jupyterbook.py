"""Run Jupyter Book 1 on a staged copy of the project, and publish its HTML atomically.

The build never writes into the published ``_build/html`` directly: it builds in a stage
folder (kept between builds, so Sphinx and the execution cache make rebuilds fast) and
swaps the result in only when everything succeeded.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from patientcourse_runtime.fileio import atomic_write
from .execute import PACKAGE, files_digest
from .files import sync_tree

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
    if sphinx_config.get("patientcourse_course"):  # the stage is elsewhere: name the course folder in full
        sphinx_config["patientcourse_course"] = str((project_config.parent / sphinx_config["patientcourse_course"]).resolve())
    if sphinx_config.get("html_favicon", "").startswith("patientcourse/static/"):
        sphinx_config["html_favicon"] = str(STATIC_DIR / Path(sphinx_config["html_favicon"]).name)
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8")


def sync_stage(files: dict[str, bytes], stage: Path) -> list[str]:
    """Make ``stage`` hold exactly ``files``; unchanged files keep their mtime (Sphinx
    rebuilds only pages whose sources are newer than its cached doctrees). Returns what changed."""
    return sync_tree(stage, files, owned=("book", "notebooks"))


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


def releases_of(dest: Path) -> Path:
    """Where the published copies behind ``dest`` live (``_build/.html.releases``)."""
    return dest.with_name(f".{dest.name}.releases")


def site_id(staged: dict[str, bytes], extras: dict[str, Path] | None = None) -> str:
    """What a built site was made from: a hash of every file staged for Sphinx, and of every
    file of the folders published inside it (``publish``'s ``extras``)."""
    digest = hashlib.sha256()
    for rel, data in sorted(staged.items()):
        digest.update(f"{rel}\0{len(data)}\0".encode() + data)
    for name, folder in sorted((extras or {}).items()):
        digest.update(f"{name}\0{files_digest([folder], None)}\0".encode())
    return digest.hexdigest()


def _published_record(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.published")


def is_published(dest: Path, site: str) -> bool:
    """Whether ``dest`` is a release made from the inputs ``site`` (see ``site_id``)."""
    try:
        record = json.loads(_published_record(dest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (record.get("site") == site and dest.is_symlink() and dest.resolve().name == record.get("release")
            and (dest / "index.html").is_file())


def publish(built: Path, dest: Path, site: str | None = None, *, extras: dict[str, Path] | None = None) -> bool:
    """Publish the built site at ``dest`` so that readers always find a whole site.

    ``dest`` is a symbolic link to a release folder. The new site is copied into a new
    release first (a copy that fails leaves the old site as it was), then one rename puts a
    link to it in place of the old link: there is no moment without a site, and no moment
    with half of one. The previous release is kept a build longer, for readers who are
    still on a page of it; older ones are removed. ``extras`` are more folders published
    inside the site, in the same release (``{"lite": <the in-browser JupyterLab>}``).

    ``site`` names what the site was made from (``site_id``, extras included): when the
    release at ``dest`` was made from the same, nothing is copied or swapped. Returns whether
    a release was published."""
    if site is not None and is_published(dest, site):
        return False
    _published_record(dest).unlink(missing_ok=True)
    releases = releases_of(dest)
    releases.mkdir(parents=True, exist_ok=True)
    release = Path(tempfile.mkdtemp(prefix="site-", dir=releases))
    try:
        shutil.copytree(built, release, dirs_exist_ok=True)
        for name, folder in (extras or {}).items():
            shutil.copytree(folder, release / name)
    except BaseException:
        shutil.rmtree(release, ignore_errors=True)
        raise
    previous = dest.resolve() if dest.is_symlink() else None
    link = dest.with_name(f".{dest.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(release, dest.parent), target_is_directory=True)
    if dest.is_dir() and not dest.is_symlink():
        # A site published as a plain folder (before releases existed) cannot be swapped for a
        # link in one rename; it is moved aside just before, once.
        os.replace(dest, release.with_name(f"site-{release.name}-folder"))
    os.replace(link, dest)
    if site is not None:
        atomic_write(_published_record(dest), json.dumps({"release": release.name, "site": site}).encode("utf-8"))
    for old in releases.iterdir():
        if old not in (release, previous):
            shutil.rmtree(old, ignore_errors=True)
    return True
