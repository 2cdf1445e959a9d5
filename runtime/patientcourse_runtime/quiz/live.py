"""``chapter_quiz(chapter_id)``: a chapter's quiz as a live ipywidget with a static face.

In Jupyter it is a real ``VBox``: answers are checked in Python by ``scoring.score``; what is
said after an answer follows ``said.py`` (the right answer only after a right answer, "Show the
answer" or ``reveal_after`` tries; a hint and a "Review" link before that); a changed answer
dims its old feedback; a running score and the first-try score are kept, a summary closes the
quiz, every question can be tried again, and every answer goes to the learner's results file
(``store.py``).
In the book, ``_repr_mimebundle_`` also returns ``text/html`` (``face.py``), which the
book's ``patientcourse.js`` makes interactive the same way.

In an assessment bundle there are no answers: the quiz records what the learner chose and
says "Answer saved", never whether it was right.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from ..bundle import chapter_data, load_bundle
from ..faces import StaticFace, fragment
from ..results import SCHEMA, VERSION, parse_results
from ..scoring import score
from ..store import ResultsFile, ResultsFileError, results_file
from .face import HINTS, next_chapter, quiz_html, review_objectives
from .inputs import NotAnswered, make_input
from .said import Said, after_answer
from .shown import ShownQuestion, shown_questions

LIVE = "quiz_live.html.j2"


def feedback_html(said: Said) -> str:
    return fragment(LIVE, "feedback", said)


def _watch_values(widget: w.Widget, callback) -> None:
    """Call ``callback`` whenever any input inside ``widget`` changes value."""
    if isinstance(widget, w.Box):
        for child in widget.children:
            _watch_values(child, callback)
    elif isinstance(widget, w.ValueWidget) and not isinstance(widget, (w.Label, w.HTML)):
        widget.observe(callback, names="value")


class QuestionBox(w.VBox):
    """One question: its inputs, Check and Try again buttons, and a feedback area."""

    def __init__(self, q: ShownQuestion, on_check, mode: str, sections: dict | None = None):
        self.question = q
        self.mode = mode
        self.sections = sections or {}
        self.input = make_input(q)
        self.check_button = w.Button(description="Check answer" if mode == "practice" else "Save answer",
                                     button_style="primary")
        self.retry_button = w.Button(description="Try again", layout=w.Layout(display="none"))
        self.show_button = w.Button(description="Show the answer", layout=w.Layout(display="none"))
        self.feedback = w.HTML(value="")
        self.score: float | None = None
        self.shown: tuple | None = None  # (answer, attempts) of the feedback on view
        self._quiet = False              # set while the quiz itself writes the inputs
        self.check_button.on_click(lambda _: on_check(self))
        self.retry_button.on_click(lambda _: self.retry())
        self.show_button.on_click(lambda _: self.reveal())
        _watch_values(self.input.widget, self._changed)
        super().__init__([
            w.HTML(fragment(LIVE, "question_head", q.number, q.prompt, HINTS[q.type])),
            self.input.widget,
            w.HBox([self.check_button, self.retry_button, self.show_button]),
            self.feedback,
        ], layout=w.Layout(border="1px solid #bbb", padding="0.5em", margin="0 0 1em 0"))

    def show(self, answer, attempts: int, revealed: bool = False) -> None:
        """Show the result for an answer (just given, or restored from the results file)."""
        self.retry_button.layout.display = None
        self.shown = (answer, attempts)
        if self.mode == "assessment":
            self.feedback.value = fragment(LIVE, "saved", attempts)
            return
        said = after_answer(self.question, answer, attempts, revealed=revealed, sections=self.sections)
        self.score = said.score
        self.feedback.value = feedback_html(said)
        self.retry_button.layout.display = "none" if said.correct else None
        self.show_button.layout.display = "none" if said.revealed else None

    def reveal(self) -> None:
        if self.shown is not None:
            self.show(*self.shown, revealed=True)

    def set_answer(self, answer) -> None:
        """Put an answer in the inputs without counting it as the learner's change."""
        self._quiet = True
        try:
            self.input.set(answer)
        finally:
            self._quiet = False

    def _changed(self, _change) -> None:
        # The feedback was about the answer before this change: say so, once.
        if self._quiet or self.shown is None or self.mode == "assessment":
            return
        self.shown = None
        self.feedback.value = fragment(LIVE, "changed")
        self.show_button.layout.display = "none"

    def retry(self) -> None:
        self._quiet = True
        try:
            self.input.clear()
        finally:
            self._quiet = False
        self.shown = None
        self.feedback.value = ""
        self.retry_button.layout.display = "none"
        self.show_button.layout.display = "none"


class QuizWidget(StaticFace, w.VBox):
    def __init__(self, chapter_id: str, bundle: dict, results: ResultsFile | None = None):
        self.bundle, self.chapter_id = bundle, chapter_id
        self.course_id = bundle["course"]["id"]
        self.mode = bundle.get("mode", "practice")
        self.chapter = chapter_data(chapter_id, bundle)
        self.shown = shown_questions(chapter_id, self.chapter.get("quiz", {}), self.mode)
        self.results = results or results_file(self.course_id, bundle.get("assignment"))
        self.notice = w.HTML(value="")
        self.score_line = w.HTML(value="")
        self.summary = w.HTML(value="")
        self.questions = [QuestionBox(q, self.check, self.mode, self.chapter.get("sections", {})) for q in self.shown]
        self.name_field = w.Text(description="Your name", continuous_update=False)
        self.id_field = w.Text(description="Student id", continuous_update=False)
        self.reset_button = w.Button(description="Start this quiz again")
        self.reset_button.on_click(lambda _: self.reset())
        head = []
        if self.mode == "assessment":
            head.append(w.HTML(fragment(LIVE, "paragraph", "This is an assessment: your answers are "
                                        "saved for your instructor and are not marked here.")))
        super().__init__(head + [self.notice, w.HBox([self.name_field, self.id_field])]
                         + self.questions + [self.score_line, self.summary, self.reset_button])
        self._restore()
        # Only after restoring: filling the fields from the file must not write the file
        # (the book's build runs this cell and must leave no results file behind).
        self.name_field.observe(self._learner_changed, names="value")
        self.id_field.observe(self._learner_changed, names="value")

    # -- the static face ---------------------------------------------------------------------
    def static_html(self) -> str:
        return quiz_html(course_id=self.course_id, chapter_id=self.chapter_id, chapter=self.chapter,
                         mode=self.mode, questions=self.shown,
                         assignment_id=(self.bundle.get("assignment") or {}).get("id"),
                         next_chapter=next_chapter(self.bundle, self.chapter_id))

    def plain_text(self) -> str:
        title = self.chapter.get("quiz", {}).get("title", "Quiz")
        return f"{title}: {len(self.shown)} questions."

    # -- live behaviour --------------------------------------------------------------------------
    def check(self, box: QuestionBox) -> None:
        try:
            answer = box.input.answer()
        except NotAnswered as why:
            box.feedback.value = fragment(LIVE, "strong", str(why))
            return
        try:
            entry = self.results.record(self.chapter_id, box.question.id, answer)
            attempts = entry["attempts"]
        except ResultsFileError as err:  # another learner's file: still check, but say so
            self._say(str(err))
            attempts = 1
        box.show(answer, attempts)
        self._update()

    def reset(self) -> None:
        self.results.forget(self.chapter_id)
        for box in self.questions:
            box.retry()
            box.score = None
        self._update()

    def _restore(self) -> None:
        learner = self.results.learner
        self.name_field.value, self.id_field.value = learner["name"], learner["id"]
        for box in self.questions:
            entry = self.results.answers(self.chapter_id).get(box.question.id)
            if entry is None:
                continue
            if not self._fits(box, entry.get("answer")):  # e.g. from an older question bank
                box.input.clear()
                continue
            box.show(entry["answer"], entry.get("attempts", 1))
        self._update()

    @staticmethod
    def _fits(box: QuestionBox, answer) -> bool:
        """Whether the inputs can show this stored answer exactly (read back the same)."""
        try:
            box.set_answer(answer)
            return box.input.answer() == answer
        except Exception:  # a trait error, a missing key: it does not fit
            return False

    def _learner_changed(self, _change) -> None:
        try:
            self.results.set_learner(self.name_field.value, self.id_field.value)
        except ResultsFileError as err:
            self._say(str(err))
            return
        self._update()

    def _where(self) -> str:
        """The results file, relative to the notebook when it is beside it: short to read, and
        no absolute build path ends up in a published page's saved widget state."""
        try:
            return str(self.results.path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(self.results.path)

    def _say(self, message: str) -> None:
        self.notice.value = fragment(LIVE, "notice", message)

    def _first_scores(self) -> dict[str, float]:
        """Question id -> the score of its first answer, where the results file knows it (read
        through the one results model, as the grader reads it)."""
        answers = self.results.answers(self.chapter_id)
        just_this_chapter = {"schema": SCHEMA, "version": VERSION, "course": self.course_id, "origin": "notebook",
                             "learner": {}, "saved_at": "1970-01-01T00:00:00Z",
                             "chapters": {self.chapter_id: {"answers": answers}}}
        try:
            records = parse_results(just_this_chapter).chapters[self.chapter_id]
        except ValueError:  # records the model refuses: no first-try score, the quiz still works
            return {}
        keys = {b.question.id: b.question.key for b in self.questions}
        return {qid: score(keys[qid], r.first_answer).score for qid, r in records.items()
                if qid in keys and r.first_known}

    def _update(self) -> None:
        answered = len(self.results.answers(self.chapter_id))
        total = len(self.questions)
        if self.mode == "practice":
            points = round(sum(b.score or 0 for b in self.questions), 2)
            firsts = self._first_scores()
            first = round(sum(firsts.values()), 2)
            line = (f"Score: {points:g} of {total} points (first try: {first:g}). "
                    f"Answered: {answered} of {total} questions.")
        else:
            line = f"Answered: {answered} of {total} questions."
        self.score_line.value = fragment(LIVE, "score_line", line, self._where())
        self.summary.value = self._summary(answered, total)
        if self.results.problems:
            self._say(" ".join(self.results.problems))

    def _summary(self, answered: int, total: int) -> str:
        """Once every question is answered: the score, the first-try score, the objectives to
        review (questions not right at the first try) and the next chapter."""
        if answered < total:
            return ""
        following = next_chapter(self.bundle, self.chapter_id)
        if self.mode != "practice":
            return fragment(LIVE, "summary", f"You answered all {total} questions. Your answers are saved "
                            "for your instructor.", [], following)
        firsts = self._first_scores()
        points = round(sum(b.score or 0 for b in self.questions), 2)
        first = round(sum(firsts.values()), 2)
        missed = {b.question.objective for b in self.questions if firsts.get(b.question.id, 0) < 1 - 1e-9}
        objectives = [o for o in review_objectives(self.chapter, self.shown) if o.id in missed]
        line = f"You answered all {total} questions: {points:g} of {total} points, {first:g} at the first try."
        if not objectives:
            line += " Every answer was right at the first try."
        return fragment(LIVE, "summary", line, objectives, following)


def chapter_quiz(chapter_id: str, bundle: dict | None = None) -> QuizWidget:
    """The quiz of one chapter, from the notebook's ``course.json``."""
    return QuizWidget(chapter_id, bundle or load_bundle())
