"""A SCORM package in an LMS: the package made by ``export --format scorm`` is opened in a harness
page that provides the SCORM 1.2 API with scorm-again (an npm package installed here, for the
tests only), the way an LMS opens a SCO in an iframe. A learner answers right and wrong; the
test reads every call the SCO made and the values the LMS keeps, then relaunches the SCO in a
fresh browser with only what the LMS kept, and sees the progress resumed."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.conftest import in_ci
from browser.journeys_support import put_in_order
from patientcourse.instructor.export_scorm import export_scorm, package_bytes
from quiz_samples import CH1, COURSE_ID, sample_course
from support import REPO, wait_for_value

HARNESS = Path(__file__).resolve().parents[1] / "js" / "scorm"
LAUNCH = {"cmi.core.student_id": "s-12", "cmi.core.student_name": "Lovelace, Ada",
          "cmi.core.lesson_status": "not attempted", "cmi.core.entry": "ab-initio"}
pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def scorm_again(tmp_path_factory) -> Path:
    """scorm-again's SCORM 1.2 API (dist/scorm12.js), installed with npm from the pinned lock
    file. Without npm or the registry the tests skip, except under CI=true, where they fail."""
    folder = tmp_path_factory.mktemp("scorm-again")
    for name in ("package.json", "package-lock.json"):
        shutil.copy(HARNESS / name, folder / name)
    npm = shutil.which("npm")
    problem = "npm is not installed" if npm is None else None
    if npm:
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=folder,
                              capture_output=True, text=True, timeout=300)
        problem = None if done.returncode == 0 else f"npm ci failed: {done.stderr[-2000:]}"
    if problem:
        if in_ci():
            pytest.fail(f"{problem}; CI=true, so the SCORM tests must run.")
        pytest.skip(problem)
    return folder / "node_modules" / "scorm-again" / "dist" / "scorm12.js"


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """The sample course as two SCORM packages: graded (mastery 75, made by export_scorm)
    and practice (the same built book, packaged again)."""
    from patientcourse.book.pipeline import build_html

    root = tmp_path_factory.mktemp("scorm")
    kept = {}

    def build_and_keep(project, files):
        html = build_html(project, files)
        kept["html"] = Path(shutil.copytree(html, root / "html"))
        return html

    course = sample_course()
    graded = export_scorm(course, mode="graded", mastery=75, out=root / "graded.zip",
                          config=REPO / "_config.yml", build_html=build_and_keep)
    practice = root / "practice.zip"
    practice.write_bytes(package_bytes(course, kept["html"], mode="practice", mastery=None)[0])
    return {"graded": graded.path, "practice": practice}


@pytest.fixture
def lms(tmp_path, serve, scorm_again, packages):
    """A served folder: the harness page, scorm-again, and each package unzipped as an LMS does."""
    site = tmp_path / "lms"
    site.mkdir()
    shutil.copy(HARNESS / "harness.html", site / "harness.html")
    shutil.copy(scorm_again, site / "scorm12.js")
    for mode, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            archive.extractall(site / mode)
    return serve(site)


def launch(page, lms, mode, state=None):
    page.add_init_script(f"window.lmsLaunch = {json.dumps(state or LAUNCH)};")
    page.goto(f"{lms}/harness.html?sco={mode}/notebooks/{CH1}.html")
    sco = page.frame_locator("#sco")
    expect(sco.locator("[data-pc-score]")).to_contain_text("Answered")
    return sco


def calls(page, name=None):
    return [c for c in page.evaluate("window.lmsCalls") if name is None or c["name"] == name]


def lms_value(page, element):
    """What the LMS holds now (the last value the SCO set, as the LMS would store it)."""
    return page.evaluate("element => window.API.getFlattenedCMI()[element]", element)


def lms_holds(page, **expected):
    """Wait until the LMS holds these values (element names with "__" for "."), then assert
    them, so a value the SCO sets a moment after the click is not read too early."""
    wanted = {name.replace("__", "."): value for name, value in expected.items()}
    held = wait_for_value(lambda: {name: lms_value(page, name) for name in wanted}, lambda now: now == wanted)
    assert held == wanted


def interactions(page):
    sets = {c["element"]: c["value"] for c in calls(page, "LMSSetValue") if c["element"].startswith("cmi.interactions.")}
    count = len({k.split(".")[2] for k in sets})
    return [{field: sets.get(f"cmi.interactions.{n}.{field}") for field in
             ("id", "type", "student_response", "result", "time", "weighting")} for n in range(count)]


def check(sco, question_id):
    sco.locator(f'fieldset[data-pc-question="{question_id}"]').get_by_role("button", name="Check answer").click()


def choose(sco, question_id, value):
    """Pick an option by the value answers are recorded in (option id, or true/false)."""
    sco.locator(f'fieldset[data-pc-question="{question_id}"] input[value="{value}"]').check()
    check(sco, question_id)


def answer_rest_right(sco, course):
    """fa-painful, fa-rolling, fa-thoracic-steps, fa-hold, all right."""
    questions = {q.id: q for q in course.chapter(CH1).quiz.questions}
    for option_id in questions["fa-painful"].correct_ids():
        sco.locator(f'fieldset[data-pc-question="fa-painful"] input[value="{option_id}"]').check()
    check(sco, "fa-painful")
    rolling = questions["fa-rolling"]
    for item_id, match_id in zip(rolling.item_ids(), rolling.match_ids()):
        sco.locator(f'[data-pc-item="{item_id}"] select').select_option(match_id)
    check(sco, "fa-rolling")
    put_in_order(sco.locator('fieldset[data-pc-question="fa-thoracic-steps"]'),
                 [step.text for step in questions["fa-thoracic-steps"].steps])
    check(sco, "fa-thoracic-steps")
    sco.locator('fieldset[data-pc-question="fa-hold"] input[type=text]').fill("1")
    check(sco, "fa-hold")


def test_a_run_through_a_chapter_is_recorded_in_the_lms_and_resumes(page, lms, browser_context, chromium_browser):
    course = sample_course()
    sco = launch(page, lms, "graded")
    expect(sco.locator(".pc-scorm-learner")).to_have_text("Signed in as Lovelace, Ada.")
    assert [c["result"] for c in calls(page, "LMSInitialize")] == ["true"]

    # Wrong, then right after "Try again"; then a right true/false.
    choose(sco, "fa-made-of", "a")  # Fat
    sco.locator('fieldset[data-pc-question="fa-made-of"]').get_by_role("button", name="Try again").click()
    choose(sco, "fa-made-of", "b")  # Collagen
    choose(sco, "fa-proven", "false")
    expect(sco.locator("[data-pc-score]")).to_contain_text("Answered: 2 of 6")
    recorded = interactions(page)
    assert [(i["id"], i["type"], i["student_response"], i["result"], i["weighting"]) for i in recorded] == [
        ("fa-made-of", "choice", "a", "wrong", "1"), ("fa-made-of", "choice", "b", "correct", "1"),
        ("fa-proven", "true-false", "f", "correct", "1")]
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d", i["time"]) for i in recorded)
    # Graded: first tries count: fa-made-of 0, fa-proven 1, of 6 questions.
    lms_holds(page, cmi__core__score__raw="16.67", cmi__core__score__min="0", cmi__core__score__max="100",
              cmi__core__lesson_status="incomplete")
    suspended = json.loads(lms_value(page, "cmi.suspend_data"))
    made_of = suspended["r"]["answers"]["fa-made-of"]
    assert (made_of["answer"], made_of["attempts"], made_of["first_answer"]) == ("b", 2, "a")
    assert suspended["f"] == {"fa-made-of": 0, "fa-proven": 1}
    assert len(calls(page, "LMSCommit")) == 3 and all(c["error"] == "0" for c in calls(page))

    answer_rest_right(sco, course)
    expect(sco.locator("[data-pc-score]")).to_contain_text("Answered: 6 of 6")
    # 5 of 6 first tries; mastery 75
    lms_holds(page, cmi__core__score__raw="83.33", cmi__core__lesson_status="passed")
    assert [i["type"] for i in interactions(page)][3:] == ["choice", "matching", "sequencing", "numeric"]
    rolling = course.chapter(CH1).quiz.question("fa-rolling")
    assert interactions(page)[4]["student_response"] == ",".join(
        f"{i}.{m}" for i, m in zip(rolling.item_ids(), rolling.match_ids()))

    # Leaving the page finishes the session: time, exit "suspend", commit, finish.
    page.evaluate("document.getElementById('sco').remove()")
    names = wait_for_value(lambda: [c["name"] for c in calls(page)], lambda now: "LMSFinish" in now)
    assert names[-2:] == ["LMSCommit", "LMSFinish"]
    assert lms_value(page, "cmi.core.exit") == "suspend"
    [session] = [c for c in calls(page, "LMSSetValue") if c["element"] == "cmi.core.session_time"]
    assert re.fullmatch(r"\d{4}:\d\d:\d\d", session["value"]) and session["result"] == "true"
    kept = {k: lms_value(page, k) for k in ("cmi.suspend_data", "cmi.core.lesson_status", "cmi.core.score.raw")}

    # Relaunch in a fresh browser (no localStorage): only what the LMS kept.
    fresh = chromium_browser.new_context()
    try:
        again = fresh.new_page()
        errors = []
        again.on("console", lambda m: m.type == "error" and errors.append(m.text))
        sco = launch(again, lms, "graded", {**LAUNCH, **kept, "cmi.core.entry": "resume"})
        expect(sco.locator("[data-pc-score]")).to_have_text(
            "Score: 6 of 6 points (first try: 5). Answered: 6 of 6 questions.")
        expect(sco.locator('fieldset[data-pc-question="fa-made-of"] [role=status]')).to_contain_text("Correct.")
        expect(sco.locator('fieldset[data-pc-question="fa-made-of"] input[value="b"]')).to_be_checked()
        # The harness and the SCO share an origin, so this is the SCO's store, seeded from the LMS.
        stored = again.evaluate(f"JSON.parse(localStorage.getItem('patientcourse:{COURSE_ID}:{CH1}'))")
        assert stored["answers"]["fa-made-of"]["first_answer"] == "a"
        # A later answer still counts first tries only: the score stays. (A right answer has
        # no "Try again"; starting the quiz again clears the questions, not the first tries.)
        sco.locator("[data-pc-reset]").click()
        sco.get_by_role("button", name="Clear my answers").click()
        choose(sco, "fa-proven", "true")
        expect(sco.locator('fieldset[data-pc-question="fa-proven"] [role=status]')).to_contain_text("Not correct.")
        lms_holds(again, cmi__core__score__raw="83.33")
        assert errors == []
    finally:
        fresh.close()


def test_practice_package_counts_the_answers_as_they_stand_and_completes(page, lms):
    sco = launch(page, lms, "practice")
    choose(sco, "fa-made-of", "c")  # Bone
    answer_rest_right(sco, sample_course())
    choose(sco, "fa-proven", "false")
    expect(sco.locator("[data-pc-score]")).to_contain_text("Answered: 6 of 6")
    lms_holds(page, cmi__core__score__raw="83.33", cmi__core__lesson_status="completed")
    sco.locator("[data-pc-reset]").click()
    sco.get_by_role("button", name="Clear my answers").click()  # "are you sure?"
    lms_holds(page, cmi__core__score__raw="0", cmi__core__lesson_status="incomplete")
    assert json.loads(lms_value(page, "cmi.suspend_data"))["r"] == {"answers": {}}


def test_without_an_lms_the_package_page_is_the_book(page, lms):
    page.goto(f"{lms}/graded/notebooks/{CH1}.html")
    expect(page.locator("[data-pc-score]")).to_contain_text("Answered: 0 of 6")
    choose(page, "fa-made-of", "b")
    expect(page.locator('fieldset[data-pc-question="fa-made-of"] [role=status]')).to_contain_text("Correct.")
    assert page.locator(".pc-scorm-learner").count() == 0
