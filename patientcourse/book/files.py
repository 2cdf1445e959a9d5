"""Keeping a folder in step with a set of generated files."""
from __future__ import annotations

from pathlib import Path

from patientcourse_runtime.fileio import atomic_write


def sync_tree(root: Path, files: dict[str, bytes], owned: tuple[str, ...]) -> list[str]:
    """Make ``root`` hold ``files`` ({relative path: bytes}), rewriting only what changed, so
    unchanged files keep their mtime (Sphinx and JupyterLite rebuild what is newer). Other
    files under the ``owned`` folders are removed (a chapter or wheel that is gone). Returns
    the relative paths that changed."""
    changed = []
    for rel, data in files.items():
        target = root / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        atomic_write(target, data)
        changed.append(rel)
    wanted = {root / rel for rel in files}
    for folder in owned:
        for path in (root / folder).rglob("*") if (root / folder).is_dir() else []:
            if path.is_file() and path not in wanted:
                path.unlink()
                changed.append(path.relative_to(root).as_posix())
    return changed
