"""The learner's steps in the in-browser JupyterLab, shared by the lite browser test
(test_lite_browser.py) and the script that makes its screenshot for the README
(benchmarks/screen_lite.py, which loads this file through benchmarks/reuse.py).
"""
from __future__ import annotations

import re

# The site's JupyterLite settings, as the browser asks for them.
LITE_SETTINGS = re.compile(r"^http://127\.0\.0\.1:\d+/lite/jupyter-lite\.json$")
# JupyterLab's readiness, asked of the app itself: the notebook's file is loaded, its session has
# a kernel that is connected and idle, and that kernel has answered its kernel_info request
# (JupyterLab asks as soon as it connects; the Pyodide kernel answers only once Python and
# every preloaded package are loaded). ``exposeAppInBrowser`` (added to the site's settings by
# ``expose_app``) makes JupyterLite put the app on ``window.jupyterapp``, as JupyterLab does.
KERNEL_READY = """() => {
  const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = widget && widget.sessionContext && widget.sessionContext.session
    && widget.sessionContext.session.kernel;
  if (!kernel) return false;
  if (!kernel.pcInfo) {
    kernel.pcInfo = "asked";
    kernel.info.then(() => { kernel.pcInfo = "answered"; });
  }
  return widget.context.isReady && kernel.connectionStatus === "connected" && kernel.status === "idle"
    && kernel.pcInfo === "answered";
}"""


def expose_app(route) -> None:
    """Route handler for LITE_SETTINGS: the site's own settings, plus ``exposeAppInBrowser``
    (see KERNEL_READY)."""
    response = route.fetch()
    settings = response.json()
    settings["jupyter-config-data"]["exposeAppInBrowser"] = "true"
    route.fulfill(response=response, json=settings)


def question_box(lab, prompt: str):
    """The live quiz's box for one question (the innermost box holding its prompt and button)."""
    return (lab.locator(".widget-vbox").filter(has_text=prompt)
            .filter(has=lab.get_by_role("button", name="Check answer")).last)


def run_all_cells(lab) -> None:
    lab.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    lab.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
