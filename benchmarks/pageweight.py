"""Page weight of a built page: its HTML plus every script and stylesheet it loads, gzipped.

Read from the built files (no browser needed), so the number is exact and repeatable. Each
file is counted once, even if the page names it twice (a preload link and a script tag).
Files are split into *ours* (what ``patientcourse/static`` ships: the quiz runtime and the
widgets) and *theme* (Sphinx, pydata/sphinx-book-theme and the other extensions).
"""
from __future__ import annotations

import gzip
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from patientcourse.book.jupyterbook import STATIC_DIR

# Like a web server's default (nginx gzip_comp_level is 1, Apache mod_deflate 6); 6 is typical.
GZIP_LEVEL = 6


def our_runtime_files() -> set[str]:
    """File names of our runtime: everything the package serves as static files."""
    return {p.name for p in STATIC_DIR.iterdir() if p.suffix in (".js", ".css")}


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


def page_assets(site: Path, page: Path) -> list[Path]:
    """Local files of every script and stylesheet ``page`` loads, each once, in page order."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    page_url = "http://site/" + page.relative_to(site).as_posix()
    seen: list[Path] = []
    for url in parser.urls:
        absolute = urlparse(urljoin(page_url, url))
        if absolute.netloc != "site":
            raise ValueError(f"{page}: loads {url} from outside the site; a page weight would be wrong. "
                             "Every asset must be served by the book itself.")
        path = site / absolute.path.lstrip("/")
        if not path.is_file():
            raise FileNotFoundError(f"{page}: loads {url}, but {path} is not in the built site. "
                                    "Rebuild the book; a missing asset is a broken page.")
        if path not in seen:
            seen.append(path)
    return seen


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
    return {"page": page.relative_to(site).as_posix(), **totals, "assets": files}
