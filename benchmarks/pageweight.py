"""Page weight of a built page: its HTML plus every script and stylesheet it loads, gzipped.

Read from the built files (no browser needed), so the number is exact and repeatable. Each
file is counted once, even if the page names it twice (a preload link and a script tag).
Files are split into *ours* (what ``patientcourse/static`` ships: the quiz runtime and the
widgets) and *theme* (Sphinx, pydata/sphinx-book-theme and the other extensions).
"""
from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from patientcourse.book.jupyterbook import STATIC_DIR

# Like a web server's default (nginx gzip_comp_level is 1, Apache mod_deflate 6); 6 is typical.
GZIP_LEVEL = 6


def our_runtime_files() -> set[str]:
    """File names of our runtime: everything the package serves as static files."""
    return {p.name for p in STATIC_DIR.iterdir() if p.suffix in (".js", ".css")}


def unloaded_runtime(weight: dict) -> dict[str, int]:
    """gzip bytes of each runtime file the package ships but this page does not load (e.g.
    the widgets' script on a page built before the config listed it): what ours would grow by."""
    loaded = {Path(a["file"]).name for a in weight["assets"] if a["part"] == "ours"}
    return {name: gzip_size((STATIC_DIR / name).read_bytes())
            for name in sorted(our_runtime_files() - loaded)}


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and (
                "stylesheet" in rel or ("preload" in rel and attrs.get("as") in ("script", "style"))):
            self.urls.append(attrs["href"])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


# A stylesheet's own imports (Sphinx's theme.css imports basic.css): loaded with the page too.
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")


def page_assets(site: Path, page: Path) -> list[Path]:
    """Local files of every script and stylesheet ``page`` loads (following stylesheets'
    ``@import``), each once, in load order."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    seen: list[Path] = []
    pending = [(page, url) for url in parser.urls]
    while pending:
        referrer, url = pending.pop(0)
        path = _local_file(site, referrer, url)
        if path in seen:
            continue
        seen.append(path)
        if path.suffix == ".css":
            pending += [(path, imported) for imported in CSS_IMPORT.findall(path.read_text(encoding="utf-8"))]
    return seen


def _local_file(site: Path, referrer: Path, url: str) -> Path:
    absolute = urlparse(urljoin("http://site/" + referrer.relative_to(site).as_posix(), url))
    if absolute.netloc != "site":
        raise ValueError(f"{referrer}: loads {url} from outside the site; a page weight would be wrong. "
                         "Every asset must be served by the book itself.")
    path = site / absolute.path.lstrip("/")
    if not path.is_file():
        raise FileNotFoundError(f"{referrer}: loads {url}, but {path} is not in the built site. "
                                "Rebuild the book; a missing asset is a broken page.")
    return path


def not_counted(site: Path, weight: dict, fetched: list[str]) -> dict[str, int]:
    """gzip bytes of files a browser fetched for the page that the count above left out
    (fonts, images, anything a script loads later): the cross-check of ``page_weight``."""
    counted = {weight["page"], *(a["file"] for a in weight["assets"])}
    return {rel: gzip_size((site / rel).read_bytes()) for rel in fetched
            if rel not in counted and (site / rel).is_file()}


def page_weight(site: Path, page: Path) -> dict:
    """Raw and gzip bytes of the page's HTML, theme assets and our runtime; and each file."""
    ours = our_runtime_files()
    files = []
    for asset in page_assets(site, page):
        data = asset.read_bytes()
        files.append({"file": asset.relative_to(site).as_posix(), "part": "ours" if asset.name in ours else "theme",
                      "bytes": len(data), "gzip_bytes": gzip_size(data)})
    html = page.read_bytes()
    totals = {"html": {"bytes": len(html), "gzip_bytes": gzip_size(html)}}
    for part in ("theme", "ours"):
        mine = [f for f in files if f["part"] == part]
        totals[part] = {"bytes": sum(f["bytes"] for f in mine), "gzip_bytes": sum(f["gzip_bytes"] for f in mine),
                        "files": len(mine)}
    totals["total"] = {key: sum(totals[p][key] for p in ("html", "theme", "ours")) for key in ("bytes", "gzip_bytes")}
    weight = {"page": page.relative_to(site).as_posix(), **totals, "assets": files}
    weight["ours_not_loaded"] = unloaded_runtime(weight)
    return weight
