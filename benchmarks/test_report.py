"""Targets are judged from the numbers, say by how much, and RESULTS.md shows them all."""
from __future__ import annotations

import report
import verdicts


def run(seconds, rss=300.0):
    return {"seconds": seconds, "cpu_seconds": seconds / 2, "peak_rss_mb": rss, "cpu": 1, "runs": [
        {"seconds": seconds, "cpu_seconds": seconds / 2, "peak_rss_mb": rss}]}


def build(seconds, executed, rss=300.0):
    phases = {"execute": seconds / 3, "jupyter_book": seconds / 3, "publish": 0.1, "build_html": seconds * 0.8}
    return {**run(seconds, rss), "phases": phases, "executed": executed}


def results(ours=21.0, bare=20.0, noop=4.0, edit_executed=(1, 1, 1), scaling=(10.0, 25.0, 85.0)):
    return {
        "command": ".venv/bin/python benchmarks/bench_build.py --repeat 3", "started": "s", "finished": "f",
        "total_seconds": 600.0, "load_start": [1, 1, 1], "load_end": [2, 2, 2],
        "settings": {"kind": "full run", "repeat": 3, "scaling_repeat": 1},
        "machine": {"cpu_model": "Test CPU", "cores": 2, "ram_gib": 24, "os": "Debian", "kernel": "6",
                    "python": "3.11", "packages": {"sphinx": "7.4.7"}, "chromium": "Chromium 156"},
        "real_course": {"chapters": 5, "load_seconds": 0.5, "render_seconds": 1.0,
                        "ours_clean": build(ours, [5, 5, 5]), "bare_clean": run(bare),
                        "noop": build(noop, [0, 0, 0]),
                        "edit": {**build(8.0, list(edit_executed)), "chapter": "03-x",
                                 "files_changed_by_edit": ["notebooks/03-x.ipynb"], "bundle_changed": False,
                                 "edit_published_every_time": True}},
        "page_weight": [{"page": "notebooks/01-x.html", "html": {"bytes": 9000, "gzip_bytes": 3000},
                         "theme": {"bytes": 90000, "gzip_bytes": 30000, "files": 3},
                         "ours": {"bytes": 60000, "gzip_bytes": 21000, "files": 2},
                         "total": {"bytes": 159000, "gzip_bytes": 54000},
                         "assets": [{"file": "_static/patientcourse.js", "part": "ours", "bytes": 60000,
                                     "gzip_bytes": 21000}]}],
        "feedback": {"page": "notebooks/01-x.html", "question": "q", "samples": 20, "dom_ms": 4.0,
                     "painted_ms": 20.0, "painted_ms_max": 30.0, "requests_outside_127_0_0_1": [],
                     "page_errors": []},
        "scaling": [{"chapters": n, "load_seconds": 0.1, "render_seconds": 0.1, "build": build(t, [n], 400 + n),
                     "seconds_per_chapter": t / n, "peak_rss_mb_per_chapter": (400 + n) / n}
                    for n, t in zip((5, 20, 80), scaling)],
        "workers": {"chapters": 10, "serial_seconds": 40.0, "parallel_seconds": 22.0, "speedup": 40 / 22,
                    "runs": {"workers_1": [40.0], "workers_2": [22.0]}},
    }


def by_name(res):
    return {t["name"]: t for t in verdicts.targets(res)}


def test_overhead_over_the_target_says_by_how_much():
    target = by_name(results(ours=24.0, bare=20.0))["Clean build vs bare Jupyter Book"]
    assert target["met"] is False
    assert target["measured"].startswith("1.20×")
    assert "Over the target by 10 points" in target["why"]


def test_targets_met_and_missed_from_the_numbers():
    targets = by_name(results())
    assert targets["Clean build vs bare Jupyter Book"]["met"] is True  # 21 / 20 = 1.05×
    assert targets["No-op rebuild"]["met"] is True  # 4 / 21 = 19%
    assert targets["Rebuild after editing one chapter's prose"]["met"] is True
    assert targets["Our runtime per chapter page (gzip)"]["met"] is False  # 21,000 > 20,000 bytes
    assert "Over by 1.0 KB" in targets["Our runtime per chapter page (gzip)"]["why"]
    assert targets["Answer click → feedback (browser)"]["met"] is True
    assert targets["Notebook execution uses both cores"]["met"] is True


def test_an_edit_that_re_executes_two_notebooks_misses():
    target = by_name(results(edit_executed=(1, 2, 1)))["Rebuild after editing one chapter's prose"]
    assert target["met"] is False


def test_superlinear_build_time_is_caught_though_time_per_chapter_falls():
    # 5 → 20 chapters: 1 s per extra chapter; 20 → 80: 3 s per extra chapter.
    target = by_name(results(scaling=(10.0, 25.0, 205.0)))["Build time grows linearly with chapters"]
    assert target["met"] is False
    linear = by_name(results(scaling=(10.0, 25.0, 85.0)))["Build time grows linearly with chapters"]
    assert linear["met"] is True


def test_results_md_has_machine_command_and_every_target():
    res = results()
    res["targets"] = verdicts.targets(res)
    text = report.render_markdown(res)
    assert "`.venv/bin/python benchmarks/bench_build.py --repeat 3`" in text
    assert "Test CPU, 2 cores, 24 GiB RAM" in text
    for target in res["targets"]:
        assert f"| {target['name']} |" in text
    assert "**missed**" in text and "| met |" in text


def test_a_failed_part_is_reported_and_the_others_still_judged():
    res = results()
    res["real_course"] = {"error": "CommandFailed: build_html failed (exit 1):\nbook/x.md:3: WARNING: bad"}
    res["targets"] = verdicts.targets(res)
    names = {t["name"]: t for t in res["targets"]}
    assert "Clean build vs bare Jupyter Book" not in names
    assert names["Part 'real_course'"]["met"] is None
    assert names["Our runtime per chapter page (gzip)"]["met"] is False
    text = report.render_markdown(res)
    assert "## Part 'real_course' failed" in text and "book/x.md:3: WARNING: bad" in text


def test_a_part_written_by_another_script_is_replaced_in_place_and_survives_a_full_rewrite(tmp_path):
    from report import replace_part, write_keeping_parts

    results = tmp_path / "RESULTS.md"
    results.write_text("# Build benchmark results\nold\n", encoding="utf-8")
    replace_part(results, "lite", "## Lite\nfirst")
    replace_part(results, "lite", "## Lite\nsecond")
    assert results.read_text(encoding="utf-8").count("<!-- part: lite -->") == 1
    write_keeping_parts(results, "# Build benchmark results\nnew\n")
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Build benchmark results\nnew\n") and "old" not in text
    assert "## Lite\nsecond\n<!-- /part: lite -->" in text and "first" not in text
