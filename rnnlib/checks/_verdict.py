"""The one verdict format of the course's exercise checks.

Every checker in :mod:`rnnlib.checks` runs the student's function through :func:`call_student`
and prints exactly one verdict with :func:`passed` or :func:`failed`. Verdicts contain only
rounded numbers, so a check cell prints the same text on every run and nbval can compare it.
"""
import numpy as np


class StudentError(Exception):
    """The student's code raised; carries the verdict text for it."""


def passed(exercise, message):
    """Print ``PASSED <exercise>: <message>``."""
    print(f"PASSED {exercise}: {message}")


def failed(exercise, message, hint=None):
    """Print ``FAILED <exercise>: <message>`` and, when given, an indented hint line."""
    print(f"FAILED {exercise}: {message}")
    if hint:
        print(f"  Hint: {hint}")


def call_student(fn, *args, **kwargs):
    """Call the student's ``fn``; turn any exception into :class:`StudentError`.

    Arguments are copied first, so a function that writes into its inputs cannot spoil the
    reference computed from them.
    """
    if not callable(fn):
        raise StudentError(f"expected a function, got {type(fn).__name__}")
    args = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # the student's bug is reported, never raised
        first_line = str(e).splitlines()[0] if str(e) else ""
        raise StudentError(f"your function raised {type(e).__name__}"
                           + (f": {first_line}" if first_line else "")) from None


def compare(exercise, name, got, expected, case, rtol=1e-6, atol=1e-8, hint=None):
    """Compare one array the student returned with the reference; print FAILED when it differs.

    Returns True when ``got`` matches ``expected`` (shape and values), False after printing a
    FAILED verdict that names ``name`` and the test ``case`` number.
    """
    got_arr = np.asarray(got) if not isinstance(got, np.ndarray) else got
    if got_arr.shape != np.shape(expected):
        failed(exercise, f"{name} has shape {tuple(got_arr.shape)} on test input {case}, "
                         f"expected {tuple(np.shape(expected))}.", hint)
        return False
    try:
        ok = np.allclose(got_arr.astype(float), expected, rtol=rtol, atol=atol)
    except (TypeError, ValueError):
        failed(exercise, f"{name} is not numeric on test input {case}.", hint)
        return False
    if not ok:
        diff = np.max(np.abs(got_arr.astype(float) - expected))
        failed(exercise, f"{name} is wrong on test input {case} "
                         f"(largest difference {diff:.1e}).", hint)
        return False
    return True
