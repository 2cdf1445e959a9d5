"""Instructor tools: student packs (``pack``), grading handed-in results files (``grade_run``
drives ``grading``, ``roster``, ``item_analysis``, ``reports``, ``gradebook`` and ``feedback``),
the instructor guide (``guide``) and LMS exports (``exports`` drives ``export_qti``,
``export_gift`` and ``export_scorm``). HTML and XML come from ``templates/`` (``html``). The
commands in ``patientcourse/commands`` are thin wrappers around these."""
