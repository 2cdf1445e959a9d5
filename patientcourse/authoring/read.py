"""Read an article file into plain lines: plain text and Markdown as they are, a saved web
page through trafilatura (a maintained main-content extractor), which drops menus, ads and
footers and gives back Markdown plus the page's metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


class ArticleError(ValueError):
    """The file cannot become a course draft; the message says why and what to do."""


@dataclass
class RawArticle:
    path: Path
    text: str
    format: str  # text | markdown | html
    # What an HTML page's own metadata says (trafilatura): title, author, date, sitename.
    metadata: dict[str, str] = field(default_factory=dict)


HTML_START = re.compile(r"\A\s*(?:<!doctype html|<html|<head|<body)", re.I)
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)


def read_article(path: Path) -> RawArticle:
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file. Give the path of the article (.txt, .md or a saved .html page).")
    data = path.read_bytes()
    if not data.strip():
        raise ArticleError(f"{path}: the file is empty. Save the article's text in it first.")
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{path}: this is a binary file, not an article. Save the article as "
                           "plain text, Markdown or a web page (.html).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(f"{path}: the file is not UTF-8 text (byte {err.start}). Save it as UTF-8.") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() in (".html", ".htm") or HTML_START.match(text):
        return _from_html(path, text)
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") or MARKDOWN_HEADING.search(text) else "text"
    return RawArticle(path, text, fmt)


def _from_html(path: Path, html: str) -> RawArticle:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    body = trafilatura.extract(html, output_format="markdown", include_comments=False,
                               include_tables=False, include_links=False, include_images=False,
                               favor_recall=True)
    if not body or not body.strip():
        raise ArticleError(f"{path}: no article text found in this web page. Save the page with "
                           "its text (File > Save Page As, 'Web page, complete'), or paste the text "
                           "into a .txt file.")
    meta = extract_metadata(html)
    found = {key: getattr(meta, key) for key in ("title", "author", "date", "sitename")
             if meta is not None and getattr(meta, key, None)}
    return RawArticle(path, body.replace("\r\n", "\n"), "html", {k: str(v) for k, v in found.items()})
