"""The book's search never finds a quiz's answers, feedback or explanations: they are on the
chapter pages (for readers without JavaScript, and for the script) but not in the index
(patientcourse/book/unsearched.py)."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from sphinx.search.en import SearchEnglish

from patientcourse.structure.quiz import ChoiceQuestion


class _Text(HTMLParser):
    """The text of a page outside its quizzes (and outside scripts and styles)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if self.skip_depth:
            self.skip_depth += tag not in ("br", "img", "input", "meta", "link", "hr", "source")
        elif tag in ("script", "style") or "data-pc-quiz" in dict(attrs):
            self.skip_depth = 1

    def handle_endtag(self, tag):
        if self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def words(text: str, shortest: int = 1) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text) if len(w) >= shortest}


def quiz_only_texts(course) -> list[str]:
    """Every answer, feedback line, hint and explanation of the course."""
    texts = []
    for chapter in course.chapters:
        for q in chapter.quiz.questions:
            texts += [q.explanation] + ([q.hint] if q.hint else [])
            if isinstance(q, ChoiceQuestion):
                texts += [o.feedback for o in q.options]
            for name in ("if_true", "if_false", "if_correct", "if_wrong"):
                texts += [getattr(q, name)] if hasattr(q, name) else []
            texts += [p.feedback for p in getattr(q, "pairs", [])] + [s.feedback for s in getattr(q, "steps", [])]
    return texts


def only_in_quizzes(built_book, course) -> list[str]:
    """Words of the course's answers and feedback that no page shows outside its quiz,
    compared as the index stores words: stemmed ("backed" is "back", which pages use)."""
    stem = SearchEnglish({}).stem
    elsewhere = set()
    for page in built_book.rglob("*.html"):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        elsewhere |= {stem(w) for w in words(" ".join(parser.parts))}
    feedback_words = set().union(*(words(text, shortest=4) for text in quiz_only_texts(course)))
    return sorted(w for w in feedback_words if stem(w) not in elsewhere)


def test_search_index_has_no_word_that_only_quiz_answers_and_feedback_use(built_book, course):
    raw = (built_book / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1: raw.rindex(")")])
    terms = set(index["terms"]) | set(index["titleterms"])
    stem = SearchEnglish({}).stem
    quiz_words = only_in_quizzes(built_book, course)
    assert len(quiz_words) >= 10, "the course's feedback must have words of its own for this test to mean anything"
    found = [w for w in quiz_words if stem(w) in terms]
    assert found == [], f"the search index finds quiz feedback words: {found}"
    # The index itself works: the chapters' own words are in it.
    assert stem("collagen") in terms and stem("fascia") in terms
