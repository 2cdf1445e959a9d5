"""Item analysis on small known sets (every number checked by hand), and on the simulated class
of 30 (seeded): the report an instructor opens, its bar charts, flags and CSV columns."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from class_simulation import simulate_class
from patientcourse.instructor.grading import Grader
from patientcourse.instructor.item_analysis import analyse, correlation
from patientcourse.instructor.reports import item_report_html, items_csv, options_csv, scores_csv
from patientcourse.structure.quiz import display_order
from quiz_samples import CH1, CH2, HOSTILE_PROMPT, COURSE_ID, sample_course
from test_instructor_sample import results_doc, right_answers, write_json


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def course():
    return sample_course()


def learner(tmp_path, course, name, answers, first=None):
    doc = results_doc(answers, name=name)
    for chapter_id, by_question in (first or {}).items():
        for question_id, first_answer in by_question.items():
            entry = doc["chapters"][chapter_id]["answers"][question_id]
            entry.update(attempts=2, first_answer=first_answer)
    return write_json(tmp_path / f"{name}.json", doc)


@pytest.fixture
def four(tmp_path, course):
    """Four learners. fa-made-of (key b): A b, B b, C a, D c. fa-proven (key False): A, B, C
    False; D True. D skipped everything else; C's right answer to fa-made-of... is wrong."""
    right = right_answers(course)
    everything = {CH1: dict(right[CH1]), CH2: dict(right[CH2])}
    a = learner(tmp_path, course, "A", everything)
    b = learner(tmp_path, course, "B", {CH1: {"fa-made-of": "b", "fa-proven": False}},
                first={CH1: {"fa-made-of": "a"}})
    c = learner(tmp_path, course, "C", {CH1: {"fa-made-of": "a", "fa-proven": False}})
    d = learner(tmp_path, course, "D", {CH1: {"fa-made-of": "c", "fa-proven": True}})
    return Grader(course).grade([a, b, c, d])


def test_difficulty_skipped_first_try_and_option_counts_on_a_known_set(four):
    stats = {s.question: s for s in analyse(four)}
    made_of = stats["fa-made-of"]
    assert (made_of.learners, made_of.answered, made_of.skipped, made_of.correct) == (4, 4, 0, 2)
    assert made_of.difficulty == 0.5
    # B's first try was a (wrong); A's first try is its only try: 1 of the 4 known first tries right.
    assert (made_of.first_known, made_of.first_correct) == (4, 1)
    # Options in the order learners see them (display_order), each counted, distractors too.
    assert [(o.text, o.count, o.key) for o in made_of.options] == [
        ("Bone", 1, False), ("Collagen", 2, True), ("Fat", 1, False)]
    hold = stats["fa-hold"]  # only A answered it
    assert (hold.answered, hold.skipped, hold.correct, hold.difficulty) == (1, 3, 1, 0.25)
    assert [(o.text, o.count) for o in hold.options] == [("right (within the tolerance)", 1), ("wrong", 0)]


def test_discrimination_is_the_correlation_with_the_rest_of_the_test(four):
    stats = {s.question: s for s in analyse(four)}
    totals = {g.learner: g.total for g in four.grades}
    item = {g.learner: g.answers["fa-made-of"].score if "fa-made-of" in g.answers else 0.0 for g in four.grades}
    names = sorted(totals)
    expected = correlation([item[n] for n in names], [totals[n] - item[n] for n in names])
    assert stats["fa-made-of"].discrimination == pytest.approx(expected)
    # By hand: item (A,B,C,D) = 1,1,0,0; rest = 7,1,1,0: sxy = 3.5, sxx = 1, syy = 30.75,
    # r = 3.5 / sqrt(30.75) = 0.6312.
    assert stats["fa-made-of"].discrimination == pytest.approx(0.6312, abs=1e-4)
    assert correlation([1, 1, 1], [3, 2, 1]) is None  # everyone right: cannot be computed


def test_flags_name_what_to_look_at(tmp_path, course):
    right = right_answers(course)
    files = [learner(tmp_path, course, f"L{n}", {CH1: {"fa-made-of": "a" if n < 12 else "b",
                                                       "fa-proven": False,
                                                       "fa-painful": ["a", "b"] if n % 2 else ["a"]},
                                                 CH2: right[CH2]})
             for n in range(20)]
    stats = {s.question: s for s in analyse(Grader(course).grade(files))}
    assert "distractor beats key" in stats["fa-made-of"].flags  # Fat 12 > Collagen 8
    assert "unused distractor" in stats["fa-made-of"].flags  # nobody chose Bone
    assert "too easy" in stats["fa-proven"].flags  # 20 of 20
    assert "unused distractor" in stats["fa-proven"].flags  # nobody said True
    assert "too easy" in stats["ev-athletes"].flags and "too easy" not in stats["fa-made-of"].flags
    # fa-painful: right or half right regardless of how the rest went: poor discrimination.
    assert stats["fa-painful"].discrimination is not None and "poor discrimination" in stats["fa-painful"].flags


def test_items_csv_options_csv_and_per_question_columns(four):
    stats = analyse(four)
    items = {r["question"]: r for r in rows(items_csv(four, stats))}
    made_of = items["fa-made-of"]
    assert {k: made_of[k] for k in ("learners", "answered", "skipped", "correct", "difficulty", "discrimination",
                                    "first_try_known", "first_try_correct", "first_try_share")} == {
        "learners": "4", "answered": "4", "skipped": "0", "correct": "2", "difficulty": "0.50",
        "discrimination": "0.63", "first_try_known": "4", "first_try_correct": "1", "first_try_share": "0.25"}
    options = [r for r in rows(options_csv(stats)) if r["question"] == "fa-made-of"]
    assert [(r["shown_position"], r["option"], r["key"], r["chosen_by"]) for r in options] == [
        ("1", "Bone", "no", "1"), ("2", "Collagen", "yes", "2"), ("3", "Fat", "no", "1")]
    scores = {r["learner"]: r for r in rows(scores_csv(four))}
    assert list(scores["A"])[:3] == ["learner", "learner_id", "fa-made-of"]
    assert (scores["B"]["fa-made-of"], scores["B"]["fa-made-of first try"]) == ("1", "0")
    assert (scores["D"]["fa-hold"], scores["C"]["fa-made-of"]) == ("", "0")


class _Report(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.bars, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "rect" and attrs.get("class") in ("key", "distractor"):
            self.bars.append((attrs["class"], float(attrs["width"])))

    def handle_data(self, data):
        self.text.append(data)


def test_item_report_draws_a_bar_per_option_and_escapes_course_text(four):
    html = item_report_html(four, analyse(four), "Sample <b>course</b>")
    page = _Report()
    page.feed(html)
    assert "script" not in page.tags and "img" not in page.tags and "<b>course" not in html
    assert HOSTILE_PROMPT in "".join(page.text)  # shown as text
    assert page.tags.count("svg") == 8  # one chart per question
    # fa-made-of's bars (the first svg): Bone 1, Collagen 2 (the key), Fat 1 of 4 learners, on 300 px.
    assert page.bars[:3] == [("distractor", 75.0), ("key", 150.0), ("distractor", 75.0)]
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing loaded from outside


# -- the simulated class of 30 --------------------------------------------------------------------

@pytest.fixture(scope="module")
def simulated(tmp_path_factory, course):
    folder = tmp_path_factory.mktemp("class")
    paths = []
    for n, document in enumerate(simulate_class(course)):
        paths.append(folder / f"{n:02}.json")
        paths[-1].write_text(json.dumps(document), encoding="utf-8")
    return Grader(course).grade(paths)


def test_the_simulated_class_is_the_same_every_run(course):
    assert simulate_class(course) == simulate_class(course)
    assert simulate_class(course) != simulate_class(course, seed=1)


def test_simulated_class_report_has_every_question_and_statistic(simulated, course):
    stats = analyse(simulated)
    assert len(simulated.grades) == 30 and len(stats) == 8
    html = item_report_html(simulated, stats, "Sample")
    table = html[html.index('<table class="items">'):html.index("</table>")]
    assert table.count("<tr>") == 9  # header + one row per question
    for item in stats:
        assert f'href="#q-{item.question}"' in table
        assert item.answered + item.skipped == 30
        assert sum(o.count for o in item.options) >= 0
    # Options are listed in display order on the report, key marked in words.
    made_of = course.chapter(CH1).quiz.question("fa-made-of")
    shown = [made_of.option(i).text for i in display_order(COURSE_ID, made_of)]
    section = html[html.index('id="q-fa-made-of"'):]
    positions = [section.index(f"{text}: chosen by") for text in shown]
    assert positions == sorted(positions)
