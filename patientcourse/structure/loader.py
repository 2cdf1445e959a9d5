"""Read a course folder into a validated ``Course``, or fail with every located problem.

Layout (see README, "Writing a course")::

    course/
      course.yml                      course metadata, source article, chapter order
      glossary.yml                    terms and plain definitions
      chapters/NN-slug.md             YAML front matter + Markdown sections (## headings)
      chapters/NN-slug.quiz.yml       the chapter's question bank
      chapters/NN-slug.widgets.yml    (optional) the chapter's interactive widgets
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .course import Chapter, ChapterMeta, Course, CourseMeta, Glossary, Section, WidgetList, WidgetRef
from .errors import CourseError, Problem
from .figures import section_figures
from .parts import part_problems
from .quiz import Quiz
from .unique import duplicates
from .widgets import WIDGET_DATA, unknown_kind
from .yamlsource import LocatedYaml, read_text, validate

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
TERM_ROLE = re.compile(r"\{term\}`([^`<]+?)(?:\s*<([^>]+)>)?`")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@dataclass(frozen=True)
class _Loaded:
    """A chapter and the YAML it came from, for problems that span files (lines included)."""
    chapter: Chapter
    front: LocatedYaml
    quiz: LocatedYaml


def _collecting(problems: list[Problem]):
    """``attempt(fn, *args)``: fn's result, or None with its problems added to ``problems``,
    so one run reports the problems of every file instead of stopping at the first."""
    def attempt(fn, *args):
        try:
            return fn(*args)
        except CourseError as err:
            problems.extend(err.problems)
            return None
    return attempt


def _exists(path: Path) -> bool:
    """True for anything at ``path``, a broken or looping symbolic link included (reading it
    then says what is wrong, instead of the file being silently skipped)."""
    return path.is_symlink() or path.exists()


def load_course(root: Path | str) -> Course:
    root = Path(root)
    problems: list[Problem] = []
    attempt = _collecting(problems)

    if not _exists(root / "course.yml"):
        raise CourseError([Problem(root / "course.yml", None, "",
                                   "no course.yml here. Point --course at the folder that holds "
                                   "course.yml, or create one (see README, 'Writing a course').")])
    meta_yaml = LocatedYaml(read_text(root / "course.yml"), root / "course.yml")
    meta = validate(CourseMeta, meta_yaml)
    glossary = attempt(_load_glossary, root / "glossary.yml")
    loaded = [c for c in (attempt(_load_chapter, root / "chapters", name) for name in meta.chapters) if c]
    if glossary is not None:
        for item in loaded:
            problems.extend(_check_terms(item, glossary))
    problems.extend(_check_unique_question_ids(loaded))
    if problems:
        raise CourseError(problems)
    return Course(meta=meta, chapters=[c.chapter for c in loaded], glossary=glossary, root=str(root))


def _load_glossary(path: Path) -> Glossary:
    return validate(Glossary, LocatedYaml(read_text(path), path))


def _load_chapter(folder: Path, name: str) -> _Loaded:
    """Validate the chapter, its quiz and its widgets; report the problems of all three."""
    path = folder / f"{name}.md"
    problems: list[Problem] = []
    collect = _collecting(problems)

    text = read_text(path).replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        raise CourseError([Problem(path, 1, "", "a chapter file must start with YAML front matter "
                                   "between two '---' lines (title, main_message, objectives, ...).")])
    front = collect(LocatedYaml, match.group(1), path, 2)
    meta = collect(validate, ChapterMeta, front) if front else None
    body_first_line = text[: match.end()].count("\n") + 1
    sections, section_problems = _split_sections(text[match.end():], path, body_first_line)
    problems.extend(section_problems)
    section_ids = [s.id for s in sections]
    if meta:
        problems.extend(part_problems(meta, section_ids, front))
    figures = []
    for section in sections:
        found, figure_problems = section_figures(section, path)
        figures += found
        problems.extend(figure_problems)

    def no_section(source: LocatedYaml, loc: tuple, section: str) -> Problem:
        if not section_ids:
            return source.problem(loc, f"no section {section!r} in {path.name}, which has no sections yet. "
                                       "Add its '## ' heading there.")
        return source.problem(loc, f"no section {section!r} in {path.name}. Use one of: {', '.join(section_ids)}.")

    quiz_path = folder / f"{name}.quiz.yml"
    quiz_yaml = collect(lambda: LocatedYaml(read_text(quiz_path), quiz_path))
    quiz = collect(validate, Quiz, quiz_yaml) if quiz_yaml else None
    if quiz and meta:
        objective_ids = [o.id for o in meta.objectives]
        for i, question in enumerate(quiz.questions):
            if question.objective not in objective_ids:
                problems.append(quiz_yaml.problem(("questions", i, "objective"),
                                f"no learning objective {question.objective!r} in {path.name}. "
                                f"Use one of: {', '.join(objective_ids)}."))
            if question.section not in section_ids:
                problems.append(no_section(quiz_yaml, ("questions", i, "section"), question.section))

    widgets = WidgetList()
    widgets_path = folder / f"{name}.widgets.yml"
    if _exists(widgets_path):
        widgets_yaml = collect(lambda: LocatedYaml(read_text(widgets_path), widgets_path))
        widgets = (collect(validate, WidgetList, widgets_yaml) if widgets_yaml else None) or WidgetList()
        for i, widget in enumerate(widgets.widgets):
            if widget.after not in section_ids:
                problems.append(no_section(widgets_yaml, ("widgets", i, "after"), widget.after))
        widgets = WidgetList(widgets=collect(_validate_widget_data, widgets.widgets, widgets_yaml) or [])
    if problems:
        raise CourseError(problems)
    chapter = Chapter(id=name, meta=meta, sections=sections, quiz=quiz, widgets=widgets.widgets,
                      figures=figures, file=str(path))
    return _Loaded(chapter, front, quiz_yaml)


def _validate_widget_data(refs: list[WidgetRef], source: LocatedYaml) -> list[WidgetRef]:
    """Each widget's ``data`` against its kind's model; the refs then carry the validated data
    (blanks trimmed, defaults filled), which is what the runtime bundle hands the widgets."""
    problems: list[Problem] = []
    checked: list[WidgetRef] = []
    first_of_kind: dict[str, int] = {}
    for i, ref in enumerate(refs):
        model = WIDGET_DATA.get(ref.kind)
        if model is None:
            problems.append(source.problem(("widgets", i, "kind"), unknown_kind(ref.kind)))
            continue
        if ref.kind in first_of_kind:
            problems.append(source.problem(("widgets", i, "kind"),
                            f"widgets[{first_of_kind[ref.kind]}] is already a {ref.kind!r} widget; a "
                            "chapter shows each kind once. Merge the two, or remove one."))
        first_of_kind.setdefault(ref.kind, i)
        try:
            data = validate(model, source, ref.data, loc_prefix=("widgets", i, "data"))
        except CourseError as err:
            problems.extend(err.problems)
            continue
        checked.append(ref.model_copy(update={"data": data.model_dump(mode="json")}))
    if problems:
        raise CourseError(problems)
    return checked


def _split_sections(body: str, path: Path, first_line: int) -> tuple[list[Section], list[Problem]]:
    """Cut the Markdown body at its '## ' headings; each heading starts a section."""
    sections: list[Section] = []
    problems: list[Problem] = []
    stray: list[int] = []  # lines of text before the first heading
    current: dict | None = None
    fence = False
    for offset, line in enumerate(body.split("\n")):
        lineno = first_line + offset
        if line.startswith(("```", "~~~")):
            fence = not fence
        if not fence and line.startswith("## "):
            if current:
                sections.append(_section(current))
            title = line[3:].strip()
            current = {"id": slugify(title), "title": title, "lines": [], "line": lineno}
        elif current is None:
            if line.strip():
                stray.append(lineno)
        elif line.startswith("# "):
            problems.append(Problem(path, lineno, "", "use '## ' for section headings; the chapter "
                                    "title comes from the front matter."))
        else:
            current["lines"].append(line)
    if current:
        sections.append(_section(current))
    if not sections:
        problems.append(Problem(path, first_line, "", "the chapter has no section. Start it with a "
                                "'## Heading' line: every section begins with one, and quiz questions "
                                "and widgets point at sections."))
    else:
        problems += [Problem(path, n, "", "text before the first '## ' heading. Put it under a heading "
                             "(the main message goes in front matter).") for n in stray]
    for dup in duplicates((s.id, (s.line,)) for s in sections):
        problems.append(Problem(path, dup.second[0], "", f"section id {dup.key!r} is used twice (first on line "
                                f"{dup.first[0]}). Give each heading its own words."))
    return sections, problems


def _section(raw: dict) -> Section:
    lines = raw["lines"]
    skipped = len(lines) - len("\n".join(lines).lstrip("\n").split("\n"))
    body = "\n".join(lines).strip("\n")
    return Section(id=raw["id"], title=raw["title"], body=body, line=raw["line"],
                   body_line=raw["line"] + 1 + skipped)


def _check_terms(loaded: _Loaded, glossary: Glossary) -> list[Problem]:
    problems = []
    chapter = loaded.chapter
    path = Path(chapter.file)
    for i, name in enumerate(chapter.meta.glossary):
        if glossary.find(name) is None:
            problems.append(loaded.front.problem(("glossary", i), f"{name!r} is not in glossary.yml. "
                                                 "Add it there with a plain definition, or fix the spelling."))
    for section in chapter.sections:
        for n, line in enumerate(section.body.split("\n")):
            for match in TERM_ROLE.finditer(line):
                target = (match.group(2) or match.group(1)).strip()
                if glossary.find(target) is None:
                    problems.append(Problem(path, section.body_line + n, "",
                                            f"{{term}}`{target}` is not in glossary.yml. "
                                            "Add the term there, or fix the spelling."))
    return problems


def _check_unique_question_ids(loaded: list[_Loaded]) -> list[Problem]:
    """A question id is used in two chapters: report it in both places."""
    uses = [(q.id, (item, i)) for item in loaded for i, q in enumerate(item.chapter.quiz.questions)]
    problems = []
    for dup in duplicates(uses):
        if dup.first[0] is dup.second[0]:
            continue  # twice in one quiz: the quiz model reports that
        places = [dup.first, dup.second]
        for (item, i), (other, j) in zip(places, reversed(places)):
            where = f"{other.quiz.file}:{other.quiz.line_of(('questions', j, 'id'))}"
            problems.append(item.quiz.problem(("questions", i, "id"),
                                              f"question id {dup.key!r} is also used in {where}. "
                                              "Question ids must be unique in the course."))
    return problems
