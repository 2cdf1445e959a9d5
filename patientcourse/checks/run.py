"""Run every rule over a course and collect one report."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..structure import Chapter, Course
from .coverage import COVERAGE_RULES
from .quizzes import QUIZ_RULES
from .findings import SEVERITIES, Finding
from .readability import Readability, check_readability, check_text
from .reader_text import PART_PARAGRAPHS, TEXT_PARTS
from .rendered import rendered_rules, source_html_rules, widget_figures
from .draft import DRAFT_RULES, todo_marks
from .jargon import jargon
from .memo import MEMOS
from .parts import Part, PartStore, chapter_inputs, glossary_inputs, widget_inputs
from .review import review_dates, review_signoff, source_details
from .source_trace import source_trace
from .structure import CHAPTER_RULES, glossary_links, glossary_list
from .thresholds import Thresholds, load_thresholds

REPORT_SCHEMA, REPORT_VERSION = "patientcourse.check", 1


@dataclass
class ChapterReport:
    chapter: Chapter
    readability: Readability  # the chapter's prose
    source_findings: list[Finding]  # decided by the course source alone
    notebook_findings: list[Finding] = field(default_factory=list)  # read from generated notebooks
    # The other text a learner reads (see reader_text.TEXT_PARTS), held to the same limits.
    text_parts: dict[str, Readability] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return self.source_findings + self.notebook_findings

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


@dataclass
class CheckReport:
    course: Course
    thresholds: Thresholds
    today: dt.date | None
    chapters: list[ChapterReport]
    course_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.course_findings + [f for c in self.chapters for f in c.findings]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def source_only(self) -> "CheckReport":
        """What the course source alone decides: no review dates (they need today) and nothing
        read from generated notebooks. The same whether ``generate`` or ``build`` asks, on any day."""
        chapters = [ChapterReport(c.chapter, c.readability, c.source_findings, text_parts=c.text_parts)
                    for c in self.chapters]
        return CheckReport(self.course, self.thresholds, None, chapters)

    @property
    def passed(self) -> bool:
        return self.count("error") == 0

    def to_json(self) -> dict:
        return {
            "schema": REPORT_SCHEMA, "version": REPORT_VERSION,
            "course": self.course.id,
            "today": self.today.isoformat() if self.today else None,
            "passed": self.passed,
            "summary": {s: self.count(s) for s in SEVERITIES},
            "thresholds": self.thresholds.model_dump(mode="json"),
            "findings": [f.to_json() for f in self.course_findings],
            "chapters": [{
                "id": c.chapter.id, "title": c.chapter.title, "file": c.chapter.file,
                "readability": c.readability.to_json(),
                "readability_of_other_text": {name: r.to_json() for name, r in c.text_parts.items()},
                "summary": {s: c.count(s) for s in SEVERITIES},
                "findings": [f.to_json() for f in c.findings],
            } for c in self.chapters],
        }


def _apply_overrides(findings: list[Finding], t: Thresholds) -> list[Finding]:
    out = []
    for finding in findings:
        override = t.severity.get(finding.rule)
        if override == "off":
            continue
        out.append(finding.with_severity(override) if override else finding)
    return out


# Every rule of a chapter, in the order its findings are listed; "text" is the readability limits.
CHAPTER_FILE_RULES = CHAPTER_RULES + COVERAGE_RULES + DRAFT_RULES + QUIZ_RULES
GLOSSARY_RULES = [glossary_links, glossary_list, jargon]  # they also read the glossary
SOURCE_RULES = [rule for rule in CHAPTER_FILE_RULES if rule not in GLOSSARY_RULES]
FINDINGS_ORDER = (["text"] + [rule.__name__ for rule in CHAPTER_FILE_RULES]
                  + [jargon.__name__, source_html_rules.__name__, widget_figures.__name__])


def _chapter_part(course: Course, chapter: Chapter, t: Thresholds) -> Part:
    """The chapter's readability and the rules that read only its own files (parts.py)."""
    readability, text_findings = check_readability(chapter, t)
    parts = {}
    for name, paragraphs in PART_PARAGRAPHS.items():
        found = paragraphs(chapter)
        if found:
            parts[name], part_findings = check_text(found, t, chapter, f"the {TEXT_PARTS[name]}")
            text_findings += part_findings
    return Part({"text": text_findings} | _rules(course, chapter, t, SOURCE_RULES)
                | {source_html_rules.__name__: source_html_rules(course, chapter)}, readability, parts)


def _rules(course: Course, chapter: Chapter, t: Thresholds, rules: list) -> dict[str, list[Finding]]:
    return {rule.__name__: rule(course, chapter, t) for rule in rules}


def check_chapter(course: Course, chapter: Chapter, t: Thresholds,
                  notebooks_dir: Path | None, store: PartStore | None = None) -> ChapterReport:
    """One chapter's report. With a ``store``, each part whose inputs were seen before is
    taken from it (see parts.py); the notebook rules always run."""
    def reuse_or_run(name: str, inputs, run) -> Part:
        return store.reuse_or_run(name, inputs(), run) if store else run()

    own = reuse_or_run("chapter", lambda: chapter_inputs(course, chapter, t), lambda: _chapter_part(course, chapter, t))
    glossary = reuse_or_run("glossary", lambda: glossary_inputs(course, chapter, t),
                            lambda: Part(_rules(course, chapter, t, GLOSSARY_RULES)))
    figures = reuse_or_run("widgets", lambda: widget_inputs(course, chapter),
                           lambda: Part({widget_figures.__name__: widget_figures(course, chapter)}))
    by_rule = own.findings | glossary.findings | figures.findings
    findings = [f for rule in FINDINGS_ORDER for f in by_rule[rule]]
    from_notebook = rendered_rules(course, chapter, notebooks_dir) if notebooks_dir is not None else []
    return ChapterReport(chapter, own.readability, _apply_overrides(findings, t), _apply_overrides(from_notebook, t),
                         own.text_parts)


def run_checks(course: Course, *, today: dt.date | None, notebooks_dir: Path | None,
               thresholds: Thresholds | None = None, trace: bool = True,
               store: PartStore | None = None) -> CheckReport:
    """Check a loaded course.

    ``today`` drives the review-date rule (None skips it, for output that must not change
    from day to day); ``notebooks_dir`` holds the generated chapter notebooks (None skips the
    rules that read them); ``trace`` compares the course with its source article (it reads
    the article's file); ``store`` keeps each chapter's parts and the memos (memo.py) for the
    next check (parts.py).
    Raises ``CourseError`` if the ``checks:`` thresholds are invalid."""
    t = thresholds or load_thresholds(course)
    if store:
        for name, memo in MEMOS.items():
            memo.start(store.memo(name))
    chapters = [check_chapter(course, c, t, notebooks_dir, store) for c in course.chapters]
    course_wide = (review_dates(course, t, today) + review_signoff(course, t) + source_details(course, t)
                   + todo_marks(course, t) + (source_trace(course, t) if trace else []))
    if store:
        for name, memo in MEMOS.items():
            store.keep_memo(name, memo.to_keep())
    return CheckReport(course, t, today, chapters, _apply_overrides(course_wide, t))
