"""The trace as a review page (HTML, from a Jinja2 template with autoescape) and as JSON."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import jinja2

from patientcourse_runtime.fileio import atomic_write
from ..review import chapter_fingerprint, chapter_review
from .run import TraceReport

SCHEMA, VERSION = "patientcourse.trace", 1
STATUSES = ("carried", "weak", "not-carried", "left-out")


def kind_of(sentence) -> str:
    """Own words are sorted by the kind their place gives them, never guessed from wording."""
    return sentence.mark or f"to confirm ({sentence.unit})"


def _book_link(c, book: str) -> str | None:
    if c.chapter is None:
        return None
    anchor = f"#{c.chapter[3:]}-{c.section}" if c.section else ""
    return f"{book}/notebooks/{c.chapter}.html{anchor}"


def trace_json(report: TraceReport) -> dict:
    courses = report.courses
    return {
        "schema": SCHEMA, "version": VERSION, "course": report.course.id,
        "source_file": str(report.source_file),
        "summary": {"source_sentences": len(report.traced), "headings": len(report.sources) - len(report.traced),
                    **{s: report.count(s) for s in STATUSES},
                    **{f"share_{s.replace('-', '_')}": round(report.share(s), 3) for s in STATUSES},
                    "course_sentences": len(courses), "not_from_source": len(report.not_from_source)},
        "source": [{"index": s.index, "text": s.text, "line": s.line, "block": s.block, "status": s.status,
                    "score": s.score, "left_out_reason": s.left_out_reason, "note": s.note,
                    "carried_by": [courses[i].where for i in s.carried_by]} for s in report.sources],
        "not_from_source": [{"text": c.text, "where": c.where, "unit": c.unit, "kind": kind_of(c),
                             "score": c.score} for c in report.not_from_source],
        "chapters": [{"id": ch.id, "fingerprint": chapter_fingerprint(ch),
                      "reviewed": chapter_review(report.course, ch).reviewed} for ch in report.course.chapters],
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def trace_html(report: TraceReport, *, book: str = "../html") -> str:
    data = trace_json(report)
    own_words = defaultdict(list)
    for c in report.not_from_source:
        own_words[kind_of(c)].append({"text": c.text, "where": c.where, "link": _book_link(c, book)})
    source = [dict(item, links=[{"where": report.courses[i].where, "link": _book_link(report.courses[i], book)}
                                for i in s.carried_by])
              for item, s in zip(data["source"], report.sources)]
    chapters = []
    for ch, item in zip(report.course.chapters, data["chapters"]):
        status = chapter_review(report.course, ch)
        chapters.append(dict(item, title=ch.title, review=status.review, changed_after=status.changed_after))
    return _environment().get_template("trace.html.j2").render(
        course=report.course, summary=data["summary"], source=source, chapters=chapters,
        own_words=sorted(own_words.items()), source_file=data["source_file"])


def write_trace(report: TraceReport, out: Path) -> list[Path]:
    html, js = out / "index.html", out / "trace.json"
    atomic_write(html, trace_html(report).encode("utf-8"))
    atomic_write(js, (json.dumps(trace_json(report), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return [html, js]
