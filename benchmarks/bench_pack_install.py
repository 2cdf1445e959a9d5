"""What a learner waits for and keeps when setting up a student pack (issue #11): the pack's
own size, the time its README's setup command takes (a fresh venv and
``pip install -r requirements.txt``), and the size of the environment it leaves. Not a test: a
measurement.

    .venv/bin/python benchmarks/bench_pack_install.py              # writes benchmarks/PACK_INSTALL.md
    .venv/bin/python benchmarks/bench_pack_install.py --repeat 1 --out benchmarks/_work

"Warm" runs use pip's cache (as on a machine that installed the pack before, or behind a
caching proxy); the "cold" run sets PIP_NO_CACHE_DIR=1, so every wheel is downloaded again.
Scratch folders go to ``benchmarks/_work/`` (ignored by git).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import typer

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from measure import run_measured, summarize  # noqa: E402
from report import machine  # noqa: E402
from reuse import REPO  # noqa: E402

from patientcourse.book.pipeline import build_html  # noqa: E402
from patientcourse.instructor.pack import make_pack  # noqa: E402
from patientcourse.instructor.pack_readme import SETUP  # noqa: E402
from patientcourse.structure import load_course  # noqa: E402

app = typer.Typer(add_completion=False)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def setup_once(pack: Path, work: Path, name: str, cold: bool) -> tuple[object, Path]:
    """Copy the pack, run the README's Linux setup command in it; return (run, venv)."""
    learner = work / name
    shutil.rmtree(learner, ignore_errors=True)
    shutil.copytree(pack, learner)
    command = SETUP["macOS and Linux"][0]
    prefix = "PIP_NO_CACHE_DIR=1 " if cold else ""
    run = run_measured(["bash", "-c", prefix + command.replace(" && ", f" && {prefix}")], cwd=learner,
                       label="pack setup")
    return run, learner / ".venv"


@app.command()
def main(repeat: int = typer.Option(3, min=1, help="Warm-cache installs to time."),
         cold: bool = typer.Option(True, help="Also time one install with pip's cache off."),
         out: Path = typer.Option(BENCH_DIR, help="Folder for PACK_INSTALL.md and pack_install.json.")) -> None:
    work = BENCH_DIR / "_work" / "pack-install"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    course = load_course(REPO / "course")
    started = dt.datetime.now(dt.timezone.utc)
    load_before = os.getloadavg()
    pack = make_pack(course, [course.chapters[0].id], title="Benchmark week", due="2026-12-01", mode="practice",
                     out=work / "pack", config=REPO / "_config.yml", build_html=build_html).folder
    wheel = next((pack / "wheels").glob("*.whl"))
    setup_once(pack, work, "warm-up", cold=False)  # fills pip's cache for the warm runs
    warm = []
    for n in range(repeat):
        run, venv = setup_once(pack, work, f"warm-{n}", cold=False)
        warm.append(run)
    cold_run = setup_once(pack, work, "cold", cold=True)[0] if cold else None
    listed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=json"],
                            capture_output=True, text=True, check=True)
    results = {
        "started": started.isoformat(timespec="seconds"), "machine": machine(),
        "load_average_start": load_before, "load_average_end": os.getloadavg(),
        "pack_bytes": folder_bytes(pack), "wheel_bytes": wheel.stat().st_size,
        "requirements": (pack / "requirements.txt").read_text(encoding="utf-8").splitlines(),
        "venv_bytes": folder_bytes(venv), "packages": len(json.loads(listed.stdout)),
        # Names only (values may hold credentials): a local wheel folder makes "cold" less cold.
        "pip_environment": sorted(k for k in os.environ if k.startswith("PIP_")),
        "warm": summarize(warm), "cold": cold_run.as_dict() if cold_run else None,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "pack_install.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (out / "PACK_INSTALL.md").write_text(render(results), encoding="utf-8")
    print(render(results))


def render(r: dict) -> str:
    mb = lambda n: f"{n / 1e6:.1f} MB"  # noqa: E731
    warm = r["warm"]
    lines = [
        "# Setting up a student pack", "",
        f"Measured {r['started']} by `benchmarks/bench_pack_install.py` on {r['machine']['cpu_model']}, "
        f"{r['machine']['cores']} cores, Python {r['machine']['python']}; load average "
        f"{r['load_average_start'][0]:.1f} at start, {r['load_average_end'][0]:.1f} at the end.", "",
        "A one-chapter practice pack of the real course; the README's Linux setup command "
        "(`python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt`) in a copy of it.", "",
        "| What | Measured |", "|---|---|",
        f"| Pack on disk (book, notebooks, wheel, README) | {mb(r['pack_bytes'])} |",
        f"| Runtime wheel | {r['wheel_bytes'] / 1e3:.0f} KB |",
        f"| Environment after setup (`.venv`) | {mb(r['venv_bytes'])}, {r['packages']} packages |",
        f"| Setup, pip cache warm (median of {warm['repeats']}) | {warm['seconds']:.0f} s wall, "
        f"{warm['cpu_seconds']:.0f} s CPU |",
    ]
    if r["cold"]:
        lines.append(f"| Setup, pip cache off (downloads every wheel) | {r['cold']['seconds']:.0f} s wall, "
                     f"{r['cold']['cpu_seconds']:.0f} s CPU |")
    if r.get("pip_environment"):
        lines += ["", "pip on this machine also reads " + ", ".join(f"`{k}`" for k in r["pip_environment"])
                  + " from the environment; wheels it finds locally are not downloaded, even with the cache off."]
    lines += ["", "Warm runs: " + ", ".join(f"{x['seconds']:.0f} s" for x in warm["runs"]) + ".", "",
              "requirements.txt:", "", "```", *r["requirements"], "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    app()
