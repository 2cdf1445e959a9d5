"""The benchmark runs on a frozen copy of the package, not on files others are editing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent

SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {bench!r})
from snapshot import run_on_code_snapshot
run_on_code_snapshot(Path({repo!r}), Path({work!r}))
import patientcourse
print(patientcourse.__file__)
print(patientcourse.WHO)
"""


def test_the_script_reruns_itself_on_a_copy_that_later_edits_do_not_reach(tmp_path):
    repo, work = tmp_path / "repo", tmp_path / "work"
    (repo / "patientcourse").mkdir(parents=True)
    (repo / "patientcourse" / "__init__.py").write_text("WHO = 'the copy'\n")
    script = tmp_path / "bench.py"
    script.write_text(SCRIPT.format(bench=str(BENCH_DIR), repo=str(repo), work=str(work)))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    where, who = done.stdout.strip().splitlines()
    snapshot = Path(where).parent.parent
    assert snapshot.parent == work and snapshot.name.startswith("code-snapshot-")
    assert who == "the copy"
    # A real copy, not a link: editing the original afterwards leaves the run's code alone.
    (repo / "patientcourse" / "__init__.py").write_text("WHO = 'edited'\n")
    assert "the copy" in (snapshot / "patientcourse" / "__init__.py").read_text()
