"""Checkers of notebook 02: one RNN step, and the parameter count."""
import numpy as np

from ..params import rnn_param_count
from ..rnn import rnn_step_forward
from ._verdict import StudentError, call_student, compare, failed, passed


def _step_cases():
    """Seeded inputs of several shapes, the bias both as (H,) and as (1, H)."""
    rng = np.random.default_rng(20)
    cases = []
    for N, D, H, bias_row in [(2, 3, 4, False), (1, 2, 3, True), (5, 4, 2, False)]:
        cases.append((rng.normal(size=(N, D)), rng.normal(size=(N, H)),
                      rng.normal(size=(D, H)), rng.normal(size=(H, H)),
                      rng.normal(size=(1, H) if bias_row else (H,))))
    return cases


def _diagnose_step(out, x_t, h_prev, Wx, Wh, b):
    """A hint for the usual mistakes of one RNN step, or None."""
    if np.shape(out) == (x_t.shape[0], Wh.shape[0]):
        z = h_prev @ Wh + x_t @ Wx + b
        if np.allclose(out, z):
            return "you returned h_prev @ Wh + x_t @ Wx + b: apply np.tanh to it."
        if np.allclose(out, np.tanh(h_prev @ Wh + x_t @ Wx)):
            return "add the bias b before the tanh."
        if np.allclose(out, np.tanh(h_prev @ Wh.T + x_t @ Wx + b)):
            return "multiply by Wh, not Wh.T: the course uses row vectors, h_prev @ Wh."
        if np.allclose(out, np.tanh(x_t @ Wx + b)) or np.allclose(out, np.tanh(h_prev @ Wh + b)):
            return "both terms are needed: h_prev @ Wh and x_t @ Wx."
        if np.any(np.abs(out) > 1):
            return "a hidden state of a tanh RNN lies in (-1, 1); did you forget np.tanh?"
    return "compute np.tanh(h_prev @ Wh + x_t @ Wx + b); each product is (N, H)."


def check_rnn_step(rnn_step):
    """Check ``rnn_step(x_t, h_prev, Wx, Wh, b) -> h_next`` against rnnlib.rnn_step_forward."""
    name = "02_rnn_step"
    cases = _step_cases()
    try:
        for k, args in enumerate(cases, start=1):
            out = call_student(rnn_step, *args)
            expected, _ = rnn_step_forward(*args)
            if isinstance(out, tuple):
                failed(name, f"returned a tuple on test input {k}; return h_next only.",
                       "return the (N, H) array, not (h_next, cache).")
                return
            if not compare(name, "h_next", out, expected, k, hint=_diagnose_step(out, *args)):
                return
    except StudentError as e:
        failed(name, f"{e}.", "the function must work for any N, D, H and for b of shape "
                              "(H,) or (1, H).")
        return
    passed(name, f"matches rnnlib.rnn_step_forward on {len(cases)} test inputs.")


def check_param_count(param_count):
    """Check ``param_count(D, H) -> int`` against H*H + D*H + H."""
    name = "02_param_count"
    pairs = [(2, 3), (1, 3), (10, 32), (300, 128)]
    for D, H in pairs:
        try:
            got = call_student(param_count, D, H)
        except StudentError as e:
            failed(name, f"{e}.")
            return
        want = rnn_param_count(D, H)
        if got != want:
            hints = {H * H + D * H: "you forgot the bias b: it has H entries.",
                     D * H + H: "you forgot Wh, the H x H recurrent weights.",
                     H * H + H: "you forgot Wx, the D x H input weights.",
                     want + H: "that is PyTorch's count with two biases; count one bias of H."}
            failed(name, f"param_count({D}, {H}) returned {got!r}, expected {want}.",
                   hints.get(got, "add the sizes of Wh (H, H), Wx (D, H) and b (H,)."))
            return
    passed(name, f"correct for all {len(pairs)} (D, H) pairs.")
