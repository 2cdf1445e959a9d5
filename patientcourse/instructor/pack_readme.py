"""The README a learner reads first in a student pack: how to open, answer and hand in."""
from __future__ import annotations

from patientcourse_runtime.filenames import results_file_name
from patientcourse_runtime.results import describe_due

from ..render.notebooks import NOTEBOOK_DIR, notebook_path
from ..structure import Course

# Two commands on each system: set up once (a virtual environment with what requirements.txt
# names), then start. Run in this folder; requirements.txt names the runtime wheel by a path
# relative to it. PowerShell (Windows' default terminal) separates commands with ";".
SETUP = {
    "Windows (PowerShell)": ("py -m venv .venv; .venv\\Scripts\\python -m pip install -r requirements.txt",
                             ".venv\\Scripts\\jupyter lab"),
    "macOS and Linux": ("python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt",
                        ".venv/bin/jupyter lab"),
}

MODE_TEXT = {
    "practice": ("This is a **practice** pack. When you check an answer, you see right away "
                 "whether it is right, and why."),
    "assessment": ("This is an **assessment** pack. Your answers are saved, but the pack does "
                   "not say whether they are right. Your instructor grades them after you hand "
                   "them in."),
}


def setup_commands() -> str:
    blocks = []
    for system, (setup, start) in SETUP.items():
        blocks.append(f"**{system}**\n\n```\n{setup}\n{start}\n```")
    return "\n\n".join(blocks)


def readme(course: Course, assignment: dict, mode: str) -> str:
    chapters = "\n".join(f"{i}. {c.title} (`{notebook_path(c)}`)" for i, c in enumerate(course.chapters, 1))
    due = f"\n**Hand in by:** {describe_due(assignment['due'])}.\n" if assignment.get("due") else ""
    results_name = results_file_name(course.id, assignment["id"], {"name": "Your Name", "id": "your id"})
    return f"""# {assignment['title']}

From the course *{course.meta.title}*.
{due}
{MODE_TEXT[mode]}

## What is in this pack

- `book/`: the chapters as web pages, with a glossary and the sources. No internet needed.
- `{NOTEBOOK_DIR}/`: the same chapters as Jupyter notebooks.
- `requirements.txt` and `wheels/`: what the notebooks need to run.
- This README.

The chapters:

{chapters}

## 1. Open it

**In a web browser (simplest).** Open `book/index.html`. Read each chapter and answer the
quiz at the end. Your answers stay in this browser on this computer.

**In Jupyter.** You need Python 3.10 or newer. Open a terminal in this folder and run the
first command once: it sets up what the notebooks need (it downloads JupyterLab from the
internet). The second command starts JupyterLab; run it each time you want to work.

{setup_commands()}

JupyterLab opens in your web browser. Open the `{NOTEBOOK_DIR}` folder, then a chapter, and
choose *Run > Run All Cells*.

## 2. Answer

Type your name (and student id, if your instructor uses one) where the quiz asks for it.
Answer every question and press the quiz's button to record your answers.

## 3. Hand in

- **Book:** on the *My progress* page, type your name and press **Download my results**.
  Send the `.json` file it saves to your instructor.
- **Notebook:** your answers are saved as you go to a file in
  `{NOTEBOOK_DIR}/patientcourse-results/`. Once you have typed your name, the file's name carries
  it, for example `{results_name}`. To save now and see where the file is, run this in a cell:

  ```python
  from patientcourse_runtime import save_results
  save_results()
  ```

  Send that `.json` file to your instructor. (The `.bak` file beside it is a safety copy.)

Hand in one file. If you send two, your instructor grades the one saved last.

---

{course.meta.disclaimer}

{course.meta.source.credit}
"""
