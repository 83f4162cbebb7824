"""Exercise of notebook 06: the backward pass of one RNN step, graded by a gradient check."""
import numpy as np

from ..gradcheck import numerical_gradient_array
from ..rnn import rnn_step_forward
from ._exercise import Exercise, first_raised
from ._verdict import compare_gradient, failed, passed

BACKWARD = "06_rnn_step_backward"
TOL = 1e-7
NAMES = ("dx_t", "dh_prev", "dWx", "dWh", "db")
HINTS = {
    "dx_t": "dx_t = da @ Wx.T, where da = dh_next * (1 - h_next**2).",
    "dh_prev": "dh_prev = da @ Wh.T: the gradient flows back through Wh, transposed.",
    "dWx": "dWx = x_t.T @ da: (D, N) @ (N, H).",
    "dWh": "dWh = h_prev.T @ da: (H, N) @ (N, H).",
    "db": "db = da.sum(axis=0): the bias is shared by every row of the batch.",
}


def _cases(rng):
    """(dh_next, x_t, h_prev, Wx, Wh, h_next) for the student, then b for the gradient check."""
    N, D, H = 3, 4, 5
    x_t, h_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    Wx, Wh = rng.normal(scale=0.5, size=(D, H)), rng.normal(scale=0.5, size=(H, H))
    b = rng.normal(size=H)
    h_next, _ = rnn_step_forward(x_t, h_prev, Wx, Wh, b)
    dh_next = rng.normal(size=(N, H))
    return [(dh_next, x_t, h_prev, Wx, Wh, h_next, b)]


def _judge(cases, results):
    error = first_raised(BACKWARD, results, "start with da = dh_next * (1 - h_next**2), the "
                                            "gradient through tanh.")
    if error:
        return error
    (dh_next, x_t, h_prev, Wx, Wh, _, b), out = cases[0], results[0].value
    if not isinstance(out, tuple) or len(out) != 5:
        return failed(BACKWARD, "must return five gradients: (dx_t, dh_prev, dWx, dWh, db).",
                      "end with `return dx_t, dh_prev, dWx, dWh, db`.")
    inputs = [x_t, h_prev, Wx, Wh, b]
    for grad_name, got, value in zip(NAMES, out, inputs):
        numeric = numerical_gradient_array(lambda: rnn_step_forward(*inputs)[0], value, dh_next)

        def hint():
            if grad_name == "dx_t" and np.allclose(got, dh_next @ Wx.T):
                return "you skipped tanh: multiply dh_next by (1 - h_next**2) first."
            return HINTS[grad_name]
        wrong = compare_gradient(BACKWARD, grad_name, got, numeric, hint, tol=TOL, sizes=dict(
            N=x_t.shape[0], D=x_t.shape[1], H=h_prev.shape[1]))
        if wrong:
            return wrong
    return passed(BACKWARD, f"all five gradients pass the gradient check (relative error "
                            f"< {TOL:.0e}).")


RNN_STEP_BACKWARD = Exercise(
    BACKWARD, "rnn_step_backward_exercise", _cases, _judge, seed=60, n_args=6,
    writes={"rnn_step_backward": "rnnlib.rnn_step_backward",
            "rnn_backward": "rnnlib.rnn_backward",
            "numerical_gradient": "rnnlib.gradcheck.numerical_gradient",
            "numerical_gradient_array": "rnnlib.gradcheck.numerical_gradient_array"})


def check_rnn_step_backward(rnn_step_backward_exercise):
    """Grade ``f(dh_next, x_t, h_prev, Wx, Wh, h_next) -> (dx_t, dh_prev, dWx, dWh, db)``.

    Each returned gradient is compared with a centred finite difference of
    sum(rnn_step_forward(...) * dh_next) in float64; relative error below 1e-7 passes.
    """
    RNN_STEP_BACKWARD.check(rnn_step_backward_exercise)
