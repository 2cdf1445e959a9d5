"""Instructor tools: student packs (``pack``), grading handed-in results (``grading``,
``reports``, the results-file contract in ``results``), the instructor guide (``guide``) and
LMS exports (``export_qti``, ``export_gift``). The commands in ``patientcourse/commands`` are
thin wrappers around these."""
