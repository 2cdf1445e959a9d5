"""Targets are judged from the numbers (CPU against each figure's peer), say by how much, and
RESULTS.md shows every figure, the load beside it. No timing is measured here."""
from __future__ import annotations

import report
import verdicts


def side(cpu, wall=None, executed=None, kernels=None, shows=None, rss=300.0, load=1.0, **extra):
    out = {"cpu_seconds": cpu, "seconds": wall or cpu, "peak_rss_mb": rss, "load1": load, "repeats": 1,
           "runs": [{"cpu_seconds": cpu, "seconds": wall or cpu, "peak_rss_mb": rss, "load1": load}]}
    for key, value in (("executed", executed), ("kernels", kernels), ("shows_edit", shows)):
        if value is not None:
            out[key] = value
    return out | extra


def results(clean=(3.0, 10.0), noop=(0.6, 2.0), prose=(2.0, 2.5), quiz_executed=(1, 1, 1), quiz_kernels=(0, 0, 0),
            peer_shows_quiz=(False, False, False), scaling=(10.0, 25.0, 85.0, 330.0), rss=(300, 305, 320, 350)):
    def edit(ours_cpu, peer_cpu, executed=(0, 0, 0), kernels=(0, 0, 0), peer_shows=(True, True, True)):
        return {"ours": side(ours_cpu, executed=list(executed), kernels=list(kernels), shows=[True] * 3),
                "peer": side(peer_cpu, executed=[0, 0, 0], shows=list(peer_shows))}

    return {
        "command": "bench", "started": "s", "finished": "f", "total_seconds": 600.0,
        "load_start": [1, 1, 1], "load_end": [2, 2, 2],
        "settings": {"kind": "full run", "repeat": 3},
        "machine": {"cpu_model": "Test CPU", "cores": 2, "ram_gib": 24, "os": "Debian", "kernel": "6",
                    "python": "3.11", "packages": {"sphinx": "7.4.7"}, "chromium": "Chromium 156"},
        "real_course": {
            "check_alone": side(2.5),
            "clean": {"ours": side(clean[0], executed=[5] * 3, kernels=[0] * 3, quizzes=[True] * 3),
                      "peer": side(clean[1], executed=[5] * 3, quizzes=[True] * 3)},
            "noop": {"ours": side(noop[0], executed=[0] * 3), "peer": side(noop[1], executed=[0] * 3)},
            "edits": {"prose": edit(*prose), "quiz feedback": edit(4.0, 1.7, quiz_executed, quiz_kernels,
                                                                   peer_shows_quiz),
                      "glossary": edit(2.0, 2.5)}},
        "scaling": [{"chapters": n, "build": side(cpu, rss=mb, load=0.5), "executed": n, "kernels": 0}
                    for n, cpu, mb in zip((5, 20, 80, 320), scaling, rss)],
    }


def by_name(res):
    return {t["name"].split(" vs ")[0].split(",")[0]: t for t in verdicts.targets(res)}


def test_each_target_is_judged_against_its_peer_in_cpu_seconds():
    found = by_name(results())
    assert found["Clean build"]["met"] is True and found["Clean build"]["measured"].startswith("0.30×")
    assert found["No-op (`patientcourse build` again)"]["met"] is True
    assert found["Prose edit in one chapter"]["met"] is True
    assert found["Quiz feedback edit in one chapter"]["met"] is True
    assert found["CPU at 80 chapters"]["met"] is True and found["CPU at 320 chapters"]["met"] is True


def test_misses_are_called_misses_with_the_figures():
    found = by_name(results(clean=(6.0, 10.0), noop=(1.5, 2.0), prose=(6.0, 2.5), quiz_kernels=(0, 1, 0),
                            scaling=(10.0, 25.0, 85.0, 500.0), rss=(300, 310, 330, 900)))
    assert found["Clean build"]["met"] is False and "0.60×" in found["Clean build"]["measured"]
    assert "Over the limit by 0.10×" in found["Clean build"]["why"]
    assert found["No-op (`patientcourse build` again)"]["met"] is False
    assert found["Prose edit in one chapter"]["met"] is False
    assert "2.50 CPU s" in found["Prose edit in one chapter"]["why"]  # the check's own cost is named
    assert found["Quiz feedback edit in one chapter"]["met"] is False  # a kernel was started once
    assert found["CPU at 320 chapters"]["met"] is False
    assert found["Peak memory from 5 to 320 chapters"]["met"] is False


def test_a_peer_that_shows_a_stale_page_is_reported():
    why = by_name(results())["Quiz feedback edit in one chapter"]["why"]
    assert "did NOT show the edit in 3 of 3 runs" in why


def test_results_md_shows_every_figure_with_its_load():
    text = report.render_markdown(results() | {"targets": verdicts.targets(results())})
    assert "| Ours, clean | 3.00 | 3.00 | 300 | [5, 5, 5] |" in text
    assert "| Peer: Jupyter Book cached, quiz feedback edit |" in text
    assert "| 320 | 330.0 | 1.03 | 330.0 | 350 | 320 (0) | 0.5 |" in text
    assert "**missed**" not in text
    missed = report.render_markdown(results(noop=(1.5, 2.0)) | {"targets": verdicts.targets(results(noop=(1.5, 2.0)))})
    assert "**missed**" in missed


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


def test_figures_taken_from_an_earlier_run_are_said_to_be_so():
    data = results()
    data["earlier"] = {"started": "2026-12-02 23:13 UTC", "command": "bench full", "parts": ["scaling", "feedback"]}
    data["targets"] = verdicts.targets(data)
    md = report.render_markdown(data)
    assert "Not measured again in this run: scaling, feedback." in md
    assert "earlier run of 2026-12-02 23:13 UTC (`bench full`)" in md
    assert "earlier run" not in report.render_markdown(results() | {"targets": verdicts.targets(results())})
