"""A small Sphinx extension: the book's title, author and footer come from course.yml.

List ``patientcourse.sphinxext`` in ``_config.yml`` (``sphinx: extra_extensions``) and set
``patientcourse_course`` to the course folder (relative to the book's folder). Then a second
course needs no hand-edited ``_config.yml``, and ``jupyter-book build .`` works as it is.
"""
from __future__ import annotations

import json
from pathlib import Path

import jinja2
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

from .structure.course import CourseMeta
from .structure.errors import CourseError
from .structure.yamlsource import LocatedYaml, read_text, validate

FOOTER = jinja2.Environment(autoescape=True).from_string(
    '<p class="pc-footer-disclaimer">{{ credit }} {{ disclaimer }}</p>')


def course_meta(folder: Path) -> CourseMeta:
    path = folder / "course.yml"
    if not path.is_file():
        raise ExtensionError(f"patientcourse: no course.yml in {folder}. Set patientcourse_course in "
                             "_config.yml (sphinx: config:) to the course folder.")
    try:
        return validate(CourseMeta, LocatedYaml(read_text(path), path))
    except CourseError as err:
        raise ExtensionError(f"patientcourse: {err}") from None


def book_settings(meta: CourseMeta) -> dict:
    """What the book takes from course.yml: title, author line and the footer on every page."""
    source = meta.source
    by = f" {source.byline}" if source.authors else ""
    where = f" ({source.publisher})" if source.publisher else ""
    return {"title": meta.title, "author": f"Adapted from{by or ' “' + source.title + '”'}{where}",
            "footer": FOOTER.render(credit=source.credit, disclaimer=meta.disclaimer)}


def bundle_settings(bundle_file: Path) -> dict:
    """The same settings from the runtime bundle that `generate` writes from course.yml, for a
    book built without its course folder (a student pack, a staged copy)."""
    course = json.loads(bundle_file.read_text(encoding="utf-8"))["course"]
    return {"title": course["title"], "author": None,
            "footer": FOOTER.render(credit=course["credit"], disclaimer=course["disclaimer"])}


def _from_course(app: Sphinx, config: Config) -> None:
    folder = Path(app.confdir) / config.patientcourse_course
    bundle = Path(app.srcdir) / "notebooks" / "course.json"
    if not (folder / "course.yml").is_file() and bundle.is_file():
        settings = bundle_settings(bundle)
    else:
        settings = book_settings(course_meta(folder))
    config.html_title = config.patientcourse_title or settings["title"]
    config.project = settings["title"]
    if settings["author"]:
        config.author = settings["author"]
    config.html_theme_options = {**(config.html_theme_options or {}), "extra_footer": settings["footer"]}


def setup(app: Sphinx) -> dict:
    app.add_config_value("patientcourse_course", "course", "env")
    # A student pack titles its book with the assignment.
    app.add_config_value("patientcourse_title", "", "env")
    app.connect("config-inited", _from_course)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
