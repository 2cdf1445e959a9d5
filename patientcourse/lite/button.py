"""The "Open in the browser" button on each chapter page: a small Sphinx extension.

``patientcourse build --lite`` adds it to the staged ``_config.yml`` (``with_button``); a plain
build does not, so a book without ``lite/`` never links to it. It adds one entry to the
book theme's header buttons (the row with the download and full-screen buttons) on every
page made from a notebook, linking to that notebook in the in-browser JupyterLab.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

import yaml

EXTENSION = "patientcourse.lite.button"
URL_CONFIG = "patientcourse_lite_url"
LABEL = "Open in the browser"
TOOLTIP = "Run this chapter's quiz in JupyterLab, in your browser (nothing to install)"


def with_button(staged_config: bytes, lite_url: str) -> bytes:
    """The staged ``_config.yml`` with this extension on and the site's JupyterLab at
    ``lite_url`` (relative to the book's root, e.g. ``lite/lab/index.html``)."""
    config = yaml.safe_load(staged_config) or {}
    sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
    extensions = sphinx_config.setdefault("extensions", [])
    if EXTENSION not in extensions:
        extensions.append(EXTENSION)
    sphinx_config[URL_CONFIG] = lite_url
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8")


def chapter_button(app, pagename, templatename, context, doctree) -> None:
    lite_url = app.config[URL_CONFIG]
    if not lite_url or "header_buttons" not in context:
        return
    if not str(app.env.doc2path(pagename)).endswith(".ipynb"):
        return  # only chapter pages come from notebooks
    notebook = PurePosixPath(pagename).name + ".ipynb"  # lite/ holds the notebooks at its top
    url = f"{context['pathto'](lite_url, 1)}?path={quote(notebook)}"
    context["header_buttons"].insert(0, {"type": "link", "url": url, "text": LABEL, "tooltip": TOOLTIP,
                                         "icon": "fas fa-play", "label": "patientcourse-lite"})


def setup(app):
    app.add_config_value(URL_CONFIG, "", "html")
    # After the theme has made its list of header buttons (it does so at priority 501).
    app.connect("html-page-context", chapter_button, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
