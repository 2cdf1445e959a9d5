"""Health-literacy checks (``patientcourse check``): readability, PEMAT / CDC-CCI structure
rules and quiz coverage, per chapter. See ``run_checks``."""
from .findings import Finding
from .readability import Readability
from .run import ChapterReport, CheckReport, run_checks
from .thresholds import RULES, Thresholds, load_thresholds

__all__ = ["ChapterReport", "CheckReport", "Finding", "RULES", "Readability", "Thresholds",
           "load_thresholds", "run_checks"]
