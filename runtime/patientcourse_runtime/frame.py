"""What every live quiz and chapter widget carries in Jupyter besides its ipywidgets.

Two things plain ipywidgets cannot do are done by small browser scripts, shipped with this
package and run by ``anywidget`` (no JupyterLab extension to build, and it works in
JupyterLab, Notebook 7 and JupyterLite alike):

* ``static/frame.js``: keys pressed inside a quiz or widget never reach the notebook's
  shortcuts (an arrow key in a radio group moves the selection, not to the next cell);
* ``static/live.css``: button labels shown whole, and the look of the answer fields
  (``quiz/inputs.py``, ``static/answer_field.js``).
"""
from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as widgets

STATIC = Path(__file__).resolve().parent / "static"
KEYS_CLASS = "pc-keys"
# ``layout.display`` of a part that comes and goes (Try again, Show the answer, the name
# reminder). Shown is the empty string, which clears the hiding, and not None: Pyodide's
# kernel (JupyterLite) turns None into JavaScript's undefined, which the update's JSON leaves
# out, so a part once hidden was never shown again there.
SHOWN, HIDDEN = "", "none"


class LiveFrame(anywidget.AnyWidget):
    """A hidden part of a live quiz or widget: the keyboard guard and the stylesheet."""
    _esm = STATIC / "frame.js"
    _css = STATIC / "live.css"


def framed(box: widgets.Box) -> widgets.Box:
    """Mark ``box`` as one quiz or widget and give it the frame as its first child."""
    box.add_class(KEYS_CLASS)
    box.children = (LiveFrame(), *box.children)
    return box
