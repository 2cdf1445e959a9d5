"""Time from an answer's Check click to its feedback, in Debian Chromium (Playwright).

The clock runs inside the page: a capture listener notes the trusted click event's
``timeStamp`` (the moment the browser received the click), a MutationObserver on the
question's status region notes when the feedback is in the DOM, and two animation frames
later the feedback has been painted. Playwright's own round trips are never timed.
The site is served on 127.0.0.1 only, with the same server and flags as the browser tests.
"""
from __future__ import annotations

import shutil
import statistics
from pathlib import Path
from urllib.parse import urlparse

from reuse import browser_helpers

# Arms the stopwatch on one question; resolves with {start, dom, painted} (performance.now ms).
_ARM = """(selector) => {
  const fs = document.querySelector(selector);
  const status = fs.querySelector('[role=status]');
  window.__pcFeedback = new Promise((resolve) => {
    let clicked = null;
    const onClick = (event) => { if (fs.contains(event.target)) clicked = event.timeStamp; };
    window.addEventListener('click', onClick, {capture: true});
    const observer = new MutationObserver(() => {
      const dom = performance.now();
      observer.disconnect();
      window.removeEventListener('click', onClick, {capture: true});
      requestAnimationFrame(() => requestAnimationFrame(() =>
        resolve({start: clicked, dom: dom, painted: performance.now()})));
    });
    observer.observe(status, {childList: true, subtree: true, characterData: true});
  });
}"""


def chromium_available() -> bool:
    helpers = browser_helpers()
    return Path(helpers.CHROMIUM).is_file() or shutil.which(helpers.CHROMIUM) is not None


def measure_feedback(site: Path, page_path: str, samples: int) -> dict:
    """Click an option and Check on the page's first single-choice question ``samples`` times.

    Returns medians and every sample (ms). Raises if the page has no working quiz."""
    from playwright.sync_api import sync_playwright

    helpers = browser_helpers()
    url, stop = helpers.serve_directory(site)
    dom_ms, painted_ms = [], []
    fetched: list[str] = []  # site paths the page loaded, to cross-check the page weight
    outside: list[str] = []
    errors: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = helpers.launch_chromium(playwright)
            try:
                page = browser.new_page()
                page.on("request", lambda r: fetched.append(urlparse(r.url).path.lstrip("/"))
                        if r.url.startswith(url) else None if r.url.startswith(("data:", "blob:", "about:"))
                        else outside.append(r.url))
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(f"{url}/{page_path}", wait_until="load")
                question = page.locator('fieldset[data-pc-type="single"]').first
                question.wait_for(state="visible")
                selector = f'fieldset[data-pc-question="{question.get_attribute("data-pc-question")}"]'
                options = question.locator('input[type="radio"]')
                check = question.locator("[data-pc-check]")
                for n in range(samples):
                    # Alternate options so both "Correct" and "Not correct" feedback are timed.
                    options.nth(n % options.count()).check()
                    page.evaluate(_ARM, selector)
                    check.click()
                    result = page.evaluate("window.__pcFeedback")
                    if result["start"] is None:
                        raise RuntimeError("the Check click was not seen by the page; the timing is void.")
                    dom_ms.append(result["dom"] - result["start"])
                    painted_ms.append(result["painted"] - result["start"])
                feedback = question.locator("[role=status]").inner_text()
            finally:
                browser.close()
    finally:
        stop()
    return {
        "page": page_path, "question": selector, "samples": samples,
        "dom_ms": statistics.median(dom_ms), "painted_ms": statistics.median(painted_ms),
        "dom_ms_max": max(dom_ms), "painted_ms_max": max(painted_ms),
        "all_dom_ms": [round(v, 2) for v in dom_ms], "all_painted_ms": [round(v, 2) for v in painted_ms],
        "last_feedback": feedback.strip()[:200], "fetched": sorted(set(fetched)),
        "requests_outside_127_0_0_1": outside, "page_errors": errors,
    }


def measure_transfer(site: Path, page_paths: list[str]) -> list[dict]:
    """What Chromium really receives for each page: every response (HTML, scripts, styles,
    fonts, images, anything a script fetches while the page loads), each body gzipped as a
    server would send it (level 6). A fresh browser context per page: nothing cached."""
    import gzip

    from playwright.sync_api import sync_playwright

    helpers = browser_helpers()
    url, stop = helpers.serve_directory(site)
    out = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.CHROMIUM_FLAGS,
                                                 headless=True)
            try:
                for page_path in page_paths:
                    context = browser.new_context()
                    page = context.new_page()
                    responses = []
                    page.on("response", lambda response: responses.append(response))
                    page.goto(f"{url}/{page_path}", wait_until="networkidle")
                    files = {}
                    for response in responses:
                        body = response.body() if response.status == 200 else b""
                        files[urlparse(response.url).path.lstrip("/")] = {
                            "bytes": len(body), "gzip_bytes": len(gzip.compress(body, compresslevel=6, mtime=0))}
                    context.close()
                    out.append({"page": page_path, "requests": len(responses),
                                "bytes": sum(f["bytes"] for f in files.values()),
                                "gzip_bytes": sum(f["gzip_bytes"] for f in files.values()), "files": files})
            finally:
                browser.close()
    finally:
        stop()
    return out
