"""The book's browser runtime, kept as small source files and served as one script.

``SOURCES`` are concatenated, in this order, into ``patientcourse/static/patientcourse.js``:
one request per page, and only what this list names (Jupyter Book adds every script under
the book's ``_static/`` to every page, so the sources must not live there). Each source is a
self-contained function that registers its part on ``window.PatientCourse``.

After editing a source, run ``make js`` (``python -m patientcourse.web``); a test fails while
the served script differs from what the sources make.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent / "static" / "patientcourse.js"
SOURCES = ["core.js", "scoring.js", "quiz.js", "progress.js", "widgets.js", "start.js"]
BANNER = ("/* patientcourse.js: the book's runtime. Made by `make js` from patientcourse/web/"
          " ({}); edit those, not this file. No dependencies. */\n")


def assemble() -> str:
    parts = [BANNER.format(", ".join(SOURCES))]
    for name in SOURCES:
        parts.append(f"\n/* ---- {name} ---- */\n" + (HERE / name).read_text(encoding="utf-8").strip() + "\n")
    return "".join(parts)


def main() -> None:
    SCRIPT.write_text(assemble(), encoding="utf-8")
    print(f"Wrote {SCRIPT}")


if __name__ == "__main__":
    main()
