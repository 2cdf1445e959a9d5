"""Imported first by the command line and the builder, never by notebook kernels.

jsonschema (pulled in by nbformat) imports ``rfc3987_syntax`` when it is installed
(JupyterLab brings it), and that module compiles a grammar for 3-5 s on every start. It is
only used to validate IRI formats, which we never do, so these processes skip it: a no-op
``make book`` then takes about a second instead of five."""
import sys

sys.modules.setdefault("rfc3987_syntax", None)
