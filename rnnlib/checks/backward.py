"""Exercises of notebook 06: the gradient of the binary cross-entropy at the score, the
backward pass of one RNN step, and backpropagation through a whole sequence.

The gradients are judged two ways, as notebook 06 teaches: norm-wise (the relative error of
the whole array) and entry by entry (so that one wrong small entry cannot hide among large
right ones).
"""
import numpy as np

from ..activations import sigmoid
from ..gradcheck import max_rel_error, numerical_gradient_array, rel_error
from ..rnn import rnn_backward, rnn_forward, rnn_step_backward, rnn_step_forward
from ._exercise import Exercise
from ._verdict import compare, compare_gradient, failed, first_raised, must_return, passed

BCE, BACKWARD, SEQUENCE = "06_bce_logit_grad", "06_rnn_step_backward", "06_rnn_backward"
TOL = 1e-7
NAMES = ("dx_t", "dh_prev", "dWx", "dWh", "db")
HINTS = {
    "dx_t": "dL/dx_t = dL/da_t Wx^T, where dL/da_t = dL/dh_t * (1 - h_t^2).",
    "dh_prev": "dL/dh_{t-1} = dL/da_t Wh^T: the gradient flows back through Wh, transposed.",
    "dWx": "dL/dWx = x_t^T dL/da_t: (D, N) @ (N, H).",
    "dWh": "dL/dWh = h_{t-1}^T dL/da_t: (H, N) @ (N, H).",
    "db": "dL/db sums dL/da_t over the batch: the bias is shared by every row.",
}


def _entrywise_error(got, expected):
    """Largest entry-wise relative error, with a floor of 1e-8 times the largest entry."""
    floor = 1e-8 * max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
    return max_rel_error(np.asarray(got, dtype=float), expected, floor=floor)


def _passed_with_errors(exercise, n_cases, norm_errors, entry_errors):
    """The PASSED verdict of a gradient exercise, with the largest norm-wise error it measured
    against the numerical gradient (``entry_errors``, against the exact one, are all < TOL)."""
    return passed(exercise, f"all five gradients pass the gradient check on {n_cases} test "
                            f"inputs: largest relative error {max(norm_errors):.0e} norm-wise "
                            f"(needs < {TOL:.0e}), and every entry matches the exact gradient.")


def entrywise(exercise, name, got, expected, case, tol=TOL):
    """None when every entry of ``got`` matches ``expected`` (relative error below ``tol``
    entry by entry, with a floor of 1e-8 times the largest entry), else a FAILED verdict."""
    err = _entrywise_error(got, expected)
    if not err < tol:
        k = int(np.argmax(np.abs(np.asarray(got, dtype=float) - expected)))
        index = np.unravel_index(k, np.shape(expected))
        return failed(exercise, f"{name} is right norm-wise but wrong entry by entry on test "
                                f"input {case}: entry {tuple(int(i) for i in index)} has "
                                f"relative error {err:.0e}.",
                      "a wrong small entry hides in the norm: check every term of the formula.")
    return None


# ---- 1. the binary cross-entropy at the score ---------------------------------------------

def _bce_cases(rng):
    """(scores (N, 1), y (N,)): unsaturated scores, then saturated ones (|z| of 15 to 40)."""
    return [(rng.normal(size=(4, 1)), rng.integers(0, 2, size=4).astype(float)),
            (np.array([[40.0], [-40.0], [15.0], [-15.0], [0.0]]),
             np.array([0.0, 1.0, 1.0, 0.0, 1.0])),
            (rng.normal(scale=3.0, size=(3, 1)), np.array([1.0, 0.0, 1.0]))]


def _bce_hint(out, z, y):
    p, t, N = sigmoid(z), y.reshape(-1, 1), z.shape[0]
    if np.shape(out) == (N, N):
        return "y has shape (N,): reshape it to (N, 1) before subtracting, or broadcasting " \
               "makes an (N, N) array."
    if np.shape(out) != (N, 1):
        return "return an array of the shape of scores, (N, 1)."
    with np.errstate(all="ignore"):
        dLdp = (p - t) / (p * (1 - p)) / N
    for wrong, hint in [((p - t), "L is the mean over the N sentences: divide by N."),
                        ((t - p) / N, "the sign: L falls when z moves towards the label."),
                        (p * (1 - p) * (p - t) / N, "sigma'(z) = p(1 - p) cancels against the "
                                                    "1 / (p(1 - p)) of dL/dp: do not multiply "
                                                    "by it."),
                        (dLdp, "that is dL/dp; multiply it by dp/dz = p(1 - p).")]:
        with np.errstate(all="ignore"):
            if np.allclose(out, wrong, rtol=1e-6, atol=1e-12):
                return hint
    return "dL/dz_n = (p_n - y_n) / N with p_n = sigma(z_n)."


def _judge_bce(cases, results):
    error = first_raised(BCE, results, shape_hint="scores are (N, 1), y is (N,): reshape y "
                                                  "before subtracting.")
    if error:
        return error
    for k, ((z, y), r) in enumerate(zip(cases, results), start=1):
        expected = (sigmoid(z) - y.reshape(-1, 1)) / z.shape[0]
        wrong = compare(BCE, "dscores", r.value, expected, k, rtol=1e-7, atol=1e-12,
                        hint=_bce_hint(r.value, z, y))
        if wrong:
            return wrong
    return passed(BCE, f"right on {len(cases)} test inputs, saturated scores (|z| = 40) "
                       f"included.")


# ---- 2. one step ------------------------------------------------------------------------

def _step_cases(rng):
    """(dh_next, x_t, h_prev, Wx, Wh, h_next) for the student, then b for the gradient check.

    h_prev = tanh(...) lies in (-1, 1) like a real hidden state. Case 1 is unsaturated:
    weights of scale 0.25 and b of scale 0.1 (median slope 1 - h_t^2 of 0.74 at the class
    seed, 0.87 to 0.92 at seeds 1, 2, 3, 2024; at least 73 % of the slopes above 0.2 on each of
    seeds 0-299, as Exercise 2's text says). Case 2 is saturated: weights of scale 2 and b
    of scale 1 (47 % of the slopes below 0.1 at the class seed, 53 to 80 % at those seeds)."""
    cases = []
    for scale, b_scale in ((0.25, 0.1), (2.0, 1.0)):
        N, D, H = 3, 4, 5
        x_t, h_prev = rng.normal(size=(N, D)), np.tanh(rng.normal(size=(N, H)))
        Wx, Wh = rng.normal(scale=scale, size=(D, H)), rng.normal(scale=scale, size=(H, H))
        b = rng.normal(scale=b_scale, size=H)
        h_next, _ = rnn_step_forward(x_t, h_prev, Wx, Wh, b)
        cases.append((rng.normal(size=(N, H)), x_t, h_prev, Wx, Wh, h_next, b))
    return cases


def _step_hint(name, got, dh_next, Wx, h_prev, h_next):
    """The hint for a wrong gradient ``name`` of one step; dx_t is judged first, so the
    mistakes in dL/da_t are recognised there."""
    if name == "dx_t":
        for slope, hint in [(1, "you skipped tanh: multiply dL/dh_t by (1 - h_t^2) first."),
                            (1 - h_prev ** 2, "the slope is 1 - h_t^2 with h_t = h_next, the "
                                              "output of this step, not h_prev."),
                            (1 - np.tanh(h_next) ** 2, "h_next is already tanh(a_t): the slope "
                                                       "is 1 - h_next^2, do not apply tanh "
                                                       "again.")]:
            if np.shape(got) == np.shape(dh_next @ Wx.T) and \
                    np.allclose(got, (dh_next * slope) @ Wx.T):
                return hint
    return HINTS[name]


def _judge_step(cases, results):
    error = first_raised(BACKWARD, results, "start from the gradient through tanh: "
                                            "dL/da_t = dL/dh_t * (1 - h_t^2).")
    if error:
        return error
    norm_errors, entry_errors = [], []
    for k, ((dh_next, x_t, h_prev, Wx, Wh, h_next, b), r) in enumerate(zip(cases, results),
                                                                      start=1):
        out = r.value
        wrong = must_return(BACKWARD, out, NAMES, "gradients")
        if wrong:
            return wrong
        inputs = [x_t, h_prev, Wx, Wh, b]
        exact = rnn_step_backward(dh_next, (x_t, h_prev, Wx, Wh, b, h_next))
        for grad_name, got, value, reference in zip(NAMES, out, inputs, exact):
            numeric = numerical_gradient_array(lambda: rnn_step_forward(*inputs)[0], value,
                                               dh_next)

            def hint(grad_name=grad_name, got=got):
                return _step_hint(grad_name, got, dh_next, Wx, h_prev, h_next)
            wrong = (compare_gradient(BACKWARD, grad_name, got, numeric, hint, case=k,
                                      tol=TOL, sizes=dict(N=x_t.shape[0], D=x_t.shape[1],
                                                          H=h_prev.shape[1]))
                     or entrywise(BACKWARD, grad_name, got, reference, k))
            if wrong:
                return wrong
            norm_errors.append(rel_error(numeric, got))
            entry_errors.append(_entrywise_error(got, reference))
    return _passed_with_errors(BACKWARD, len(cases), norm_errors, entry_errors)


# ---- 3. the whole sequence ----------------------------------------------------------------

def _sequence_cases(rng):
    """(dh (N, T, H), X, h0, Wx, Wh, h) for the student, then b: an upstream gradient at every
    step; h0 = tanh(...) in (-1, 1); unsaturated (weights of scale 0.25, b of scale 0.1) and
    saturated (weights of scale 2, b of scale 1), T = 4 and T = 1."""
    cases = []
    for N, T, D, H, scale in [(2, 4, 3, 5, 0.25), (3, 4, 2, 3, 2.0), (2, 1, 3, 2, 0.25)]:
        X, h0 = rng.normal(size=(N, T, D)), np.tanh(rng.normal(size=(N, H)))
        Wx, Wh = rng.normal(scale=scale, size=(D, H)), rng.normal(scale=scale, size=(H, H))
        b = rng.normal(scale=0.1 if scale < 1 else 1.0, size=H)
        h, _ = rnn_forward(X, h0, Wx, Wh, b)
        cases.append((rng.normal(size=(N, T, H)), X, h0, Wx, Wh, h, b))
    return cases


def _sequence_hint(name, got, dh, X, h0, Wx, Wh, h, b):
    """Hints for the usual mistakes of BPTT (the shapes are right)."""
    last_only = dh.copy()
    last_only[:, :-1] = 0
    wrong_last = rnn_backward(last_only, (X, h0, Wx, Wh, b, h))
    no_carry = [rnn_step_backward(dh[:, t], (X[:, t], h0 if t == 0 else h[:, t - 1], Wx, Wh,
                                             b, h[:, t])) for t in range(X.shape[1])]
    if dh.shape[1] > 1 and np.allclose(got, wrong_last[NAMES_SEQ.index(name)]):
        return "every step has its own upstream gradient: add dh[:, t] to what flows back " \
               "from step t + 1."
    if name == "dX" and np.allclose(got, np.stack([g[0] for g in no_carry], axis=1)):
        return "the gradient reaching h_t is dh[:, t] plus dL/dh_t from step t + 1: carry it."
    if name == "dX" and np.allclose(got, _carry_after_tanh_dX(dh, Wx, Wh, h)):
        return "the carried gradient arrives at h_t, so it passes through tanh too: " \
               "dL/da_t = (dh[:, t] + carried) * (1 - h_t^2)."
    return {"dX": "dX[:, t] = dL/da_t Wx^T at every step.",
            "dh0": "dh0 is what flows back out of the first step: dL/da_1 Wh^T.",
            "dWx": "the weights are shared: add x_t^T dL/da_t over all steps.",
            "dWh": "add h_{t-1}^T dL/da_t over all steps, with h_0 for the first step.",
            "db": "add dL/da_t summed over the batch, over all steps."}[name]


NAMES_SEQ = ("dX", "dh0", "dWx", "dWh", "db")


def _carry_after_tanh_dX(dh, Wx, Wh, h):
    """dX of the usual mistake da_t = dh[:, t] * (1 - h_t^2) + carried (the carry skips tanh)."""
    dX, carried = [], np.zeros_like(h[:, 0])
    for t in reversed(range(h.shape[1])):
        da = dh[:, t] * (1 - h[:, t] ** 2) + carried
        dX.append(da @ Wx.T)
        carried = da @ Wh.T
    return np.stack(dX[::-1], axis=1)


def _judge_sequence(cases, results):
    error = first_raised(SEQUENCE, results, "loop t from T - 1 down to 0; the gradient reaching "
                                            "h_t is dh[:, t] plus what flows back from t + 1.")
    if error:
        return error
    norm_errors, entry_errors = [], []
    for k, ((dh, X, h0, Wx, Wh, h, b), r) in enumerate(zip(cases, results), start=1):
        out = r.value
        wrong = must_return(SEQUENCE, out, NAMES_SEQ, "gradients")
        if wrong:
            return wrong
        inputs = [X, h0, Wx, Wh, b]
        exact = rnn_backward(dh, (X, h0, Wx, Wh, b, h))
        for name, got, value, reference in zip(NAMES_SEQ, out, inputs, exact):
            numeric = numerical_gradient_array(lambda: rnn_forward(*inputs)[0], value, dh)

            def hint(name=name, got=got):
                return _sequence_hint(name, got, dh, X, h0, Wx, Wh, h, b)
            shape_hint = f"{name} has the shape of what it is the gradient of, " \
                         f"{np.shape(value)}."
            wrong = (compare_gradient(SEQUENCE, name, got, numeric, hint, shape_hint, case=k,
                                      tol=TOL)
                     or entrywise(SEQUENCE, name, got, reference, k))
            if wrong:
                return wrong
            norm_errors.append(rel_error(numeric, got))
            entry_errors.append(_entrywise_error(got, reference))
    return _passed_with_errors(SEQUENCE, len(cases), norm_errors, entry_errors)


_NO_BACKWARD = {"rnn_step_backward": "rnnlib.rnn_step_backward",
                "rnn_backward": "rnnlib.rnn_backward",
                "numerical_gradient": "rnnlib.gradcheck.numerical_gradient",
                "numerical_gradient_array": "rnnlib.gradcheck.numerical_gradient_array",
                "numerical_jacobian": "rnnlib.gradcheck.numerical_jacobian"}
BCE_LOGIT_GRAD = Exercise(BCE, "bce_logit_grad", _bce_cases, _judge_bce, seed=61,
                          writes={"binary_cross_entropy_with_logits":
                                  "rnnlib.losses.binary_cross_entropy_with_logits"})
RNN_STEP_BACKWARD = Exercise(BACKWARD, "rnn_step_backward_exercise", _step_cases, _judge_step,
                             seed=60, n_args=6, writes=_NO_BACKWARD)
RNN_BACKWARD = Exercise(SEQUENCE, "rnn_backward_exercise", _sequence_cases, _judge_sequence,
                        seed=62, n_args=6, writes=_NO_BACKWARD)


def check_bce_logit_grad(bce_logit_grad):
    """Check ``bce_logit_grad(scores (N, 1), y (N,)) -> dL/dscores (N, 1)`` = (p - y) / N."""
    BCE_LOGIT_GRAD.check(bce_logit_grad)


def check_rnn_step_backward(rnn_step_backward_exercise):
    """Grade ``f(dh_next, x_t, h_prev, Wx, Wh, h_next) -> (dx_t, dh_prev, dWx, dWh, db)``.

    Each returned gradient is compared with a centred finite difference of
    sum(rnn_step_forward(...) * dh_next) in float64 (norm-wise relative error below 1e-7),
    and entry by entry with the exact gradient.
    """
    RNN_STEP_BACKWARD.check(rnn_step_backward_exercise)


def check_rnn_backward(rnn_backward_exercise):
    """Grade ``f(dh, X, h0, Wx, Wh, h) -> (dX, dh0, dWx, dWh, db)``: BPTT over a sequence,
    with an upstream gradient dh[:, t] at every step, as :func:`check_rnn_step_backward`."""
    RNN_BACKWARD.check(rnn_backward_exercise)
