"""Shared browser fixtures: Debian Chromium driven by Playwright, a local static server, a
page that fails its test on any console error or any request leaving 127.0.0.1, and an axe
(WCAG 2.1 A/AA) check.

Browser tests skip only when Chromium is missing and the environment variable CI is not
"true"; in CI a missing browser is a failure. ``playwright install`` is never needed.
"""
from __future__ import annotations

import functools
import os
import shutil
import socket
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

# The quiz samples (tests/quiz_samples.py) are shared with the non-browser tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHROMIUM = os.environ.get("PATIENTCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_SCHEMES = {"data", "blob", "about"}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def chromium_browser():
    """A headless Debian Chromium (Playwright sync API), shared by the whole session."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}; install Debian's `chromium` package."
        if in_ci():
            pytest.fail(message + " CI=true, so browser tests must run.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def launch_chromium(playwright):
    """Debian Chromium, headless, with the flags above."""
    # Chromium puts a Unix socket in its temporary folder, and a socket path holds at most 107
    # bytes: under a long TMPDIR the browser aborts, so it gets the system's short one.
    env = dict(os.environ, TMPDIR="/tmp") if len(tempfile.gettempdir()) > 60 else None
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True, env=env)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


def serve_directory(root: Path):
    """Serve ``root`` on 127.0.0.1 at a free port in a thread. Returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]

    def stop():
        server.shutdown()
        server.server_close()
    return f"http://{host}:{port}", stop


@pytest.fixture
def serve():
    """``serve(path) -> base URL``: serve any directory for the length of one test."""
    stops = []

    def start(root: Path) -> str:
        url, stop = serve_directory(Path(root))
        stops.append(stop)
        return url
    yield start
    for stop in stops:
        stop()


@pytest.fixture(scope="session")
def book_url(request):
    """The real built book (the lead's ``built_book`` fixture, a ``_build/html`` Path) served
    on 127.0.0.1; e.g. ``f"{book_url}/notebooks/01-fascia-anatomy.html"``."""
    root = request.getfixturevalue("built_book")
    url, stop = serve_directory(Path(root))
    yield url
    stop()


class PageWatch:
    """What a page did that a test must fail on: console errors, page errors and requests
    to anywhere but 127.0.0.1."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_response(self, response):
        # Chromium logs a 404 as a console error without saying who asked; name the referrer.
        if response.status >= 400:
            referer = response.request.headers.get("referer", "")
            self.console_errors.append(f"HTTP {response.status} for {response.url} (asked by {referer})")

    def on_request(self, request):
        parsed = urlparse(request.url)
        if parsed.scheme in LOCAL_SCHEMES:
            return
        if parsed.hostname != "127.0.0.1":
            self.outside_requests.append(request.url)


@pytest.fixture
def browser_context(chromium_browser):
    context = chromium_browser.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    """A fresh page; at teardown, asserts no console error and no request off 127.0.0.1.
    ``page.watch`` holds what was seen, for tests that want to look earlier."""
    watch = PageWatch()
    browser_context.on("request", watch.on_request)
    new_page = browser_context.new_page()
    new_page.on("console", watch.on_console)
    new_page.on("response", watch.on_response)
    new_page.on("pageerror", lambda error: watch.console_errors.append(f"page error: {error}"))
    new_page.watch = watch
    yield new_page
    assert not watch.outside_requests, f"requests outside 127.0.0.1: {watch.outside_requests}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"


def axe_check(page, context: str | None = None) -> None:
    """Run axe-core (bundled with axe-playwright-python, injected locally) with the WCAG 2.1
    A and AA rules; fail with each violation's rule, help text and first offending nodes."""
    from axe_playwright_python.sync_playwright import Axe

    # preload: False because axe's CSSOM preload resolves the theme's `@import "../basic.css"`
    # against the page, not the stylesheet, and asks the server for /basic.css (a 404 that
    # the page fixture would blame on the book). Only css-orientation-lock needs that preload.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"],
               "preload": False}
    results = Axe().run(page, context=context, options=options)
    violations = results.response.get("violations", [])
    if violations:
        lines = []
        for v in violations:
            nodes = "; ".join(" ".join(n.get("target", [])) for n in v.get("nodes", [])[:3])
            lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} at {nodes}")
        pytest.fail(f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n" + "\n".join(lines))


@pytest.fixture(name="axe_check")
def axe_check_fixture():
    """``axe_check(page)`` as a fixture, for tests that prefer not to import from conftest."""
    return axe_check
