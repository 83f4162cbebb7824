"""Checkers of notebook 03: tanh from exponentials, and its derivative."""
import warnings

import numpy as np

from ._verdict import StudentError, call_student, compare, failed, passed

GRID = np.array([-1000.0, -30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0, 1000.0])


def _run_quietly(fn, x):
    """Call the student's fn, collecting overflow, invalid and divide warnings as messages.

    Underflow (e^-2000 becoming 0) is harmless and not reported.
    """
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
        warnings.simplefilter("always")
        out = call_student(fn, x)
    return out, [str(w.message) for w in caught]


def check_tanh_from_exp(tanh_from_exp):
    """Check a tanh written with np.exp: right values, and no overflow at x = +-1000."""
    name = "03_tanh_from_exp"
    try:
        out, warns = _run_quietly(tanh_from_exp, GRID.copy())
    except StudentError as e:
        failed(name, f"{e}.")
        return
    out = np.asarray(out, dtype=float) if np.size(out) == GRID.size else out
    if np.shape(out) == GRID.shape and np.any(~np.isfinite(out)):
        bad = GRID[~np.isfinite(out)]
        failed(name, f"returned NaN or infinity at x = {bad.tolist()}.",
               "e^1000 overflows. Use only e^(-2|x|), which lies in (0, 1]: "
               "tanh(x) = sign(x) (1 - e^(-2|x|)) / (1 + e^(-2|x|)).")
        return
    if not compare(name, "tanh(x)", out, np.tanh(GRID), "x = -1000 ... 1000",
                   hint="check the formula (e^x - e^-x) / (e^x + e^-x) at x = 2: 0.964."):
        return
    if warns:
        failed(name, f"right values, but NumPy warned: {warns[0]}.",
               "compute e^(-2|x|) only, so nothing overflows on the way to the answer.")
        return
    passed(name, "right values from -1000 to 1000, and no overflow.")


def check_tanh_derivative(tanh_derivative):
    """Check d/dx tanh(x) = 1 - tanh(x)^2 against a centred finite difference."""
    name = "03_tanh_derivative"
    x = np.linspace(-3, 3, 13)
    eps = 1e-6
    numerical = (np.tanh(x + eps) - np.tanh(x - eps)) / (2 * eps)
    try:
        out = call_student(tanh_derivative, x.copy())
    except StudentError as e:
        failed(name, f"{e}.")
        return
    if np.shape(out) == x.shape and np.allclose(out, 1 - x ** 2):
        failed(name, "returned 1 - x², the derivative written with the output, at the input.",
               "the derivative is 1 - tanh(x)²: apply np.tanh to x first.")
        return
    if not compare(name, "tanh'(x)", out, numerical, "x = -3 ... 3", rtol=1e-6, atol=1e-8,
                   hint="d/dx tanh(x) = 1 - tanh(x)²."):
        return
    passed(name, "matches the numerical derivative at 13 points in [-3, 3].")
