"""Everything else a learner reads on a chapter page, besides its prose, as located paragraphs:

* ``boxes``: the main message, objectives, key points (the chapter's and each part's), and
  the help box, from the front matter;
* ``quiz``: every prompt, choice, match, step, feedback and explanation of the quiz;
* ``widgets``: every text an author writes for a widget (its title, and each field its data
  model types as ``Text``; ids, file names and numbers are not read by a learner).

Each text is one paragraph (a full stop is added if it has none, as for list items), placed
at its line in its own file, so a long sentence in a quiz is reported in the quiz file.
"""
from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel

from ..structure import Chapter
from ..structure.widgets import WIDGET_DATA, Text
from ..structure.yamlsource import LocatedYaml, read_text
from .located import front_matter, line_of, quiz_source
from .markdown import visible
from .readability import SENTENCE_END, Paragraph

TEXT_CONSTRAINT = typing.get_args(Text)[1]  # the constraint that marks author-written text
# The quiz fields a learner reads. Ids, types, answers, units and section links are not prose.
QUIZ_TEXT_FIELDS = {"title", "prompt", "explanation", "text", "feedback", "item", "match",
                    "if_true", "if_false", "if_correct", "if_wrong"}


def _paragraph(text: str, file: str, line: int | None) -> Paragraph | None:
    words = visible(text)
    if not words:
        return None
    if not SENTENCE_END.search(words):
        words = words.rstrip(":;,") + "."
    return Paragraph(line or 1, words, file=file)


def box_paragraphs(chapter: Chapter) -> list[Paragraph]:
    source, meta = front_matter(chapter), chapter.meta
    texts = [(meta.main_message, ("main_message",))]
    texts += [(o.text, ("objectives", i, "text")) for i, o in enumerate(meta.objectives)]
    texts += [(p, ("key_points", i)) for i, p in enumerate(meta.key_points)]
    for p, part in enumerate(meta.parts):
        texts += [(part.title, ("parts", p, "title"))]
        texts += [(k, ("parts", p, "key_points", i)) for i, k in enumerate(part.key_points)]
    if meta.when_to_get_help:
        texts += [(meta.help_title, ("help_title",))]
        texts += [(h, ("when_to_get_help", i)) for i, h in enumerate(meta.when_to_get_help)]
    return _located(texts, source, chapter.file)


def quiz_paragraphs(chapter: Chapter) -> list[Paragraph]:
    source = quiz_source(chapter)
    texts = [(chapter.quiz.title, ("title",))]
    for i, question in enumerate(chapter.quiz.questions):
        texts += _model_texts(question, ("questions", i), lambda model, name: name in QUIZ_TEXT_FIELDS)
    return _located(texts, source, str(source.file))


def _is_widget_text(model: BaseModel, name: str) -> bool:
    """A field typed ``Text`` (or a list of them) is what an author writes for the reader."""
    field = type(model).model_fields[name]
    return TEXT_CONSTRAINT in field.metadata or typing.get_args(field.annotation) == (Text,)


def widget_paragraphs(chapter: Chapter) -> list[Paragraph]:
    if not chapter.widgets:
        return []
    path = Path(chapter.file).with_name(f"{chapter.id}.widgets.yml")
    source = LocatedYaml(read_text(path) if path.is_file() else "{}", path)
    texts = []
    for i, ref in enumerate(chapter.widgets):
        model = WIDGET_DATA.get(ref.kind)
        if model is None:
            continue  # the loader reports an unknown kind
        try:
            data = model.model_validate(ref.data)
        except ValueError:
            continue  # and invalid data
        texts += [(ref.title, ("widgets", i, "title"))] if ref.title else []
        texts += _model_texts(data, ("widgets", i, "data"), _is_widget_text)
    return _located(texts, source, str(path))


def _model_texts(model: BaseModel, loc: tuple, is_text) -> list[tuple[str, tuple]]:
    """(text, location) of every field of ``model`` (and the models inside it) that
    ``is_text(model, field name)`` says a learner reads."""
    found = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for n, item in enumerate(items):
            where = loc + ((name, n) if isinstance(value, list) else (name,))
            if isinstance(item, BaseModel):
                found += _model_texts(item, where, is_text)
            elif isinstance(item, str) and is_text(model, name):
                found.append((item, where))
    return found


def _located(texts: list[tuple[str, tuple]], source: LocatedYaml, file: str) -> list[Paragraph]:
    paragraphs = (_paragraph(text, file, line_of(source, *loc)) for text, loc in texts)
    return [p for p in paragraphs if p is not None]


# What each part is called in findings and reports.
TEXT_PARTS = {"boxes": "main message, objectives, key points and help box",
              "quiz": "quiz", "widgets": "interactive tools"}
PART_PARAGRAPHS = {"boxes": box_paragraphs, "quiz": quiz_paragraphs, "widgets": widget_paragraphs}
