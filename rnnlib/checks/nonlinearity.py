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
    return passed(FROM_EXP, "right values from -1000 to 1000, and no overflow.")


def _derivative_cases(rng):
    """13 points of [-3, 3]: -3, 0, 3 and ten drawn."""
    return [(np.sort(np.concatenate([[-3.0, 0.0, 3.0], rng.uniform(-3, 3, size=10)])),)]


def _judge_derivative(cases, results):
    error = first_raised(DERIVATIVE, results)
    if error:
        return error
    (x,), out = cases[0], results[0].value
    eps = 1e-6
    numerical = (np.tanh(x + eps) - np.tanh(x - eps)) / (2 * eps)
    if isinstance(out, np.ndarray) and out.shape == x.shape and np.allclose(out, 1 - x ** 2):
        return failed(DERIVATIVE, "returned 1 - x², the derivative written with the output, "
                                  "at the input.",
                      "the derivative is 1 - tanh(x)²: apply np.tanh to x first.")
    wrong = compare(DERIVATIVE, "tanh'(x)", out, numerical, "x = -3 ... 3", rtol=1e-6,
                    atol=1e-8, hint="d/dx tanh(x) = 1 - tanh(x)².")
    if wrong:
        return wrong
    return passed(DERIVATIVE, "matches the numerical derivative at 13 points in [-3, 3].")


TANH_FROM_EXP = Exercise(FROM_EXP, "tanh_from_exp", _from_exp_cases, _judge_from_exp, seed=30,
                         writes={"tanh": "np.tanh", "sinh": "np.sinh", "cosh": "np.cosh"})
TANH_DERIVATIVE = Exercise(DERIVATIVE, "tanh_derivative", _derivative_cases, _judge_derivative,
                           seed=31, writes={"tanh_grad": "rnnlib.activations.tanh_grad"})


def check_tanh_from_exp(tanh_from_exp):
    """Check a tanh written with np.exp: right values, and no overflow at x = +-1000."""
    TANH_FROM_EXP.check(tanh_from_exp)


def check_tanh_derivative(tanh_derivative):
    """Check d/dx tanh(x) = 1 - tanh(x)^2 against a centred finite difference."""
    TANH_DERIVATIVE.check(tanh_derivative)
