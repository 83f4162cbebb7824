"""The one verdict format of the course's exercise checks.

A judge (see :mod:`rnnlib.checks._exercise`) returns one :class:`Verdict`, made with
:func:`passed`, :func:`failed`, :func:`raised` or :func:`compare`. Printed, it reads::

    PASSED 02_rnn_step: matches rnnlib.rnn_step_forward on 3 test inputs.
    FAILED 02_param_count: param_count(2, 3) returned 15, expected 18.
      Hint: you forgot the bias b: it has H entries.

Verdicts contain only rounded numbers, so a check cell prints the same text on every run and
nbval can compare it; the grader reads the same verdict's ``reason``.
"""
from dataclasses import dataclass

import numpy as np

from ..gradcheck import rel_error


@dataclass(frozen=True)
class Verdict:
    """The outcome of one exercise check."""
    exercise: str
    ok: bool
    message: str
    hint: str = ""
    exception: str = ""          # the type name, when the student's function raised

    def __str__(self):
        text = f"{'PASSED' if self.ok else 'FAILED'} {self.exercise}: {self.message}"
        return text + (f"\n  Hint: {self.hint}" if self.hint else "")

    @property
    def reason(self):
        """The grade table's reason: "" when passed."""
        if self.ok:
            return ""
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


def raised(exercise, error, hint=None):
    """The verdict for a student's function that raised ``error`` (a :class:`Raised`)."""
    return Verdict(exercise, False, f"your function raised {error}.", hint or "", error.type)


def compare(exercise, name, got, expected, case, rtol=1e-6, atol=1e-8, hint=None):
    """None when ``got`` matches ``expected`` (shape and values), else a FAILED verdict.

    The verdict names ``name`` and the test ``case``, with the largest difference rounded.
    """
    got_arr = got if isinstance(got, np.ndarray) else np.asarray(got, dtype=object)
    if got_arr.shape != np.shape(expected):
        return failed(exercise, f"{name} has shape {tuple(got_arr.shape)} on test input {case}, "
                                f"expected {tuple(np.shape(expected))}.", hint)
    try:
        values = got_arr.astype(float)
    except (TypeError, ValueError):
        return failed(exercise, f"{name} is not numeric on test input {case}.", hint)
    if not np.allclose(values, expected, rtol=rtol, atol=atol):
        with np.errstate(invalid="ignore"):
            diff = np.max(np.abs(values - expected))
        return failed(exercise, f"{name} is wrong on test input {case} "
                                f"(largest difference {diff:.1e}).", hint)
    return None


def compare_gradient(exercise, name, got, numeric, hint=None, shape_hint=None, case=None,
                     tol=1e-7):
    """None when ``got`` has the shape of the numerical gradient ``numeric`` and passes the
    gradient check (norm-wise relative error below ``tol``), else a FAILED verdict.

    ``hint`` may be a callable of nothing, worked out only when the check fails (it can then
    compare ``got`` with the usual mistakes); ``shape_hint`` is the hint for a wrong shape
    (default ``hint``); ``case`` names the test input in the message.
    """
    where = f" on test input {case}" if case is not None else ""
    if np.shape(got) != numeric.shape:
        hint = shape_hint if shape_hint is not None else hint
        return failed(exercise, f"{name} has shape {np.shape(got)}{where}, expected "
                                f"{numeric.shape}.", hint() if callable(hint) else hint)
    err = rel_error(numeric, np.asarray(got, dtype=float))
    if not err < tol:
        return failed(exercise, f"{name} fails the gradient check{where} (relative error "
                                f"{err:.0e}, needs < {tol:.0e}).",
                      hint() if callable(hint) else hint)
    return None
