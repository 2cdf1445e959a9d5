"""``chapter_quiz(chapter_id)``: a chapter's quiz as a live ipywidget with a static face.

In Jupyter it is a real ``VBox``: answers are checked in Python by ``scoring.score``, each
choice's feedback and the explanation are shown, a running score is kept, every question can
be tried again, and every answer goes to the learner's results file (``store.py``).
In the book, ``_repr_mimebundle_`` also returns ``text/html`` (``face.py``), which the
book's ``patientcourse.js`` makes interactive the same way.

In an assessment bundle there are no answers: the quiz records what the learner chose and
says "Answer saved", never whether it was right.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from ..browser import IN_BROWSER, DownloadResults
from ..bundle import chapter_data, load_bundle
from ..faces import StaticFace, fragment
from ..scoring import Scored, score
from ..store import ResultsFile, ResultsFileError, results_file
from .face import HINTS, quiz_html
from .inputs import NotAnswered, make_input
from .shown import ShownQuestion, shown_questions

LIVE = "quiz_live.html.j2"


def verdict(score: float) -> str:
    """Right or wrong in words (never colour alone); the book's script says the same."""
    if score >= 1 - 1e-9:
        return "Correct."
    if score <= 1e-9:
        return "Not correct."
    return f"Partly correct: {round(score * 100)}% of the marks."


def feedback_html(q: ShownQuestion, scored: Scored) -> str:
    return fragment(LIVE, "feedback", verdict(scored.score), scored.feedback, q.key["explanation"])


class QuestionBox(w.VBox):
    """One question: its inputs, Check and Try again buttons, and a feedback area."""

    def __init__(self, q: ShownQuestion, on_check, mode: str):
        self.question = q
        self.mode = mode
        self.input = make_input(q)
        self.check_button = w.Button(description="Check answer" if mode == "practice" else "Save answer",
                                     button_style="primary")
        self.retry_button = w.Button(description="Try again", layout=w.Layout(display="none"))
        self.feedback = w.HTML(value="")
        self.score: float | None = None
        self.check_button.on_click(lambda _: on_check(self))
        self.retry_button.on_click(lambda _: self.retry())
        super().__init__([
            w.HTML(fragment(LIVE, "question_head", q.number, q.prompt, HINTS[q.type])),
            self.input.widget,
            w.HBox([self.check_button, self.retry_button]),
            self.feedback,
        ], layout=w.Layout(border="1px solid #bbb", padding="0.5em", margin="0 0 1em 0"))

    def show(self, answer, attempts: int) -> None:
        """Show the result for an answer (just given, or restored from the results file)."""
        if self.mode == "assessment":
            self.feedback.value = fragment(LIVE, "saved", attempts)
        else:
            scored = score(self.question.key, answer)
            self.score = scored.score
            self.feedback.value = feedback_html(self.question, scored)
        self.retry_button.layout.display = None

    def retry(self) -> None:
        self.input.clear()
        self.feedback.value = ""
        self.retry_button.layout.display = "none"


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
        self.questions = [QuestionBox(q, self.check, self.mode) for q in self.shown]
        self.name_field = w.Text(description="Your name", continuous_update=False)
        self.id_field = w.Text(description="Student id", continuous_update=False)
        self.reset_button = w.Button(description="Start this quiz again")
        self.reset_button.on_click(lambda _: self.reset())
        # In the browser (Pyodide) the results file is in the browser's storage: offer it.
        self.download = [DownloadResults()] if IN_BROWSER else []
        head = []
        if self.mode == "assessment":
            head.append(w.HTML(fragment(LIVE, "paragraph", "This is an assessment: your answers are "
                                        "saved for your instructor and are not marked here.")))
        super().__init__(head + [self.notice, w.HBox([self.name_field, self.id_field])]
                         + self.questions + [self.score_line, *self.download, self.reset_button])
        self._restore()
        # Only after restoring: filling the fields from the file must not write the file
        # (the book's build runs this cell and must leave no results file behind).
        self.name_field.observe(self._learner_changed, names="value")
        self.id_field.observe(self._learner_changed, names="value")

    # -- the static face ---------------------------------------------------------------------
    def static_html(self) -> str:
        return quiz_html(course_id=self.course_id, chapter_id=self.chapter_id, chapter=self.chapter,
                         mode=self.mode, questions=self.shown)

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
            box.input.set(answer)
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

    def _update(self) -> None:
        answered = len(self.results.answers(self.chapter_id))
        total = len(self.questions)
        if self.mode == "practice":
            points = sum(b.score or 0 for b in self.questions)
            line = f"Score: {points:g} of {total} points. Answered: {answered} of {total} questions."
        else:
            line = f"Answered: {answered} of {total} questions."
        self.score_line.value = fragment(LIVE, "score_line", line, self._where())
        for link in self.download:
            link.refresh(self.results, self._where())
        if self.results.problems:
            self._say(" ".join(self.results.problems))


def chapter_quiz(chapter_id: str, bundle: dict | None = None) -> QuizWidget:
    """The quiz of one chapter, from the notebook's ``course.json``."""
    return QuizWidget(chapter_id, bundle or load_bundle())
