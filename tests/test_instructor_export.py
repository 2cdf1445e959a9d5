"""``export``: the QTI zip's manifest and items, and the GIFT text, parsed back; question
counts, right answers and feedback survive; what cannot map is said."""
from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from patientcourse.cli import app
from patientcourse.instructor.export_gift import export_gift, gift_escape
from patientcourse.instructor.export_qti import export_qti
from patientcourse.structure.quiz import display_order
from quiz_samples import HOSTILE_PROMPT, sample_course

FIXTURES = Path(__file__).resolve().parent / "fixtures"

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
IMSCP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def plain(fragment: str) -> str:
    """HTML (as text2qti writes it) → the words a learner reads, quotes made straight."""
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def assessment(data: bytes) -> ET.Element:
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    files = [f.get("href") for f in manifest.iter(f"{IMSCP}file")]
    assessment_file = next(f for f in files if f.endswith(".xml") and "assessment_meta" not in f)
    return ET.fromstring(archive.read(assessment_file))


def qti_items(data: bytes) -> tuple[ET.Element, dict[str, ET.Element]]:
    manifest = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("imsmanifest.xml"))
    return manifest, {item.get("title"): item for item in assessment(data).iter(f"{QTI}item")}


def item_type(item: ET.Element) -> str:
    for field in item.iter(f"{QTI}qtimetadatafield"):
        if field.find(f"{QTI}fieldlabel").text == "question_type":
            return field.find(f"{QTI}fieldentry").text
    raise AssertionError("no question_type")


def choices(item: ET.Element) -> dict[str, str]:
    """response ident -> choice text."""
    return {label.get("ident"): plain(label.find(f".//{QTI}mattext").text)
            for label in item.iter(f"{QTI}response_label")}


def scored_idents(item: ET.Element) -> set[str]:
    """The choices that earn points (a respcondition that sets SCORE above 0)."""
    right = set()
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is None or float(setvar.text) <= 0:
            continue
        conditionvar = condition.find(f"{QTI}conditionvar")
        for equal in conditionvar.iter(f"{QTI}varequal"):
            if not any(equal in list(n) for n in conditionvar.iter(f"{QTI}not")):
                right.add(equal.text)
    return right


def feedback(item: ET.Element) -> dict[str, str]:
    return {fb.get("ident"): plain(fb.find(f".//{QTI}mattext").text) for fb in item.iter(f"{QTI}itemfeedback")}


@pytest.fixture(scope="module")
def course():
    return sample_course()


@pytest.fixture(scope="module")
def qti(course):
    return export_qti(course, "Sample quiz")


def test_qti_holds_every_question_one_group_per_chapter(course, qti):
    data, report = qti
    manifest, items = qti_items(data)
    assert manifest.find(f".//{IMSCP}resource").get("type") == "imsqti_xmlv1p2"
    every = [q.id for c in course.chapters for q in c.quiz.questions]
    assert sorted(items) == sorted(every) == sorted(qid for qid, _, _ in report.exported)
    assert report.skipped == []
    assert any("each step is matched to its position" in note for note in report.notes)
    groups = [s for s in assessment(data).iter(f"{QTI}section") if s.get("ident") != "root_section"]
    assert [g.get("title") for g in groups] == [c.title for c in course.chapters]
    for group, chapter in zip(groups, course.chapters):
        assert [i.get("title") for i in group.iter(f"{QTI}item")] == [q.id for q in chapter.quiz.questions]
        assert group.findtext(f".//{QTI}selection_number") == str(len(chapter.quiz.questions))
        assert group.findtext(f".//{QTI}points_per_item") == "1"


def test_the_real_course_exports_52_of_52(tmp_path):
    from patientcourse.structure import load_course
    from support import COURSE_DIR

    real = load_course(COURSE_DIR)
    data, report = export_qti(real, "All")
    _, items = qti_items(data)
    assert len(items) == len(report.exported) == 52 and report.skipped == []
    types = {item_type(i) for i in items.values()}
    assert types == {"multiple_choice_question", "multiple_answers_question", "true_false_question",
                     "numerical_question", "matching_question"}


def test_qti_choice_questions_keep_their_right_answers_and_every_options_feedback(course, qti):
    _, items = qti_items(qti[0])
    for chapter in course.chapters:
        for question in chapter.quiz.questions:
            if question.type not in ("single", "multiple"):
                continue
            item = items[question.id]
            assert item_type(item) == {"single": "multiple_choice_question",
                                       "multiple": "multiple_answers_question"}[question.type]
            texts = choices(item)
            shown = [question.option(i) for i in display_order(course.id, question)]
            assert list(texts.values()) == [plain(html.escape(o.text)) for o in shown]
            right_texts = {texts[i] for i in scored_idents(item)}
            assert right_texts == {plain(html.escape(o.text)) for o in question.options if o.correct}
            notes = feedback(item)
            assert notes["general_fb"] == plain(html.escape(question.explanation))
            for ident, option in zip(texts, shown):
                assert notes[f"{ident}_fb"] == plain(html.escape(option.feedback))


def shape(element: ET.Element, path: str = "") -> set[str]:
    """Every element path with its attribute names: the structure, without texts or ids."""
    here = f"{path}/{element.tag.removeprefix(QTI)}[{','.join(sorted(element.attrib))}]"
    paths = {here}
    for child in element:
        paths |= shape(child, here)
    return paths


def test_qti_matching_item_has_the_shape_canvas_exports(course, qti):
    reference = ET.parse(FIXTURES / "canvas" / "matching_question.xml").getroot()
    _, items = qti_items(qti[0])
    for question_id in ("fa-rolling", "fa-thoracic-steps"):
        item = items[question_id]
        assert shape(item) == shape(reference), question_id
        assert item_type(item) == "matching_question"
        labels = {lid.get("ident"): lid for lid in item.iter(f"{QTI}response_lid")}
        # Canvas's importer reads the number in each id: every id is a number, unique in its item.
        answer_ids = [ident.removeprefix("response_") for ident in labels]
        match_ids = [label.get("ident") for label in next(iter(labels.values())).iter(f"{QTI}response_label")]
        assert all(i.isdigit() for i in answer_ids + match_ids) and len(set(answer_ids + match_ids)) == len(answer_ids) * 2
        shares = [float(v.text) for v in item.iter(f"{QTI}setvar")]
        assert sum(shares) == pytest.approx(100, abs=0.05) and len(shares) == len(answer_ids)
        linked = {d.get("linkrefid") for d in item.iter(f"{QTI}displayfeedback")}
        assert linked == {f.get("ident") for f in item.iter(f"{QTI}itemfeedback")}


def right_pairs(item: ET.Element) -> dict[str, str]:
    """item text -> the text of the match that earns its share."""
    texts = {lid.get("ident"): plain(lid.find(f"{QTI}material/{QTI}mattext").text) for lid in item.iter(f"{QTI}response_lid")}
    match_text = {lab.get("ident"): plain(lab.find(f".//{QTI}mattext").text) for lab in item.iter(f"{QTI}response_label")}
    out = {}
    for condition in item.iter(f"{QTI}respcondition"):
        if condition.find(f"{QTI}setvar") is not None:
            equal = condition.find(f".//{QTI}varequal")
            out[texts[equal.get("respident")]] = match_text[equal.text]
    return out


def test_qti_matching_and_ordering_score_the_right_pairs_with_their_feedback(course, qti):
    _, items = qti_items(qti[0])
    rolling = course.chapter("01").quiz.question("fa-rolling")
    assert right_pairs(items["fa-rolling"]) == {p.item: p.match for p in rolling.pairs}
    notes = set(feedback(items["fa-rolling"]).values())
    assert {p.feedback for p in rolling.pairs} | {rolling.explanation} <= notes
    steps = course.chapter("01").quiz.question("fa-thoracic-steps")
    assert right_pairs(items["fa-thoracic-steps"]) == {s.text: f"Step {n}" for n, s in enumerate(steps.steps, 1)}
    # The steps are listed in the shuffled order the book shows, never the right order.
    listed = [plain(lid.find(f"{QTI}material/{QTI}mattext").text)
              for lid in items["fa-thoracic-steps"].iter(f"{QTI}response_lid")]
    text = dict(zip(steps.step_ids(), (s.text for s in steps.steps)))
    assert listed == [text[s] for s in steps.shown_order()] != [s.text for s in steps.steps]


def test_qti_hostile_markup_stays_text(qti):
    _, items = qti_items(qti[0])
    prompt = items["ev-hostile"].find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text
    assert "<script>" not in prompt and "&lt;script&gt;" in prompt


def test_qti_true_false_and_numeric_keep_answer_and_feedback(course, qti):
    _, items = qti_items(qti[0])
    proven = items["fa-proven"]  # answer: False
    assert item_type(proven) == "true_false_question"
    texts = choices(proven)
    assert {texts[i] for i in scored_idents(proven)} == {"False"}
    notes = set(feedback(proven).values())
    assert {"Not so. The improvement was not statistically significant.",
            "Right. The improvement was not statistically significant."} <= notes
    hold = items["fa-hold"]  # 1 minute, tolerance 0.25
    assert item_type(hold) == "numerical_question"
    bounds = {e.tag.removeprefix(QTI): float(e.text) for e in hold.iter() if e.tag in (f"{QTI}vargte", f"{QTI}varlte")}
    assert bounds == {"vargte": 0.75, "varlte": 1.25}
    assert {"Yes: about one minute.", "The article says one minute."} <= set(feedback(hold).values())


# -- GIFT -----------------------------------------------------------------------------------

def gift_unescape(text: str) -> str:
    """GIFT's backslash escapes, then the HTML entities Moodle renders."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def gift_split(text: str, separator: str) -> list[str]:
    """Split on an unescaped separator character."""
    return [p for p in re.split(rf"(?<!\\){re.escape(separator)}", text)]


def parse_gift(text: str) -> dict[str, dict]:
    """A small GIFT reader following Moodle's rules: blocks split by blank lines, // comments,
    ``::name::``, the answer part between unescaped braces, ``####`` general feedback."""
    questions = {}
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.splitlines() if not ln.strip().startswith("//")]
        body = "\n".join(lines).strip()
        if not body or body.startswith("$CATEGORY:"):
            continue
        name_match = re.match(r"::(.*?)(?<!\\)::(.*)$", body, re.S)
        name, rest = name_match.group(1), name_match.group(2)
        opening = re.search(r"(?<!\\)\{", rest).start()
        closing = [m.start() for m in re.finditer(r"(?<!\\)\}", rest)][-1]
        prompt, answer = rest[:opening].strip(), rest[opening + 1:closing].strip()
        answer, _, general = answer.partition("####")
        questions[gift_unescape(name)] = {"prompt": gift_unescape(prompt), "answer": answer.strip(),
                                          "general": gift_unescape(general.strip())}
    return questions


def gift_options(answer: str) -> list[tuple[str, str, str]]:
    """(marker, text, feedback) for each ``=``/``~`` answer of a choice question."""
    parts = re.findall(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", answer)
    out = []
    for marker, rest in parts:
        weight = re.match(r"%(-?[\d.]+)%", rest)
        if weight:
            marker, rest = weight.group(1), rest[weight.end():]
        text, _, fb = rest.partition("#")
        out.append((marker, gift_unescape(text.strip()), gift_unescape(fb.strip())))
    return out


@pytest.fixture(scope="module")
def gift(course):
    text, report = export_gift(course, "Sample quiz")
    return parse_gift(text), report, text


def test_gift_exports_every_question_with_answers_and_feedback(course, gift):
    questions, report, _ = gift
    all_ids = [q.id for c in course.chapters for q in c.quiz.questions]
    assert sorted(questions) == sorted(all_ids) and not report.skipped
    for chapter in course.chapters:
        for q in chapter.quiz.questions:
            parsed = questions[q.id]
            assert parsed["prompt"].startswith(" ".join(q.prompt.split()))
            assert parsed["general"].startswith(" ".join(q.explanation.split()))
            shown = [q.option(i) for i in display_order(course.id, q)] if q.type in ("single", "multiple") else []
            if q.type == "single":
                assert gift_options(parsed["answer"]) == [
                    ("=" if o.correct else "~", o.text, o.feedback) for o in shown]
            if q.type == "multiple":
                share = 100 / len(q.correct_ids())
                got = gift_options(parsed["answer"])
                assert [float(m) for m, _, _ in got] == pytest.approx(
                    [share if o.correct else -share for o in shown])
                assert [(t, f) for _, t, f in got] == [(o.text, o.feedback) for o in shown]


def test_gift_true_false_numeric_matching_and_ordering(course, gift):
    questions, _, _ = gift
    proven = questions["fa-proven"]["answer"]  # answer False: {FALSE#if answered wrong#if right}
    assert gift_split(proven, "#") == ["FALSE", "Not so. The improvement was not statistically significant.",
                                       "Right. The improvement was not statistically significant."]
    hold = questions["fa-hold"]["answer"]
    assert hold.startswith("#=1:0.25#Yes") and "~#The article says one minute." in hold
    rolling = course.chapter("01").quiz.question("fa-rolling")
    pairs = re.findall(r"=(.*?) -> (.*)", questions["fa-rolling"]["answer"])
    assert [(gift_unescape(a), gift_unescape(b)) for a, b in pairs] == [(p.item, p.match) for p in rolling.pairs]
    assert all(p.feedback in questions["fa-rolling"]["general"] for p in rolling.pairs)
    steps = course.chapter("01").quiz.question("fa-thoracic-steps").steps
    ordered = re.findall(r"=(.*?) -> Step (\d+)", questions["fa-thoracic-steps"]["answer"])
    assert ordered == [(s.text, str(n)) for n, s in enumerate(steps, 1)]


def test_gift_escapes_its_special_characters():
    assert gift_escape("a ~ b = c # d { e } f : g \\ h") == r"a \~ b \= c \# d \{ e \} f \: g \\ h"
    # "->" is kept as typed: written -&gt;, which Moodle shows as "->" and never reads as a pair.
    assert gift_escape("x -> y\nz") == "x -&gt; y z"
    assert gift_escape("[html] looks like a format") == "&#91;html] looks like a format"
    assert gift_escape("%50% of people") == "&#37;50% of people"
    assert gift_escape("a [b] 50%") == "a [b] 50%"  # only at the start does either mean anything
    assert gift_escape("<b>x & y</b>") == "&lt;b&gt;x &amp; y&lt;/b&gt;"
    # Every special character in the hostile question is escaped, so it parses back whole.
    text, _ = export_gift(sample_course(), "Quiz: one {two}")
    assert "// Quiz: one {two}" in text  # comments need no escaping
    parsed = parse_gift(text)
    assert parsed["ev-hostile"]["prompt"] == HOSTILE_PROMPT


def test_export_command_says_how_each_question_maps(tmp_path, monkeypatch, course):
    import patientcourse.commands.export as export_command
    monkeypatch.setattr(export_command, "load_or_exit", lambda _: course)
    out = tmp_path / "canvas.zip"
    result = CliRunner().invoke(app, ["export", "--format", "qti", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Exported 8 questions as QTI 1.2 (Canvas)." in result.output and "Not exported" not in result.output
    assert "fa-rolling: matching -> matching_question" in result.output
    assert "fa-thoracic-steps: ordering -> matching_question" in result.output
    assert "Note: Ordering questions are Canvas matching questions" in result.output
    assert zipfile.is_zipfile(out)
    gift_out = tmp_path / "moodle.gift"
    result = CliRunner().invoke(app, ["export", "--format", "gift", "--chapters", "2", "--out", str(gift_out)])
    assert result.exit_code == 0 and sorted(parse_gift(gift_out.read_text(encoding="utf-8"))) == ["ev-athletes", "ev-hostile"]
    bad = CliRunner().invoke(app, ["export", "--format", "pdf", "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "--format must be qti, gift or scorm" in bad.output


def test_qti_writes_a_numeric_answer_text2qti_cannot_write_from_its_own_template(course):
    chapter = course.chapter("01")
    questions = [q.model_copy(update={"answer": 0.0, "tolerance": 0.0}) if q.id == "fa-hold" else q for q in chapter.quiz.questions]
    zero = chapter.model_copy(update={"quiz": chapter.quiz.model_copy(update={"questions": questions})})
    data, report = export_qti(course.model_copy(update={"chapters": [zero]}), "Zero")
    assert report.skipped == []
    assert any(note.startswith("fa-hold: text2qti refused it") and "0.0001" in note for note in report.notes)
    hold = qti_items(data)[1]["fa-hold"]
    assert item_type(hold) == "numerical_question"
    bounds = {e.tag.removeprefix(QTI): float(e.text) for e in hold.iter() if e.tag in (f"{QTI}vargte", f"{QTI}varlte")}
    assert bounds == {"vargte": 0.0, "varlte": 0.0}
    assert {"Yes: about one minute.", "The article says one minute."} <= set(feedback(hold).values())
