"""Exercises of notebook 04: splitting the stacked W, and a stable softmax."""
import numpy as np

from ..activations import softmax
from ._exercise import Exercise, first_raised
from ._verdict import compare, failed, passed

SPLIT, SOFTMAX = "04_split_w", "04_softmax"


def _split_cases(rng):
    """(W (D + H, H), D) for three (D, H) pairs, D != H so that a swap shows."""
    return [(rng.normal(size=(D + H, H)), D) for D, H in [(3, 2), (2, 3), (5, 4)]]


def _judge_split(cases, results):
    error = first_raised(SPLIT, results)
    if error:
        return error
    for k, ((W, D), r) in enumerate(zip(cases, results), start=1):
        H = W.shape[1]
        if not isinstance(r.value, tuple) or len(r.value) != 2:
            return failed(SPLIT, f"returned {type(r.value).__name__}, expected a tuple "
                                 f"(Wx, Wh).", "end with `return Wx, Wh`.")
        Wx, Wh = r.value
        hint = "Wx is the top D rows of W, Wh the bottom H rows: W[:D] and W[D:]."
        if np.shape(Wx) == (H, D) or np.shape(Wh) == (H, D):
            hint = "you split along the wrong axis: in x W the rows of W meet x's entries."
        elif np.shape(Wx) == (H, H) and np.shape(Wh) == (D, H):
            hint = "the order is swapped: [x_t, h_{t-1}] puts x first, so Wx comes first."
        wrong = (compare(SPLIT, "Wx", Wx, W[:D], k, hint=hint)
                 or compare(SPLIT, "Wh", Wh, W[D:], k, hint=hint))
        if wrong:
            return wrong
    return passed(SPLIT, f"splits W correctly for {len(cases)} (D, H) pairs.")


def _softmax_cases(rng):
    """Scores (N, C): two drawn rows, a small row, and scores near 1000 (overflow if naive)."""
    top = float(rng.integers(900, 1100))
    return [(np.round(rng.normal(size=(2, 4)), 2),), (np.array([[1.0, 2.0, 3.0]]),),
            (np.array([[top, top - 1, -top]]),)]


def _judge_softmax(cases, results):
    error = first_raised(SOFTMAX, results)
    if error:
        return error
    for k, ((z,), r) in enumerate(zip(cases, results), start=1):
        out = r.value
        shaped = isinstance(out, np.ndarray) and out.shape == z.shape
        if r.warnings or (shaped and not np.all(np.isfinite(out))):
            return failed(SOFTMAX, f"overflowed on test input {k} (scores up to 1000).",
                          "subtract each row's maximum before np.exp: it changes nothing else.")
        hint = "divide e^z by the sum of e^z over the last axis (keepdims=True)."
        if shaped and np.allclose(np.sum(out, axis=0), 1) and z.shape[0] > 1:
            hint = "normalise each row (axis=-1), not each column."
        wrong = compare(SOFTMAX, "softmax", out, softmax(z, axis=-1), k, hint=hint)
        if wrong:
            return wrong
    return passed(SOFTMAX, f"right on {len(cases)} test inputs, scores of 1000 included.")


SPLIT_W = Exercise(SPLIT, "split_w", _split_cases, _judge_split, seed=40)
SOFTMAX_EXERCISE = Exercise(SOFTMAX, "my_softmax", _softmax_cases, _judge_softmax, seed=41,
                            writes={"softmax": "rnnlib.activations.softmax"})


def check_split_w(split_w):
    """Check ``split_w(W, D) -> (Wx, Wh)`` for the row convention: W is (D + H, H)."""
    SPLIT_W.check(split_w)


def check_softmax(my_softmax):
    """Check a softmax over the last axis: right values, rows sum to 1, stable at +-1000."""
    SOFTMAX_EXERCISE.check(my_softmax)
