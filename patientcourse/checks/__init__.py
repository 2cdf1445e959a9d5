"""Health-literacy checks (``patientcourse check``): readability, PEMAT / CDC-CCI structure
rules and quiz coverage, per chapter. See ``run_checks``.

The names below load on first use (PEP 562): the rules pull in large text libraries
(textstat's dictionary, wordfreq), and modules that only need a helper of this package
(``checks.markdown``, say) should not pay for them."""
from importlib import import_module

_EXPORTS = {"Finding": ".findings", "Readability": ".readability", "ChapterReport": ".run",
            "CheckReport": ".run", "run_checks": ".run", "RULES": ".thresholds", "Thresholds": ".thresholds",
            "load_thresholds": ".thresholds"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
