"""Exercises of notebook 07: one LSTM step, forward and backward."""
import numpy as np

from ..activations import sigmoid
from ..gradcheck import numerical_gradient
from ..lstm import lstm_step_forward
from ._exercise import Exercise, first_raised
from ._verdict import compare, compare_gradient, failed, passed

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
        for h_v, _, h_hint in _variants(*args):
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


# ---- the backward pass of one LSTM step, graded by a gradient check -------------------------

BACKWARD = "07_lstm_step_backward"
TOL = 1e-7
NAMES = ("dx_t", "dh_prev", "dc_prev", "dWx", "dWh", "db")


def _backward_cases(rng):
    """(dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b): upstream gradients, then inputs."""
    N, D, H = 3, 4, 2
    return [(rng.normal(size=(N, H)), rng.normal(size=(N, H)), rng.normal(size=(N, D)),
             rng.normal(size=(N, H)), rng.normal(size=(N, H)),
             rng.normal(scale=0.5, size=(D, 4 * H)), rng.normal(scale=0.5, size=(H, 4 * H)),
             rng.normal(size=(4 * H,)))]


def _backward_variants(dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b):
    """The gradients of the usual mistakes, each with its hint."""
    H = h_prev.shape[1]
    a = x_t @ Wx + h_prev @ Wh + b
    i, f, o = (sigmoid(a[:, k * H:(k + 1) * H]) for k in (0, 1, 3))
    g = np.tanh(a[:, 2 * H:3 * H])
    tanh_c = np.tanh(f * c_prev + i * g)

    def grads(dc, order=(0, 1, 2, 3), f_on_dc=True):
        parts = [dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g),
                 dh_next * tanh_c * o * (1 - o)]
        da = np.concatenate([parts[k] for k in order], axis=1)
        return (da @ Wx.T, da @ Wh.T, dc * f if f_on_dc else dc, x_t.T @ da, h_prev.T @ da,
                da.sum(axis=0))

    dc = dc_next + dh_next * o * (1 - tanh_c ** 2)
    return [(grads(dc_next + dh_next * o), "the path through h_t passes tanh: "
             "dc = dc_next + dh_next * o * (1 - tanh(c_next)**2)."),
             (grads(dc, f_on_dc=False), "c_next = f * c_prev + ...: multiply dc by f to get "
              "dc_prev."),
             (grads(dc, order=(1, 0, 2, 3)), "put the four blocks of da in the order i, f, g, o."),
             (grads(dc, order=(0, 1, 3, 2)), "put the four blocks of da in the order i, f, g, o."),
             (grads(dc_next), "c_t also reaches the loss through h_t = o * tanh(c_t): add "
              "dh_next * o * (1 - tanh(c_next)**2) to dc_next.")]


def _judge_backward(cases, results):
    error = first_raised(BACKWARD, results, "recompute the forward step first (a, then i, f, "
                                            "g, o, c_next), then go backwards.")
    if error:
        return error
    case, out = cases[0], results[0].value
    dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b = case
    if not isinstance(out, tuple) or len(out) != 6:
        return failed(BACKWARD, "must return six gradients: (dx_t, dh_prev, dc_prev, dWx, "
                                "dWh, db).", "end with `return dx_t, dh_prev, dc_prev, dWx, "
                                             "dWh, db`.")
    inputs = [x_t, h_prev, c_prev, Wx, Wh, b]

    def loss():
        h_next, c_next, _ = lstm_step_forward(*inputs)
        return float(np.sum(h_next * dh_next) + np.sum(c_next * dc_next))

    for k, (grad_name, got, value) in enumerate(zip(NAMES, out, inputs)):
        numeric = numerical_gradient(loss, value)

        def hint():
            for variant, variant_hint in _backward_variants(*case):
                if np.shape(variant[k]) == np.shape(got) and np.allclose(variant[k], got):
                    return variant_hint
            return "dc = dc_next + dh_next * o * (1 - tanh(c_next)**2); then da, block by block."
        wrong = compare_gradient(BACKWARD, grad_name, got, numeric, hint, tol=TOL,
                                 shape_hint=f"{grad_name} has the shape of {grad_name[1:]}.")
        if wrong:
            return wrong
    return passed(BACKWARD, f"all six gradients pass the gradient check (relative error "
                            f"< {TOL:.0e}).")


LSTM_STEP_BACKWARD = Exercise(
    BACKWARD, "lstm_step_backward_exercise", _backward_cases, _judge_backward, seed=71,
    writes={"lstm_step_backward": "rnnlib.lstm_step_backward",
            "lstm_backward": "rnnlib.lstm_backward",
            "_gate_grads": "rnnlib.lstm._gate_grads",
            "numerical_gradient": "rnnlib.gradcheck.numerical_gradient",
            "numerical_gradient_array": "rnnlib.gradcheck.numerical_gradient_array"})


def check_lstm_step_backward(lstm_step_backward_exercise):
    """Grade ``f(dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b)
    -> (dx_t, dh_prev, dc_prev, dWx, dWh, db)`` with a gradient check in float64.

    The loss is sum(h_next * dh_next) + sum(c_next * dc_next); each returned gradient is
    compared with a centred finite difference; relative error below 1e-7 passes.
    """
    LSTM_STEP_BACKWARD.check(lstm_step_backward_exercise)
