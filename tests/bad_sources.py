"""Course source files that are not what they seem, planted in a copy of the small test
course: shared by tests/test_source_files.py and the probe benchmarks/probe_sources.py.

Each function plants one bad file and returns its path (what the error must name)."""
from __future__ import annotations

import os
from pathlib import Path


def symlink_loop(course: Path) -> Path:
    target = course / "chapters" / "01-basics.md"
    target.unlink()
    target.symlink_to(target.name)  # points at itself
    return target


def folder_for_a_file(course: Path) -> Path:
    target = course / "chapters" / "01-basics.quiz.yml"
    target.unlink()
    target.mkdir()
    return target


def pipe_for_a_file(course: Path) -> Path:
    """A named pipe: opening it for reading would wait forever for a writer."""
    target = course / "chapters" / "02-more.widgets.yml"
    os.mkfifo(target)
    return target


def oversized_file(course: Path) -> Path:
    target = course / "glossary.yml"
    target.write_text(target.read_text() + ("# padding\n" * 300_000))  # 3 MB of comments
    return target


def alias_bomb(course: Path) -> Path:
    """The "billion laughs": nine levels of nine aliases, 9**9 strings once expanded."""
    target = course / "glossary.yml"
    lines = ['bomb0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"bomb{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = target.read_text().replace("  - term: collagen\n", "  - term: collagen\n    also: *b8\n")
    target.write_text("\n".join(lines) + "\n" + text)
    return target


def huge_chapter(course: Path) -> Path:
    target = course / "chapters" / "01-basics.md"
    sentence = "Fascia is a thin sheet of tissue that wraps your muscles. "
    target.write_text(target.read_text() + "\n" + sentence * (30 * 2**20 // len(sentence)))
    return target


def deep_nesting(course: Path) -> Path:
    target = course / "chapters" / "02-more.quiz.yml"
    target.write_text("questions: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return target


def not_utf8(course: Path) -> Path:
    target = course / "chapters" / "02-more.md"
    data = target.read_bytes().replace(b"Hold a tender spot", b"Hold a tender \xff spot")
    target.write_bytes(data)
    return target


PROBES = {"symlink-loop": symlink_loop, "folder-for-a-file": folder_for_a_file, "pipe-for-a-file": pipe_for_a_file,
          "oversized-file": oversized_file, "alias-bomb": alias_bomb, "30-mb-chapter": huge_chapter,
          "deep-nesting": deep_nesting, "not-utf-8": not_utf8}
