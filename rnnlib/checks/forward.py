"""Exercise of notebook 05: the many-to-one forward pass."""
import numpy as np

from ..rnn import rnn_forward
from ._exercise import Exercise
from ._verdict import compare, first_raised, passed

FORWARD = "05_many_to_one_forward"


def _cases(rng):
    """(X, Wx, Wh, b, Wy, by) for three (N, T, D, H, O)."""
    cases = []
    for N, T, D, H, O in [(3, 3, 2, 3, 1), (4, 5, 3, 2, 1), (2, 1, 2, 4, 1)]:
        cases.append((rng.normal(size=(N, T, D)), rng.normal(size=(D, H)),
                      rng.normal(size=(H, H)), rng.normal(size=(H,)),
                      rng.normal(size=(H, O)), rng.normal(size=(O,))))
    return cases


def _hint(out, X, Wx, Wh, b, Wy, by):
    """A hint for the usual mistakes of the many-to-one forward pass."""
    h, _ = rnn_forward(X, np.zeros((X.shape[0], Wh.shape[0])), Wx, Wh, b)
    shape = np.shape(out)
    if shape == (X.shape[0], Wy.shape[1]) and isinstance(out, np.ndarray):
        linear = np.zeros((X.shape[0], Wh.shape[0]))
        for t in range(X.shape[1]):
            linear = linear @ Wh + X[:, t] @ Wx + b
        if np.allclose(out, linear @ Wy + by):
            return "apply np.tanh at every step: h_t = tanh(h_{t-1} Wh + x_t Wx + b)."
    if shape == h.shape:
        return "many-to-one returns one score per sentence, from the LAST hidden state."
    if shape == h[:, -1].shape:
        return "apply the output layer: scores = h_T @ Wy + by."
    if shape == (X.shape[0],) and Wy.shape[1] == 1:
        return "return shape (N, O), here (N, 1): do not ravel or squeeze the scores."
    if shape == (X.shape[0], Wy.shape[1]) and isinstance(out, np.ndarray):
        if np.allclose(out, h[:, 0] @ Wy + by):
            return "use the last hidden state h_T, not the first."
        if np.allclose(out, h[:, -1] @ Wy):
            return "add the output bias by."
        if np.allclose(out, 1 / (1 + np.exp(-(h[:, -1] @ Wy + by)))):
            return "return the score z = h_T @ Wy + by itself, not the probability sigmoid(z)."
        if X.shape[1] >= 2 and np.allclose(out, h[:, -2] @ Wy + by):
            return "the loop stops one word early: run t = 0 .. T-1, all T words."
        for variant, hint in [
                (lambda h_prev, x_t: np.tanh(h_prev @ Wh.T + x_t @ Wx + b),
                 "multiply h_{t-1} @ Wh as it is: in the row form Wh needs no transpose."),
                (lambda h_prev, x_t: np.tanh(h_prev @ Wh + x_t @ Wx) + b,
                 "add b inside the tanh: h_t = tanh(h_{t-1} Wh + x_t Wx + b).")]:
            h_v = np.zeros((X.shape[0], Wh.shape[0]))
            for t in range(X.shape[1]):
                h_v = variant(h_v, X[:, t])
            if np.allclose(out, h_v @ Wy + by):
                return hint
    return "run the whole loop, then apply the output layer to the last h: h @ Wy + by."


def _judge(cases, results):
    error = first_raised(FORWARD, results, "loop over t = 0 .. T-1 with X[:, t], starting "
                                           "from h = np.zeros((N, H)).")
    if error:
        return error
    for k, (args, r) in enumerate(zip(cases, results), start=1):
        X, Wx, Wh, b, Wy, by = args
        h, _ = rnn_forward(X, np.zeros((X.shape[0], Wh.shape[0])), Wx, Wh, b)
        wrong = compare(FORWARD, "scores", r.value, h[:, -1] @ Wy + by, k,
                        hint=_hint(r.value, *args))
        if wrong:
            return wrong
    return passed(FORWARD, f"matches rnn_forward + output layer on {len(cases)} test inputs.")


MANY_TO_ONE_FORWARD = Exercise(FORWARD, "many_to_one_forward", _cases, _judge, seed=50,
                               writes={"rnn_forward": "rnnlib.rnn_forward",
                                       "rnn_step_forward": "rnnlib.rnn_step_forward",
                                       "ManyToOne": "rnnlib.ManyToOne"})


def check_many_to_one_forward(many_to_one_forward):
    """Check ``many_to_one_forward(X, Wx, Wh, b, Wy, by) -> scores (N, O)``."""
    MANY_TO_ONE_FORWARD.check(many_to_one_forward)
