"""Page weight: every asset counted once, split into ours and theme, gzipped honestly."""
from __future__ import annotations

import gzip

import pytest

from pageweight import GZIP_LEVEL, not_counted, our_runtime_files, page_weight


def _site(tmp_path, head: str):
    site = tmp_path / "html"
    (site / "_static").mkdir(parents=True)
    (site / "notebooks").mkdir()
    (site / "_static" / "patientcourse.js").write_text("var quiz = 1;\n" * 200)
    (site / "_static" / "patientcourse.css").write_text(".pc { color: red }\n" * 50)
    (site / "_static" / "theme.js").write_text("var theme = 2;\n" * 1000)
    (site / "_static" / "theme.css").write_text("body { margin: 0 }\n" * 300)
    page = site / "notebooks" / "01-x.html"
    page.write_text(f"<html><head>{head}</head><body><p>Hello</p></body></html>")
    return site, page


def gz(path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))


def test_assets_are_split_into_ours_and_theme_and_counted_once(tmp_path):
    site, page = _site(tmp_path, (
        '<link rel="preload" as="script" href="../_static/theme.js">'
        '<script src="../_static/theme.js"></script>'
        '<link rel="stylesheet" href="../_static/theme.css">'
        '<link rel="stylesheet" href="../_static/patientcourse.css">'
        '<script defer src="../_static/patientcourse.js?v=123"></script>'
        '<link rel="canonical" href="https://example.org/page.html">'))
    weight = page_weight(site, page)
    static = site / "_static"
    assert weight["ours"]["gzip_bytes"] == gz(static / "patientcourse.js") + gz(static / "patientcourse.css")
    assert weight["theme"]["gzip_bytes"] == gz(static / "theme.js") + gz(static / "theme.css")
    assert weight["theme"]["files"] == 2 and weight["ours"]["files"] == 2
    assert weight["html"]["gzip_bytes"] == gz(page)
    assert weight["total"]["gzip_bytes"] == sum(weight[p]["gzip_bytes"] for p in ("html", "theme", "ours"))


def test_ours_is_what_the_package_ships():
    assert {"patientcourse.js", "patientcourse.css"} <= our_runtime_files()


def test_an_asset_from_outside_the_site_is_refused(tmp_path):
    site, page = _site(tmp_path, '<script src="https://cdn.example.org/lib.js"></script>')
    with pytest.raises(ValueError, match="outside the site"):
        page_weight(site, page)


def test_a_missing_asset_is_named(tmp_path):
    site, page = _site(tmp_path, '<script src="../_static/gone.js"></script>')
    with pytest.raises(FileNotFoundError, match="gone.js"):
        page_weight(site, page)


def test_a_stylesheet_import_is_counted_and_fonts_show_in_the_cross_check(tmp_path):
    site, page = _site(tmp_path, '<link rel="stylesheet" href="../_static/theme.css">')
    (site / "_static" / "basic.css").write_text("p { padding: 0 }\n" * 100)
    theme = site / "_static" / "theme.css"
    theme.write_text('@import url("basic.css");\n' + theme.read_text())
    (site / "_static" / "font.woff2").write_bytes(b"\x00font" * 100)
    weight = page_weight(site, page)
    assert [a["file"] for a in weight["assets"]] == ["_static/theme.css", "_static/basic.css"]
    fetched = ["notebooks/01-x.html", "_static/theme.css", "_static/basic.css", "_static/font.woff2"]
    assert not_counted(site, weight, fetched) == {"_static/font.woff2": gz(site / "_static" / "font.woff2")}
