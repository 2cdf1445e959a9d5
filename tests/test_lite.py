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

import nbformat
import pytest
import yaml

from patientcourse.lite.button import EXTENSION, LABEL, URL_CONFIG, with_button
from patientcourse.lite.links import lite_links
from patientcourse.lite.lock import LockError, build_lock
from patientcourse.lite.site import KERNEL_PLUGIN, KERNELSPEC, lite_contents, lite_settings
from patientcourse.render.project import render_project
from patientcourse_runtime.browser import DownloadResults
from patientcourse_runtime.store import ResultsFile

from support import REPO, make_project

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
    # The runtime and all it imports (anywidget draws the quiz's answer fields).
    assert {"patientcourse-runtime", "ipywidgets", "jinja2", "markupsafe", "filelock", "anywidget", "psygnal",
            "typing-extensions"} <= set(lock["packages"])
    assert {"anywidget", "ipywidgets", "jinja2", "filelock"} <= set(lock["packages"]["patientcourse-runtime"]["depends"])
    # JupyterLab gets the front ends of the kernel, of ipywidgets and of anywidget, and no other
    # (and jupyterlab-myst, which draws the chapters' MyST markdown as the book does).
    extensions = {e["name"] for e in config["federated_extensions"]}
    assert extensions == {"@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager", "anywidget",
                          "jupyterlab-myst"}
    for name in extensions:
        assert (lite / "extensions" / name / "package.json").is_file(), f"{name} is not served"
    assert "jupyterlab-myst" not in lock["packages"]  # its Python part is a server extension
    # No address off the site in what configures the app and the kernel.
    for text in ((lite / "jupyter-lite.json").read_text(encoding="utf-8"), json.dumps(lock)):
        assert not re.search(r"https?://", text)
    # The runtime wheel holds every template the runtime renders (package data included).
    runtime = next(pyodide.glob("patientcourse_runtime-*.whl"))
    names = zipfile.ZipFile(runtime).namelist()
    assert "patientcourse_runtime/templates/browser.html.j2" in names
    assert "patientcourse_runtime/templates/quiz_live.html.j2" in names
    assert "patientcourse_runtime/static/answer_field.js" in names


@pytest.mark.slow
def test_lite_chapters_name_the_pyodide_kernel_and_sit_beside_their_bundle_and_figures(lite_book, course):
    files = lite_book / "lite" / "files"
    assert (files / "course.json").is_file()
    assert sorted(p.name for p in (files / "figures").iterdir()) == sorted(p.name for p in (REPO / "notebooks" / "figures").iterdir())
    for chapter in course.chapters:
        notebook = json.loads((files / f"{chapter.id}.ipynb").read_text(encoding="utf-8"))
        assert notebook["metadata"]["kernelspec"]["name"] == KERNELSPEC["name"]


@pytest.mark.slow
def test_every_link_in_the_lite_notebooks_leads_to_a_page_of_the_site_or_a_notebook_beside_them(lite_book, course):
    """In JupyterLab a Markdown link with a relative address opens one of its own files (beside
    the notebook); an HTML link is the browser's, relative to JupyterLab's page (lite/lab/)."""
    files, lab_page = lite_book / "lite" / "files", lite_book / "lite" / "lab" / "index.html"
    book_links = []
    for chapter in course.chapters:
        notebook = json.loads((files / f"{chapter.id}.ipynb").read_text(encoding="utf-8"))
        markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        for target in re.findall(r"\]\(([^)\s]+)\)", markdown):
            if not re.match(r"https?:|#", target):
                assert (files / target.split("#")[0]).is_file(), f"{chapter.id}: [..]({target}) is not in the lite site"
        for href in re.findall(r'<a href="([^"]+)"', markdown):
            page = (lab_page.parent / unescape(href).split("#")[0]).resolve()
            assert page.is_file() and page.is_relative_to(lite_book.resolve()), f"{chapter.id}: {href} leads nowhere"
            book_links.append(page.relative_to(lite_book.resolve()).as_posix())
    assert {"book/sources.html", "book/glossary.html", "book/progress.html"} <= set(book_links)


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


def test_lite_contents_are_the_chapters_bundle_and_figures_only_and_the_kernel_settings_stay_offline(course):
    files = render_project(course)
    figures = [k for k in files if k.startswith("notebooks/figures/")]
    assert figures
    contents = lite_contents(files | {"notebooks/notes.txt": b"", "notebooks/figures/x/y.svg": b""})
    assert sorted(contents) == sorted(["contents/course.json"] + [f"contents/{c.id}.ipynb" for c in course.chapters]
                                      + [f.replace("notebooks/", "contents/") for f in figures])
    assert contents["contents/course.json"] == files["notebooks/course.json"]
    settings = lite_settings(files)["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    assert settings["disablePyPIFallback"] is True
    assert "patientcourse-runtime" in settings["loadPyodideOptions"]["packages"]


def test_lite_notebooks_link_to_the_books_pages_in_a_new_tab_and_to_chapters_beside_them(course):
    files = render_project(course)
    first, last = course.chapters[0], course.chapters[-1]
    contents = lite_contents(files)
    markdown = {c.id: "\n".join(cell.source for cell in nbformat.reads(contents[f"contents/{c.id}.ipynb"].decode(),
                                                                       as_version=4).cells
                                 if cell.cell_type == "markdown") for c in (first, last)}
    assert '<a href="../../book/sources.html" target="_blank">Sources</a>' in markdown[first.id]
    assert '<a href="../../book/glossary.html" target="_blank">Glossary</a>' in markdown[first.id]
    assert f"]({course.chapters[1].id}.ipynb)" in markdown[first.id]
    assert '<a href="../../book/progress.html" target="_blank">My progress</a>' in markdown[last.id]
    assert "](../" not in markdown[first.id] + markdown[last.id]
    # Only the site's copy: the project's notebooks keep their links to the book's sources.
    assert "[Sources](../book/sources.md)" in files[f"notebooks/{first.id}.ipynb"].decode()


def test_lite_links_escape_the_text_and_keep_anchors_and_other_links():
    rewritten = lite_links("[A <b> \\*note\\*](../book/glossary.md#term-x) and [web](https://example.org) "
                           "and [ch](../notebooks/02-b.ipynb#quiz)", "../../")
    assert rewritten == ('<a href="../../book/glossary.html#term-x" target="_blank">A &lt;b&gt; *note*</a> and '
                         "[web](https://example.org) and [ch](02-b.ipynb#quiz)")


def write_wheel(folder: Path, name: str, version: str, requires: list[str]) -> Path:
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
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
    assert 'download="fascia-massage--ada-lovelace.json"' in link.value  # as the book names it
    assert ">Download my results</a>" in link.value


# -- a failed lite build publishes nothing ------------------------------------------------------

def test_a_failed_lite_build_leaves_the_previous_site_as_it_was(tmp_path, monkeypatch, course):
    """The JupyterLite part is built before anything is published: when it fails, the reader
    still gets the previous site, whole, and no half-made lite/ folder."""
    import patientcourse.book.pipeline as pipeline
    import patientcourse.lite.site as lite_site
    from patientcourse.book.execute import Executed
    from patientcourse.book.jupyterbook import publish
    from patientcourse.lite import LiteBuildFailed

    project = make_project(tmp_path / "project")
    old = tmp_path / "old-site"
    (old / "notebooks").mkdir(parents=True)
    (old / "index.html").write_text("the previous site")
    published = project / "_build" / "html"
    publish(old, published)

    new = tmp_path / "new-site"
    (new / "notebooks").mkdir(parents=True)
    (new / "index.html").write_text("the new site")
    files = render_project(course)
    monkeypatch.setattr(pipeline, "execute_notebooks",
                        lambda _dir, names, *a, **k: Executed({n: files[f"notebooks/{n}"] for n in names}))
    monkeypatch.setattr(pipeline, "run_jupyter_book", lambda stage: new)

    def lite_fails(project_dir, files):
        raise LiteBuildFailed("npm was not found")
    monkeypatch.setattr(lite_site, "build_lite", lite_fails)  # build_html imports it when asked for lite

    with pytest.raises(LiteBuildFailed):
        pipeline.build_html(project, files, lite=True)
    assert (published / "index.html").read_text() == "the previous site"
    assert not (published / "lite").exists()
    # Without the failure the same build publishes the new site with lite/ inside it.
    lite_out = tmp_path / "lite-out"
    (lite_out / "lab").mkdir(parents=True)
    (lite_out / "lab" / "index.html").write_text("JupyterLab")
    monkeypatch.setattr(lite_site, "build_lite", lambda project_dir, files: lite_out)
    pipeline.build_html(project, files, lite=True)
    assert (published / "index.html").read_text() == "the new site"
    assert (published / "lite" / "lab" / "index.html").read_text() == "JupyterLab"
    # The same build again publishes nothing new; a changed lite site (the book unchanged) is published.
    release = published.resolve()
    pipeline.build_html(project, files, lite=True)
    assert published.resolve() == release
    (lite_out / "lab" / "index.html").write_text("JupyterLab, rebuilt")
    pipeline.build_html(project, files, lite=True)
    assert published.resolve() != release
    assert (published / "lite" / "lab" / "index.html").read_text() == "JupyterLab, rebuilt"


def test_publish_refuses_a_missing_extra_and_keeps_the_site(tmp_path):
    from patientcourse.book.jupyterbook import publish, releases_of

    old, new = tmp_path / "old", tmp_path / "new"
    for site, text in ((old, "old"), (new, "new")):
        site.mkdir()
        (site / "index.html").write_text(text)
    dest = tmp_path / "_build" / "html"
    publish(old, dest)
    with pytest.raises(OSError):
        publish(new, dest, extras={"lite": tmp_path / "not-built"})
    assert (dest / "index.html").read_text() == "old"
    assert len(list(releases_of(dest).iterdir())) == 1  # the failed release was removed


def test_in_the_browser_saves_take_no_file_lock(tmp_path, monkeypatch):
    """Pyodide has no file locking (filelock's lock-file fallback froze the kernel for the
    whole lock timeout after a learner typed their name): there the lock is in-process."""
    from patientcourse_runtime import fileio

    monkeypatch.setattr(fileio, "IN_BROWSER", True)
    results = ResultsFile("fascia-massage", path=tmp_path / "patientcourse-results" / "fascia-massage.json")
    results.record("01-fascia-anatomy", "fa-made-of", "a")
    results.set_learner("Ada Lovelace", "")
    results.record("01-fascia-anatomy", "fa-why-popular", "b")
    assert sorted(p.name for p in results.folder.iterdir()) == [
        "fascia-massage--ada-lovelace.json", "fascia-massage--ada-lovelace.json.bak"]
    assert set(results.answers("01-fascia-anatomy")) == {"fa-made-of", "fa-why-popular"}
