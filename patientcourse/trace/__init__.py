"""``patientcourse trace``: the source article and the course, sentence by sentence.

The names below load on first use (PEP 562): the alignment pulls in pysbd, rapidfuzz and
wordfreq, which a build that only needs ``source_path`` should not pay for."""
from importlib import import_module

_EXPORTS = {"Limits": ".align", "TraceReport": ".run", "run_trace": ".run", "source_path": ".source"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
