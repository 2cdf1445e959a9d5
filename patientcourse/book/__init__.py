"""Notebooks → HTML: execute (cached, in parallel), then Jupyter Book, then publish atomically."""
from .. import _startup  # noqa: F401  (before nbformat is imported: see _startup)
