"""Exercises of notebook 04: splitting the stacked W_cat, PyTorch's weights in the course's
convention, a parameter count with PyTorch's second bias, and a stable softmax."""
import numpy as np

from ..activations import softmax
from ._exercise import Exercise
from ._verdict import compare, failed, first_raised, must_return, passed

SPLIT, SOFTMAX = "04_split_w", "04_softmax"
TORCH, TORCH_COUNT = "04_torch_to_course", "04_torch_param_count"


def _split_cases(rng):
    """(W_cat (D + H, H), D) for three (D, H) pairs, D != H so that a swap shows."""
    return [(rng.normal(size=(D + H, H)), D) for D, H in [(3, 2), (2, 3), (5, 4)]]


def _judge_split(cases, results):
    error = first_raised(SPLIT, results)
    if error:
        return error
    for k, ((W, D), r) in enumerate(zip(cases, results), start=1):
        H = W.shape[1]
        wrong = must_return(SPLIT, r.value, ("Wx", "Wh"))
        if wrong:
            return wrong
        Wx, Wh = r.value
        hint = "x_t meets the first D rows of W_cat, h_{t-1} the last H rows."
        columns_cut = any(np.ndim(v) == 2 and np.shape(v)[0] == D + H for v in (Wx, Wh))
        transposed = [name for name, v, block in (("Wx", Wx, W[:D]), ("Wh", Wh, W[D:]))
                      if np.shape(v) == block.T.shape and np.allclose(v, block.T)]
        if len(transposed) == 2:
            hint = ("Wx and Wh are transposed: the rows of W_cat are already the rows of Wx "
                    "and Wh (Wx is (D, H), Wh is (H, H)); keep them as they are.")
        elif transposed:
            hint = (f"{transposed[0]} is transposed: the rows of W_cat are already the rows of "
                    "Wx and Wh (Wx is (D, H), Wh is (H, H)); keep them as they are.")
        elif np.shape(Wx) == (H, D) or np.shape(Wh) == (H, D) or columns_cut:
            hint = "you split along the wrong axis: in x W the rows of W meet x's entries."
        elif (np.shape(Wx) == (H, H) and np.shape(Wh) == (D, H)
              and np.allclose(Wx, W[D:]) and np.allclose(Wh, W[:D])):
            hint = "the order is swapped: [x_t, h_{t-1}] puts x first, so Wx comes first."
        elif (np.shape(Wx) == (H, H) and np.shape(Wh) == (D, H)
              and np.allclose(Wx, W[:H]) and np.allclose(Wh, W[H:])):
            hint = ("you cut W_cat after row H, but x_t has D entries: Wx is the first D "
                    "rows, Wh the last H.")
        wrong = (compare(SPLIT, "Wx", Wx, W[:D], k, hint=hint)
                 or compare(SPLIT, "Wh", Wh, W[D:], k, hint=hint))
        if wrong:
            return wrong
    return passed(SPLIT, f"splits W_cat correctly for {len(cases)} (D, H) pairs.")


def _torch_cases(rng):
    """weight_ih_l0 (H, D), weight_hh_l0 (H, H), bias_ih_l0, bias_hh_l0 (H,) for the student,
    then x (N, D) and h (N, H) on which the judge runs both conventions. D != H in two cases,
    D == H in one (a missing transpose keeps the shapes there)."""
    cases = []
    for D, H in [(3, 2), (2, 4), (3, 3)]:
        cases.append((rng.normal(size=(H, D)), rng.normal(size=(H, H)), rng.normal(size=H),
                      rng.normal(size=H), rng.normal(size=(5, D)), rng.normal(size=(5, H))))
    return cases


def _torch_hint(Wx, Wh, b, w_ih, w_hh, b_ih, b_hh):
    """The hint for the usual mistakes of the conversion (shapes already right)."""
    if np.allclose(Wx, w_ih.T) and np.allclose(Wh, w_hh) and not np.allclose(w_hh, w_hh.T):
        return "transpose weight_hh_l0 too: PyTorch multiplies h by weight_hh_l0 transposed."
    if not np.allclose(Wx, w_ih.T) and np.shape(Wx) == np.shape(w_ih):
        return "transpose weight_ih_l0: PyTorch multiplies x by weight_ih_l0 transposed."
    if np.allclose(b, b_ih) or np.allclose(b, b_hh):
        return "PyTorch adds both biases at every step: the course's b is their sum."
    if np.allclose(b, (b_ih + b_hh) / 2):
        return "both biases are added in full: their sum, not their mean."
    return "compare h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) term by term " \
           "with x_t W_x + h_{t-1} W_h + b."


def _judge_torch(cases, results):
    error = first_raised(TORCH, results, "return (Wx, Wh, b) from the four PyTorch arrays.")
    if error:
        return error
    for k, ((w_ih, w_hh, b_ih, b_hh, x, h), r) in enumerate(zip(cases, results), start=1):
        H, D = w_ih.shape
        wrong = must_return(TORCH, r.value, ("Wx", "Wh", "b"))
        if wrong:
            return wrong
        Wx, Wh, b = (np.asarray(v, dtype=object) if not isinstance(v, np.ndarray) else v
                     for v in r.value)
        for name, got, want, hint in [
                ("Wx", Wx, (D, H), "weight_ih_l0 is (H, D); the course's Wx is (D, H)."),
                ("Wh", Wh, (H, H), "Wh is (H, H), from weight_hh_l0."),
                ("b", b, (H,), "one bias of H entries: PyTorch adds its two biases.")]:
            if np.shape(got) != want:
                if name == "b" and np.size(got) == H:
                    hint = "the course's b is one vector of shape (H,): flatten it (b.ravel())."
                return failed(TORCH, f"{name} has shape {np.shape(got)} on test input {k}, "
                                     f"expected {want} (D = {D}, H = {H}).", hint)
        try:
            Wx, Wh, b = (np.asarray(v, dtype=float) for v in (Wx, Wh, b))
        except (TypeError, ValueError):
            return failed(TORCH, f"returned arrays that are not numeric on test input {k}.")
        h_torch = np.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)
        h_course = np.tanh(x @ Wx + h @ Wh + b)
        # float32 arrays are right too: judge them to float32's precision (as 06 does)
        single = any(np.asarray(v).dtype == np.float32 for v in r.value)
        rtol, atol = (1e-4, 1e-6) if single else (1e-6, 1e-8)
        wrong = compare(TORCH, "h_t from your (Wx, Wh, b)", h_course, h_torch, k,
                        rtol=rtol, atol=atol,
                        hint=_torch_hint(Wx, Wh, b, w_ih, w_hh, b_ih, b_hh))
        if wrong:
            return wrong
    return passed(TORCH, f"your (Wx, Wh, b) give PyTorch's h_t on {len(cases)} test inputs.")


def _torch_count_cases(rng):
    """(D, H, O): the "as soon as" model first, then three drawn."""
    return [(2, 3, 1)] + [(int(rng.integers(1, 300)), int(rng.integers(2, 300)),
                           int(rng.integers(2, 50))) for _ in range(3)]


def _judge_torch_count(cases, results):
    error = first_raised(TORCH_COUNT, results)
    if error:
        return error
    for (D, H, O), r in zip(cases, results):
        got = r.value
        want = H * D + H * H + 2 * H + O * H + O
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
            return failed(TORCH_COUNT, f"torch_param_count({D}, {H}, {O}) returned {got!r}, "
                                       f"expected the integer {want}.", "return one integer.")
        if got != want:
            hints = {want - H: "nn.RNN keeps two biases, bias_ih_l0 and bias_hh_l0: count both.",
                     want - O * H - O: "add the output layer nn.Linear(H, O): its weight and "
                                       "its bias.",
                     want - O: "the output layer has a bias too: O more.",
                     want - H - O * H - O: "count PyTorch's second bias and the output layer.",
                     want - 2 * H: "count the biases: two of H in nn.RNN."}
            return failed(TORCH_COUNT, f"torch_param_count({D}, {H}, {O}) returned {got}, "
                                       f"expected {want}.",
                          hints.get(int(got), "add up weight_ih_l0, weight_hh_l0, the two biases "
                                              "and the output layer's weight and bias."))
    return passed(TORCH_COUNT, f"correct for all {len(cases)} (D, H, O).")


def _softmax_cases(rng):
    """Scores (N, C): two drawn rows, a small row, and scores near +-1000 (overflow if naive).

    The last input has a row whose maximum is not its first entry, next to a row entirely near
    -1000: a shift by the first score, by the mean, or by the maximum of the whole array (not of
    each row) gives inf or 0/0 there.
    """
    top = float(rng.integers(900, 1100))
    return [(np.round(rng.normal(size=(2, 4)), 2),), (np.array([[1.0, 2.0, 3.0]]),),
            (np.array([[top, top - 1, -top]]),),
            (np.array([[-top, top, 0.0], [-top, -top - 1, -top - 2]]),)]


def _judge_softmax(cases, results):
    error = first_raised(SOFTMAX, results)
    if error:
        return error
    for k, ((z,), r) in enumerate(zip(cases, results), start=1):
        out = r.value
        shaped = isinstance(out, np.ndarray) and out.shape == z.shape
        # judge the values: a right answer passes even if NumPy warned on the way
        if shaped and not np.all(np.isfinite(out)):
            return failed(SOFTMAX, f"gave inf or nan on test input {k} (scores near +-1000).",
                          "subtract each row's own maximum before np.exp (axis=-1, "
                          "keepdims=True): it changes nothing else.")
        hint = "divide e^z by the sum of e^z over the last axis (keepdims=True)."
        if shaped and np.allclose(np.sum(out, axis=0), 1) and z.shape[0] > 1:
            hint = "normalise each row (axis=-1), not each column."
        wrong = compare(SOFTMAX, "softmax", out, softmax(z, axis=-1), k, hint=hint)
        if wrong:
            return wrong
    return passed(SOFTMAX, f"right on {len(cases)} test inputs, scores of +-1000 included.")


SPLIT_W = Exercise(SPLIT, "split_w", _split_cases, _judge_split, seed=40)
TORCH_TO_COURSE = Exercise(TORCH, "torch_to_course", _torch_cases, _judge_torch, seed=42,
                           n_args=4)
TORCH_PARAM_COUNT = Exercise(TORCH_COUNT, "torch_param_count", _torch_count_cases,
                             _judge_torch_count, seed=43,
                             writes={"rnn_param_count": "rnnlib.params.rnn_param_count",
                                     "lstm_param_count": "rnnlib.params.lstm_param_count",
                                     "gru_param_count": "rnnlib.params.gru_param_count"})
SOFTMAX_EXERCISE = Exercise(SOFTMAX, "my_softmax", _softmax_cases, _judge_softmax, seed=41,
                            writes={"softmax": "rnnlib.activations.softmax",
                                    "softmax_cross_entropy": "rnnlib.losses.softmax_cross_entropy",
                                    "temporal_softmax_loss": "rnnlib.losses.temporal_softmax_loss"})


def check_split_w(split_w):
    """Check ``split_w(W_cat, D) -> (Wx, Wh)`` for the row convention: W_cat is (D + H, H)."""
    SPLIT_W.check(split_w)


def check_torch_to_course(torch_to_course):
    """Check ``torch_to_course(weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0)
    -> (Wx, Wh, b)`` by running PyTorch's formula and the course's on the same inputs."""
    TORCH_TO_COURSE.check(torch_to_course)


def check_torch_param_count(torch_param_count):
    """Check ``torch_param_count(D, H, O) -> int``: nn.RNN(D, H) plus nn.Linear(H, O)."""
    TORCH_PARAM_COUNT.check(torch_param_count)


def check_softmax(my_softmax):
    """Check a softmax over the last axis: right values, rows sum to 1, stable at +-1000
    (also where a row's maximum is not its first entry, and for a row entirely near -1000)."""
    SOFTMAX_EXERCISE.check(my_softmax)
