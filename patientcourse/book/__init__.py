"""Notebooks → HTML: execute (cached, in parallel), then Jupyter Book, then publish atomically."""
