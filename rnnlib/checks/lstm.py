"""Exercises of notebook 07: one LSTM step, forward and backward."""
import numpy as np

from ..activations import sigmoid
from ..gradcheck import numerical_gradient
from ..lstm import lstm_step_forward
from ._exercise import Exercise
from ._verdict import compare, compare_gradient, failed, first_raised, must_return, passed

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
        wrong = must_return(STEP, out, ("h_next", "c_next"))
        if wrong:
            return wrong
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

    def grads(dc, order=(0, 1, 2, 3), f_on_dc=True, o_from=None, mean_db=False):
        parts = [dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g),
                 (dh_next if o_from is None else o_from) * tanh_c * o * (1 - o)]
        da = np.concatenate([parts[k] for k in order], axis=1)
        return (da @ Wx.T, da @ Wh.T, dc * f if f_on_dc else dc, x_t.T @ da, h_prev.T @ da,
                da.mean(axis=0) if mean_db else da.sum(axis=0))

    dc = dc_next + dh_next * o * (1 - tanh_c ** 2)
    return [(grads(dc_next + dh_next * o), "the path through h_t passes tanh: "
             "dc = dc_next + dh_next * o * (1 - tanh(c_next)**2)."),
             (grads(dc, f_on_dc=False), "c_next = f * c_prev + ...: multiply dc by f to get "
              "dc_prev."),
             (grads(dc, order=(1, 0, 2, 3)), "put the four blocks of da in the order i, f, g, o."),
             (grads(dc, order=(0, 1, 3, 2)), "put the four blocks of da in the order i, f, g, o."),
             (grads(dc_next), "c_t also reaches the loss through h_t = o * tanh(c_t): add "
              "dh_next * o * (1 - tanh(c_next)**2) to dc_next."),
             (grads(dc, o_from=dc), "only the output gate's block uses dh_next alone: "
              "da_o = dh_next * tanh(c_next) * o * (1 - o), not dc."),
             (grads(dc, mean_db=True), "db sums da over the batch (its N rows), not their mean.")]


def _judge_backward(cases, results):
    error = first_raised(BACKWARD, results, "recompute the forward step first (a, then i, f, "
                                            "g, o, c_next), then go backwards.")
    if error:
        return error
    case, out = cases[0], results[0].value
    dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b = case
    wrong = must_return(BACKWARD, out, NAMES, "gradients")
    if wrong:
        return wrong
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


# ---- the backward pass of a whole sequence, judged entry-wise and norm-wise -------------------

SEQUENCE = "07_lstm_backward"
SEQ_NAMES = ("dx", "dh0", "dWx", "dWh", "db")
ENTRY_TOL = 1e-6
#: The norm-wise check divides by max(||numeric|| + ||got||, NORM_FLOOR). A centred difference
#: with eps = 1e-6 is off by 1e-11 to 4e-10 in absolute terms (more on the saturated input,
#: whose loss is larger), so on a gradient of norm 1e-4 (dh0 of test inputs 2 and 3 can be that
#: small) 1e-7 relative is below its own noise: without the floor a correct answer failed on
#: about 1 grading seed in 100. Below the floor the check is an absolute one (1e-8); the
#: entry-wise check against the exact gradient still catches a wrong small gradient.
NORM_FLOOR = 1e-1


def _sequence_cases(rng):
    """(dh, x, h0, Wx, Wh, b): an upstream gradient at every step, then the forward inputs.

    Case 1 unsaturated (small weights, gates near 0.5); case 2 saturated (large weights and
    biases: many gates near 0 or 1, |c| large, tanh' tiny); case 3 one sequence, one unit.
    """
    cases = []
    for N, T, D, H, scale, bias in [(2, 5, 3, 3, 0.4, 0.0), (3, 6, 2, 2, 3.0, 3.0),
                                    (1, 4, 2, 1, 1.0, 1.0)]:
        b = rng.normal(scale=bias or 0.1, size=4 * H)
        cases.append((rng.normal(size=(N, T, H)), rng.normal(size=(N, T, D)),
                      rng.normal(size=(N, H)), rng.normal(scale=scale, size=(D, 4 * H)),
                      rng.normal(scale=scale, size=(H, 4 * H)), b))
    return cases


def _sequence_hint(dh, x, h0, Wx, Wh, b, got, k):
    """The hint of the usual mistake whose gradient ``got`` (entry ``k`` of the output) is."""
    from ..lstm import lstm_backward, lstm_forward
    if SEQ_NAMES[k] == "dh0" and np.shape(got) == np.shape(h0) and not np.any(got):
        return ("dh0 is what reaches h_0: the dh_prev your loop carries out of its last step "
                "(t = 1); return it, not zeros.")
    _, cache = lstm_forward(x, h0, Wx, Wh, b)
    last_only = np.zeros_like(dh)
    last_only[:, -1] = dh[:, -1]
    wrongs = [(lstm_backward(last_only, cache), "the upstream gradient dh has an entry at every "
               "step: add dh[:, t] to what reaches h_t from step t+1, at every t."),
              (_no_carry(dh, cache, carry_h=False), "h_t also reaches the loss through step "
               "t+1: carry dh_prev = da_t @ Wh.T back to step t-1."),
              (_no_carry(dh, cache, carry_c=False), "c_t also reaches the loss through c_{t+1}: "
               "carry dc_prev = dc * f_t back to step t-1.")]
    for grads, hint in wrongs:
        if np.shape(grads[k]) == np.shape(got) and np.allclose(grads[k], got):
            return hint
    return ("at step t: dh_t = dh[:, t] + (from step t+1); dc = dc_carry + dh_t * o * "
            "(1 - tanh(c_t)**2); then da block by block; carry dh = da @ Wh.T, dc = dc * f.")


def _no_carry(dh, cache, carry_h=True, carry_c=True):
    """lstm_backward with the carry through h or through c dropped (the mistakes)."""
    from ..lstm import lstm_step_backward
    N, T, H = dh.shape
    x, gates, c = cache["x"], cache["gates"], cache["c"]
    dx, dWx, dWh, db = np.zeros_like(x), 0.0, 0.0, 0.0
    dh_carry, dc_carry = np.zeros((N, H)), np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        step = dict(x_t=x[:, t], h_prev=cache["h"][:, t - 1] if t else cache["h0"],
                    c_prev=c[:, t - 1] if t else cache["c0"], Wx=cache["Wx"], Wh=cache["Wh"],
                    b=cache["b"], gates=gates[:, t], c_next=c[:, t],
                    tanh_c=cache["tanh_c"][:, t])
        dx[:, t], dhp, dcp, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dh_carry, dc_carry, step)
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
        dh_carry = dhp if carry_h else np.zeros_like(dhp)
        dc_carry = dcp if carry_c else np.zeros_like(dcp)
    return dx, dh_carry, dWx, dWh, db


def _close_normwise(got, numeric):
    """Whether ||numeric - got|| / max(||numeric|| + ||got||, NORM_FLOOR) < TOL (shapes equal).

    When it is not, the un-floored error is at least as large, so compare_gradient fails too
    and words the verdict.
    """
    if np.shape(got) != numeric.shape:
        return False
    got = np.asarray(got, dtype=float)
    scale = max(np.linalg.norm(numeric) + np.linalg.norm(got), NORM_FLOOR)
    return bool(np.linalg.norm(numeric - got) / scale < TOL)


def _judge_sequence(cases, results):
    from ..gradcheck import max_rel_error
    from ..lstm import lstm_backward, lstm_forward
    error = first_raised(SEQUENCE, results, "run the forward pass first (rnnlib.lstm_forward "
                                            "is allowed), then go back from t = T to 1.")
    if error:
        return error
    for case_no, (case, r) in enumerate(zip(cases, results), start=1):
        out = r.value
        wrong = must_return(SEQUENCE, out, SEQ_NAMES, "gradients")
        if wrong:
            return wrong
        dh, x, h0, Wx, Wh, b = case
        inputs = [x, h0, Wx, Wh, b]
        _, cache = lstm_forward(x, h0, Wx, Wh, b)
        exact = lstm_backward(dh, cache)

        def loss():
            h, _ = lstm_forward(*inputs)
            return float(np.sum(h * dh))

        for k, (name, got, value) in enumerate(zip(SEQ_NAMES, out, inputs)):
            def hint(k=k, got=got):
                return _sequence_hint(dh, x, h0, Wx, Wh, b, got, k)
            numeric = numerical_gradient(loss, value)
            if not _close_normwise(got, numeric):
                wrong = compare_gradient(SEQUENCE, name, got, numeric, hint, tol=TOL,
                                         case=case_no, shape_hint=f"{name} has the shape of "
                                                                  f"{name[1:]}: {value.shape}.")
                if wrong:
                    return wrong
            err = max_rel_error(np.asarray(got, dtype=float), exact[k],
                                floor=1e-10 * max(np.abs(exact[k]).max(), 1e-300))
            if not err < ENTRY_TOL:
                return failed(SEQUENCE, f"{name} passes the norm-wise check but not entry by "
                                        f"entry on test input {case_no} (largest relative "
                                        f"error of one entry {err:.0e}, needs "
                                        f"< {ENTRY_TOL:.0e}).", hint())
    return passed(SEQUENCE, f"all five gradients pass the gradient check on {len(cases)} test "
                            f"inputs, saturated and not (norm-wise < {TOL:.0e} with a floor "
                            f"of {NORM_FLOOR:.0e} on the norm, entry-wise "
                            f"< {ENTRY_TOL:.0e}).")


LSTM_BACKWARD = Exercise(
    SEQUENCE, "lstm_backward_exercise", _sequence_cases, _judge_sequence, seed=72,
    writes={"lstm_backward": "rnnlib.lstm_backward",
            "lstm_step_backward": "rnnlib.lstm_step_backward",
            "_gate_grads": "rnnlib.lstm._gate_grads",
            "cell_gradients": "rnnlib.highway.cell_gradients",
            "numerical_gradient": "rnnlib.gradcheck.numerical_gradient",
            "numerical_gradient_array": "rnnlib.gradcheck.numerical_gradient_array"})


def check_lstm_backward(lstm_backward_exercise):
    """Grade ``f(dh, x, h0, Wx, Wh, b) -> (dx, dh0, dWx, dWh, db)``, the backward pass of
    ``rnnlib.lstm_forward(x, h0, Wx, Wh, b)`` for the loss sum(h * dh), on three inputs.

    Each gradient passes a gradient check in float64 (norm-wise relative error below 1e-7,
    dividing by at least 0.1: a gradient of norm 1e-4 is judged on its absolute error, since
    the finite difference itself is off by up to about 4e-10) and matches the exact gradient entry by entry (relative error below 1e-6, entries below
    1e-10 of the largest counted against that floor).
    """
    LSTM_BACKWARD.check(lstm_backward_exercise)


# ---- set an LSTM's weights by hand so that it remembers one bit -------------------------------

REMEMBER = "07_remember_bit"
REMEMBER_STEPS = 50
MAX_UNITS, MAX_WEIGHT = 8, 20.0
MIN_MARGIN = float(np.log(9.0))                  # sigmoid(score) >= 0.9 for the right label


def _remember_cases(rng):
    """Nothing for the student; for the judge, two data sets of the memory task.

    Each ``long_range_task(200, 51, 4)``: the marker at step 1, then 50 distractors.
    """
    from ..data import long_range_task
    drawn = [long_range_task(200, REMEMBER_STEPS + 1, 4, seed=int(rng.integers(2 ** 31)))
             for _ in range(2)]
    return drawn + [_one_distractor_sequences()]


def _one_distractor_sequences(n_symbols=4):
    """The worst orders for a cell that leaks: each marker, then one distractor 50 times.

    X (2 * n_symbols, 51, 2 + n_symbols), y: A then e_k every step, B then e_k every step."""
    T, D = REMEMBER_STEPS + 1, 2 + n_symbols
    X = np.zeros((2 * n_symbols, T, D))
    y = np.zeros(2 * n_symbols, dtype=int)
    for i in range(2 * n_symbols):
        marker, k = i // n_symbols, 2 + i % n_symbols
        X[i, 0, marker] = 1.0
        X[i, 1:, k] = 1.0
        y[i] = marker
    return X, y


def _judge_remember(cases, results):
    from ..lstm import lstm_forward, lstm_gates
    error = first_raised(REMEMBER, results, "return the five arrays (Wx, Wh, b, Wy, by); "
                                            "no training.")
    if error:
        return error
    out = results[0].value
    wrong = must_return(REMEMBER, out, ("Wx", "Wh", "b", "Wy", "by"))
    if wrong:
        return wrong
    Wx, Wh, b, Wy, by = (np.asarray(v, dtype=float) if isinstance(v, (np.ndarray, list, tuple,
                                                                     float, int)) else v
                         for v in out)
    if not all(isinstance(v, np.ndarray) for v in (Wx, Wh, b, Wy, by)):
        return failed(REMEMBER, "all five must be arrays of numbers.",
                      "build them with np.zeros and set the entries you need.")
    H = Wh.shape[0] if Wh.ndim == 2 else 0
    expected = {"Wx": (6, 4 * H), "Wh": (H, 4 * H), "b": (4 * H,), "Wy": (H, 1), "by": (1,)}
    for name, value in zip(expected, (Wx, Wh, b, Wy, by)):
        if H < 1 or value.shape != expected[name]:
            return failed(REMEMBER, f"{name} has shape {value.shape}, expected "
                                    f"{expected[name]} (D = 6, H = {H or 'Wh.shape[0]'}).",
                          "Wx (6, 4H), Wh (H, 4H), b (4H,), Wy (H, 1), by (1,), gates i, f, "
                          "g, o side by side.")
        if not np.all(np.isfinite(value)):
            return failed(REMEMBER, f"{name} has entries that are not finite.",
                          "large weights are fine (20 is plenty); inf and nan are not.")
    if H > MAX_UNITS:
        return failed(REMEMBER, f"uses H = {H} units; at most {MAX_UNITS} are allowed.",
                      "one unit is enough.")
    largest = max(np.abs(v).max() for v in (Wx, Wh, b, Wy, by))
    if largest > MAX_WEIGHT:
        return failed(REMEMBER, f"has a weight of size {largest:.3g}; every weight and bias "
                                f"must lie in [-{MAX_WEIGHT:g}, {MAX_WEIGHT:g}].",
                      "20 is plenty: sigma(20) = 1 - 2e-9.")
    for case_no, (X, y) in enumerate(cases, start=1):
        with np.errstate(all="ignore"):
            h, cache = lstm_forward(X, np.zeros((len(X), H)), Wx, Wh, b)
            margin = (h[:, -1] @ Wy + by)[:, 0] * (2 * y - 1)   # > 0: right label
        if np.all(margin >= MIN_MARGIN):
            continue
        n_right = int(np.sum(margin > 0))
        g = lstm_gates(cache)
        A, B = y == 0, y == 1
        c1 = np.abs(g["c"][A, 0].mean(axis=0) - g["c"][B, 0].mean(axis=0)).max()
        cT = np.abs(g["c"][A, -1].mean(axis=0) - g["c"][B, -1].mean(axis=0)).max()
        repeated = case_no == len(cases)            # the 8 that repeat one distractor
        where = "the set that repeats one distractor" if repeated else f"test set {case_no}"
        if n_right == len(y):
            message = (f"gets every sequence of {where} right, but not with "
                       f"probability >= 0.9 on all of them (smallest probability of the right "
                       f"label {1 / (1 + np.exp(-margin.min())):.2f}).")
        elif repeated:
            message = (f"classifies {n_right} of the {len(y)} sequences that repeat one "
                       f"distractor {REMEMBER_STEPS} times right; any order of distractors "
                       f"must work.")
        else:
            message = (f"classifies {n_right} of the {len(y)} sequences of test set {case_no} "
                       f"right after {REMEMBER_STEPS} distractors; it must classify all of them.")
        if c1 < 1e-3:
            hint = ("the marker is not written at step 1: the input gate and the candidate "
                    "must respond to x[:, 0] (A) and x[:, 1] (B), with opposite signs of g.")
        elif np.all(margin < 0):
            hint = "right memory, wrong sign: label 1 is marker B; its score must be > 0."
        elif repeated and c1 >= 1e-3:
            leak = np.abs(g["i"][:, 1:] * g["g"][:, 1:]).max()
            hint = (f"a distractor repeated {REMEMBER_STEPS} times adds up: i_t g_t reaches "
                    f"{leak:.3f} on a distractor step; it must be much smaller, {REMEMBER_STEPS} "
                    f"steps add it up (shut the input gate, or keep the candidate at 0).")
        elif ((writes := np.abs(g["i"][:, 1:] * g["g"][:, 1:]).mean()) > 0.05
              or np.abs((g["i"][:, 1:] * g["g"][:, 1:]).sum(axis=1)).mean() > 0.1 * c1):
            hint = (f"the distractors write into the cell: the mean |i g| after step 1 is "
                    f"{writes:.2f}; on a distractor "
                    f"i_t g_t must stay near 0 (shut the input gate, or keep the candidate "
                    f"at 0).")
        elif cT < 0.5 * c1:
            hint = (f"the cell forgets: the mean forget gate is {g['f'].mean():.3f} and the "
                    f"mean input gate after step 1 is {g['i'][:, 1:].mean():.3f}; "
                    f"f^{REMEMBER_STEPS} must stay near 1 and i near 0 on distractors.")
        else:
            hint = ("the cell state keeps the marker but the answer does not read it: the "
                    "output gate must be open at the end, and Wy must turn h_T's sign into "
                    "a score of the label's sign, of size at least ln 9 = 2.2.")
        return failed(REMEMBER, message, hint)
    return passed(REMEMBER, f"your LSTM (H = {H}) gives the right label with probability "
                            f">= 0.9 on every sequence of two random test sets and of the "
                            f"{len(cases[-1][1])} that repeat one distractor, "
                            f"{REMEMBER_STEPS} steps after the marker.")


REMEMBER_BIT = Exercise(
    REMEMBER, "remember_bit", _remember_cases, _judge_remember, seed=73, n_args=0,
    writes={"train": "rnnlib.train", "long_range_race": "rnnlib.train.long_range_race",
            "race_model": "rnnlib.train.race_model", "ManyToOne": "rnnlib.ManyToOne",
            "Adam": "rnnlib.optim.Adam", "SGD": "rnnlib.optim.SGD", "optim": "rnnlib.optim"})


def check_remember_bit(remember_bit):
    """Grade ``remember_bit() -> (Wx, Wh, b, Wy, by)``: an LSTM set by hand, run on two sets of
    200 sequences of ``long_range_task`` (the marker at step 1, then 50 distractors) and on the
    8 sequences that repeat one distractor 50 times (the worst order for a cell that leaks).

    H <= 8 and every weight in [-20, 20]; on every sequence the probability of the right label,
    sigmoid(h_T @ Wy + by) for label 1 (marker B), one minus it for label 0, is at least 0.9.
    """
    REMEMBER_BIT.check(remember_bit)
