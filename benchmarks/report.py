"""The machine description and RESULTS.md (the verdicts come from ``verdicts.py``).

Everything in RESULTS.md is computed from the results dict, so no number is copied by hand.
"""
from __future__ import annotations

import os
import platform
import re
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from verdicts import failures, measured, verdict

KEY_PACKAGES = ["jupyter-book", "sphinx", "myst-nb", "sphinx-book-theme", "pydata-sphinx-theme",
                "nbclient", "ipykernel", "ipywidgets", "pydantic", "playwright", "psutil"]


def machine() -> dict:
    cpu_model = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                      if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), 0)
    os_name = next((line.split("=", 1)[1].strip('"') for line in _read("/etc/os-release").splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    return {
        "cpu_model": cpu_model, "cores": len(os.sched_getaffinity(0)), "ram_gib": round(mem_kb / 2**20, 1),
        "os": os_name, "kernel": platform.release(), "python": platform.python_version(),
        "packages": {name: _version(name) for name in KEY_PACKAGES}, "chromium": _chromium_version(),
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _chromium_version() -> str:
    try:
        done = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30)
        return done.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


# -- RESULTS.md --------------------------------------------------------------------------------

def _fetched_text(results: dict) -> list[str]:
    """Cross-check: what the browser really fetched for the timed page vs what was counted."""
    feedback = measured(results, "feedback") or {}
    if "fetched" not in feedback:
        return []
    extra = feedback.get("fetched_not_counted", {})
    listed = ", ".join(f"{name} {size:,}" for name, size in extra.items()) or "none"
    return ["", f"Cross-check in Chromium: loading {feedback['page']} fetched {len(feedback['fetched'])} files from "
                f"the site; those not in the count above (fonts, images, files scripts load later), gzip bytes: "
                f"{listed}."]


def _row(name: str, side: dict) -> str:
    runs = side["runs"]
    return (f"| {name} | {side['cpu_seconds']:.2f} | {side['seconds']:.2f} | {side['peak_rss_mb']:.0f} | "
            f"{side.get('executed', '—')} | {', '.join(format(r['cpu_seconds'], '.2f') for r in runs)} | "
            f"{', '.join(format(r['seconds'], '.2f') for r in runs)} | {', '.join(format(r['load1'], '.1f') for r in runs)} |")


def render_markdown(results: dict) -> str:
    m, s = results["machine"], results["settings"]
    lines = [
        "# Build benchmark results", "",
        "Written by `benchmarks/bench_build.py` (do not edit by hand; rerun it). Every repetition is in "
        "`results.json` next to this file.", "",
        f"- Run: {s['kind']}, {results['started']} → {results['finished']} "
        f"({results['total_seconds'] / 60:.1f} min)",
        f"- Command: `{results['command']}`",
        f"- Machine: {m['cpu_model']}, {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['os']} "
        f"(kernel {m['kernel']}), Python {m['python']}, {m['chromium']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average (1/5/15 min) at start {results['load_start']}, at end {results['load_end']}; each "
        "build's 1-minute load when it started is in the tables. The machine (2 cores) is shared, so wall "
        "seconds are noisy; **CPU seconds over the whole process tree** (builder, kernels, Jupyter Book: "
        "`RUSAGE_CHILDREN` of the measuring process) are the main figure.",
        f"- Repetitions: {s['repeat']} pairs per real-course measure, ours and the peer alternating which goes "
        "first; medians reported. Scaling: one clean build per size.",
        "- Ours is `patientcourse build` as a user runs it (the console script, a fresh process). The peer "
        "is Jupyter Book 1 on the same generated notebooks and configuration, started with the same import "
        "skip as ours (`rfc3987_syntax`, see `patientcourse/_startup.py`); the plain `jupyter-book` script "
        "pays about 3 CPU s more per run on this machine for that import, which would flatter our ratios.",
        f"- Code measured: a frozen copy of `patientcourse/` (code fingerprint "
        f"`{results.get('code', {}).get('fingerprint', '?')[:12]}`).", "",
        "## Targets", "", "| Target | Wanted | Measured (ours vs peer) | Result | Why |", "|---|---|---|---|---|",
    ]
    for t in results["targets"]:
        lines.append(f"| {t['name']} | {t['target']} | {t['measured']} | {verdict(t['met'])} | {t['why']} |")
    real = measured(results, "real_course")
    if real:
        header = ["| Build | CPU s (median) | Wall s | Peak MB (tree) | Notebooks executed | CPU s, each run | "
                  "Wall s, each run | Load at start |", "|---|---|---|---|---|---|---|---|"]
        lines += ["", "## The real course (5 chapters)", "", *header,
                  _row("Ours, clean", real["clean"]["ours"]),
                  _row("Peer: bare `jupyter-book build`, clean (force)", real["clean"]["peer"]),
                  _row("Ours, no-op", real["noop"]["ours"]),
                  _row("Peer: Jupyter Book cached no-op", real["noop"]["peer"])]
        if "check_alone" in real:
            lines.append(_row("The check alone (`patientcourse check`)", real["check_alone"]))
        for name, sides in real["edits"].items():
            lines += [_row(f"Ours, {name} edit", sides["ours"]),
                      _row(f"Peer: Jupyter Book cached, {name} edit", sides["peer"])]
    earlier = results.get("earlier")
    if earlier:
        lines += ["", f"Not measured again in this run: {', '.join(earlier['parts'])}. Those tables and targets "
                  f"are the figures of the earlier run of {earlier['started']} (`{earlier['command']}`), made "
                  "with the code of that time."]
    if measured(results, "scaling"):
        lines += ["", "## Scaling (synthetic courses, clean `patientcourse build`)", "",
                  "| Chapters | CPU s | CPU s / chapter | Wall s | Peak MB (tree) | Notebooks executed (kernels) | "
                  "Load at start |", "|---|---|---|---|---|---|---|"]
        for r in results["scaling"]:
            b = r["build"]
            lines.append(f"| {r['chapters']} | {b['cpu_seconds']:.1f} | {b['cpu_seconds'] / r['chapters']:.2f} | "
                         f"{b['seconds']:.1f} | {b['peak_rss_mb']:.0f} | {r['executed']} ({r['kernels']}) | "
                         f"{b['load1']:.1f} |")
        jobs = [r for r in results["scaling"] if "sphinx_jobs" in r]
        if jobs:
            lines += ["", "### Sphinx parallel writing (`-j`), Jupyter Book alone on our staged book, from clean", "",
                      "| Chapters | -j 1 CPU s | -j 2 CPU s | -j 1 wall s | -j 2 wall s | Load (j1 / j2) |",
                      "|---|---|---|---|---|---|"]
            for r in jobs:
                j1, j2 = r["sphinx_jobs"]["j1"], r["sphinx_jobs"]["j2"]
                lines.append(f"| {r['chapters']} | {j1['cpu_seconds']:.1f} | {j2['cpu_seconds']:.1f} | "
                             f"{j1['seconds']:.1f} | {j2['seconds']:.1f} | {j1['load1']:.1f} / {j2['load1']:.1f} |")
    if measured(results, "page_weight"):
        lines += ["", "## Page weight of chapter pages (gzip level 6, bytes)", "",
                  "| Page | HTML | Theme/Sphinx assets | Ours (runtime) | Total | Total raw |", "|---|---|---|---|---|---|"]
        for w in results["page_weight"]:
            lines.append(f"| {w['page']} | {w['html']['gzip_bytes']:,} | {w['theme']['gzip_bytes']:,} "
                         f"({w['theme']['files']} files) | {w['ours']['gzip_bytes']:,} ({w['ours']['files']} files) | "
                         f"{w['total']['gzip_bytes']:,} | {w['total']['bytes']:,} |")
        lines += _fetched_text(results)
    fb = measured(results, "feedback")
    if fb and "painted_ms" in fb:
        lines += ["", "## Answer click → feedback", "",
                  f"{fb['page']}, question `{fb['question']}`, {fb['samples']} clicks alternating options. "
                  f"Median {fb['dom_ms']:.1f} ms to the feedback in the DOM, {fb['painted_ms']:.1f} ms to the next "
                  f"painted frame. Requests outside 127.0.0.1: {len(fb['requests_outside_127_0_0_1'])}; "
                  f"page errors: {len(fb['page_errors'])}."]
    transfer = measured(results, "page_transfer")
    if isinstance(transfer, list):
        lines += ["", "## What the browser transfers for each chapter page (every response, gzip level 6)", "",
                  "| Page | Requests | gzip bytes | raw bytes | Largest |", "|---|---|---|---|---|"]
        for p in transfer:
            top = sorted(p["files"].items(), key=lambda kv: -kv[1]["gzip_bytes"])[:2]
            lines.append(f"| {p['page']} | {p['requests']} | {p['gzip_bytes']:,} | {p['bytes']:,} | "
                         + ", ".join(f"{name} {f['gzip_bytes']:,}" for name, f in top) + " |")
    first = measured(results, "first_answerable")
    if first and "ratio" in first:
        lines += ["", "## First question answerable: ours vs a jupyterquiz page", "",
                  f"{first['ours_page']} against the same chapter with its quiz drawn by jupyterquiz (Jupyter Book "
                  f"defaults), {first['samples']} cold loads of each, alternating. From navigation start to the first "
                  "question wired and painted (in the DOM in brackets), ms:", "",
                  f"- ours: median {first['ours_ms']:.0f} ({first['ours_dom_ms']:.0f}); all: "
                  + ", ".join(f"{v:.0f}" for v in first["all_ours_ms"]),
                  f"- jupyterquiz: median {first['jupyterquiz_ms']:.0f} ({first['jupyterquiz_dom_ms']:.0f}); all: "
                  + ", ".join(f"{v:.0f}" for v in first["all_jupyterquiz_ms"]),
                  f"- ratio {first['ratio']:.2f}"]
    for key, error in failures(results).items():
        lines += ["", f"## Part '{key}' failed", "", "```text", error, "```"]
    notes = results.get("notes")
    if notes:
        lines += ["", "## Reading the figures", "", notes.strip()]
    return "\n".join(lines) + "\n"


# -- parts of RESULTS.md written by other benchmark scripts (bench_lite.py) -----------------------

def _part_pattern(name: str) -> re.Pattern:
    return re.compile(rf"<!-- part: {re.escape(name)} -->\n.*?<!-- /part: {re.escape(name)} -->\n", re.S)


def replace_part(path: Path, name: str, body: str) -> None:
    """Put ``body`` in RESULTS.md as the part ``name``, replacing that part if it is there."""
    block = f"<!-- part: {name} -->\n{body.rstrip()}\n<!-- /part: {name} -->\n"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    pattern = _part_pattern(name)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text.lstrip("\n"), encoding="utf-8")


def write_keeping_parts(path: Path, text: str) -> None:
    """Write RESULTS.md, keeping the parts other scripts wrote into the old one."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    parts = re.findall(r"<!-- part: (\S+) -->\n.*?<!-- /part: \1 -->\n", old, re.S)
    kept = [_part_pattern(name).search(old).group(0) for name in dict.fromkeys(parts)]
    path.write_text("\n".join([text.rstrip("\n") + "\n", *kept]), encoding="utf-8")
