"""Exercises of notebook 03: tanh from exponentials, and its derivative."""
import numpy as np

from ._exercise import Exercise
from ._verdict import compare, failed, first_raised, passed

FROM_EXP, DERIVATIVE = "03_tanh_from_exp", "03_tanh_derivative"
# Where naive formulas break: e^(2x) overflows past x = 354.9, e^x past 709.8.
EDGES = np.array([-1000.0, -710.0, -709.0, -355.0, -354.0, 354.0, 355.0, 709.0, 710.0, 1000.0])


def _from_exp_cases(rng):
    """One dense grid: every 0.1 from -40 to 40 (tanh's bend and its approach to ±1, where a
    sign-only shortcut, or an input clipped at ±c with c below about 14, misses by more than
    1e-12: by 2e^(-2c), 4e-9 at c = 10), the overflow edges up to ±1000, and four points drawn
    in (-3, 3). A clip at ±c passes from c = 14.2 on (off by 2e^(-2c) < 1e-12), and from
    about |x| = 19.06 on it is exact: tanh rounds to ±1.0 there in float64."""
    return [(np.sort(np.concatenate([np.linspace(-40, 40, 801), EDGES,
                                     rng.uniform(-3, 3, size=4)])),)] + _other_shapes(rng)


def _other_shapes(rng):
    """A 2-D array (saturated and overflowing entries among them) and a single number: the
    function works elementwise on any shape, as np.tanh does."""
    grid = np.array([[-1000.0, -20.0, -3.0, -0.5], [0.0, 0.5, 3.0, 400.0]])
    return [(grid + np.array([[0.0, 0.0, rng.uniform(-0.5, 0.5), 0.0]] * 2),),
            (float(rng.uniform(-3, 3)),)]


ANY_SHAPE = ("it must work elementwise on an array of any shape and on a single number, as "
             "np.tanh does: use NumPy's elementwise operations on x as it is (no loop, no "
             "reshape).")


def _judge_other_shapes(exercise, name, cases, results, exact, atol):
    """The verdict on the 2-D array and the single number (cases 2 and 3), or None."""
    error = first_raised(exercise, results[1:], ANY_SHAPE)
    if error:
        return error
    for k, ((x,), r) in enumerate(zip(cases[1:], results[1:]), start=2):
        shape = np.shape(x)
        wrong = compare(exercise, name, r.value, exact(x), f"{k} (x of shape {shape})",
                        rtol=0, atol=atol, hint=ANY_SHAPE)
        if wrong:
            return wrong
    return None


def _judge_from_exp(cases, results):
    error = first_raised(FROM_EXP, results[:1])
    if error:
        return error
    (x,), r = cases[0], results[0]
    out = r.value
    if isinstance(out, np.ndarray) and out.shape == x.shape and np.any(~np.isfinite(out)):
        bad = x[~np.isfinite(out)]
        shown = bad.tolist() if bad.size <= 6 else bad[[0, 1, 2, -3, -2, -1]].tolist()
        return failed(FROM_EXP, f"returned NaN or infinity at x = {shown}.",
                      "e^(2x) overflows from x = 354.9 on (e^x from 709.8). Rewrite tanh so "
                      "that every "
                      "exponent you pass to np.exp is zero or negative, and use that tanh "
                      "is odd for the other sign.")
    # Absolute 1e-12 and nothing relative: tanh lies in (-1, 1), and a right formula is
    # within ~2e-16. 1e-12 rejects a clip at ±10 (off by 4e-9), which 1e-8 let through.
    hint = ("check your formula against np.tanh at x = 2 (0.964) and at x = 10 "
            "(1 - 4.1e-9): an input clipped at ±c is off by about 2e^(-2c) (4e-9 at "
            "c = 10), within 1e-12 only from c = 14.2 on, and exact from about "
            "|x| = 19 on, where tanh rounds to ±1.0 in float64.")
    try:
        off = np.abs(np.asarray(out, dtype=float) - np.tanh(x)) > 1e-12
        if np.shape(off) == x.shape and off.any() and not off[x >= 0].any():
            hint = ("right for x >= 0, wrong for negative x: tanh is odd, "
                    "tanh(-x) = -tanh(x); carry the sign of x into your answer.")
    except (TypeError, ValueError):
        pass
    wrong = compare(FROM_EXP, "tanh(x)", out, np.tanh(x), "x = -40, -39.9, ..., 40 and "
                    "±354 ... ±1000", rtol=0, atol=1e-12, hint=hint)
    if wrong:
        return wrong
    warned = next((w for w in (r.warnings for r in results) if w), None)
    if warned:
        return failed(FROM_EXP, f"right values, but NumPy warned: {warned[0]}.",
                      "an intermediate overflowed; choose exponents that are never positive, "
                      "so nothing overflows on the way to the answer.")
    wrong = _judge_other_shapes(FROM_EXP, "tanh(x)", cases, results, np.tanh, 1e-12)
    if wrong:
        return wrong
    return passed(FROM_EXP, "within 1e-12 of np.tanh at every 0.1 from -40 to 40 and at "
                            "±354 ... ±1000, also on a 2-D array and a single number, and "
                            "NumPy raised no warning.")


SATURATED = np.array([-20.0, -8.0, 8.0, 20.0])       # where tanh is flat: its slope near 0


def _derivative_cases(rng):
    """17 points: -3, 0, 3, the saturated ±8 and ±20, and ten drawn in [-3, 3]."""
    return [(np.sort(np.concatenate([[-3.0, 0.0, 3.0], SATURATED,
                                     rng.uniform(-3, 3, size=10)])),)] + _other_shapes(rng)


def _judge_derivative(cases, results):
    error = first_raised(DERIVATIVE, results[:1])
    if error:
        return error
    (x,), out = cases[0], results[0].value
    exact = 1 - np.tanh(x) ** 2
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
    wrong = _judge_other_shapes(DERIVATIVE, "tanh'(x)", cases, results,
                                lambda x: 1 - np.tanh(x) ** 2, 1e-15)
    if wrong:
        return wrong
    return passed(DERIVATIVE, "exact at 17 points from -20 to 20, saturated ones included, "
                              "and on a 2-D array and a single number.")


# What each exercise cell may not refer to (rnnlib.course.shortcuts): the functions it asks
# for, library functions that already hold the answer (tanh x = 2 sigmoid(2x) - 1, and
# tanh'(x) = 4 sigmoid'(2x); scipy's expit only in Exercise 1: in Exercise 2 a derivative
# written with a sigmoid is derived, as the text allows), tan of an imaginary number, a complex step, and ways to hide
# an overflow (np.errstate, np.seterr, np.nan_to_num, warning filters).
LIBRARY = {"activations": "rnnlib.activations", "tanh_grad": "rnnlib.activations.tanh_grad",
           "tanh_grad_from_output": "rnnlib.activations.tanh_grad_from_output",
           "sigmoid": "rnnlib.activations.sigmoid",
           "sigmoid_grad": "rnnlib.activations.sigmoid_grad",
           "sigmoid_grad_from_output": "rnnlib.activations.sigmoid_grad_from_output",
           "softmax": "softmax", "expit": "scipy.special.expit"}
TANH_FROM_EXP = Exercise(FROM_EXP, "tanh_from_exp", _from_exp_cases, _judge_from_exp, seed=30,
                         writes={**LIBRARY, "tanh": "np.tanh", "sinh": "np.sinh",
                                 "cosh": "np.cosh", "tan": "np.tan", "errstate": "np.errstate",
                                 "seterr": "np.seterr",
                                 "nan_to_num": "np.nan_to_num",
                                 "filterwarnings": "warnings.filterwarnings",
                                 "simplefilter": "warnings.simplefilter",
                                 "catch_warnings": "warnings.catch_warnings"})
TANH_DERIVATIVE = Exercise(DERIVATIVE, "tanh_derivative", _derivative_cases, _judge_derivative,
                           seed=31, writes={**{k: v for k, v in LIBRARY.items() if k != "expit"},
                                            "imag": ".imag (a complex step)"})


def check_tanh_from_exp(tanh_from_exp):
    """Check a tanh written with np.exp: right values, and no overflow at x = +-1000."""
    TANH_FROM_EXP.check(tanh_from_exp)


def check_tanh_derivative(tanh_derivative):
    """Check d/dx tanh(x) against the exact 1 - tanh(x)^2, saturated inputs included."""
    TANH_DERIVATIVE.check(tanh_derivative)
