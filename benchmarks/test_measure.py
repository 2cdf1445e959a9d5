"""The measuring itself: memory is summed over the whole process tree; failures say why."""
from __future__ import annotations

import sys

import pytest

from measure import CommandFailed, run_measured

# Holds ~150 MB for a moment, long enough for the sampler to see it.
HOLD = "import time; block = bytearray(150 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(1.0)"


def test_peak_memory_counts_a_grandchild_process():
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {HOLD!r}], check=True)"
    run = run_measured([sys.executable, "-c", parent])
    assert run.peak_rss_mb >= 150
    assert run.seconds >= 1.0
    assert run.cpu_seconds > 0


def test_a_failing_command_reports_its_output():
    with pytest.raises(CommandFailed, match=r"(?s)my step failed \(exit 3\).*bad input in line 7"):
        run_measured([sys.executable, "-c", "import sys; print('bad input in line 7'); sys.exit(3)"],
                     label="my step")
