"""A small course with one question of every type, for the quiz tests (Python and browser).

Built from the model directly (not from files), so the quiz tests do not depend on the real
course source being complete. Every fact is from the source article. One question carries
hostile markup in its prompt and options to prove everything is escaped.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from patientcourse.render.bundle import bundle
from patientcourse.structure.course import (Chapter, ChapterMeta, Course, CourseMeta, Glossary, Objective,
                                            Section, SourceArticle, Author)
from patientcourse.structure.quiz import Quiz, Question
from pydantic import TypeAdapter

STATIC = Path(__file__).resolve().parents[1] / "patientcourse" / "static"
HOSTILE_PROMPT = 'Which is true? <script>alert("pc")</script><img src=x onerror=alert(1)>'
COURSE_ID = "sample-course"
CH1, CH2 = "01-fascia-basics", "02-evidence"

_question = TypeAdapter(Question).validate_python


def _q(**data):
    data.setdefault("objective", "name-fascia")
    data.setdefault("section", "what-is-fascia")
    return _question(data)


CHAPTER1_QUESTIONS = [
    _q(type="single", id="fa-made-of", prompt="What are fasciae made of?",
       explanation="Fasciae are made of collagen, the same material that makes up ligaments and tendons.",
       options=[{"text": "Fat", "feedback": "No. The article says fasciae are made of collagen."},
                {"text": "Collagen", "correct": True, "feedback": "Yes. Collagen also makes up ligaments and tendons."},
                {"text": "Bone", "feedback": "No. Fasciae are soft tissue sheaths."}]),
    _q(type="multiple", id="fa-painful", prompt="What can make fasciae painful?",
       hint="Think of what can happen to a muscle.",
       explanation="Acute muscle injury or strain, and strain on ligaments and tendons, can make fasciae painful.",
       options=[{"text": "Acute muscle injury", "correct": True, "feedback": "Yes, the article names it."},
                {"text": "Muscle strain", "correct": True, "feedback": "Yes, the article names it."},
                {"text": "Reading a book", "feedback": "No. The article does not name this."}]),
    _q(type="truefalse", id="fa-proven", answer=False, section="evidence",
       prompt="Myofascial release is proven to relieve chronic low back pain.",
       explanation="People with chronic lower back pain improved, but not enough to be statistically significant.",
       if_true="Not so. The improvement was not statistically significant.",
       if_false="Right. The improvement was not statistically significant."),
    _q(type="matching", id="fa-rolling", prompt="Match each exercise to one of its instructions.",
       section="evidence",
       explanation="Each exercise has its own safety instruction in the article.",
       pairs=[{"item": "Side-lying IT band rolling", "match": "Do not roll past your knee",
               "feedback": "IT band rolling: do not roll past your knee."},
              {"item": "Hamstring rolling", "match": "Roll from your glutes to just above your knees",
               "feedback": "Hamstring rolling goes from the glutes to just above the knees."},
              {"item": "Thoracic spine rolling", "match": "Cross your arms to opposite shoulders",
               "feedback": "Thoracic spine rolling: hands on opposite shoulders."}]),
    _q(type="ordering", id="fa-thoracic-steps", prompt="Put the thoracic spine rolling steps in order.",
       explanation="Roller on the floor, lie on it, cross your arms, lift your hips, then roll.",
       steps=[{"text": "Place the foam roller on the floor", "feedback": "The roller goes down first."},
              {"text": "Lie down with it under your upper back", "feedback": "Then lie on it."},
              {"text": "Cross your arms", "feedback": "Cross your arms before lifting."},
              {"text": "Gently lift your hips off the floor", "feedback": "Lift your hips before rolling."},
              {"text": "Roll back and forth", "feedback": "Rolling comes last."}]),
    _q(type="numeric", id="fa-hold", prompt="In thoracic spine rolling, how long do you hold a sensitive spot?",
       answer=1, tolerance=0.25, unit="minutes",
       explanation="If you find a sensitive spot, hold that position for one minute.",
       if_correct="Yes: about one minute.", if_wrong="The article says one minute."),
]

CHAPTER2_QUESTIONS = [
    _q(type="single", id="ev-hostile", prompt=HOSTILE_PROMPT, objective="weigh-evidence", section="research",
       explanation="Research on the benefits is <mixed> & some studies show little benefit.",
       options=[{"text": "<b>Research is mixed</b>", "correct": True, "feedback": "Yes & <i>right</i>."},
                {"text": "\"Always works\" <svg onload=alert(2)>", "feedback": "No: results are mixed."}]),
    _q(type="truefalse", id="ev-athletes", answer=True, objective="weigh-evidence", section="research",
       prompt="Athletes have had increased muscle function due to myofascial release.",
       explanation="The article reports increased muscle function in athletes.",
       if_true="Right.", if_false="The article reports that athletes did."),
]


def _chapter(chapter_id: str, title: str, sections: list[tuple[str, str]], objectives: list[str],
             questions: list) -> Chapter:
    return Chapter(
        id=chapter_id, file=f"course/chapters/{chapter_id}.md",
        meta=ChapterMeta(title=title, main_message="Fasciae are sheaths around muscles.",
                         objectives=[Objective(id=o, text=f"Objective {o}") for o in objectives],
                         key_points=["Fasciae surround muscles."]),
        sections=[Section(id=s, title=t, body="Text.", line=1, body_line=2) for s, t in sections],
        quiz=Quiz(title="Check your understanding", questions=questions))


def sample_course() -> Course:
    meta = CourseMeta(
        id=COURSE_ID, title="Sample", audience="Testers", last_reviewed=dt.date(2026, 11, 24),
        next_review_due=dt.date(2027, 11, 24), disclaimer="Not medical advice.", chapters=[CH1, CH2],
        source=SourceArticle(title="Can Fascia Massage Relieve Pain?", publisher="Dorsal Health blog",
                             last_updated=dt.date(2020, 1, 4), authors=[Author(name="Abby Perry")],
                             file="x.txt", cited_sources=23, reference_list_included=False))
    return Course(meta=meta, glossary=Glossary(terms=[]), root=".", chapters=[
        _chapter(CH1, "Fascia basics", [("what-is-fascia", "What is fascia?"), ("evidence", "Evidence")],
                 ["name-fascia"], CHAPTER1_QUESTIONS),
        _chapter(CH2, "The evidence", [("research", "What research says")], ["weigh-evidence"],
                 CHAPTER2_QUESTIONS),
    ])


def sample_bundle(mode: str = "practice") -> dict:
    # Through JSON, as a notebook reads it from course.json.
    return json.loads(json.dumps(bundle(sample_course(), mode=mode)))


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="../_static/patientcourse.css">
<script src="../_static/patientcourse.js"></script></head>
<body><main><h1>{title}</h1>
{sections}
<h2 id="quiz">Check your understanding</h2>
{body}
</main></body></html>
"""


def write_sample_site(root: Path, mode: str = "practice") -> Path:
    """A tiny book-shaped site: notebooks/<chapter>.html pages with the static quiz, a
    book/progress.html page, and _static/ with the runtime, as the real book lays them out."""
    from patientcourse_runtime.store import ResultsFile
    from patientcourse_runtime.quiz import QuizWidget

    data = sample_bundle(mode)
    (root / "_static").mkdir(parents=True, exist_ok=True)
    for name in ("patientcourse.js", "patientcourse.css"):
        (root / "_static" / name).write_bytes((STATIC / name).read_bytes())
    (root / "notebooks").mkdir(exist_ok=True)
    chapters = []
    for chapter_id, chapter in data["chapters"].items():
        # Results go to the site folder, never to the working directory of the test run.
        quiz = QuizWidget(chapter_id, data, ResultsFile(COURSE_ID, path=root / "results.json"))
        # Each section a heading with its anchor, as the book has: the "Review" links lead there.
        sections = "\n".join(f'<h2 id="{html.escape(s["anchor"])}">{html.escape(s["title"])}</h2><p>Text.</p>'
                              for s in chapter["sections"].values())
        (root / "notebooks" / f"{chapter_id}.html").write_text(
            PAGE.format(title=html.escape(chapter["title"]), sections=sections, body=quiz.static_html()),
            encoding="utf-8")
        chapters.append({"id": chapter_id, "title": chapter["title"], "href": f"../notebooks/{chapter_id}.html",
                         "questions": len(chapter["quiz"]["questions"])})
    (root / "book").mkdir(exist_ok=True)
    progress = (f'<div class="pc-progress" data-pc-progress data-pc-course="{COURSE_ID}" data-pc-mode="{mode}" '
                f'data-pc-chapters="{html.escape(json.dumps(chapters), quote=True)}">'
                '<p class="pc-nojs">This page needs JavaScript.</p></div>')
    (root / "book" / "progress.html").write_text(PAGE.format(title="My progress", sections="", body=progress),
                                                 encoding="utf-8")
    return root
