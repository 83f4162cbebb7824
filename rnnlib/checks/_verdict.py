"""The one verdict format of the course's exercise checks.

A judge (see :mod:`rnnlib.checks._exercise`) returns one :class:`Verdict`, made with
:func:`passed`, :func:`failed`, :func:`raised` or :func:`compare`. Printed, it reads::

    PASSED 02_rnn_step: matches rnnlib.rnn_step_forward on 3 test inputs.
    FAILED 02_param_count: param_count(2, 3) returned 15, expected 18.
      Hint: you forgot the bias b: it has H entries.

In the Korean edition (:func:`rnnlib.language.korean`) a verdict prints in Korean, translated
from the English by the table ``rnnlib/ko/messages.md``. Verdicts contain only rounded numbers, so a check cell prints the same text on every run and
nbval can compare it; the grader reads the same verdict's ``reason``.
"""
from dataclasses import dataclass

import numpy as np

from ..gradcheck import rel_error
from ..language import korean, korean_verdict

ENTRY_FLOOR = 1.0      # an entry-wise error is measured against at least the largest entry

# Every text the shared helpers below put into a verdict, in one place (str.format fields).
TEXT = {
    "raised": "your function raised {error}.",
    "stub_hint": "replace the raise NotImplementedError line by your code.",
    "name_error_hint": "only the exercise cell is graded, run on its own after the first cell: "
                       "define every name it uses inside it (np and rnnlib are there), and "
                       "check the spelling.",
    "shortcut": "uses {what}, which this exercise does not allow",
    "shortcut_hint": "do without it, in NumPy: the grader fails an exercise cell that "
                     "refers to {what}.",
    "must_return": "must return {count} {what}: ({names}).",
    "must_return_hint": "end with `return {names}`.",
    "not_an_array": "{name} is not an array{where}.",
    "none": "{name} is None{where}: missing return?",
    "shape": "{name} has shape {got}{where}, expected {expected}.",
    "not_numeric": "{name} is not numeric{where}.",
    "wrong": "{name} is wrong{where} (largest difference {diff:.1e}).",
    "gradient": "{name} fails the gradient check{where} (relative error {err:.0e}, needs "
                "< {tol:.0e}).",
    "gradient_entry": "{name} fails the gradient check{where} at entry {index} (relative error "
                      "{entry:.0e} there, needs < {tol:.0e}; {err:.0e} over the whole array).",
    "on_case": " on test input {case}",
    # the mistakes every exercise can make, named before its judge runs (_exercise.py)
    "not_a_function": "{function} is {a_type}, not a function.",
    "not_a_function_hint": "the exercise cell must define it: def {function}(...): with a "
                           "return at the end.",
    "returned_none": "{function} returned None on test input {case}: missing return?",
    "returned_none_hint": "a function without a return statement returns None; end it with "
                          "return and the value the docstring asks for.",
    "unreadable": "returned something the check cannot read ({type}).",
    "unreadable_hint": "return exactly what the docstring of the exercise asks for.",
}
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


@dataclass(frozen=True)
class Verdict:
    """The outcome of one exercise check."""
    exercise: str
    ok: bool
    message: str
    hint: str = ""
    exception: str = ""          # the type name, when the student's function raised
    grade_reason: str = ""       # the grade table's reason, when it is not "wrong answer: ..."

    def __str__(self):
        if korean():                     # the Korean edition (rnnlib.language)
            return korean_verdict(self)
        text = f"{'PASSED' if self.ok else 'FAILED'} {self.exercise}: {self.message}"
        return text + (f"\n  Hint: {self.hint}" if self.hint else "")

    @property
    def reason(self):
        """The grade table's reason: "" when passed."""
        if self.ok:
            return ""
        if self.grade_reason:
            return self.grade_reason
        if self.exception == "NotImplementedError":
            return "not implemented"
        if self.exception:
            return f"exception: {self.exception}"
        return f"wrong answer: {self.message}"


def passed(exercise, message):
    """``PASSED <exercise>: <message>``."""
    return Verdict(exercise, True, message)


def failed(exercise, message, hint=None):
    """``FAILED <exercise>: <message>`` with an optional hint line."""
    return Verdict(exercise, False, message, hint or "")


STUB_HINT, NAME_ERROR_HINT = TEXT["stub_hint"], TEXT["name_error_hint"]
# Words of NumPy's (and rnnlib's) errors about shapes: "matmul: Input operand 1 has a mismatch
# in its core dimension", "operands could not be broadcast together with shapes", "shapes (2,3)
# and (4,5) not aligned", "index 3 is out of bounds for axis 1 with size 3", "too many indices".
SHAPE_WORDS = ("matmul", "broadcast", "shape", "align", "dimension", "reshape",
               "out of bounds", "too many indices")


def about_shapes(error):
    """Whether ``error`` (a :class:`~rnnlib.checks._exercise.Raised`) is about shapes: a
    ValueError or IndexError whose message speaks of them (a product or a broadcast that does
    not fit, an index past an axis), not one the student raised on purpose."""
    return (error.type in ("ValueError", "IndexError")
            and any(word in error.message.lower() for word in SHAPE_WORDS))


def raised(exercise, error, hint=None, shape_hint=None):
    """The verdict for a student's function that raised ``error`` (a :class:`Raised`).

    The same rule for every exercise: an untouched stub (``NotImplementedError``) gets
    :data:`STUB_HINT` and nothing about the topic; a ``NameError`` the hint of the rule it
    usually breaks (only the exercise cell is graded, run on its own after the notebook's first
    cell, see :mod:`._exercise`); an error about shapes (:func:`about_shapes`) gets
    ``shape_hint`` (a text, or a callable of ``error``), else ``hint``; any other exception
    gets ``hint`` only (a hint about the way to the answer, never one about shapes).
    """
    if error.type == "NotImplementedError":
        hint = STUB_HINT
    elif error.type == "NameError":
        hint = NAME_ERROR_HINT
    elif shape_hint is not None and about_shapes(error):
        hint = shape_hint(error) if callable(shape_hint) else shape_hint
    return Verdict(exercise, False, TEXT["raised"].format(error=error), hint or "", error.type)


def first_raised(exercise, results, hint=None, shape_hint=None):
    """The FAILED verdict (:func:`raised`) for the first case on which the function raised,
    or None. ``hint`` is for any exception, ``shape_hint`` only for one about shapes."""
    for r in results:
        if r.raised is not None:
            return raised(exercise, r.raised, hint, shape_hint)
    return None


def must_return(exercise, out, names, what="arrays"):
    """None when ``out`` is a tuple (or list) of ``len(names)`` values, else the FAILED
    verdict: "must return five gradients: (dx_t, dh_prev, dWx, dWh, db)."

    ``out`` is never None here: :meth:`Exercise.shared_mistake` names a missing return first.
    """
    if isinstance(out, (tuple, list)) and len(out) == len(names):
        return None
    listed = ", ".join(names)
    count = NUMBER_WORDS.get(len(names), str(len(names)))
    return failed(exercise, TEXT["must_return"].format(count=count, what=what, names=listed),
                  TEXT["must_return_hint"].format(names=listed))


def shortcut(exercise, what):
    """The verdict for an exercise cell that refers to ``what``, a function it asks for.

    Its reason is the grader's (:func:`rnnlib.course.grade._judge_one`), word for word.
    """
    reason = TEXT["shortcut"].format(what=what)
    return Verdict(exercise, False, reason + ".", TEXT["shortcut_hint"].format(what=what),
                   grade_reason=reason)


def shape_text(shape, sizes=None):
    """``(2, 4)``, or ``(N, H) = (2, 4)`` when every entry is exactly one of ``sizes``' values.

    ``sizes`` maps the symbols of a test input to their values, for example
    ``{"N": 2, "D": 3, "H": 4}``; with two symbols of one value the numbers stand alone.
    """
    shape = tuple(int(n) for n in shape)
    numbers = "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"
    if not sizes or not shape:
        return numbers
    symbols = []
    for n in shape:
        named = [s for s, v in sizes.items() if v == n]
        if len(named) != 1:
            return numbers
        symbols.append(named[0])
    return "(" + ", ".join(symbols) + ("," if len(shape) == 1 else "") + ") = " + numbers


def compare(exercise, name, got, expected, case, rtol=1e-6, atol=1e-8, hint=None, sizes=None):
    """None when ``got`` matches ``expected`` (shape and values), else a FAILED verdict.

    The verdict names ``name`` and the test ``case``, with the largest difference rounded;
    a wrong shape is written with the symbols of ``sizes`` (see :func:`shape_text`).
    """
    where = TEXT["on_case"].format(case=case)
    try:
        got_arr = got if isinstance(got, np.ndarray) else np.asarray(got, dtype=object)
    except ValueError:                    # ragged pieces: no shape at all
        return failed(exercise, TEXT["not_an_array"].format(name=name, where=where), hint)
    if got is None:
        return failed(exercise, TEXT["none"].format(name=name, where=where), hint)
    if got_arr.shape != np.shape(expected):
        return failed(exercise, TEXT["shape"].format(
            name=name, where=where, got=shape_text(got_arr.shape, sizes),
            expected=shape_text(np.shape(expected), sizes)), hint)
    try:
        values = got_arr.astype(float)
    except (TypeError, ValueError):
        return failed(exercise, TEXT["not_numeric"].format(name=name, where=where), hint)
    if not np.allclose(values, expected, rtol=rtol, atol=atol):
        with np.errstate(invalid="ignore"):
            diff = np.max(np.abs(values - expected))
        return failed(exercise, TEXT["wrong"].format(name=name, where=where, diff=diff), hint)
    return None


def _hint(hint):
    """``hint``, or what it works out when it is a callable (None if that fails)."""
    if not callable(hint):
        return hint
    try:
        return hint()
    except Exception:                      # a hint comparing with a wrongly shaped answer
        return None


def entry_error(got, numeric):
    """The largest entry-wise relative error, and where: ``(error, index)``.

    Entry i counts |got_i - numeric_i| / max(|got_i| + |numeric_i|, the largest |numeric|).
    One wrong entry is measured against the largest entry, not diluted by the size of the
    array as in a norm; the finite difference's round-off around a small entry (below 1e-8
    for every right answer on 100 seeds of each gradient exercise) is not mistaken for one.
    """
    got, numeric = np.asarray(got, dtype=float), np.asarray(numeric, dtype=float)
    if numeric.size == 0:
        return 0.0, ()
    floor = ENTRY_FLOOR * np.max(np.abs(numeric))
    scale = np.maximum(np.abs(got) + np.abs(numeric), floor)
    with np.errstate(invalid="ignore", divide="ignore"):
        errors = np.where(scale > 0, np.abs(got - numeric) / np.where(scale > 0, scale, 1),
                          np.abs(got - numeric))
    errors = np.where(np.isnan(errors), np.inf, errors)
    index = np.unravel_index(int(np.argmax(errors)), errors.shape)
    return float(errors[index]), tuple(int(i) for i in index)


def compare_gradient(exercise, name, got, numeric, hint=None, shape_hint=None, case=None,
                     tol=1e-7, sizes=None):
    """None when ``got`` has the shape of the numerical gradient ``numeric`` and passes the
    gradient check, else a FAILED verdict.

    The check is both norm-wise (:func:`rnnlib.gradcheck.rel_error` below ``tol``) and
    entry-wise (:func:`entry_error` below ``tol``): a norm hides one wrong small entry.
    ``hint`` may be a callable of nothing, worked out only when the check fails (it can then
    compare ``got`` with the usual mistakes); ``shape_hint`` is the hint for a wrong shape
    (default ``hint``); ``case`` names the test input in the message; ``sizes`` names the
    symbols of a wrong shape (see :func:`shape_text`).
    """
    where = TEXT["on_case"].format(case=case) if case is not None else ""
    if got is None:
        return failed(exercise, TEXT["none"].format(name=name, where=where), _hint(hint))
    if np.shape(got) != numeric.shape:
        hint = shape_hint if shape_hint is not None else hint
        return failed(exercise, TEXT["shape"].format(
            name=name, where=where, got=shape_text(np.shape(got), sizes),
            expected=shape_text(numeric.shape, sizes)), _hint(hint))
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return failed(exercise, TEXT["not_numeric"].format(name=name, where=where), _hint(hint))
    err = rel_error(numeric, values)
    if not err < tol:
        return failed(exercise, TEXT["gradient"].format(name=name, where=where, err=err,
                                                        tol=tol), _hint(hint))
    entry, index = entry_error(values, numeric)
    if not entry < tol:
        return failed(exercise, TEXT["gradient_entry"].format(
            name=name, where=where, index=list(index), entry=entry, tol=tol, err=err),
            _hint(hint))
    return None
