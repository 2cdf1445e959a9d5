"""Reading one course source file, refusing what is not a small UTF-8 text file.

A course folder is written by people and copied around by tools, so a "file" may be a
symbolic link that loops, a folder, a pipe, something huge, or not text. Each of those is
a located problem (exit 2), found before anything is parsed, never a traceback or a hang.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import CourseError, Problem

# The real course's largest source file is about 20 KB; 2 MB leaves room for any chapter
# while a runaway file (a pasted book, a log) is refused before it is read or parsed.
MAX_SOURCE_BYTES = 2 * 2**20


def _refuse(path: Path, message: str, line: int | None = None, column: int | None = None) -> CourseError:
    return CourseError([Problem(path, line, "", message, column=column)])


def read_text(path: Path) -> str:
    """The file's text, or ``CourseError`` saying what the file is instead and what to do."""
    path = Path(path)
    try:
        info = path.stat()  # follows symbolic links, as open() would
    except FileNotFoundError:
        if path.is_symlink():
            raise _refuse(path, f"this is a symbolic link to {os.readlink(path)}, which does not exist. "
                                "Put the file here, or point the link at one that exists.") from None
        raise _refuse(path, "this file does not exist. Create it, or remove it from the list that "
                            "names it.") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise _refuse(path, "this is a symbolic link that leads back to itself (a loop), so it has "
                                "no content. Replace it with the file, or point it at a real file.") from None
        if err.errno == errno.ENOTDIR:
            raise _refuse(path, "a folder on this path is a file. Make it a folder that holds this "
                                "file.") from None
        raise _refuse(path, f"this file cannot be read ({err.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(path, "this is a folder, but a file is expected here. Move the folder away and "
                            "put the file in its place.")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, "this is not a regular file (it is a device, a pipe or a socket). "
                            "Put a text file here.")
    if info.st_size > MAX_SOURCE_BYTES:
        raise _refuse(path, f"this file is {info.st_size / 2**20:.1f} MB; a course source file may be at "
                            f"most {MAX_SOURCE_BYTES // 2**20} MB. Split it, or remove what does not "
                            "belong in it.")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)  # it may have grown since stat()
    except OSError as err:
        raise _refuse(path, f"this file cannot be read ({err.strerror}).") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise _refuse(path, f"this file is over {MAX_SOURCE_BYTES // 2**20} MB; split it.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise _refuse(path, f"byte 0x{data[err.start]:02x} is not UTF-8 text ({err.reason}). Save the file "
                            "as UTF-8, or retype the character there.", line, column) from None
