"""Checkers of notebook 04: splitting the stacked W, and a stable softmax."""
import warnings

import numpy as np

from ..activations import softmax
from ._verdict import StudentError, call_student, compare, failed, passed


def check_split_w(split_w):
    """Check ``split_w(W, D) -> (Wx, Wh)`` for the row convention: W is (D + H, H)."""
    name = "04_split_w"
    rng = np.random.default_rng(40)
    cases = [(3, 2), (2, 3), (5, 4)]
    for k, (D, H) in enumerate(cases, start=1):
        W = rng.normal(size=(D + H, H))
        try:
            out = call_student(split_w, W, D)
        except StudentError as e:
            failed(name, f"{e}.")
            return
        if not isinstance(out, tuple) or len(out) != 2:
            failed(name, f"returned {type(out).__name__}, expected a tuple (Wx, Wh).",
                   "end with `return Wx, Wh`.")
            return
        Wx, Wh = out
        hint = "Wx is the top D rows of W, Wh the bottom H rows: W[:D] and W[D:]."
        if np.shape(Wx) == (H, D) or np.shape(Wh) == (H, D):
            hint = "you split along the wrong axis: in x W the rows of W meet x's entries."
        elif np.shape(Wx) == (H, H) and np.shape(Wh) == (D, H):
            hint = "the order is swapped: [x_t, h_{t-1}] puts x first, so Wx comes first."
        if not (compare(name, "Wx", Wx, W[:D], k, hint=hint)
                and compare(name, "Wh", Wh, W[D:], k, hint=hint)):
            return
    passed(name, f"splits W correctly for {len(cases)} (D, H) pairs.")


def check_softmax(my_softmax):
    """Check a softmax over the last axis: right values, rows sum to 1, stable at +-1000."""
    name = "04_softmax"
    cases = [np.array([[1.0, 2.0, 3.0]]), np.array([[0.5, -1.0], [2.0, 2.0]]),
             np.array([[1000.0, 999.0, -1000.0]])]
    for k, z in enumerate(cases, start=1):
        with warnings.catch_warnings(record=True) as caught, np.errstate(over="warn",
                                                                          invalid="warn"):
            warnings.simplefilter("always")
            try:
                out = call_student(my_softmax, z)
            except StudentError as e:
                failed(name, f"{e}.")
                return
        if caught or (np.shape(out) == z.shape and not np.all(np.isfinite(out))):
            failed(name, f"overflowed on test input {k} (scores up to 1000).",
                   "subtract each row's maximum before np.exp: it changes nothing else.")
            return
        hint = "divide e^z by the sum of e^z over the last axis (keepdims=True)."
        if np.shape(out) == z.shape and np.allclose(np.sum(out, axis=0), 1) and z.shape[0] > 1:
            hint = "normalise each row (axis=-1), not each column."
        if not compare(name, "softmax", out, softmax(z, axis=-1), k, hint=hint):
            return
    passed(name, f"right on {len(cases)} test inputs, scores of 1000 included.")
