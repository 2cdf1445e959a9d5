"""The book's browser runtime, kept as small source files and served as one script and one
stylesheet.

``SCRIPTS`` are joined, in this order, into ``patientcourse/static/patientcourse.js`` and
``STYLES`` into ``patientcourse/static/patientcourse.css``: one request each per page, and only
what these lists name (Jupyter Book adds every script and stylesheet under the book's
``_static/`` to every page, so the sources must not live there). Each script is a
self-contained function that registers its part on ``window.PatientCourse``.

After editing a source, run ``make js`` (``python -m patientcourse.web``); a test fails while
a served file differs from what its sources make.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

HERE = Path(__file__).resolve().parent
STATIC = HERE.parent / "static"
# scorm.js starts before quiz.js: it fills the store from the LMS before the quiz reads it.
SCRIPTS = ["core.js", "scoring.js", "dialog.js", "filenames.js", "scorm.js", "quiz_inputs.js", "quiz.js",
           "progress.js", "widgets.js", "glossary.js", "start.js"]
STYLES = ["icons.css", "quiz.css", "progress.css", "widgets.css", "glossary.css", "layout.css", "print.css"]
OUTPUTS = {"patientcourse.js": SCRIPTS, "patientcourse.css": STYLES}
BANNER = ("/* {name}: part of the book's runtime. Made by `make js` from patientcourse/web/"
          " ({sources}); edit those, not this file. */\n")


# The sources' comments explain them; every page loads the served files, so those are
# minified (rjsmin, rcssmin: comments and spaces out, code unchanged). A test checks the
# script still runs every quiz, and the page-weight benchmark counts the bytes.
MINIFY = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def assemble(name: str) -> str:
    """The served file ``name`` (a key of ``OUTPUTS``), made from its sources."""
    sources = OUTPUTS[name]
    parts = [BANNER.format(name=name, sources=", ".join(sources))]
    for source in sources:
        text = MINIFY[Path(source).suffix]((HERE / source).read_text(encoding="utf-8")).strip()
        parts.append(f"\n/* ---- {source} ---- */\n" + text + "\n")
    return "".join(parts)


def main() -> None:
    for name in OUTPUTS:
        (STATIC / name).write_text(assemble(name), encoding="utf-8")
        print(f"Wrote {STATIC / name}")


if __name__ == "__main__":
    main()
