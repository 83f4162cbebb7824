"""Exercises of notebook 07: one LSTM step."""
import numpy as np

from ..activations import sigmoid
from ..lstm import lstm_step_forward
from ._exercise import Exercise, first_raised
from ._verdict import compare, failed, passed

STEP = "07_lstm_step"


def _step_cases(rng):
    """(x_t, h_prev, c_prev, Wx, Wh, b) for three (N, D, H)."""
    cases = []
    for N, D, H in [(2, 3, 4), (1, 2, 1), (3, 4, 2)]:
        cases.append((rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H)),
                      rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)),
                      rng.normal(size=(4 * H,))))
    return cases


def _variants(x_t, h_prev, c_prev, Wx, Wh, b):
    """(h, c) of the usual mistakes, with their hints."""
    H = h_prev.shape[1]
    a = x_t @ Wx + h_prev @ Wh + b
    blocks = [a[:, k * H:(k + 1) * H] for k in range(4)]
    out = []
    for order, hint in [((0, 1, 3, 2), "the gate order is i, f, g, o: g is the third block."),
                        ((1, 0, 2, 3), "the gate order is i, f, g, o: i comes first."),
                        ((2, 1, 0, 3), "the gate order is i, f, g, o.")]:
        i, f, g, o = (blocks[k] for k in order)
        c = sigmoid(f) * c_prev + sigmoid(i) * np.tanh(g)
        out.append((sigmoid(o) * np.tanh(c), c, hint))
    i, f, g, o = sigmoid(blocks[0]), sigmoid(blocks[1]), blocks[2], sigmoid(blocks[3])
    c = f * c_prev + i * sigmoid(g)
    out.append((o * np.tanh(c), c, "the candidate g uses tanh, not sigmoid."))
    c = f * c_prev + i * np.tanh(g)
    out.append((o * c, c, "h_next = o * tanh(c_next): apply tanh to the cell state."))
    return out


def _judge_step(cases, results):
    error = first_raised(STEP, results, "a = x_t @ Wx + h_prev @ Wh + b, then split a into "
                                        "four blocks of H columns: i, f, g, o.")
    if error:
        return error
    for k, (args, r) in enumerate(zip(cases, results), start=1):
        out = r.value
        if not isinstance(out, tuple) or len(out) != 2:
            return failed(STEP, "must return a tuple (h_next, c_next).",
                          "end with `return h_next, c_next`.")
        h_next, c_next, _ = lstm_step_forward(*args)
        hint = "c_next = f * c_prev + i * g; h_next = o * tanh(c_next)."
        for h_v, c_v, h_hint in _variants(*args):
            if (isinstance(out[0], np.ndarray) and out[0].shape == h_v.shape
                    and np.allclose(out[0], h_v) and not np.allclose(out[0], h_next)):
                hint = h_hint
        wrong = (compare(STEP, "c_next", out[1], c_next, k, hint=hint)
                 or compare(STEP, "h_next", out[0], h_next, k, hint=hint))
        if wrong:
            return wrong
    return passed(STEP, f"matches rnnlib.lstm_step_forward on {len(cases)} test inputs.")


LSTM_STEP = Exercise(STEP, "lstm_step", _step_cases, _judge_step, seed=70,
                     writes={"lstm_step_forward": "rnnlib.lstm_step_forward",
                             "lstm_forward": "rnnlib.lstm_forward"})


def check_lstm_step(lstm_step):
    """Check ``lstm_step(x_t, h_prev, c_prev, Wx, Wh, b) -> (h_next, c_next)``."""
    LSTM_STEP.check(lstm_step)
