"""No cell above an exercise gives it away, in the released student notebook.

For every exercise of every course notebook (both editions; found in the notebooks and
``rnnlib.checks.EXERCISES``, never a hand list): no cell above its exercise cell contains a
line of its solution (the code between the SOLUTION markers, compared loosely: each line
of two operations or more, without its spaces, its ``return`` and its assignment target,
unless the stub shows it too, as ``return (n, t, d)`` repeats the signature, or an earlier
exercise's solution holds it: the student wrote it there), and no code
cell above it refers to an rnnlib function the exercise asks the student to write
(``Exercise.writes`` restricted to rnnlib names, by the grader's own look,
:mod:`rnnlib.course.shortcuts`).

And no cell outside the exercise cells binds an exercise's function name: the check judges
the last cell that bound it (:mod:`rnnlib.checks._exercise`), which must be the exercise cell.
"""
import ast
import re
from pathlib import Path

import nbformat
import pytest

from rnnlib.checks import EXERCISES
from rnnlib.checks._cell import binds
from rnnlib.course.notebooks import BEGIN, END, course_notebooks, exercise_id, tags
from rnnlib.course.release import student_version
from rnnlib.course.shortcuts import uses

COURSE = Path(__file__).resolve().parents[1] / "notebooks"
MIN_OPERATIONS = 2      # ``H = h_prev.shape[1]``, ``rng = np.random.default_rng(seed)``: not
                        # the solution, only its set-up


def operations(code):
    """How many operations (calls, arithmetic, comparisons, indexing by a variable) a line has."""
    for attempt in (code, code + " pass", code.rstrip(":") + ": pass"):
        try:
            tree = ast.parse(attempt.strip())
            break
        except SyntaxError:
            continue
    else:
        return 0
    return sum(isinstance(n, (ast.Call, ast.BinOp, ast.Compare, ast.UnaryOp)) or (
        isinstance(n, ast.Subscript) and not isinstance(n.slice, ast.Constant))
        for n in ast.walk(tree))


def solution_lines(source):
    """The solution's lines with two operations or more, loosely: no spaces, no ``return``,
    no assignment target."""
    inside, lines = False, []
    for line in source.splitlines():
        marker = line.strip()
        if marker in (BEGIN, END):
            inside = marker == BEGIN
            continue
        code = marker.split("#", 1)[0].strip()
        if not inside or not code:
            continue
        code = re.sub(r"^return\s+", "", code)
        code = re.sub(r"^[\w\s,\[\]:.]+?(?<![=!<>])=(?!=)", "", code)   # an assignment's target
        if operations(code) >= MIN_OPERATIONS:
            lines.append(re.sub(r"\s+", "", code))
    return lines


def placements():
    """(edition, notebook path, exercise id) of every exercise of both editions."""
    found = []
    for edition in (COURSE, COURSE / "ko"):
        for path in course_notebooks(edition).values():
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code" and "exercise" in tags(cell):
                    found.append((edition.name, path, exercise_id(cell)))
    return found


PLACEMENTS = placements()


def rnnlib_writes(exercise):
    """The rnnlib functions of ``exercise.writes``: a lesson cell may call ``np.tanh`` above
    the exercise that forbids it (03_tanh_from_exp); that is NumPy, not the solution."""
    return {name: what for name, what in exercise.writes.items() if what.startswith("rnnlib.")}


def give_aways(path, ex_id):
    """What the cells above exercise ``ex_id`` of the released ``path`` give away."""
    instructor = nbformat.read(path, as_version=4)
    k = next(i for i, c in enumerate(instructor.cells)
             if "exercise" in tags(c) and exercise_id(c) == ex_id)
    stub = re.sub(r"\s+", "", student_version(instructor).cells[k].source)
    # A line that an earlier exercise's solution holds too is the student's own by then (07's
    # backward recomputes the pre-activation its forward exercise wrote): not a give-away.
    earlier = {line for c in instructor.cells[:k] if "exercise" in tags(c)
               for line in solution_lines(c.source)}
    lines = [line for line in solution_lines(instructor.cells[k].source)
             if line not in stub and line not in earlier]
    library = rnnlib_writes(EXERCISES[ex_id])
    found = []
    for i, cell in enumerate(student_version(instructor).cells[:k]):
        flat = re.sub(r"\s+", "", cell.source)
        found += [f"cell {i} ({cell.cell_type}) shows the solution's line {line!r}"
                  for line in lines if line in flat]
        if cell.cell_type == "code":
            found += [f"cell {i} calls {what}" for what in uses(cell.source, library)]
    return found


def test_every_exercise_is_placed():
    assert {ex_id for edition, _, ex_id in PLACEMENTS if edition == "notebooks"} == set(EXERCISES)


@pytest.mark.parametrize("edition, path, ex_id", PLACEMENTS,
                         ids=[f"{e}-{x}" for e, _, x in PLACEMENTS])
def test_no_cell_above_an_exercise_gives_it_away(edition, path, ex_id):
    assert give_aways(path, ex_id) == []


@pytest.mark.parametrize("edition, path, ex_id", PLACEMENTS,
                         ids=[f"{e}-{x}" for e, _, x in PLACEMENTS])
def test_only_the_exercise_cell_binds_its_function(edition, path, ex_id):
    name = EXERCISES[ex_id].function
    nb = nbformat.read(path, as_version=4)
    others = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
              and "exercise" not in tags(c) and binds(c.source, name)]
    assert others == [], f"cells {others} bind {name}: the check would judge them instead"


def test_solution_lines_are_compared_loosely():
    source = ("def f(x, W, idx):\n    ### BEGIN SOLUTION\n    a = x @ W   # short\n"
              "    H = W.shape[1]\n    out, cache = np.tanh(x @ W + b), None\n"
              "    for t in range(x.shape[1]):\n        pass\n"
              "    return np.maximum(out, 0) * 2 + np.eye(H)[idx]\n    ### END SOLUTION\n")
    assert solution_lines(source) == ["np.tanh(x@W+b),None",
                                      "np.maximum(out,0)*2+np.eye(H)[idx]"]
