"""Time ``rnn-course grade --jobs 2`` on 30 submissions of one notebook.

    python benchmarks/bench_grade.py [--notebook 05] [--count 30] [--jobs 2]

Submissions are made in a temporary folder from the instructor notebook: a third untouched
student versions, a third right answers, a third wrong answers.
"""
import argparse
import copy
import tempfile
import time
from pathlib import Path

import nbformat

from rnnlib.course.grade import grade
from rnnlib.course.notebooks import course_notebooks, exercise_cells
from rnnlib.course.release import student_version

COURSE = Path(__file__).resolve().parents[1] / "notebooks"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--notebook", default="05")
    p.add_argument("--count", type=int, default=30)
    p.add_argument("--jobs", type=int, default=2)
    args = p.parse_args()
    path = course_notebooks(COURSE)[args.notebook]
    teacher = nbformat.read(path, as_version=4)
    wrong = copy.deepcopy(teacher)
    for cell in exercise_cells(wrong):
        cell.source = cell.source.replace("### BEGIN SOLUTION", "return None\n    ### BEGIN")
    kinds = [student_version(teacher), teacher, wrong]
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.count):
            nbformat.write(kinds[k % 3], Path(tmp) / f"{args.notebook}_student{k:02d}.ipynb")
        start = time.perf_counter()
        rows, ok = grade([tmp], COURSE, jobs=args.jobs)
        seconds = time.perf_counter() - start
    passed = sum(r.status == "passed" for r in rows)
    print(f"graded {args.count} submissions of {path.name} with --jobs {args.jobs} in "
          f"{seconds:.1f} s ({seconds / args.count:.2f} s each); {passed}/{len(rows)} "
          f"exercises passed; all graded: {ok}")


if __name__ == "__main__":
    main()
