"""The helpers borrowed from tests/ are still where the benchmark looks for them."""
from __future__ import annotations

import urllib.request

from reuse import REPO, browser_helpers, support_helpers


def test_make_project_copies_the_repo_config(tmp_path):
    project = support_helpers().make_project(tmp_path / "p")
    assert (project / "_config.yml").read_bytes() == (REPO / "_config.yml").read_bytes()


def test_the_browser_tests_server_serves_a_folder_on_loopback(tmp_path):
    helpers = browser_helpers()
    assert "--no-sandbox" in helpers.CHROMIUM_FLAGS
    (tmp_path / "hello.html").write_text("<p>hello</p>")
    url, stop = helpers.serve_directory(tmp_path)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/hello.html", timeout=10) as response:
            assert response.read() == b"<p>hello</p>"
    finally:
        stop()
