"""Checker of notebook 07: one LSTM step."""
import numpy as np

from ..activations import sigmoid
from ..lstm import lstm_step_forward
from ._verdict import StudentError, call_student, compare, failed, passed


def _cases():
    rng = np.random.default_rng(70)
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


def check_lstm_step(lstm_step):
    """Check ``lstm_step(x_t, h_prev, c_prev, Wx, Wh, b) -> (h_next, c_next)``."""
    name = "07_lstm_step"
    cases = _cases()
    for k, args in enumerate(cases, start=1):
        try:
            out = call_student(lstm_step, *args)
        except StudentError as e:
            failed(name, f"{e}.", "a = x_t @ Wx + h_prev @ Wh + b, then split a into four "
                                  "blocks of H columns: i, f, g, o.")
            return
        if not isinstance(out, tuple) or len(out) != 2:
            failed(name, "must return a tuple (h_next, c_next).")
            return
        h_next, c_next, _ = lstm_step_forward(*args)
        hint = "c_next = f * c_prev + i * g; h_next = o * tanh(c_next)."
        for h_v, c_v, h_hint in _variants(*args):
            if (np.shape(out[0]) == h_v.shape and np.allclose(out[0], h_v)
                    and not np.allclose(out[0], h_next)):
                hint = h_hint
        if not (compare(name, "c_next", out[1], c_next, k, hint=hint)
                and compare(name, "h_next", out[0], h_next, k, hint=hint)):
            return
    passed(name, f"matches rnnlib.lstm_step_forward on {len(cases)} test inputs.")
