"""Handouts: one PDF per chapter, made from the built book's own chapter pages with their print
stylesheet (patientcourse/web/print.css), so a handout is exactly what a reader gets by printing
the chapter from the browser: prose, key points, figures, the tools' printable face, the quiz as
a worksheet and, in practice mode, the answer key on its own last page.

WeasyPrint (pure Python over the system's Pango) renders the pages; no browser is needed. It
reads only what a handout needs from the site (``HandoutAssets``): the page, our stylesheet
(whose print rules lay the handout out) and the images. The theme's stylesheets are screen
layout for a browser; WeasyPrint spends minutes on their thousands of rules for nothing.
"""
from __future__ import annotations

import logging
from pathlib import Path

from patientcourse_runtime.fileio import atomic_write
from ..structure import Course


class HandoutsFailed(RuntimeError):
    pass


def _asset_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class HandoutAssets(URLFetcher):
        """Local files only; of the stylesheets, only ours (the others read as empty)."""

        def fetch(self, url, headers=None):
            path = url.split("?")[0].split("#")[0]
            if path.endswith(".css") and not path.endswith("/patientcourse.css"):
                return URLFetcherResponse(url, b"", {"Content-Type": "text/css"})
            return super().fetch(url, headers)

    return HandoutAssets(allowed_protocols={"file"})


def chapter_page(site: Path, chapter_id: str) -> Path:
    return site / "notebooks" / f"{chapter_id}.html"


def write_handouts(course: Course, site: Path, out: Path) -> list[Path]:
    """Render each chapter page of the built ``site`` to ``out/<chapter id>.pdf``.
    Every page is checked before any PDF is written, so a half-built site writes nothing."""
    pages = [(chapter, chapter_page(site, chapter.id)) for chapter in course.chapters]
    missing = [str(page) for _, page in pages if not page.is_file()]
    if missing:
        raise HandoutsFailed("The built book has no page for: " + ", ".join(missing)
                             + ". Build the book first (make book).")
    from weasyprint import HTML  # imported here: it loads the system's Pango, slow and heavy

    # WeasyPrint warns about every modern CSS feature of the theme it skips (screen-only
    # effects); the handouts do not depend on them, and the warnings would bury real errors.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    written = []
    fetcher = _asset_fetcher()
    for chapter, page in pages:
        pdf = HTML(filename=str(page), url_fetcher=fetcher, media_type="print").write_pdf()
        target = out / f"{chapter.id}.pdf"
        atomic_write(target, pdf)
        written.append(target)
    return written
