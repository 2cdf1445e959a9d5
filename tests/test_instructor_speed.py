"""Grading 10,000 results files: all are read, scored and counted. The time is printed
(run with ``-s`` to see it), not asserted: a timed test fails on a slow machine, not on slow code."""
from __future__ import annotations

import json
import time

import pytest

from patientcourse.instructor.grading import Grader
from patientcourse.instructor.reports import grades_csv, items_csv
from quiz_samples import sample_course
from test_instructor_sample import results_doc, right_answers

LEARNERS = 10_000


@pytest.mark.slow  # writes and grades 10,000 files
def test_ten_thousand_results_files_are_all_graded(tmp_path):
    course = sample_course()
    document = results_doc(right_answers(course))
    paths = []
    for n in range(LEARNERS):
        document["learner"] = {"name": f"Learner {n}", "id": f"s-{n}"}
        path = tmp_path / f"{n:05}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        paths.append(path)
    start, cpu_start = time.perf_counter(), time.process_time()
    book = Grader(course).grade(paths)
    grades, items = grades_csv(book), items_csv(book)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    # CPU time too: on a shared machine the wall time mostly measures the other processes.
    print(f"\ngraded {LEARNERS:,} results files and wrote both CSVs in {seconds:.2f} s "
          f"({cpu:.2f} s of CPU)")
    assert len(book.grades) == LEARNERS and not book.skipped
    assert grades.count("\n") == LEARNERS + 1 and items.count(",10000,10000,0,0,10000,100.0,") == 8
