"""What an exercise is, and how its verdict is reached: in class, and when grading.

An :class:`Exercise` names the student's function, draws test inputs (``cases``) from a seed,
and has a ``judge`` that turns what the function returned on them into a
:class:`~rnnlib.checks._verdict.Verdict`. In class, a check cell calls ``exercise.check(fn)``
(for example ``rnnlib.checks.check_rnn_step(rnn_step)``), which does everything in the
notebook's kernel with the exercise's fixed seed and prints the verdict.

When grading, the same steps are split across two processes, so that nothing a submission
does in its kernel (replacing a checker, ``print``, ``sys.stdout``, a NumPy function) can turn
wrong values into a pass::

    grader:  cases = exercise.cases(rng seeded at grading time)  -> save_cases(folder)
    kernel:  record(exercise_id, fn, folder)    the check cell, rewritten by the grader:
                                                calls fn on the cases, writes what it returned
    grader:  exercise.judge(cases, load_results(folder))          -> the verdict

What travels from the kernel is plain data: arrays in ``.npy`` files (``allow_pickle=False``,
never a pickle) and a JSON description of how they nest. In class the values take the same
way through :func:`encode` and :func:`decode` in memory, so the judge sees exactly what the
grader would see, and a verdict in class is the verdict the grader reaches.

Only the exercise cell is graded
--------------------------------
The grader puts the submission's exercise cells into the instructor's notebook: a helper
the student wrote in another cell, or a lesson cell the student changed, is not there. So
that a check in class says what the grader will say, both judge the function that the
exercise cell defines when it runs **on its own**, after the notebook's first cell
(``FIRST_CELL`` in :mod:`rnnlib.checks._cell`: ``np``, ``rnnlib``) and nothing else:

1. find the exercise cell's source: in IPython's input history, the last cell that binds the
   exercise's function name at its top level (``def rnn_step``, ``rnn_step = my_step``,
   an import as ``rnn_step``), so re-runs and cells run out of order count as they ran;
   when Jupyter sends cell ids, each cell counts by its latest run, and a cell whose latest
   run no longer binds the name is taken only when no other cell binds it (a typo in the
   ``def`` line: NameError, as graded);
2. in class, fail it if it refers to a library function the exercise asks for
   (:mod:`rnnlib.course.shortcuts`, the grader's own look, with the grader's reason);
3. run that source again in a fresh namespace holding only the first cell's imports, and
   judge the function it binds there. A helper defined in another cell then raises
   ``NameError`` in class exactly as it does when graded; an import of a module from the
   notebook's folder raises ``ModuleNotFoundError``, as in the grader's temporary folder.
   The cell's top-level code runs again (output hidden; NumPy's and ``random``'s global
   states put back afterwards, other side effects not).

The check cell in class and :func:`record` in the grader's kernel both do steps 1 and 3
(:func:`rnnlib.checks._cell.graded_function`); the grader does step 2 itself, on the
submitted cell. Outside
IPython (plain Python, the tests) there is no history: the function passed is judged as it is.
"""
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from ..language import say
from ._cell import exercise_cell_source, graded_function, run_alone
from ._verdict import TEXT, failed, raised, shortcut

MAX_ITEMS = 64                   # a returned tuple/list longer than this is not read
MAX_DEPTH = 3                    # nor one nested deeper
MAX_BYTES = 50_000_000           # nor an array (or a results folder) larger than this

LAST_VERDICTS = {}               # exercise id -> the verdict its check cell printed last


@dataclass(frozen=True)
class Raised:
    """The student's function raised an exception of type ``type``."""
    type: str
    message: str = ""

    def __str__(self):
        return self.type + (f": {self.message}" if self.message else "")


@dataclass(frozen=True)
class Unreadable:
    """A returned value that is not numbers, strings, None, or tuples and lists of them."""
    type: str

    def __repr__(self):
        return f"<a {self.type}>"


@dataclass
class Returned:
    """What the student's function did on one test input: a value, or an exception.

    ``not_a_function`` names the type of what was judged when it could not be called at all.
    """
    value: object = None
    raised: Raised = None
    warnings: list = field(default_factory=list)
    not_a_function: str = ""


@dataclass(frozen=True)
class Exercise:
    """One exercise of the course.

    Parameters
    ----------
    id : str
        ``"<notebook number>_<name>"``, as in the notebook's cell metadata.
    function : str
        The name of the student's function in the notebook (what the check cell passes).
    cases : callable
        ``cases(rng) -> list of argument tuples`` (arrays, ints, floats, strings, None).
    judge : callable
        ``judge(cases, results) -> Verdict``, with one :class:`Returned` per case.
    seed : int
        Seed of the cases in class; grading draws new ones.
    writes : dict
        The library functions the exercise asks the student to write, ``name -> what it is``
        (for example ``{"rnn_step_forward": "rnnlib.rnn_step_forward"}``). A graded exercise
        cell that refers to one of them fails (see :mod:`rnnlib.course.shortcuts`).
    n_args : int, optional
        How many leading values of each case the student's function receives; the rest are
        for the judge only (for example the bias a backward pass does not take). Default: all.
    """
    id: str
    function: str
    cases: Callable
    judge: Callable
    seed: int
    writes: dict = field(default_factory=dict)
    n_args: int = None

    def student_args(self, case):
        """The arguments the student's function receives from one case."""
        return tuple(case[:self.n_args])

    def make_cases(self, seed=None):
        """The argument tuples of the test inputs drawn from ``seed`` (default: the class's)."""
        return self.cases(np.random.default_rng(self.seed if seed is None else seed))

    def verdict(self, fn, seed=None):
        """Run ``fn`` on the cases (of ``seed``, default the exercise's) and judge it."""
        cases = self.make_cases(seed)
        return self.judge_results(cases, [transport(capture(fn, self.student_args(case)))
                                          for case in cases])

    def judge_results(self, cases, results):
        """The verdict on ``results``; a value the judge cannot read fails, never raises.

        Before the exercise's own judge, the mistakes every exercise shares are named here:
        a value where a function is asked, a function that returned None (no ``return``), a
        name the exercise cell does not define. A list returned where a tuple is asked
        is read as that tuple: ``np.split(W, [D])`` is as good as ``W[:D], W[D:]``.
        """
        results = [_as_tuple(r) for r in results]
        early = self.shared_mistake(results)
        if early is not None:
            return early
        try:
            return self.judge(cases, results)
        except Exception as e:            # an odd returned value, not a bug to show the class
            error = next((r.raised for r in results if r.raised is not None), None)
            if error is not None:         # a judge that forgot first_raised
                return raised(self.id, error)
            return failed(self.id, TEXT["unreadable"].format(type=type(e).__name__),
                          TEXT["unreadable_hint"])

    def shared_mistake(self, results):
        """The FAILED verdict for a mistake any exercise can make, or None."""
        for r in results:
            if r.not_a_function:
                return failed(self.id, TEXT["not_a_function"].format(
                    function=self.function, a_type=_a(r.not_a_function)),
                    TEXT["not_a_function_hint"].format(function=self.function))
        for r in results:
            if r.raised is not None and r.raised.type == "NameError":
                return raised(self.id, r.raised)
        if any(r.raised is not None for r in results):
            return None                   # the judge names the exception, with its own hint
        for k, r in enumerate(results, start=1):
            if r.value is None:
                return failed(self.id, TEXT["returned_none"].format(function=self.function,
                                                                     case=k),
                              TEXT["returned_none_hint"])
        return None

    def class_verdict(self, fn):
        """The verdict in class: the grader's rules (see the module's docstring), then judge."""
        source = exercise_cell_source(self.function)
        return self.verdict(fn) if source is None else self.cell_verdict(source)

    def cell_verdict(self, source):
        """The verdict on ``source`` as the exercise cell: its shortcuts, then its function
        run alone after the first cell."""
        from ..course.shortcuts import uses              # not at import: rnnlib.course imports us
        found = uses(source, self.writes)
        if found:
            return shortcut(self.id, found[0])
        return self.verdict(run_alone(source, self.function))

    def check(self, fn):
        """What a check cell calls: print the verdict on ``fn``; return nothing.

        In IPython the function judged is the one the exercise cell defines when it runs on
        its own, as the grader runs it (:meth:`class_verdict`), not ``fn`` itself.
        """
        verdict = self.class_verdict(fn)
        LAST_VERDICTS[self.id] = verdict
        print(verdict)


def _a(type_name):
    """'an int', 'a float'."""
    return ("an " if type_name[:1] in "aeiou" else "a ") + type_name


def _as_tuple(result):
    """The result with a returned list read as a tuple (only at the top)."""
    if isinstance(result.value, list):
        return Returned(tuple(result.value), result.raised, result.warnings,
                        result.not_a_function)
    return result


def check_cell(exercise_id, source):
    """Print what the check says of ``source`` as the exercise cell of ``exercise_id``, and
    the grader's status and reason for it (with the class's test inputs).

    For showing the rules (notebook 00); a check cell calls the exercise's own checker.

    >>> check_cell("02_param_count", "def param_count(D, H):\\n    return helper(D, H)")
    ... # doctest: +ELLIPSIS
    FAILED 02_param_count: your function raised NameError: name 'helper' is not defined.
      Hint: only the exercise cell is graded, ...
    Graded: failed, exception: NameError: name 'helper' is not defined. Hint: only the ...
    """
    from . import EXERCISES                   # not at import: the package imports this module
    from ..course.grade import verdict_reason  # the grade table's words, message and hint
    with np.errstate(all="ignore"):
        verdict = EXERCISES[exercise_id].cell_verdict(source)
    print(verdict)
    reason = verdict.grade_reason or verdict_reason(verdict)
    print(say("Graded: passed" if verdict.ok else f"Graded: failed, {reason}"))


# ---- calling the student's function, and the values it returns as plain data ---------------

def capture(fn, args):
    """Call ``fn(*args)`` on copies of the arguments; the outcome as plain data (JSON + arrays).

    Returns ``(description, arrays)``: a JSON-able dict and a dict name -> ndarray. Never
    raises because of the student's code; warnings (overflow and the like) are recorded.
    """
    if not callable(fn):
        return {"not_a_function": type(fn).__name__[:80]}, {}
    args = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            value = fn(*args)
        except Exception as e:                # the student's bug is reported, never raised
            message = str(e).splitlines()[0] if str(e) else ""
            return {"raised": {"type": type(e).__name__, "message": message[:200]}}, {}
    arrays = {}
    description = {"value": encode(value, arrays),
                   "warnings": [str(w.message)[:200] for w in caught[:5]]}
    return description, arrays


def encode(value, arrays, depth=0):
    """A JSON-able description of ``value``; its arrays go into ``arrays`` (name -> ndarray)."""
    if value is None:
        return {"kind": "none"}
    if isinstance(value, str):
        return {"kind": "str", "value": value[:200]}
    if isinstance(value, (bool, int, float, np.bool_, np.integer, np.floating)):
        key = f"a{len(arrays)}"
        arrays[key] = np.asarray(value)
        return {"kind": "scalar", "key": key, "python": type(value).__name__
                if type(value) in (bool, int, float) else ""}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf" or value.nbytes > MAX_BYTES:
            return {"kind": "unreadable", "type": f"array of dtype {value.dtype}"
                    if value.dtype.kind not in "biuf" else "array over 50 MB"}
        key = f"a{len(arrays)}"
        arrays[key] = value
        return {"kind": "array", "key": key}
    if isinstance(value, (tuple, list)) and len(value) <= MAX_ITEMS and depth < MAX_DEPTH:
        return {"kind": type(value).__name__,
                "items": [encode(v, arrays, depth + 1) for v in value]}
    return {"kind": "unreadable", "type": type(value).__name__}


def decode(description, arrays):
    """The value :func:`encode` described (raises ValueError on anything malformed)."""
    kind = description["kind"]
    if kind == "none":
        return None
    if kind == "str":
        return str(description["value"])
    if kind == "scalar":
        a = np.asarray(arrays[description["key"]])
        if a.shape != ():
            raise ValueError("a scalar must be a 0-d array")
        python = {"bool": bool, "int": int, "float": float}.get(description["python"])
        return python(a.item()) if python else a[()]
    if kind == "array":
        return np.asarray(arrays[description["key"]])
    if kind in ("tuple", "list"):
        items = [decode(d, arrays) for d in description["items"][:MAX_ITEMS]]
        return tuple(items) if kind == "tuple" else items
    if kind == "unreadable":
        return Unreadable(str(description["type"])[:80])
    raise ValueError(f"unknown kind {kind!r}")


def returned(description, arrays):
    """A :class:`Returned` from what :func:`capture` gave (raises ValueError if malformed)."""
    if "not_a_function" in description:
        return Returned(not_a_function=str(description["not_a_function"])[:80] or "value")
    if "raised" in description:
        r = description["raised"]
        return Returned(raised=Raised(str(r["type"])[:80], str(r.get("message", ""))[:200]))
    return Returned(value=decode(description["value"], arrays),
                    warnings=[str(w) for w in description.get("warnings", [])][:5])


def transport(captured):
    """In class: hand a captured outcome to the judge as the grader would receive it."""
    description, arrays = captured
    return returned(json.loads(json.dumps(description)), arrays)


# ---- the files that travel between the grader and the kernel --------------------------------

def save_cases(folder, exercise_id, cases):
    """Write the argument tuples ``cases`` for the kernel (grader side)."""
    folder = Path(folder)
    arrays = {}
    described = [[encode(a, arrays) for a in args] for args in cases]
    _write(folder, f"{exercise_id}.cases", described, arrays)


def record(exercise_id, fn, folder):
    """Call ``fn`` on the cases the grader wrote; write what it returned (kernel side).

    This is what a graded notebook's check cell runs instead of the checker. In IPython the
    function called is the one the exercise cell binds when run alone (:func:`graded_function`).
    """
    folder = Path(folder)
    from . import EXERCISES                   # not at import: the package imports this module
    if exercise_id in EXERCISES:              # the exercise cell alone, as in class
        fn = graded_function(EXERCISES[exercise_id].function, fn)
    described, arrays = _read(folder, f"{exercise_id}.cases")
    cases = [[decode(d, arrays) for d in args] for args in described]
    outcomes, all_arrays = [], {}
    for k, args in enumerate(cases):
        description, values = capture(fn, args)
        renamed = {f"c{k}_{name}": a for name, a in values.items()}
        _rename_keys(description, f"c{k}_")
        outcomes.append(description)
        all_arrays.update(renamed)
    _write(folder, f"{exercise_id}.results", outcomes, all_arrays)
    print(f"recorded what {getattr(fn, '__name__', 'the function')} returned on "
          f"{len(cases)} test inputs")


def load_results(folder, exercise_id):
    """The :class:`Returned` of every case, as the kernel recorded them (grader side).

    Raises ``ValueError`` when the files are missing, too large or malformed.
    """
    described, arrays = _read(Path(folder), f"{exercise_id}.results")
    if not isinstance(described, list):
        raise ValueError("the results are not a list")
    return [returned(d, arrays) for d in described]


def _rename_keys(description, prefix):
    if isinstance(description, dict):
        if "key" in description:
            description["key"] = prefix + description["key"]
        for v in description.values():
            _rename_keys(v, prefix)
    elif isinstance(description, list):
        for v in description:
            _rename_keys(v, prefix)


def _write(folder, stem, description, arrays):
    folder.mkdir(parents=True, exist_ok=True)
    arrays_dir = folder / f"{stem}.arrays"
    arrays_dir.mkdir(exist_ok=True)
    for name, a in arrays.items():
        np.save(arrays_dir / f"{name}.npy", np.asarray(a), allow_pickle=False)
    (folder / f"{stem}.json").write_text(json.dumps(description))


def _read(folder, stem):
    path, arrays_dir = folder / f"{stem}.json", folder / f"{stem}.arrays"
    if not path.is_file():
        raise ValueError("nothing was recorded")
    files = sorted(arrays_dir.glob("*.npy")) if arrays_dir.is_dir() else []
    if path.stat().st_size + sum(f.stat().st_size for f in files) > MAX_BYTES:
        raise ValueError("the recorded values are larger than 50 MB")
    description = json.loads(path.read_text())
    arrays = {f.stem: np.load(f, allow_pickle=False) for f in files}
    return description, arrays
