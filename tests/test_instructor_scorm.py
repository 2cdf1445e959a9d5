"""``export --format scorm``: the package's manifest (SCORM 1.2 content packaging), its files, the
marked SCO pages, and options refused before anything is built. (The package inside an LMS is
tests/browser/test_scorm_browser.py.)"""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from patientcourse.cli import app
from patientcourse.instructor.export_scorm import package_bytes
from quiz_samples import CH1, CH2, sample_course
from support import REPO

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
PAGE = '<!DOCTYPE html>\n<html lang="en"><HEAD><meta charset="utf-8"><title>{t}</title></HEAD><body>{t}</body></html>\n'


@pytest.fixture(scope="module")
def course():
    return sample_course()


@pytest.fixture
def built(tmp_path):
    """A book-shaped _build/html: two chapter pages, other pages, static files, build bookkeeping."""
    html = tmp_path / "html"
    for rel in (f"notebooks/{CH1}.html", f"notebooks/{CH2}.html", "book/index.html", "book/glossary.html",
                "_static/patientcourse.js", "_static/patientcourse.css", "_images/figure 1.png",
                ".buildinfo", ".doctrees/environment.pickle"):
        (html / rel).parent.mkdir(parents=True, exist_ok=True)
        (html / rel).write_text(PAGE.format(t=rel), encoding="utf-8")
    return html


def unzip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_manifest_has_one_sco_per_chapter_and_lists_every_file(course, built):
    data, count = package_bytes(course, built, mode="graded", mastery=70)
    archive = unzip(data)
    names = archive.namelist()
    assert names[0] == "imsmanifest.xml" and count == len(names)
    assert not any(n.startswith((".buildinfo", ".doctrees")) for n in names)
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = manifest.find(f"{CP}organizations")
    organization = organizations.find(f"{CP}organization")
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext(f"{CP}title") == course.meta.title
    items = organization.findall(f"{CP}item")
    assert [i.findtext(f"{CP}title") for i in items] == [c.title for c in course.chapters]
    assert [i.findtext(f"{ADLCP}masteryscore") for i in items] == ["70", "70"]
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    scos = [resources[i.get("identifierref")] for i in items]
    assert [r.get(f"{ADLCP}scormtype") for r in scos] == ["sco", "sco"]
    assert [r.get("href") for r in scos] == [f"notebooks/{CH1}.html", f"notebooks/{CH2}.html"]
    listed = {f.get("href") for f in manifest.iter(f"{CP}file")}
    assert {href.replace("%20", " ") for href in listed} == set(names) - {"imsmanifest.xml"}
    for sco in scos:
        [dependency] = sco.findall(f"{CP}dependency")
        assert resources[dependency.get("identifierref")].get(f"{ADLCP}scormtype") == "asset"
    # Identifiers are XML ids (a chapter id starts with a digit, so it gets a prefix).
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", e.get("identifier")) for e in manifest.iter()
               if e.get("identifier"))


class Metas(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.metas = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self.metas.append(dict(attrs))


def test_only_sco_pages_say_they_are_scos_with_mode_and_mastery(course, built):
    archive = unzip(package_bytes(course, built, mode="graded", mastery=70)[0])
    for chapter in (CH1, CH2):
        metas = Metas(archive.read(f"notebooks/{chapter}.html").decode()).metas
        [sco] = [m for m in metas if m.get("name") == "pc-scorm"]
        assert json.loads(sco["content"]) == {"mode": "graded", "mastery": 70}
    assert "pc-scorm" not in archive.read("book/index.html").decode()
    practice = unzip(package_bytes(course, built, mode="practice", mastery=None)[0])
    [sco] = [m for m in Metas(practice.read(f"notebooks/{CH1}.html").decode()).metas if m.get("name") == "pc-scorm"]
    assert json.loads(sco["content"]) == {"mode": "practice", "mastery": None}
    assert b"masteryscore" not in practice.read("imsmanifest.xml")


def test_the_same_book_makes_the_same_package(course, built):
    assert package_bytes(course, built, mode="practice", mastery=None) == package_bytes(
        course, built, mode="practice", mastery=None)


def test_a_book_without_a_chapter_page_is_refused(course, built):
    (built / "notebooks" / f"{CH2}.html").unlink()
    with pytest.raises(ValueError, match=f"no page notebooks/{CH2}.html"):
        package_bytes(course, built, mode="practice", mastery=None)


@pytest.mark.parametrize("args, message", [
    (["--mode", "exam"], "--mode must be practice or graded"),
    (["--mode", "graded", "--mastery", "120"], "--mastery must be a score from 0 to 100"),
    (["--mastery", "80"], "--mastery is for --mode graded"),
    (["--chapters", "7"], "no chapter '7'"),
    (["--config", "missing.yml"], "missing.yml does not exist"),
])
def test_bad_scorm_options_are_refused_before_building(tmp_path, course, monkeypatch, args, message):
    import patientcourse.commands.export as export_command

    monkeypatch.setattr(export_command, "load_or_exit", lambda _: course)
    monkeypatch.setattr(export_command, "build_html", lambda *a, **k: pytest.fail("built the book"))
    result = CliRunner().invoke(app, ["export", "--format", "scorm", "--out", str(tmp_path / "p.zip"),
                                      *[str(tmp_path / a) if a.endswith(".yml") else a for a in args]])
    assert result.exit_code == 2 and message in " ".join(result.output.split()), result.output
    assert not (tmp_path / "p.zip").exists()


@pytest.mark.slow
def test_export_command_writes_a_scorm_package_of_the_chosen_chapter(tmp_path, monkeypatch, course):
    import patientcourse.commands.export as export_command

    monkeypatch.setattr(export_command, "load_or_exit", lambda _: course)
    out = tmp_path / "week-2.zip"
    result = CliRunner().invoke(app, ["export", "--format", "scorm", "--chapters", "2", "--mode", "graded",
                                      "--config", str(REPO / "_config.yml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"SCORM 1.2 package, graded (passed at 80 of 100 on first tries): 1 chapter ({CH2})" in result.output
    archive = zipfile.ZipFile(out)
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert [r.get("href") for r in manifest.iter(f"{CP}resource") if r.get(f"{ADLCP}scormtype") == "sco"] == [
        f"notebooks/{CH2}.html"]
    names = set(archive.namelist())
    assert f"notebooks/{CH2}.html" in names and f"notebooks/{CH1}.html" not in names
    assert "_static/patientcourse.js" in names and "book/report.html" not in names
    # Nothing loaded from outside: no page names an http(s) script or stylesheet.
    for name in names:
        if name.endswith(".html"):
            assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', archive.read(name).decode()), name
