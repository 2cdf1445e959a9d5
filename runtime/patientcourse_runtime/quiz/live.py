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

from ..browser import DownloadResults
from ..fileio import IN_BROWSER
from ..bundle import chapter_data, load_bundle
from ..faces import StaticFace, fragment
from ..frame import HIDDEN, SHOWN, framed
from ..results import SCHEMA, VERSION, parse_results
from ..scoring import score
from ..store import ResultsFile, ResultsFileError, is_anonymous, results_file, same_learner
from .face import HINTS, next_chapter, quiz_html, review_objectives
from .header import QuizHeader
from .inputs import NotAnswered, make_input
from .said import Said, after_answer
from .shown import ShownQuestion, shown_questions

LIVE = "quiz_live.html.j2"


def feedback_html(said: Said) -> str:
    return fragment(LIVE, "feedback", said)


class QuestionBox(w.VBox):
    """One question: its inputs, Check and Try again buttons, and a feedback area."""

    def __init__(self, q: ShownQuestion, on_check, mode: str, sections: dict | None = None):
        self.question = q
        self.mode = mode
        self.sections = sections or {}
        self.input = make_input(q)
        self.check_button = w.Button(description="Check answer" if mode == "practice" else "Save answer",
                                     button_style="primary")
        self.retry_button = w.Button(description="Try again", layout=w.Layout(display=HIDDEN))
        self.show_button = w.Button(description="Show the answer", layout=w.Layout(display=HIDDEN))
        self.feedback = w.HTML(value="")
        self.score: float | None = None
        self.shown: tuple | None = None  # (answer, attempts) of the feedback on view
        self._quiet = False              # set while the quiz itself writes the inputs
        self.check_button.on_click(lambda _: on_check(self))
        self.retry_button.on_click(lambda _: self.retry())
        self.show_button.on_click(lambda _: self.reveal())
        self.input.widget.observe(self._changed, names="value")  # the learner changed the draft
        super().__init__([
            w.HTML(fragment(LIVE, "question_head", q.number, q.prompt, HINTS[q.type])),
            self.input.widget,
            w.HBox([self.check_button, self.retry_button, self.show_button]),
            self.feedback,
        ], layout=w.Layout(border="1px solid #bbb", padding="0.5em", margin="0 0 1em 0"))

    def show(self, answer, attempts: int, revealed: bool = False) -> None:
        """Show the result for an answer (just given, or restored from the results file)."""
        self.retry_button.layout.display = SHOWN
        self.shown = (answer, attempts)
        if self.mode == "assessment":
            self.feedback.value = fragment(LIVE, "saved", attempts)
            return
        said = after_answer(self.question, answer, attempts, revealed=revealed, sections=self.sections)
        self.score = said.score
        self.feedback.value = feedback_html(said)
        self.retry_button.layout.display = HIDDEN if said.correct else SHOWN
        self.show_button.layout.display = HIDDEN if said.revealed else SHOWN

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
        self.show_button.layout.display = HIDDEN

    def retry(self) -> None:
        self._quiet = True
        try:
            self.input.clear()
        finally:
            self._quiet = False
        self.shown = None
        self.feedback.value = ""
        self.retry_button.layout.display = HIDDEN
        self.show_button.layout.display = HIDDEN


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
        self.header = QuizHeader(self.mode, bundle.get("assignment"))
        self.name_field, self.id_field = self.header.name_field, self.header.id_field
        self.reset_button = w.Button(description="Start this quiz again")
        self.reset_button.on_click(lambda _: self.reset())
        # In the browser (Pyodide) the results file is in the browser's storage: offer it.
        self.download = [DownloadResults()] if IN_BROWSER else []
        self._filling = False
        super().__init__(self.header.widgets + [self.notice] + self.questions
                         + [self.score_line, self.summary, *self.download, self.reset_button])
        framed(self)  # keys stay in the quiz; button labels are shown whole
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
        """Clear the questions for a new try. The results file keeps every answer: it may
        already have been handed in, and a new answer to a question replaces the old one there
        (its first answer and the attempts are kept)."""
        for box in self.questions:
            box.retry()
            box.score = None
        self._update()
        self._say("The questions are cleared for a new try. Your results file keeps your earlier "
                  "answers; answering a question again replaces its answer there.")

    def _restore(self) -> None:
        self.header.show_learner(self.results.learner)
        self._show_saved_answers()

    def _show_saved_answers(self) -> None:
        """Show what the results file holds for each question, and nothing else."""
        saved = self.results.answers(self.chapter_id)
        for box in self.questions:
            entry = saved.get(box.question.id)
            box.retry()
            box.score = None
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

    def _learner_changed(self, change) -> None:
        if self._filling:
            return
        typed = {"name": self.name_field.value, "id": self.id_field.value}
        before = self.results.learner
        if not is_anonymous(before) and not same_learner(before, typed):
            # Someone else is typing: a field they did not touch still shows the previous
            # learner's name or id, filled in from that learner's file. Empty it.
            for key, field in (("name", self.name_field), ("id", self.id_field)):
                if field is not change["owner"] and field.value and field.value.strip() == before[key].strip():
                    self._fill(field, "")
                    typed[key] = ""
        self.header.update_reminder()
        try:
            switch = self.results.set_learner(typed["name"], typed["id"])
        except ResultsFileError as err:
            self._say(str(err))
            return
        if switch.left is not None:
            # Nothing of the other learner stays on screen (their file's name names them too).
            self._say("The results file that was open here belongs to another learner. It was left as "
                      f"it was, and its answers are no longer shown. Your answers are saved to "
                      f"{self._where()}. (If that file is yours, type your name and id exactly as before.)")
            self._show_saved_answers()
            return
        self._update()

    def _fill(self, field: w.Text, value: str) -> None:
        """Set a field from the program, not the learner (no learner change is triggered)."""
        self._filling = True
        try:
            field.value = value
        finally:
            self._filling = False

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
        for link in self.download:
            link.refresh(self.results, self._where())
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
