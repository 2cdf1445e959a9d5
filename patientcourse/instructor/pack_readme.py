"""The README a learner reads first in a student pack: how to open, answer and hand in."""
from __future__ import annotations

from ..render.notebooks import NOTEBOOK_DIR, notebook_path
from ..structure import Course

MODE_TEXT = {
    "practice": ("This is a **practice** pack. When you check an answer, you see right away "
                 "whether it is right, and why."),
    "assessment": ("This is an **assessment** pack. Your answers are saved, but the pack does "
                   "not say whether they are right. Your instructor grades them after you hand "
                   "them in."),
}


def readme(course: Course, assignment: dict, mode: str) -> str:
    chapters = "\n".join(f"{i}. {c.title} (`{notebook_path(c)}`)" for i, c in enumerate(course.chapters, 1))
    due = f"\n**Hand in by:** {assignment['due']}\n" if assignment.get("due") else ""
    results_name = f"{course.id}--{assignment['id']}.json"
    return f"""# {assignment['title']}

From the course *{course.meta.title}*.
{due}
{MODE_TEXT[mode]}

## What is in this pack

- `book/`: the chapters as web pages, with a glossary and the sources. No internet needed.
- `{NOTEBOOK_DIR}/`: the same chapters as Jupyter notebooks.
- This README.

The chapters:

{chapters}

## 1. Open it

**In a web browser (simplest).** Open `book/index.html`. Read each chapter and answer the
quiz at the end. Your answers stay in this browser on this computer.

**In Jupyter.** Install the course tools once: `pip install "patientcourse[lab]"` (your instructor
may give you a different command). Then run `jupyter lab {NOTEBOOK_DIR}` in this folder, open a
chapter and run its cells from the top.

## 2. Answer

Type your name (and student id, if your instructor uses one) where the quiz asks for it.
Answer every question and press the quiz's button to record your answers.

## 3. Hand in

- **Book:** on the *My progress* page, press **Download my results**. Send the `.json`
  file it saves to your instructor.
- **Notebook:** your answers are saved as you go to
  `{NOTEBOOK_DIR}/patientcourse-results/{results_name}`. To save now and see where the file is,
  run this in a cell:

  ```python
  from patientcourse_runtime import save_results
  save_results()
  ```

  Send that `.json` file to your instructor.

Hand in one file. If you send two, your instructor grades the one saved last.

---

{course.meta.disclaimer}

{course.meta.source.credit}
"""
