"""``patientcourse trace``: the source article and the course, sentence by sentence."""
from .align import Limits
from .run import TraceReport, run_trace, source_path

__all__ = ["Limits", "TraceReport", "run_trace", "source_path"]
