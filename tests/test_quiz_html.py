"""The static face of a quiz: escaping, the no-JavaScript structure, and an assessment face
that carries no answer. Parsed with the standard library's HTML parser, as a browser would."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from patientcourse.structure.quiz import display_order
from patientcourse_runtime.store import ResultsFile
from patientcourse_runtime.quiz import QuizWidget
from quiz_samples import CH1, CH2, CHAPTER1_QUESTIONS, CHAPTER2_QUESTIONS, COURSE_ID, HOSTILE_PROMPT, sample_bundle

VOID = {"input", "br", "img", "meta", "link", "hr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.parent, self.children, self.text = tag, parent, [], ""
        self.attrs = {k: "" if v is None else v for k, v in attrs}  # <x hidden> -> ""

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def find_all(self, tag=None, **attrs):
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data):
        # Text goes into a child node so it keeps its place between elements.
        text = Node("#text", {}, self.current)
        text.text = data
        self.current.children.append(text)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "every element is closed"
    return builder.root


def static_html(tmp_path, chapter=CH1, mode="practice") -> str:
    bundle = sample_bundle(mode)
    quiz = QuizWidget(chapter, bundle, ResultsFile(COURSE_ID, path=tmp_path / "r.json"))
    return quiz.static_html()


@pytest.fixture
def ch2(tmp_path):
    return parse(static_html(tmp_path, CH2))


def test_hostile_prompt_and_options_are_text_not_markup(ch2):
    tags = {n.tag for n in ch2.walk()}
    assert not tags & {"script", "img", "svg", "b", "i"}, tags
    legend = ch2.find_all("legend")[0]
    assert legend.all_text() == f"Question 1. {HOSTILE_PROMPT}"
    labels = [label.all_text() for label in ch2.find_all("label")]
    assert labels[:2] == ['a. "Always works" <svg onload=alert(2)>', "b. <b>Research is mixed</b>"]
    details = ch2.find_all("details")[0].all_text()
    assert "Research on the benefits is <mixed> & some studies show little benefit." in details
    assert "Yes & <i>right</i>." in details


def test_no_script_no_inline_handlers_no_style(tmp_path):
    for chapter in (CH1, CH2):
        for mode in ("practice", "assessment"):
            html = static_html(tmp_path, chapter, mode)
            for node in parse(html).walk():
                assert node.tag != "script"
                assert not [a for a in node.attrs if a.startswith("on") or a == "style"], (node.tag, node.attrs)
            assert "<script" not in html.lower()


def test_each_question_is_a_fieldset_with_legend_labelled_inputs_check_and_status(tmp_path):
    tree = parse(static_html(tmp_path))
    quiz = tree.find_all("div", data_pc_quiz="")[0]
    assert (quiz.attrs["data-pc-course"], quiz.attrs["data-pc-chapter"], quiz.attrs["data-pc-mode"]) == (
        COURSE_ID, CH1, "practice")
    fieldsets = tree.find_all("fieldset")
    assert [f.attrs["data-pc-question"] for f in fieldsets] == [q.id for q in CHAPTER1_QUESTIONS]
    assert [f.attrs["data-pc-type"] for f in fieldsets] == [q.type for q in CHAPTER1_QUESTIONS]
    label_for = {label.attrs["for"] for label in tree.find_all("label")}
    ids = [n.attrs["id"] for n in tree.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), "ids are unique on the page"
    for fs in fieldsets:
        assert fs.children[1].tag == "legend" or fs.find_all("legend"), "a legend names the question"
        controls = fs.find_all("input") + fs.find_all("select")
        if fs.attrs["data-pc-type"] == "ordering":  # a list of steps, each with named move buttons
            moves = fs.find_all("button", data_pc_move="up") + fs.find_all("button", data_pc_move="down")
            assert len(moves) == 10 and all(b.attrs["aria-label"].startswith("Move ") for b in moves)
        else:
            assert controls and all(c.attrs["id"] in label_for for c in controls), fs.attrs["data-pc-question"]
        statuses = fs.find_all(role="status")
        assert len(statuses) == 1 and statuses[0].all_text() == "", "the status region exists, empty"
        buttons = fs.find_all("button", data_pc_check="")
        assert [b.all_text() for b in buttons] == ["Check answer"] and buttons[0].attrs["type"] == "button"
    radios = fieldsets[0].find_all("input", type="radio")
    # Shown in the fixed shuffled order, lettered by shown position; values stay option ids.
    assert [r.attrs["value"] for r in radios] == display_order(COURSE_ID, CHAPTER1_QUESTIONS[0]) == ["c", "b", "a"]
    assert [label.all_text() for label in fieldsets[0].find_all("label")] == ["a. Bone", "b. Collagen", "c. Fat"]
    assert len({r.attrs["name"] for r in radios}) == 1, "one radio group per question"


def test_practice_face_puts_answer_and_explanation_behind_details(tmp_path):
    fieldsets = parse(static_html(tmp_path)).find_all("fieldset")
    for fs, q in zip(fieldsets, CHAPTER1_QUESTIONS):
        details = fs.find_all("details")
        assert len(details) == 1 and details[0].children[0].tag == "summary"
        text = details[0].all_text()
        assert q.explanation in text
    made_of, _, proven, rolling, steps, hold = (fs.find_all("details")[0].all_text() for fs in fieldsets)
    assert "Answer:b. Collagen" in made_of.replace("\n", "")
    assert "Answer:False" in proven
    assert "Side-lying IT band rolling → Do not roll past your knee" in rolling
    assert "1. Place the foam roller on the floor" in steps
    assert "1 minute (give or take 0.25)" in hold
    link = fieldsets[0].find_all("a")[0]
    assert link.attrs["href"] == "#fascia-basics-what-is-fascia" and link.all_text() == "Review: What is fascia?"


def test_practice_key_lets_the_script_check_like_python(tmp_path):
    fieldsets = parse(static_html(tmp_path)).find_all("fieldset")
    key = json.loads(fieldsets[0].attrs["data-pc-key"])
    assert [o["id"] for o in key["options"] if o["correct"]] == CHAPTER1_QUESTIONS[0].correct_ids()
    steps = json.loads(fieldsets[4].attrs["data-pc-key"])["steps"]
    assert [s["id"] for s in steps] == CHAPTER1_QUESTIONS[4].step_ids()


def test_shown_order_never_gives_the_answer(tmp_path):
    fieldsets = parse(static_html(tmp_path)).find_all("fieldset")
    shown_steps = [n.attrs["data-pc-step"] for n in fieldsets[4].find_all("li") if "data-pc-step" in n.attrs]
    assert shown_steps == CHAPTER1_QUESTIONS[4].shown_order() != CHAPTER1_QUESTIONS[4].step_ids()
    first_select = fieldsets[3].find_all("select")[0]
    shown_matches = [o.attrs["value"] for o in first_select.find_all("option")][1:]
    assert shown_matches == sorted(CHAPTER1_QUESTIONS[3].match_ids())


def test_assessment_face_carries_no_answer(tmp_path):
    for chapter, questions in ((CH1, CHAPTER1_QUESTIONS), (CH2, CHAPTER2_QUESTIONS)):
        html = static_html(tmp_path, chapter, "assessment")
        tree = parse(html)
        assert not tree.find_all("details")
        assert "data-pc-key" not in html and "correct" not in html.lower().replace("not marked", "")
        assert [b.all_text() for b in tree.find_all("button", data_pc_check="")] == ["Save answer"] * len(questions)
        text = tree.all_text()
        for q in questions:
            secrets = [q.explanation] + [getattr(q, f) for f in ("if_true", "if_false", "if_correct", "if_wrong")
                                         if hasattr(q, f)]
            secrets += [o.feedback for o in getattr(q, "options", [])]
            secrets += [p.feedback for p in getattr(q, "pairs", [])] + [s.feedback for s in getattr(q, "steps", [])]
            assert not [s for s in secrets if s in text], q.id
        assert "not marked here" in text


def test_the_widget_offers_both_faces(tmp_path):
    quiz = QuizWidget(CH1, sample_bundle(), ResultsFile(COURSE_ID, path=tmp_path / "r.json"))
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == quiz.model_id
    assert bundle["text/html"] == quiz.static_html()
    assert not (tmp_path / "r.json").exists(), "showing a quiz writes no results file"
