"""Checker of notebook 05: the many-to-one forward pass."""
import numpy as np

from ..rnn import rnn_forward
from ._verdict import StudentError, call_student, compare, failed, passed


def _cases():
    rng = np.random.default_rng(50)
    cases = []
    for N, T, D, H, O in [(3, 3, 2, 3, 1), (4, 5, 3, 2, 1), (2, 1, 2, 4, 1)]:
        cases.append((rng.normal(size=(N, T, D)), rng.normal(size=(D, H)),
                      rng.normal(size=(H, H)), rng.normal(size=(H,)),
                      rng.normal(size=(H, O)), rng.normal(size=(O,))))
    return cases


def _reference(X, Wx, Wh, b, Wy, by):
    h, _ = rnn_forward(X, np.zeros((X.shape[0], Wh.shape[0])), Wx, Wh, b)
    return h, h[:, -1] @ Wy + by


def check_many_to_one_forward(many_to_one_forward):
    """Check ``many_to_one_forward(X, Wx, Wh, b, Wy, by) -> scores (N, O)``."""
    name = "05_many_to_one_forward"
    cases = _cases()
    for k, args in enumerate(cases, start=1):
        X, Wx, Wh, b, Wy, by = args
        try:
            out = call_student(many_to_one_forward, *args)
        except StudentError as e:
            failed(name, f"{e}.", "loop over t = 0 .. T-1 with X[:, t], starting from "
                                  "h = np.zeros((N, H)).")
            return
        h, expected = _reference(*args)
        hint = "run the whole loop, then apply the output layer to the last h: h @ Wy + by."
        shape = np.shape(out)
        if shape == h.shape:
            hint = "many-to-one returns one score per sentence, from the LAST hidden state."
        elif shape == h[:, -1].shape:
            hint = "apply the output layer: scores = h_T @ Wy + by."
        elif shape == expected.shape:
            if np.allclose(out, h[:, 0] @ Wy + by):
                hint = "use the last hidden state h_T, not the first."
            elif np.allclose(out, h[:, -1] @ Wy):
                hint = "add the output bias by."
        if not compare(name, "scores", out, expected, k, hint=hint):
            return
    passed(name, f"matches rnn_forward + output layer on {len(cases)} test inputs.")
