"""Student notebooks from instructor notebooks: solutions out, stubs in, no verdicts.

In every cell tagged ``exercise``, the lines from ``### BEGIN SOLUTION`` to
``### END SOLUTION`` become one line, indented like the marker::

    raise NotImplementedError("Exercise 02_rnn_step: write your solution here")

The outputs of exercise cells and of their check cells are cleared, so a student sees a
verdict only after running their own code. Everything else is kept as it is.

A release never overwrites: a notebook already in the target folder (a student's work, or an
earlier release) is kept, and only the missing ones are written. The Korean edition
(``notebooks/ko``) is released into the target's ``ko/`` folder the same way, with the stub's
message in Korean (from the table of :mod:`rnnlib.language`).
"""
import copy
from pathlib import Path

from .notebooks import (BEGIN, END, course_notebooks, exercise_cells, exercise_id,
                        exercise_or_check, read_notebook, write_notebook)


def stub_message(ex_id, korean=False):
    """The message of the stub that replaces the solution of exercise ``ex_id``."""
    message = f"Exercise {ex_id}: write your solution here"
    if korean:
        from ..language import table
        message = table("messages").translate(message)
    return message


def strip_solution(source, ex_id, korean=False):
    """Replace each BEGIN..END SOLUTION block of ``source`` by a NotImplementedError stub
    (its message in Korean when ``korean``)."""
    lines, out, inside = source.split("\n"), [], False
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise ValueError(f"exercise {ex_id}: line {number} opens a second {BEGIN}")
            inside = True
            indent = line[:len(line) - len(line.lstrip())]
            out.append(f'{indent}raise NotImplementedError("{stub_message(ex_id, korean)}")')
        elif marker == END:
            if not inside:
                raise ValueError(f"exercise {ex_id}: line {number} has {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"exercise {ex_id}: {BEGIN} is never closed by {END}")
    return "\n".join(out)


def student_version(nb, korean=False):
    """A copy of the instructor notebook ``nb`` with every solution replaced by a stub (whose
    message is in Korean when ``korean``)."""
    nb = copy.deepcopy(nb)
    for cell in exercise_cells(nb):
        ex_id = exercise_id(cell) or "?"
        if BEGIN not in cell.source:
            raise ValueError(f"exercise {ex_id} has no {BEGIN} ... {END} block")
        cell.source = strip_solution(cell.source, ex_id, korean)
    for cell in nb.cells:
        if exercise_or_check(cell):
            cell.outputs = []
            cell.execution_count = None
    return nb


def release(course_dir, outdir):
    """Write the student version of every course notebook of ``course_dir`` into ``outdir``.

    The Korean edition, when ``course_dir/ko`` has one, goes to ``outdir/ko``. Refuses to
    write into ``course_dir`` (or a folder inside it). A notebook that already exists in the
    target folder is kept untouched. Returns ``(written paths, kept paths)``.
    """
    course_dir, outdir = Path(course_dir).resolve(), Path(outdir).resolve()
    if outdir == course_dir or course_dir in outdir.parents:
        raise ValueError(f"refusing to write into the instructor notebooks ({course_dir}): "
                         f"choose another OUTDIR")
    if outdir.exists() and not outdir.is_dir():
        raise ValueError(f"OUTDIR {outdir} is a file, not a folder: choose a folder")
    if not course_notebooks(course_dir):
        raise ValueError(f"no course notebooks (NN_name.ipynb) in {course_dir}")
    written, kept = [], []
    for source, target_dir, korean in [(course_dir, outdir, False),
                                       (course_dir / "ko", outdir / "ko", True)]:
        notebooks = course_notebooks(source) if source.is_dir() else {}
        students = {n: student_version(read_notebook(p), korean)
                    for n, p in notebooks.items()}
        if notebooks:
            target_dir.mkdir(parents=True, exist_ok=True)
        for number, path in notebooks.items():
            target = target_dir / path.name
            if target.exists():
                kept.append(target)
                continue
            with open(target, "x", encoding="utf-8") as f:     # "x": never replace a file
                write_notebook(students[number], f)
            written.append(target)
    return written, kept
