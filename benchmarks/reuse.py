"""Helpers the test suite already has, loaded from their files instead of copied.

``make_project`` (tests/support.py) and the local static server and Chromium settings
(tests/browser/conftest.py) are what the tests use; the benchmark must build and browse the
book exactly the same way. Each file is loaded under its own module name (there are two
``conftest.py`` files), without putting tests/ on ``sys.path``.
"""
from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@cache
def support_helpers() -> ModuleType:
    """tests/support.py: ``make_project``, ``COURSE_DIR``."""
    return _load("patientcourse_tests_support", REPO / "tests" / "support.py")


@cache
def browser_helpers() -> ModuleType:
    """tests/browser/conftest.py: ``serve_directory``, ``CHROMIUM``, ``CHROMIUM_FLAGS``."""
    return _load("patientcourse_browser_conftest", REPO / "tests" / "browser" / "conftest.py")


@cache
def lite_helpers() -> ModuleType:
    """tests/browser/lite_support.py: the learner's steps in the in-browser JupyterLab."""
    return _load("patientcourse_lite_support", REPO / "tests" / "browser" / "lite_support.py")
