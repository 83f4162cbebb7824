"""Exercises of notebook 03: tanh from exponentials, and its derivative."""
import numpy as np

from ._exercise import Exercise, first_raised
from ._verdict import compare, failed, passed

FROM_EXP, DERIVATIVE = "03_tanh_from_exp", "03_tanh_derivative"
EDGES = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])   # where a naive formula overflows


def _from_exp_cases(rng):
    """One grid: the edges ±1000, ±30 and 0, and ordinary values drawn in (-3, 3)."""
    return [(np.sort(np.concatenate([EDGES, rng.uniform(-3, 3, size=4)])),)]


def _judge_from_exp(cases, results):
    error = first_raised(FROM_EXP, results)
    if error:
        return error
    (x,), r = cases[0], results[0]
    out = r.value
    if isinstance(out, np.ndarray) and out.shape == x.shape and np.any(~np.isfinite(out)):
        bad = x[~np.isfinite(out)]
        return failed(FROM_EXP, f"returned NaN or infinity at x = {bad.tolist()}.",
                      "e^1000 overflows. Use only e^(-2|x|), which lies in (0, 1]: "
                      "tanh(x) = sign(x) (1 - e^(-2|x|)) / (1 + e^(-2|x|)).")
    wrong = compare(FROM_EXP, "tanh(x)", out, np.tanh(x), "x = -1000 ... 1000",
                    hint="check the formula (e^x - e^-x) / (e^x + e^-x) at x = 2: 0.964.")
    if wrong:
        return wrong
    if r.warnings:
        return failed(FROM_EXP, f"right values, but NumPy warned: {r.warnings[0]}.",
                      "compute e^(-2|x|) only, so nothing overflows on the way to the answer.")
    return passed(FROM_EXP, "within 1e-8 of np.tanh from -1000 to 1000, and no overflow.")


SATURATED = np.array([-20.0, -8.0, 8.0, 20.0])       # where tanh is flat: its slope near 0


def _derivative_cases(rng):
    """17 points: -3, 0, 3, the saturated ±8 and ±20, and ten drawn in [-3, 3]."""
    return [(np.sort(np.concatenate([[-3.0, 0.0, 3.0], SATURATED,
                                     rng.uniform(-3, 3, size=10)])),)]


def _judge_derivative(cases, results):
    error = first_raised(DERIVATIVE, results)
    if error:
        return error
    (x,), out = cases[0], results[0].value
    exact = 1 - np.tanh(x) ** 2
    if out is None:
        return failed(DERIVATIVE, "returned None: missing return?",
                      "return an array of the shape of x.")
    if isinstance(out, np.ndarray) and out.shape == x.shape:
        if np.allclose(out, 1 - x ** 2):
            return failed(DERIVATIVE, "returned 1 - x², the derivative written with the "
                                      "output, at the input.",
                          "the formula in tanh x must be applied to tanh(x), not to x.")
        if np.allclose(out, np.tanh(x) ** 2):
            return failed(DERIVATIVE, "returned tanh(x)², which is 0 at x = 0 where tanh "
                                      "is steepest.",
                          "check the quotient rule's numerator, cosh·cosh - sinh·sinh, and "
                          "divide it by cosh².")
    # An exact formula agrees to ~1e-16 (atol covers 1 - tanh² near ±20, where it is 0);
    # a finite difference misses by 3e-11 or more: it measures, it does not derive.
    wrong = compare(DERIVATIVE, "tanh'(x)", out, exact, "x = -20 ... 20", rtol=1e-11,
                    atol=1e-15, hint="differentiate sinh x / cosh x with the quotient rule "
                                     "and use cosh² - sinh² = 1; a finite difference is not "
                                     "exact enough.")
    if wrong:
        return wrong
    return passed(DERIVATIVE, "exact at 17 points from -20 to 20, saturated ones included.")


TANH_FROM_EXP = Exercise(FROM_EXP, "tanh_from_exp", _from_exp_cases, _judge_from_exp, seed=30,
                         writes={"tanh": "np.tanh", "sinh": "np.sinh", "cosh": "np.cosh"})
TANH_DERIVATIVE = Exercise(DERIVATIVE, "tanh_derivative", _derivative_cases, _judge_derivative,
                           seed=31, writes={"tanh_grad": "rnnlib.activations.tanh_grad"})


def check_tanh_from_exp(tanh_from_exp):
    """Check a tanh written with np.exp: right values, and no overflow at x = +-1000."""
    TANH_FROM_EXP.check(tanh_from_exp)


def check_tanh_derivative(tanh_derivative):
    """Check d/dx tanh(x) against the exact 1 - tanh(x)^2, saturated inputs included."""
    TANH_DERIVATIVE.check(tanh_derivative)
