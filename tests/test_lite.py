"""The in-browser JupyterLab (``patientcourse build --lite``) without a browser: what the built
site holds and points at, the lock that lets Pyodide install only what the site serves, the
"Open in the browser" button only when the site has one, and the runtime's download link.
The browser test (tests/browser/test_lite_browser.py) runs it as a learner does."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
import yaml

from patientcourse.lite.button import EXTENSION, LABEL, URL_CONFIG, with_button
from patientcourse.lite.lock import LockError, build_lock
from patientcourse.lite.site import KERNEL_PLUGIN, KERNELSPEC, lite_contents, lite_settings
from patientcourse.render.project import render_project
from patientcourse_runtime.browser import DownloadResults
from patientcourse_runtime.store import ResultsFile

CHAPTER = "notebooks/01-fascia-anatomy.html"


# -- the built site (one --lite build per session, shared with the browser test) -----------------

@pytest.mark.slow
def test_lite_site_serves_every_wheel_its_lock_names_with_that_hash_and_nothing_from_elsewhere(lite_book):
    lite = lite_book / "lite"
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"][KERNEL_PLUGIN]
    assert kernel["disablePyPIFallback"] is True
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    pyodide = lite / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    for name, package in lock["packages"].items():
        wheel = pyodide / package["file_name"]
        assert "/" not in package["file_name"] and wheel.is_file(), f"{name}: {package['file_name']} not served"
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"], f"{name}: hash differs"
        assert set(package["depends"]) <= set(lock["packages"]), f"{name} depends on a package not served"
    # Everything the kernel preloads is in the lock: the kernel never asks an index for it.
    assert set(kernel["loadPyodideOptions"]["packages"]) <= set(lock["packages"])
    assert {"patientcourse-runtime", "ipywidgets", "jinja2", "markupsafe", "filelock"} <= set(lock["packages"])
    # No address off the site in what configures the app and the kernel.
    for text in ((lite / "jupyter-lite.json").read_text(encoding="utf-8"), json.dumps(lock)):
        assert not re.search(r"https?://", text)
    # The runtime wheel holds every template the runtime renders (package data included).
    runtime = next(pyodide.glob("patientcourse_runtime-*.whl"))
    names = zipfile.ZipFile(runtime).namelist()
    assert "patientcourse_runtime/templates/browser.html.j2" in names
    assert "patientcourse_runtime/templates/quiz_live.html.j2" in names


@pytest.mark.slow
def test_lite_chapters_name_the_pyodide_kernel_and_sit_beside_their_bundle(lite_book, course):
    files = lite_book / "lite" / "files"
    assert (files / "course.json").is_file()
    for chapter in course.chapters:
        notebook = json.loads((files / f"{chapter.id}.ipynb").read_text(encoding="utf-8"))
        assert notebook["metadata"]["kernelspec"]["name"] == KERNELSPEC["name"]


@pytest.mark.slow
def test_every_chapter_page_links_to_its_notebook_in_the_lite_site(lite_book, course):
    for chapter in course.chapters:
        page = (lite_book / "notebooks" / f"{chapter.id}.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]*)"[^>]*>\s*(?:<span[^>]*>\s*<i[^>]*></i>\s*</span>\s*)?'
                           rf'<span class="btn__text-container">{LABEL}</span>', page)
        assert links == [f"../lite/lab/index.html?path={chapter.id}.ipynb"]
        assert (lite_book / "lite" / "lab" / "index.html").is_file()
    for other in (lite_book / "book").glob("*.html"):
        assert LABEL not in other.read_text(encoding="utf-8"), f"{other.name} is not a chapter"


def test_a_plain_build_has_no_lite_site_and_no_button(built_book):
    assert not (built_book / "lite").exists()
    assert LABEL not in (built_book / CHAPTER).read_text(encoding="utf-8")


# -- the parts ----------------------------------------------------------------------------------

def test_with_button_turns_the_extension_on_once_and_names_the_lite_url():
    staged = yaml.safe_dump({"sphinx": {"config": {"extensions": ["myst_nb"]}}}).encode()
    config = yaml.safe_load(with_button(with_button(staged, "lite/lab/index.html"), "lite/lab/index.html"))
    assert config["sphinx"]["config"]["extensions"] == ["myst_nb", EXTENSION]
    assert config["sphinx"]["config"][URL_CONFIG] == "lite/lab/index.html"


def test_lite_contents_are_the_chapters_and_bundle_only_and_the_kernel_settings_stay_offline(course):
    files = render_project(course)
    contents = lite_contents(files)
    assert sorted(contents) == sorted(["contents/course.json"]
                                      + [f"contents/{c.id}.ipynb" for c in course.chapters])
    assert contents["contents/course.json"] == files["notebooks/course.json"]
    settings = lite_settings(files)["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    assert settings["disablePyPIFallback"] is True
    assert "patientcourse-runtime" in settings["loadPyodideOptions"]["packages"]


def write_wheel(folder: Path, name: str, version: str, requires: list[str]) -> Path:
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        metadata = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                    *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{name}-{version}.dist-info/METADATA", "\n".join(metadata) + "\n")
    return wheel


@pytest.fixture
def core_lock(tmp_path) -> Path:
    path = tmp_path / "core-lock.json"
    path.write_text(json.dumps({"info": {"arch": "wasm32", "platform": "emscripten_5_0_3",
                                         "python": "3.14.2", "abi_version": "2026_0"}, "packages": {}}))
    return path


def test_lock_lists_served_wheels_with_their_hash_and_pyodide_dependencies(tmp_path, core_lock):
    wheels = [write_wheel(tmp_path, "app", "1.0", ["dep>=1", 'pty; sys_platform != "emscripten"',
                                                   'extra_tool; extra == "dev"']),
              write_wheel(tmp_path, "dep", "2.0", [])]
    lock = build_lock(core_lock, wheels)
    assert lock["info"]["platform"] == "emscripten_5_0_3"
    app = lock["packages"]["app"]
    assert app["depends"] == ["dep"] and app["imports"] == ["app"] and app["file_name"] == wheels[0].name
    assert app["sha256"] == hashlib.sha256(wheels[0].read_bytes()).hexdigest()


def test_lock_refuses_a_dependency_the_site_does_not_serve(tmp_path, core_lock):
    wheels = [write_wheel(tmp_path, "app", "1.0", ["dep>=1"])]
    with pytest.raises(LockError, match=r"app needs dep.*wheels\.txt"):
        build_lock(core_lock, wheels)


def test_download_link_carries_the_saved_results_file_under_the_books_file_name(tmp_path):
    results = ResultsFile("fascia-massage", path=tmp_path / "patientcourse-results" / "fascia-massage.json")
    results.set_learner("Ada Lovelace", "")
    results.record("01-fascia-anatomy", "fa-made-of", "a")
    link = DownloadResults()
    link.refresh(results, "patientcourse-results/fascia-massage.json")
    href = unescape(re.search(r'href="([^"]+)"', link.value)[1])
    assert href.startswith("data:application/json;base64,")
    assert base64.b64decode(href.split(",", 1)[1]) == results.path.read_bytes()
    assert 'download="patientcourse-results-fascia-massage-Ada-Lovelace.json"' in link.value
    assert ">Download my results</a>" in link.value
