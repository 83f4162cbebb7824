"""Exercises of notebook 02: one RNN step, and the parameter count."""
import numpy as np

from ..params import rnn_param_count
from ..rnn import rnn_step_forward
from ._exercise import Exercise, first_raised
from ._verdict import compare, failed, passed

STEP, COUNT = "02_rnn_step", "02_param_count"


def _step_cases(rng):
    """Inputs of several shapes, the bias both as (H,) and as (1, H)."""
    cases = []
    for N, D, H, bias_row in [(2, 3, 4, False), (1, 2, 3, True), (5, 4, 2, False)]:
        cases.append((rng.normal(size=(N, D)), rng.normal(size=(N, H)),
                      rng.normal(size=(D, H)), rng.normal(size=(H, H)),
                      rng.normal(size=(1, H) if bias_row else (H,))))
    return cases


def _diagnose_step(out, x_t, h_prev, Wx, Wh, b):
    """A hint for the usual mistakes of one RNN step."""
    if isinstance(out, np.ndarray) and out.shape == (x_t.shape[0], Wh.shape[0]):
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


def _judge_step(cases, results):
    error = first_raised(STEP, results, "the function must work for any N, D, H and for b "
                                        "of shape (H,) or (1, H).")
    if error:
        return error
    for k, (args, r) in enumerate(zip(cases, results), start=1):
        if isinstance(r.value, tuple):
            return failed(STEP, f"returned a tuple on test input {k}; return h_next only.",
                          "return the (N, H) array, not (h_next, cache).")
        expected, _ = rnn_step_forward(*args)
        wrong = compare(STEP, "h_next", r.value, expected, k, hint=_diagnose_step(r.value, *args),
                        sizes=dict(N=args[0].shape[0], D=args[0].shape[1], H=args[3].shape[0]))
        if wrong:
            return wrong
    return passed(STEP, f"matches rnnlib.rnn_step_forward on {len(cases)} test inputs.")


def _count_cases(rng):
    """(D, H) pairs: the course's 3-unit layer (D = 2, H = 3) first, then three drawn."""
    return [(2, 3)] + [(int(rng.integers(1, 400)), int(rng.integers(2, 300))) for _ in range(3)]


def _judge_count(cases, results):
    error = first_raised(COUNT, results)
    if error:
        return error
    for (D, H), r in zip(cases, results):
        got, want = r.value, rnn_param_count(D, H)
        if not isinstance(got, (int, np.integer)) or got != want:
            hints = {H * H + D * H: "you forgot the bias b: it has H entries.",
                     D * H + H: "you forgot Wh, the H x H recurrent weights.",
                     H * H + H: "you forgot Wx, the D x H input weights.",
                     want + H: "that is PyTorch's count with two biases; count one bias of H."}
            hint = hints.get(got, "add the sizes of Wh (H, H), Wx (D, H) and b (H,).") \
                if isinstance(got, (int, np.integer)) else "return one integer."
            return failed(COUNT, f"param_count({D}, {H}) returned {got!r}, expected {want}.",
                          hint)
    return passed(COUNT, f"correct for all {len(cases)} (D, H) pairs.")


RNN_STEP = Exercise(STEP, "rnn_step", _step_cases, _judge_step, seed=20,
                    writes={"rnn_step_forward": "rnnlib.rnn_step_forward",
                            "rnn_forward": "rnnlib.rnn_forward"})
PARAM_COUNT = Exercise(COUNT, "param_count", _count_cases, _judge_count, seed=0,
                       writes={"rnn_param_count": "rnnlib.params.rnn_param_count",
                               "lstm_param_count": "rnnlib.params.lstm_param_count"})


def check_rnn_step(rnn_step):
    """Check ``rnn_step(x_t, h_prev, Wx, Wh, b) -> h_next`` against rnnlib.rnn_step_forward."""
    RNN_STEP.check(rnn_step)


def check_param_count(param_count):
    """Check ``param_count(D, H) -> int`` against H*H + D*H + H."""
    PARAM_COUNT.check(param_count)
