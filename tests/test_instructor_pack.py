"""``assign``: what a student pack holds in each mode, and the byte scan that proves an
assessment pack holds no answer key (with proof that the scan finds one when it is there)."""
from __future__ import annotations

import base64
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from patientcourse_runtime.results import parse_results
from patientcourse.instructor.leak_scan import answer_key_secrets, scan_bytes, scan_folder
from patientcourse.instructor.pack import PackError, leak_findings, make_pack, read_pack_assignment
from quiz_samples import CH1, CH2, sample_course
from test_instructor_grading import REPO

FEEDBACK = "No. The article says fasciae are made of collagen."  # fa-made-of, option a


@pytest.fixture(scope="module")
def course():
    return sample_course()


@pytest.fixture(scope="module")
def secrets(course):
    return answer_key_secrets(course)


# -- the scan itself (fast) -------------------------------------------------------------------

def test_secrets_are_the_answer_key_minus_what_learners_read_anyway(course, secrets):
    where = set(secrets.strings.values())
    assert "fa-made-of option a feedback" in where and "fa-hold if_wrong" in where
    assert "fa-proven if_true" in where and "fa-rolling pair 2 feedback" in where
    assert "fa-thoracic-steps explanation" in where
    # "Right." is too short to search for without matching ordinary words.
    assert "ev-athletes if_true" in secrets.too_short


@pytest.mark.parametrize("encode", [
    lambda s: s.encode(),
    lambda s: s.replace("'", "&#x27;").replace(".", "&#46;").encode(),
    lambda s: json.dumps({"x": s.replace("'", "\u2019")}, ensure_ascii=True).encode(),
    lambda s: urllib.parse.quote(s).encode(),
    lambda s: urllib.parse.quote_plus(s).encode(),
    lambda s: b"var k='" + base64.b64encode(s.encode()) + b"';",
    lambda s: b"data:" + base64.urlsafe_b64encode(("{\"f\": \"" + s + "\"}").encode()),
    lambda s: s.upper().replace(" ", "\n  ").encode(),
    lambda s: s.replace("collagen", "<em>collagen</em>").encode(),
], ids=["plain", "html-entities", "json-escaped", "url", "url-plus", "base64", "base64-url", "case-and-spaces",
        "inside-tags"])
def test_scan_finds_feedback_however_it_is_encoded(secrets, encode):
    findings = scan_bytes("page.html", b"<p>Chapter text.</p>" + encode(FEEDBACK) + b"<p>More.</p>", secrets)
    assert [f.what for f in findings] == ["answer key text: fa-made-of option a feedback"]


def test_scan_opens_zip_and_gzip_members(secrets):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/page.txt", gzip.compress(FEEDBACK.encode()))
    findings = scan_bytes("extra.zip", buffer.getvalue(), secrets)
    assert [str(f) for f in findings] == [
        "extra.zip!inner/page.txt (gunzipped): answer key text: fa-made-of option a feedback"]


@pytest.mark.parametrize("marker", [
    b'{"id": "a", "text": "Fat", "correct": false}',
    b'<label data-pc-correct="true">',
    b"<div data-pc-answer='b'>",
    b'"{\\"if_wrong\\": \\"x\\"}"',
    b'{"answer": 20}',
])
def test_scan_finds_correctness_markers(secrets, marker):
    assert scan_bytes("x.json", marker, secrets)


def test_sphinx_search_index_words_are_not_mistaken_for_answer_keys(secrets):
    index = b'Search.setIndex({"docnames": ["a"], "terms": {"answer": [0, 1], "correct": 2}, "titleterms": {}})'
    assert scan_bytes("searchindex.js", index, secrets) == []
    leaky = b'Search.setIndex({"terms": {"answer": "b"}})'
    assert scan_bytes("searchindex.js", leaky, secrets)


def test_a_pack_that_would_leak_is_not_written(tmp_path, course, monkeypatch):
    """The guard inside ``assign``: a (simulated) renderer bug that puts feedback in a page."""
    def leaky_build(project: Path, files: dict) -> Path:
        site = project / "_build" / "html"
        site.mkdir(parents=True)
        (site / "index.html").write_text(f"<p>{FEEDBACK}</p>", encoding="utf-8")
        return site

    out = tmp_path / "pack"
    with pytest.raises(PackError, match="fa-made-of option a feedback"):
        make_pack(course, [CH1], title="Week 1", due=None, mode="assessment", out=out,
                  config=REPO / "_config.yml", build_html=leaky_build)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == []  # no temporary folder left behind


# -- real packs (build a small book each) -------------------------------------------------------

@pytest.fixture(scope="module")
def packs(tmp_path_factory, course):
    root = tmp_path_factory.mktemp("packs")
    made = {}
    for mode in ("practice", "assessment"):
        made[mode] = make_pack(course, [CH2], title=f"Week 2 {mode}", due="2026-12-01", mode=mode,
                               out=root / mode, config=REPO / "_config.yml")
    return made


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["practice", "assessment"])
def test_pack_holds_the_chosen_chapters_book_notebooks_and_readme(packs, mode):
    pack = packs[mode].folder
    assert sorted(p.name for p in pack.iterdir()) == ["README.md", "book", "notebooks", "requirements.txt", "wheels"]
    assert [p.name for p in (pack / "wheels").iterdir()] == ["patientcourse_runtime-0.1.0-py3-none-any.whl"]
    assert sorted(p.name for p in (pack / "notebooks").iterdir()) == [f"{CH2}.ipynb", "course.json"]
    bundle = json.loads((pack / "notebooks" / "course.json").read_text(encoding="utf-8"))
    assert bundle["mode"] == mode and list(bundle["chapters"]) == [CH2]
    assert bundle["assignment"] == {"id": f"week-2-{mode}", "title": f"Week 2 {mode}", "due": "2026-12-01"}
    assert read_pack_assignment(pack) == (bundle["assignment"], [CH2])
    pages = {p.relative_to(pack / "book").as_posix() for p in (pack / "book").rglob("*.html")}
    assert {f"notebooks/{CH2}.html", "book/index.html", "book/glossary.html", "book/sources.html",
            "book/progress.html"} <= pages
    assert f"notebooks/{CH1}.html" not in pages and "book/report.html" not in pages
    readme = (pack / "README.md").read_text(encoding="utf-8")
    assert "Download my results" in readme and "save_results()" in readme
    assert "December 1, 2026, at the end of the day (UTC, Coordinated Universal Time)" in readme
    assert ("does not say whether they are right" in readme) == (mode == "assessment")


@pytest.mark.slow
def test_assessment_pack_has_no_answer_key_in_any_byte(packs, course, secrets):
    pack = packs["assessment"].folder
    chapter_two = answer_key_secrets(course.subset([CH2]))
    assert packs["assessment"].scanned_secrets == chapter_two.count > 0
    every_file = [p for p in pack.rglob("*") if p.is_file()]
    assert len(every_file) > 20 and sum(p.stat().st_size for p in every_file) > 1_000_000
    assert leak_findings(pack, chapter_two) == []
    # Only the runtime wheel's own code may name result fields; nothing else is let through.
    let_through = {f.file for f in scan_folder(pack, chapter_two)}
    assert let_through and all(f.startswith("wheels/patientcourse_runtime-") for f in let_through)
    # The same scan on the practice pack finds the feedback there: the scan is not blind.
    found = {f.what for f in scan_folder(packs["practice"].folder, chapter_two)}
    assert "answer key text: ev-athletes if_false" in found
    assert any(w.startswith("a 'correct' key") for w in found)


# A learner's machine: the README's own commands, a fresh venv outside the repository with
# only the pack's requirements.txt, every notebook run by nbclient from inside that venv, one
# answer recorded through the runtime and the results file read back.
RUN_PACK = """
import json, pathlib, sys
import nbformat
from nbclient import NotebookClient

folder = pathlib.Path("notebooks").resolve()
report = {}
for path in sorted(folder.glob("*.ipynb")):
    notebook = nbformat.read(path, as_version=4)
    if path.stem == sys.argv[1]:
        notebook.cells.append(nbformat.v4.new_code_cell(sys.argv[2]))
    NotebookClient(notebook, timeout=300, allow_errors=True, resources={"metadata": {"path": str(folder)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    report[path.stem] = {
        "errors": ["\\n".join(o["traceback"]) for o in outputs if o["output_type"] == "error"],
        "widgets": sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs),
        "printed": "".join(o.get("text", "") for o in outputs if o["output_type"] == "stream"),
    }
print(json.dumps(report))
"""
ANSWER_CELL = """
from patientcourse_runtime import chapter_quiz, set_learner, save_results
quiz = chapter_quiz({chapter!r})
box = quiz.questions[0]
box.input.set({answer!r})
box.check_button.click()
set_learner("José Núñez", "s-12")
print("RESULTS", save_results())
"""
BUILDER_ONLY = {"jupyter-book", "sphinx", "myst-nb", "pydantic", "typer", "rich", "textstat", "text2qti",
                "patientcourse"}


def readme_commands(readme: str, system: str) -> list[str]:
    """The commands the README gives for ``system``: the lines of the code block under it."""
    block = readme.split(f"**{system}**", 1)[1].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


@pytest.mark.slow
def test_a_learner_sets_up_a_pack_with_only_its_readme_and_requirements(packs, tmp_path, course):
    pack = Path(shutil.copytree(packs["practice"].folder, tmp_path / "learner"))
    readme = (pack / "README.md").read_text(encoding="utf-8")
    setup, start = readme_commands(readme, "macOS and Linux")
    assert readme_commands(readme, "Windows (PowerShell)")[1].endswith("jupyter lab") and start.endswith("jupyter lab")
    assert "requirements.txt" in setup and not REPO.resolve().is_relative_to(tmp_path.resolve())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PATIENTCOURSE_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env.update(JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"), JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"), IPYTHONDIR=str(tmp_path / "ipython"))
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(REPO)))
    installed = subprocess.run(["bash", "-c", setup], cwd=pack, env=env, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    python = pack / ".venv" / "bin" / "python"

    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json"], cwd=pack, env=env,
                            capture_output=True, text=True, check=True)
    names = {p["name"].lower().replace("_", "-") for p in json.loads(listed.stdout)}
    assert {"patientcourse-runtime", "jupyterlab", "jupyterlab-myst", "anywidget"} <= names
    assert not BUILDER_ONLY & names, f"the authoring stack was installed: {BUILDER_ONLY & names}"
    extensions = subprocess.run([str(pack / ".venv" / "bin" / "jupyter"), "labextension", "list"], cwd=pack,
                                env=env, capture_output=True, text=True, check=True)
    shown = extensions.stdout + extensions.stderr
    assert "jupyterlab-myst" in shown and "anywidget" in shown and "not compatible" not in shown, shown
    servers = subprocess.run([str(pack / ".venv" / "bin" / "jupyter"), "server", "extension", "list"], cwd=pack,
                             env=env, capture_output=True, text=True, check=True)
    assert re.search(r"patientcourse_runtime\.jupyter\s.*enabled", servers.stdout + servers.stderr)

    question = course.chapter(CH2).quiz.questions[0]
    assert question.type == "single"
    answer = question.option_ids()[0]
    cell = ANSWER_CELL.format(chapter=CH2, answer=answer)
    ran = subprocess.run([str(python), "-c", RUN_PACK, CH2, cell], cwd=pack, env=env, capture_output=True,
                         text=True, timeout=900)
    assert ran.returncode == 0, ran.stderr[-3000:]
    report = json.loads(ran.stdout.splitlines()[-1])
    assert sorted(report) == [CH2] and all(not r["errors"] for r in report.values()), report
    assert all(r["widgets"] >= 1 for r in report.values()), "every notebook shows its quiz"
    saved_to = Path(report[CH2]["printed"].split("RESULTS ", 1)[1].strip())
    assert saved_to.parent == pack / "notebooks" / "patientcourse-results"
    assert saved_to.name == f"{course.id}--week-2-practice--josé-núñez-s-12.json"
    results = parse_results(json.loads(saved_to.read_text(encoding="utf-8")))
    assert results.learner.name == "José Núñez" and results.assignment.id == "week-2-practice"
    assert results.chapters[CH2][question.id].answer == answer


def test_assign_command_refuses_bad_input_before_building(tmp_path):
    from typer.testing import CliRunner

    from patientcourse.cli import app

    course_dir = str(REPO / "course")
    base = ["assign", "--course", course_dir, "--title", "Week 1", "--out", str(tmp_path / "p")]
    cases = {
        "no chapter '9'": ["--chapters", "9"],
        "is not a date": ["--chapters", "1", "--due", "next week"],
        "--mode must be practice or assessment": ["--chapters", "1", "--mode", "exam"],
    }
    for expected, extra in cases.items():
        result = CliRunner().invoke(app, base + extra)
        assert result.exit_code == 2 and expected in result.output, (extra, result.output)
    assert not (tmp_path / "p").exists()


def test_grade_with_a_pack_uses_its_chapters_assignment_and_due_date(tmp_path, course, monkeypatch):
    from typer.testing import CliRunner

    import patientcourse.commands.grade as grade_command
    from patientcourse.cli import app
    from test_instructor_sample import results_doc, right_answers, write_json

    pack = tmp_path / "pack" / "notebooks"
    pack.mkdir(parents=True)
    assignment = {"id": "week-2", "title": "Week 2", "due": "2026-12-01"}
    (pack / "course.json").write_text(json.dumps({"assignment": assignment, "chapters": {CH2: {}}}))
    answers = {CH2: right_answers(course)[CH2]}
    write_json(tmp_path / "on-time.json", results_doc(answers, name="A", assignment=assignment))
    write_json(tmp_path / "late.json", results_doc(answers, name="B", assignment=assignment,
                                                   answered_at="2026-12-03T09:00:00Z"))
    write_json(tmp_path / "other.json", results_doc(answers, name="C", assignment={"id": "week-1"}))
    monkeypatch.setattr(grade_command, "load_or_exit", lambda _: course)
    result = CliRunner().invoke(app, ["grade", str(tmp_path / "on-time.json"), str(tmp_path / "late.json"),
                                      str(tmp_path / "other.json"), "--pack", str(tmp_path / "pack"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    grades = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert grades[0].startswith(f"learner,learner_id,{CH2},total,possible,percent,late")
    assert [line.split(",")[:7] for line in grades[1:]] == [["A", "", "2", "2", "2", "100.0", "no"],
                                                            ["B", "", "2", "2", "2", "100.0", "yes"]]
    assert "other.json: assignment: the file is for assignment 'week-1', not 'week-2'" in result.output


def test_a_pack_never_overwrites_what_is_at_out(tmp_path, course):
    def no_build(project, files):
        raise AssertionError("must refuse before building")

    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    for out in (tmp_path / "taken", tmp_path / "file"):
        with pytest.raises(PackError, match="already exists and is not an empty folder"):
            make_pack(course, [CH1], title="W", due=None, mode="practice", out=out,
                      config=REPO / "_config.yml", build_html=no_build)
    assert (tmp_path / "taken" / "keep.txt").read_text(encoding="utf-8") == "mine"
