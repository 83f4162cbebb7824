"""Checker of notebook 06: the backward pass of one RNN step, graded by a gradient check."""
import numpy as np

from ..gradcheck import numerical_gradient_array, rel_error
from ..rnn import rnn_step_forward
from ._verdict import StudentError, call_student, failed, passed

NAMES = ("dx_t", "dh_prev", "dWx", "dWh", "db")
HINTS = {
    "dx_t": "dx_t = da @ Wx.T, where da = dh_next * (1 - h_next**2).",
    "dh_prev": "dh_prev = da @ Wh.T: the gradient flows back through Wh, transposed.",
    "dWx": "dWx = x_t.T @ da: (D, N) @ (N, H).",
    "dWh": "dWh = h_prev.T @ da: (H, N) @ (N, H).",
    "db": "db = da.sum(axis=0): the bias is shared by every row of the batch.",
}


def check_rnn_step_backward(rnn_step_backward_exercise, tol=1e-7):
    """Grade ``f(dh_next, x_t, h_prev, Wx, Wh, h_next) -> (dx_t, dh_prev, dWx, dWh, db)``.

    Each returned gradient is compared with a centred finite difference of
    sum(rnn_step_forward(...) * dh_next) in float64; relative error below ``tol`` passes.
    """
    name = "06_rnn_step_backward"
    rng = np.random.default_rng(60)
    N, D, H = 3, 4, 5
    x_t, h_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    Wx, Wh = rng.normal(scale=0.5, size=(D, H)), rng.normal(scale=0.5, size=(H, H))
    b = rng.normal(size=H)
    inputs = [x_t, h_prev, Wx, Wh, b]
    h_next, _ = rnn_step_forward(*inputs)
    dh_next = rng.normal(size=(N, H))
    try:
        out = call_student(rnn_step_backward_exercise, dh_next, x_t, h_prev, Wx, Wh, h_next)
    except StudentError as e:
        failed(name, f"{e}.", "start with da = dh_next * (1 - h_next**2), the gradient "
                              "through tanh.")
        return
    if not isinstance(out, tuple) or len(out) != 5:
        failed(name, "must return five gradients: (dx_t, dh_prev, dWx, dWh, db).")
        return
    worst = 0.0
    for grad_name, got, value in zip(NAMES, out, inputs):
        numeric = numerical_gradient_array(lambda: rnn_step_forward(*inputs)[0], value, dh_next)
        if np.shape(got) != numeric.shape:
            failed(name, f"{grad_name} has shape {np.shape(got)}, expected {numeric.shape}.",
                   HINTS[grad_name])
            return
        err = rel_error(numeric, got)
        if not err < tol:
            hint = HINTS[grad_name]
            tanh_free = dh_next
            if grad_name == "dx_t" and np.allclose(got, tanh_free @ Wx.T):
                hint = "you skipped tanh: multiply dh_next by (1 - h_next**2) first."
            failed(name, f"{grad_name} fails the gradient check "
                         f"(relative error {err:.0e}, needs < {tol:.0e}).", hint)
            return
        worst = max(worst, err)
    passed(name, f"all five gradients pass the gradient check (relative error < {tol:.0e}).")
