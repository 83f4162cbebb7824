"""The check in class says what the grader will say, for every exercise of the course.

Every exercise (``rnnlib.checks.EXERCISES``, found in the course notebooks, never a hand
list) gets the same battery of submissions, made from its instructor solution: the solution;
the solution written differently (under another name, a list where a tuple is returned);
wrong values of the right shape (zeros); a function that raises; a shortcut calling a library
function the exercise asks for; a helper defined in another cell; wrong shapes; no return;
a value where a function is asked; a syntax error in the exercise cell; a ``%%time``
exercise cell (right, and with a helper from another cell); a copied exercise cell (a wrong
draft carrying the same exercise_id, pasted below the check, run before the original); a
``%time`` line using a helper from another cell; a ``%%timeit`` exercise cell; a helper
imported from a ``.py`` file of the student's own, written next to the class notebook.

In class: one kernel runs every exercise cell of the battery followed by the course's own
check cell, as a student would (the helper in its own cell before it), and keeps each
verdict. Graded: one notebook of all the exercise cells is the course, each battery kind is
one submission, graded by ``rnn-course grade`` two at a time; the test inputs are the class's
(``make_cases`` pinned to each exercise's own seed), so the two reasons can be compared word
for word. The two must agree on status and reason.
"""
import csv
import json
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from rnnlib.checks import EXERCISES
from rnnlib.checks._cell import FIRST_CELL, _Binds, _python
from rnnlib.checks._exercise import Exercise
from rnnlib.course import cli
from rnnlib.course.notebooks import course_notebooks, exercise_cells, exercise_id, tags

COURSE = Path(__file__).resolve().parents[1] / "notebooks"
TIMEOUT = 60

# What each kind of submission puts in the exercise cell, after the instructor's solution
# (which binds {f}); "{helper}" is a cell of its own before the exercise cell.
SHARED = '''
def _pieces(v, leaf):
    if isinstance(v, (tuple, list)):
        return type(v)(_pieces(x, leaf) for x in v)
    return leaf(v)
'''
WRAP = "\n_impl = {f}\ndel {f}\n\n\ndef {f}(*args):\n    out = _impl(*args)\n    return {ret}\n"
KINDS = {
    # kind: (passes?, source after the solution or None, helper cell or None)
    "right": (True, "", None),
    "renamed_list": (True, "\n_impl = {f}\ndel {f}\n\n\ndef _mine(*args):\n"
                           "    out = _impl(*args)\n"
                           "    return list(out) if isinstance(out, tuple) else out\n\n\n"
                           "{f} = _mine\n", None),
    "zeros": (False, SHARED + WRAP.format(f="{f}", ret="_pieces(out, lambda a: 0 * np.asarray("
                                                       "a, dtype=float) if np.ndim(a) else 0)"),
              None),
    "raises": (False, "\n\ndef {f}(*args):\n    raise ValueError('wrong on purpose')\n", None),
    "shortcut": (False, "\n_impl = {f}\n\n\ndef {f}(*args):\n    {w}\n    return _impl(*args)\n",
                 None),
    "helper_outside": (False, None, "\n_helper = {f}\ndel {f}\n"),
    "wrong_shapes": (False, SHARED + WRAP.format(f="{f}", ret="_pieces(out, lambda a: "
                                                             "np.asarray(a)[..., None])"), None),
    "no_return": (False, "\n_impl = {f}\ndel {f}\n\n\ndef {f}(*args):\n    _impl(*args)\n",
                  None),
    "not_a_function": (False, "\n{f} = 3\n", None),
    # the latest exercise cell has a syntax error: never an older version of it (W1)
    "syntax_error": (False, "\n\ndef {f}(*args):\n    return args)\n", None),
    # a %%time exercise cell is run alone like any other (W2)
    "time_magic": (True, "", None),
    "time_helper": (False, None, "\n_helper = {f}\ndel {f}\n"),
    # a copy of the exercise cell (same exercise_id), a wrong draft, below its check; in class
    # it ran before the exercise cell did: the grader takes the first, the check the last (W3)
    "copied": (True, "", None),
    # r2 review of 00: a %time line runs in the cell's namespace, not the kernel's (R3)
    "time_line_helper": (False, None, "\n_helper = {f}\ndel {f}\n"),
    # a %%timeit exercise cell binds nothing in the notebook: NameError, as graded (R3)
    "timeit_cell": (False, "", None),
    # a helper in a .py file of the student's own, next to the notebook (R2)
    "own_module": (False, None, None),
}
PREFIX = {"time_magic": "%%time\n", "time_helper": "%%time\n",
          "timeit_cell": "%%timeit -n1 -r1\n"}


# In the class kernel: keep every verdict a check cell prints (Exercise.check itself runs).
SPY = """from rnnlib.checks._exercise import LAST_VERDICTS as _LAST, Exercise as _Exercise
_seen, _check = [], _Exercise.check


def _spy(self, fn):
    _check(self, fn)
    v = _LAST[self.id]
    _seen.append((self.id, bool(v.ok), v.reason, str(v)))


_Exercise.check = _spy"""


def course_exercises():
    """(exercise id, instructor exercise cell, check cell) of every exercise, in course order."""
    found = []
    for path in course_notebooks(COURSE).values():
        nb = nbformat.read(path, as_version=4)
        for cell in exercise_cells(nb):
            ex_id = exercise_id(cell)
            check = next(c for c in nb.cells if "check" in tags(c) and exercise_id(c) == ex_id)
            found.append((ex_id, cell, check))
    return found


EXERCISE_CELLS = course_exercises()


def without_markers(source):
    """The solution as a student hands it in: without the instructor's SOLUTION markers (a
    submission still holding them is flagged as a copy of the instructor notebook)."""
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def submission(kind, ex_id, solution):
    """(helper cell source or None, exercise cell source) of one battery kind."""
    _, after, helper = KINDS[kind]
    exercise = EXERCISES[ex_id]
    f = exercise.function
    if kind == "own_module":        # the helper cell writes the module; the grader drops it
        return (f"import importlib, pathlib\npathlib.Path('_own_{f}.py').write_text("
                f"{FIRST_CELL!r} + {solution!r})\nimportlib.invalidate_caches()\n",
                f"from _own_{f} import {f} as _helper\n\n\n"
                f"def {f}(*args):\n    return _helper(*args)\n")
    if kind == "time_line_helper":
        return (solution + helper.format(f=f),
                f"%time _h = _helper\n\n\ndef {f}(*args):\n    return _h(*args)\n")
    if helper is not None:
        return (solution + helper.format(f=f),
                PREFIX.get(kind, "") + f"def {f}(*args):\n    return _helper(*args)\n")
    writes = list(exercise.writes.values())
    return None, PREFIX.get(kind, "") + solution + after.format(f=f, w=writes[0] if writes else "")


def draft(kind, ex_id, solution):
    """The wrong copy of the exercise cell that a "copied" submission also holds, or None."""
    return submission("zeros", ex_id, solution)[1] if kind == "copied" else None


def battery():
    """(kind, exercise id) pairs: every kind for every exercise (shortcuts where it has one)."""
    return [(kind, ex_id) for kind in KINDS for ex_id, _, _ in EXERCISE_CELLS
            if kind != "shortcut" or EXERCISES[ex_id].writes]


def first_cell():
    nb = nbformat.read(course_notebooks(COURSE)["00"], as_version=4)
    return next(c for c in nb.cells if c.cell_type == "code").source


def exercise_cell(source, ex_id, kind=None):
    extra = ["raises-exception"] if kind == "syntax_error" else []
    return new_code_cell(source, metadata={"tags": ["exercise"] + extra, "exercise_id": ex_id})


def check_cell(ex_id):
    return new_code_cell(next(c for i, _, c in EXERCISE_CELLS if i == ex_id).source,
                         metadata={"tags": ["check"], "exercise_id": ex_id})


@pytest.fixture(scope="module")
def in_class(tmp_path_factory):
    """{(kind, exercise id): (ok, reason, printed)} from the check cells, run in one kernel
    (in a folder of its own, where the "own_module" submissions write their modules)."""
    cells = [new_code_cell(first_cell()), new_code_cell(SPY)]
    solutions = {ex_id: without_markers(cell.source) for ex_id, cell, _ in EXERCISE_CELLS}
    order = []
    for kind, ex_id in battery():
        helper, source = submission(kind, ex_id, solutions[ex_id])
        if helper is not None:
            cells.append(new_code_cell(helper))
        if draft(kind, ex_id, solutions[ex_id]) is not None:      # run before the original
            cells.append(exercise_cell(draft(kind, ex_id, solutions[ex_id]), ex_id))
        cells += [exercise_cell(source, ex_id, kind), check_cell(ex_id)]
        order.append((kind, ex_id))
    cells.append(new_code_cell("import json\nprint(json.dumps(_seen))"))
    nb = new_notebook(cells=cells)
    folder = tmp_path_factory.mktemp("class")
    NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    seen = json.loads(nb.cells[-1].outputs[0]["text"])
    printed = ["".join(o.get("text", "") for o in c.outputs) for c in nb.cells
               if "check" in tags(c)]
    assert len(seen) == len(printed) == len(order)
    return {key: (ok, reason, text, out)
            for key, (ex_id, ok, reason, text), out in zip(order, seen, printed)}



@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """{(kind, exercise id): (status, reason)}: each kind one submission, graded."""
    course = tmp_path_factory.mktemp("course")
    subs = tmp_path_factory.mktemp("submissions")
    instructor = [new_code_cell(first_cell())]
    for ex_id, cell, check in EXERCISE_CELLS:
        instructor += [exercise_cell(cell.source, ex_id), check_cell(ex_id)]
    nbformat.write(new_notebook(cells=instructor), course / "00_battery.ipynb")
    solutions = {ex_id: without_markers(cell.source) for ex_id, cell, _ in EXERCISE_CELLS}
    for kind in KINDS:
        cells = [new_code_cell(first_cell())]
        for ex_id, _, _ in EXERCISE_CELLS:
            helper, source = submission(kind if (kind, ex_id) in battery() else "right", ex_id,
                                        solutions[ex_id])
            if helper is not None:
                cells.append(new_code_cell(helper))
            cells += [exercise_cell(source, ex_id), check_cell(ex_id)]
            if draft(kind, ex_id, solutions[ex_id]) is not None:   # pasted below the check
                cells.append(exercise_cell(draft(kind, ex_id, solutions[ex_id]), ex_id))
        nbformat.write(new_notebook(cells=cells), subs / f"00_{kind}.ipynb")
    csv_path = tmp_path_factory.mktemp("out") / "grades.csv"
    mp = pytest.MonkeyPatch()                       # the class's test inputs, for every seed
    mp.setattr(Exercise, "make_cases",
               lambda self, seed=None: self.cases(np.random.default_rng(self.seed)))
    try:
        status = cli.main(["grade", str(subs), "--jobs", "2", "--timeout", str(TIMEOUT),
                           "--csv", str(csv_path), "--course", str(course)])
    finally:
        mp.undo()
    assert status == 0
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {(Path(r["submission"]).stem[3:], r["exercise"]): (r["status"], r["reason"])
            for r in rows}


@pytest.mark.parametrize("kind, ex_id", battery(), ids=[f"{k}-{e}" for k, e in battery()])
def test_class_and_grader_agree(in_class, graded, kind, ex_id):
    ok, reason, text, printed = in_class[(kind, ex_id)]
    assert printed == text + "\n", "the check cell prints exactly its verdict"
    assert ok == KINDS[kind][0], text
    status, graded_reason = graded[(kind, ex_id)]
    # The grade table adds the hint the check prints on its second line ("Hint: ..."), and
    # flags nothing else for these submissions (they hold no SOLUTION markers).
    graded_reason, _, hint = graded_reason.partition(" Hint: ")
    # ... and, after an exception's type, its message ("exception: NameError: name ...").
    if reason.startswith("exception: ") and graded_reason.startswith(reason + ": "):
        graded_reason = reason
    assert (status, graded_reason) == ("passed" if ok else "failed", reason), text
    assert not hint or f"Hint: {hint}" in text, text


def test_every_exercise_is_in_the_battery():
    assert {ex_id for ex_id, _, _ in EXERCISE_CELLS} == set(EXERCISES)


def test_every_notebook_starts_with_the_first_cell_the_checks_assume():
    """An exercise cell is judged run alone after FIRST_CELL: every notebook's first cell
    binds those names and no others."""
    assert bound(FIRST_CELL) == {"np", "rnnlib", "use_course_style"}
    for path in course_notebooks(COURSE).values():
        first = next(c for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "code")
        assert bound(first.source) == bound(FIRST_CELL), path.name


def bound(source):
    import ast
    visitor = _Binds()
    visitor.visit(ast.parse(_python(source)))
    return visitor.names
