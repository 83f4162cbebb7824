"""Exercises of notebook 02: one RNN step, the parameter count, a whole sequence."""
import numpy as np

from ..params import rnn_param_count
from ..rnn import rnn_forward, rnn_step_forward
from ._exercise import Exercise
from ._verdict import compare, failed, first_raised, passed

STEP, COUNT, FORWARD = "02_rnn_step", "02_param_count", "02_rnn_forward"


def _step_cases(rng):
    """Inputs of several shapes, the bias both as (H,) and as (1, H)."""
    cases = []
    for N, D, H, bias_row in [(2, 3, 4, False), (1, 2, 3, True), (5, 4, 2, False)]:
        cases.append((rng.normal(size=(N, D)), rng.normal(size=(N, H)),
                      rng.normal(size=(D, H)), rng.normal(size=(H, H)),
                      rng.normal(size=(1, H) if bias_row else (H,))))
    return cases


def _diagnose_step(out, x_t, h_prev, Wx, Wh, b):
    """A hint for the usual mistakes of one RNN step: a specific one only when the answer is
    exactly that mistake; otherwise a pointer to the formula, never the solution line."""
    if isinstance(out, np.ndarray) and out.shape == (x_t.shape[0], Wh.shape[0]):
        z = h_prev @ Wh + x_t @ Wx + b
        if np.allclose(out, z):
            return "you returned h_prev @ Wh + x_t @ Wx + b: apply np.tanh to it."
        if np.allclose(out, np.tanh(h_prev @ Wh + x_t @ Wx)):
            return "add the bias b before the tanh."
        if np.allclose(out, np.tanh(h_prev @ Wh + x_t @ Wx) + b):
            return "add b inside the tanh, before it squashes: the bias is part of its input."
        if np.allclose(out, np.tanh(h_prev @ Wh.T + x_t @ Wx + b)):
            return "multiply by Wh, not Wh.T: the course uses row vectors, h_prev @ Wh."
        if np.allclose(out, np.tanh(x_t @ Wx + b)) or np.allclose(out, np.tanh(h_prev @ Wh + b)):
            return "both terms are needed: h_prev @ Wh and x_t @ Wx."
        if np.any(np.abs(out) > 1):
            return ("a hidden state of a tanh RNN lies in (-1, 1): the last operation must be "
                    "np.tanh.")
    return STEP_FALLBACK_HINT


# Fallback hints: they point to the formula in the notebook, never spell out the answer.
STEP_FALLBACK_HINT = ("check each term against the formula of section 4: two products of shape "
                      "(N, H), the bias, then tanh.")
FORWARD_FALLBACK_HINT = ("at every step t, compute the new state from the previous one and "
                         "this step's input x_t; store it, then carry it on to step t + 1.")


SWAP_HINT = ("the shapes of a product do not fit: x_t (N, D) goes with Wx (D, H), "
             "h_prev (N, H) with Wh (H, H), neither transposed, and the row vector comes "
             "first (h_prev @ Wh, not Wh @ h_prev); or did you swap Wx and Wh?")
STEP_SHAPE_HINT = "the function must work for any N, D, H and for b of shape (H,) or (1, H)."
BROADCAST_HINT = ("keep the row-vector order: h_prev @ Wh and x_t @ Wx are (N, H), and b, of "
                  "shape (H,) or (1, H), adds to each row; the function must work for any N, D, "
                  "H.")
FORWARD_SHAPE_HINT = ("the function must work for any N, T, D, H (T = 1 too) and for b of "
                      "shape (H,) or (1, H).")


def _step_shape_hint(error):
    """The hint for an rnn_step that raised an error about shapes: one that fits it."""
    if "matmul" in error.message or "align" in error.message:
        return SWAP_HINT
    if "broadcast" in error.message:
        return BROADCAST_HINT
    return STEP_SHAPE_HINT


def _judge_step(cases, results):
    error = first_raised(STEP, results, shape_hint=_step_shape_hint)
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


# The specific mistakes of param_count: (formula, hint). A hint is given only when the
# student's numbers fit its formula on every test case (review s25-A2: on (2, 3) alone,
# 2*H*H + H and H*H + 2*D*H both give 21, PyTorch's two-bias count).
COUNT_MISTAKES = [
    (lambda D, H: H * H + D * H + 1, "one bias per hidden unit, H of them, not one shared "
                                     "bias: b has shape (H,)."),
    (lambda D, H: H * H + D * H + D, "the bias has one entry per hidden unit: H of them, not D."),
    (lambda D, H: H * H + D * H, "you forgot the bias b: it has H entries."),
    (lambda D, H: D * H + H, "you forgot Wh, the H x H recurrent weights."),
    (lambda D, H: H * H + H, "you forgot Wx, the D x H input weights."),
    (lambda D, H: H * H + D * H + 2 * H, "that is PyTorch's count with two biases; count one "
                                         "bias of H."),
]
COUNT_FALLBACK_HINT = "add the sizes of Wh (H, H), Wx (D, H) and b (H,)."


def _count_hint(cases, results):
    """The hint whose formula gives every returned count, else the generic one."""
    got = [r.value for r in results]
    for formula, hint in COUNT_MISTAKES:
        if all(g == formula(D, H) for g, (D, H) in zip(got, cases)):
            return hint
    return COUNT_FALLBACK_HINT


def _judge_count(cases, results):
    error = first_raised(COUNT, results)
    if error:
        return error
    for (D, H), r in zip(cases, results):
        got, want = r.value, rnn_param_count(D, H)
        if isinstance(got, bool) or not isinstance(got, (int, np.integer)):
            return failed(COUNT, f"param_count({D}, {H}) returned {got!r} of type "
                                 f"{type(got).__name__}, expected the int {want}.",
                          "return one integer (a Python int), not a float, string or array: "
                          "a count of parameters is a whole number.")
    for (D, H), r in zip(cases, results):
        got, want = r.value, rnn_param_count(D, H)
        if got != want:
            return failed(COUNT, f"param_count({D}, {H}) returned {got!r}, expected {want}.",
                          _count_hint(cases, results))
    return passed(COUNT, f"correct for all {len(cases)} (D, H) pairs.")


def _forward_cases(rng):
    """(x, h0, Wx, Wh, b): several N, T, D, H; h0 non-zero (a zero h0 would hide a loop that
    ignores it); T = 1 included; the bias as (H,) and as (1, H)."""
    cases = []
    for N, T, D, H, bias_row in [(2, 4, 3, 5, False), (1, 1, 2, 3, True), (3, 6, 4, 2, False)]:
        cases.append((rng.normal(size=(N, T, D)), rng.normal(scale=0.5, size=(N, H)),
                      rng.normal(scale=0.5, size=(D, H)), rng.normal(scale=0.5, size=(H, H)),
                      rng.normal(size=(1, H) if bias_row else (H,))))
    return cases


def _diagnose_forward(out, x, h0, Wx, Wh, b):
    """A hint for the usual mistakes of the loop over time."""
    N, T, _ = x.shape
    H = Wh.shape[0]
    h, _ = rnn_forward(x, h0, Wx, Wh, b)
    shape = np.shape(out)
    if shape == (N, H):
        return "return every hidden state, stacked: shape (N, T, H), not only the last one."
    if shape == (T, N, H):
        return "stack along axis 1 (time), not axis 0: np.stack(states, axis=1)."
    if shape == (N, T + 1, H):
        return ("leave h0 out: h[:, t - 1] holds h_t, the state after reading x_t (t = 1 to T), "
                "T states in all.")
    if shape != (N, T, H):
        return f"h must have shape (N, T, H) = {(N, T, H)}."
    if np.issubdtype(np.asarray(out).dtype, np.integer):
        return ("your array of hidden states is integer, so each tanh value is truncated to 0 "
                "when stored: make it float, e.g. np.zeros((N, T, H)) without dtype=int.")
    zero, _ = rnn_forward(x, np.zeros_like(h0), Wx, Wh, b)
    if np.allclose(out, zero):
        return "start from the h0 you are given, not from zeros."
    if np.allclose(out[:, 0], h0) and np.allclose(out[:, 1:], h[:, :-1]):
        return ("you stored each state before updating it, so h starts with h0: h[:, t - 1] "
                "is the state after reading x_t, the new one (h0 is not part of h).")
    if np.allclose(out, np.tanh((h0 @ Wh)[:, None] + x @ Wx + b)):
        return ("each step must use the state of the step before it: every one of your states "
                "was computed from h0.")
    if T > 1 and np.allclose(out[:, -1], 0) and np.allclose(out[:, :-1], h[:, :-1]):
        return ("your loop stops one step early: the last state h_T is never computed; the "
                "loop must run over all T steps.")
    first, _ = rnn_forward(np.repeat(x[:, :1], T, axis=1), h0, Wx, Wh, b)
    if T > 1 and np.allclose(out, first):
        return ("every step read x_1, the first input: step t must read its own input x_t, "
                "which is x[:, t - 1].")
    if H == Wh.shape[1] and np.allclose(out, rnn_forward(x, h0, Wx, Wh.T, b)[0]):
        return "inside the loop, multiply by Wh, not Wh.T: the course uses row vectors, h @ Wh."
    if np.allclose(out, rnn_forward(x, h0, Wx, Wh, np.zeros_like(b))[0]):
        return "inside the loop, add the bias b before the tanh at every step."
    outside, state = [], h0
    for t in range(T):                    # b added after the tanh, and carried on with it
        state = np.tanh(state @ Wh + x[:, t] @ Wx) + b
        outside.append(state)
    if np.allclose(out, np.stack(outside, axis=1)):
        return "add b inside the tanh, before it squashes: the bias is part of its input."
    if np.any(np.abs(np.asarray(out, dtype=float)) > 1):
        return ("a hidden state of a tanh RNN lies in (-1, 1): apply np.tanh as the last "
                "operation of each step.")
    return FORWARD_FALLBACK_HINT


def _judge_forward(cases, results):
    error = first_raised(FORWARD, results, shape_hint=FORWARD_SHAPE_HINT)
    if error:
        return error
    for k, (args, r) in enumerate(zip(cases, results), start=1):
        if isinstance(r.value, (tuple, list)) and len(r.value) == 2:
            return failed(FORWARD, f"returned a pair on test input {k}; return h only.",
                          "return the (N, T, H) array, not (h, cache).")
        expected, _ = rnn_forward(*args)
        wrong = compare(FORWARD, "h", r.value, expected, k,
                        hint=_diagnose_forward(r.value, *args))
        if wrong:
            return wrong
    return passed(FORWARD, f"matches rnnlib.rnn_forward on {len(cases)} test inputs "
                           f"(T = 1 to 6, non-zero h0).")


RNN_STEP = Exercise(STEP, "rnn_step", _step_cases, _judge_step, seed=20,
                    writes={"rnn_step_forward": "rnnlib.rnn_step_forward",
                            "rnn_forward": "rnnlib.rnn_forward"})
PARAM_COUNT = Exercise(COUNT, "param_count", _count_cases, _judge_count, seed=0,
                       writes={"rnn_param_count": "rnnlib.params.rnn_param_count",
                               "lstm_param_count": "rnnlib.params.lstm_param_count"})

# The step may come from rnnlib (the student wrote it in Exercise 1); the loop may not.
RNN_FORWARD = Exercise(FORWARD, "rnn_forward", _forward_cases, _judge_forward, seed=22,
                       writes={"rnn_forward": "rnnlib.rnn_forward"})


def check_rnn_step(rnn_step):
    """Check ``rnn_step(x_t, h_prev, Wx, Wh, b) -> h_next`` against rnnlib.rnn_step_forward."""
    RNN_STEP.check(rnn_step)


def check_param_count(param_count):
    """Check ``param_count(D, H) -> int`` against H*H + D*H + H."""
    PARAM_COUNT.check(param_count)


def check_rnn_forward(rnn_forward):
    """Check ``rnn_forward(x, h0, Wx, Wh, b) -> h (N, T, H)`` against rnnlib.rnn_forward."""
    RNN_FORWARD.check(rnn_forward)
