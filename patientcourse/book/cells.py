"""Our own code cells, answered in the builder's process instead of a kernel.

A chapter notebook's code cells only draw a quiz or a widget from the runtime bundle:

    from patientcourse_runtime import chapter_quiz
    chapter_quiz('01-fascia-anatomy')

Their outputs depend on the bundle alone, so starting a kernel for them (about 1 CPU second
of imports, plus start-up and shutdown) buys nothing. This module recognises exactly that
shape (by parsing, never by running the cell: anything else is "other code" and goes to a
kernel) and builds the output a kernel would: the same runtime objects, the same
``_repr_mimebundle_``, the same ``execute_result`` fields, the same ``language_info``.
``tests/test_execute_parity.py`` executes a chapter with nbclient and compares byte for byte.
"""
from __future__ import annotations

import ast
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

# The functions a generated cell may call, and how many string arguments each takes.
OWN_CALLS = {"chapter_quiz": 1, "chapter_widget": 2}
RUNTIME_MODULE = "patientcourse_runtime"


@dataclass(frozen=True)
class OwnCall:
    function: str  # a key of OWN_CALLS
    args: tuple[str, ...]  # chapter id (and widget kind)

    @property
    def chapter_id(self) -> str:
        return self.args[0]


def own_call(source: str) -> OwnCall | None:
    """The call a cell makes if it is one of ours (an import from the runtime, then one call
    with string literals); None for any other code."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    if len(body) != 2 or not isinstance(body[0], ast.ImportFrom) or not isinstance(body[1], ast.Expr):
        return None
    imported, expr = body[0], body[1].value
    names = {alias.name for alias in imported.names if alias.asname is None}
    if (imported.module != RUNTIME_MODULE or imported.level or len(names) != len(imported.names)
            or not names <= set(OWN_CALLS)):
        return None
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in names
            and not expr.keywords and len(expr.args) == OWN_CALLS[expr.func.id]
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in expr.args)):
        return None
    return OwnCall(expr.func.id, tuple(a.value for a in expr.args))


def language_info() -> dict:
    """The ``language_info`` ipykernel reports (``IPythonKernel.language_info``) for this
    interpreter, which is the one the build's kernels run in. Written out because importing
    ipykernel to read it costs half a second; the parity test catches any drift."""
    return {"codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
            "file_extension": ".py", "mimetype": "text/x-python", "name": "python",
            "nbconvert_exporter": "python", "pygments_lexer": "ipython3",
            "version": platform.python_version()}


def draw(call: OwnCall, bundle: dict, folder: Path):
    """The object the cell's last line evaluates to, built as the runtime's function builds it."""
    from patientcourse_runtime.quiz.live import QuizWidget
    from patientcourse_runtime.store import DEFAULT_DIR_NAME, ResultsFile
    from patientcourse_runtime.widgets import chapter_widget

    if call.function == "chapter_widget":
        return chapter_widget(*call.args, bundle=bundle)
    # chapter_quiz() opens the results file of the working directory; a kernel's is the
    # notebook's folder, which a build's run folder leaves empty. Name that file here so the
    # builder's own working directory (a learner's results, say) is never read.
    course_id = bundle["course"]["id"]
    results = ResultsFile(course_id, bundle.get("assignment"), folder / DEFAULT_DIR_NAME / f"{course_id}.json")
    return QuizWidget(call.chapter_id, bundle, results=results)


def execute_result(value, execution_count: int) -> dict:
    """The output a kernel sends for a cell whose last line evaluates to ``value``: IPython's
    display formatter takes the object's own mime bundle (it has no other representation)."""
    data = value._repr_mimebundle_(include=None, exclude=None)
    return {"output_type": "execute_result", "data": data, "metadata": {}, "execution_count": execution_count}


def close(widget) -> None:
    """Close a drawn widget and everything in it: ipywidgets keeps every open widget alive (a
    kernel's die with it), so a build of hundreds of chapters would hold them all."""
    for child in getattr(widget, "children", ()):
        close(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):  # widgets too
        if hasattr(part, "close"):
            part.close()
    widget.close()
