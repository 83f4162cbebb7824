"""Exercises of notebook 08: the temporal softmax loss, backpropagation through time with a
loss at every step, and sampling with a temperature."""
import numpy as np

from ..activations import softmax
from ..gradcheck import numerical_gradient
from ..losses import temporal_softmax_loss
from ..rnn import rnn_backward, rnn_forward
from ._exercise import Exercise, Unreadable
from ._verdict import compare_gradient, failed, first_raised, must_return, passed

LOSS, BACKWARD, SAMPLE = ("08_temporal_softmax_loss", "08_many_to_many_backward",
                          "08_sample")
TOL = 1e-7


# ---- exercise 1: the temporal softmax loss ------------------------------------------------

def _loss_cases(rng):
    """(scores (N, T, V), y (N, T), mask (N, T)): all positions, some masked, large scores."""
    N, T, V = 2, 3, 4
    some = np.ones((N, T), dtype=bool)
    some[0, 2] = some[1, 0] = False
    return [(rng.normal(size=(N, T, V)), rng.integers(0, V, size=(N, T)),
             np.ones((N, T), dtype=bool)),
            (rng.normal(size=(N, T, V)), rng.integers(0, V, size=(N, T)), some),
            (rng.normal(size=(N, T, V)) + 1000 * rng.choice([-1, 1], size=(N, T, 1)),
             rng.integers(0, V, size=(N, T)), some)]


def _loss_hint(got_loss, scores, y, mask):
    """A hint for the usual mistakes of the loss value."""
    ref, _ = temporal_softmax_loss(scores, y, mask)
    M, count = mask.sum(), mask.size
    if not np.isfinite(got_loss):
        return "subtract each position's largest score before np.exp (log-sum-exp)."
    if np.isclose(got_loss, ref * M):
        return "take the mean over the counted positions: divide the sum by mask.sum()."
    full, _ = temporal_softmax_loss(scores, y)
    if np.isclose(got_loss, full) or np.isclose(got_loss, ref * M / count):
        return "count only the positions where mask is True, and divide by their number."
    return "loss = -(1/M) sum over masked (n, t) of log softmax(scores[n, t])[y[n, t]]."


def _judge_loss(cases, results):
    error = first_raised(LOSS, results, "start from shifted = scores - scores.max(axis=2, "
                                        "keepdims=True).")
    if error:
        return error
    for k, ((scores, y, mask), r) in enumerate(zip(cases, results), start=1):
        wrong = must_return(LOSS, r.value, ("loss", "dscores"), "values")
        if wrong:
            return wrong
        got_loss, got_d = r.value
        ref, ref_d = temporal_softmax_loss(scores, y, mask)
        try:
            got_loss = float(got_loss)
        except (TypeError, ValueError):
            return failed(LOSS, f"loss is not a number on test input {k}.",
                          "return the mean loss as a float.")
        if not np.isclose(got_loss, ref, rtol=1e-6, atol=1e-8):
            return failed(LOSS, f"loss is {got_loss:.4g} on test input {k}, expected "
                                f"{ref:.4g}.", _loss_hint(got_loss, scores, y, mask))
        hint = "dscores = (softmax(scores) - onehot(y)) / M at counted positions, 0 elsewhere."
        if isinstance(got_d, np.ndarray) and got_d.shape == ref_d.shape:
            if not np.allclose(got_d[~mask], 0):
                hint = "set dscores to 0 where mask is False: those positions do not count."
            elif np.allclose(got_d, ref_d * mask.sum()):
                hint = "divide dscores by M, the number of counted positions, as the loss is."
        x = scores.copy()
        numeric = numerical_gradient(lambda: temporal_softmax_loss(x, y, mask)[0], x)
        wrong = compare_gradient(LOSS, "dscores", got_d, numeric, hint, case=k, tol=TOL,
                                 shape_hint="dscores has the shape of scores.")
        if wrong:
            return wrong
    return passed(LOSS, f"the loss matches on {len(cases)} test inputs (masked and large "
                        f"scores included) and dscores passes the gradient check "
                        f"(relative error < {TOL:.0e}).")


# ---- exercise 2: BPTT with a loss at every step ---------------------------------------------

BACKWARD_NAMES = ("dx", "dh0", "dWx", "dWh", "db", "dWy", "dby")
BACKWARD_SHAPES = {"dx": "x: (N, T, V)", "dh0": "h0: (N, H)", "dWx": "Wx: (V, H)",
                   "dWh": "Wh: (H, H)", "db": "b: (H,)", "dWy": "Wy: (H, V)",
                   "dby": "by: (V,)"}


def _backward_cases(rng):
    """(dscores, x, h0, h, Wx, Wh, Wy) for the student, then (b, by, y) for the judge.

    Case 1: small weights (tanh nearly linear); case 2: large ones (many units saturated);
    case 3: a mask, so some steps get no gradient from their own output.
    """
    N, T, V, H = 2, 4, 5, 3
    cases = []
    for scale, masked in ((0.3, False), (2.5, False), (0.8, True)):
        ids = rng.integers(0, V, size=(N, T + 1))
        x = np.eye(V)[ids[:, :-1]]
        y = ids[:, 1:]
        h0 = rng.normal(scale=0.5, size=(N, H))
        Wx, Wh = rng.normal(scale=scale, size=(V, H)), rng.normal(scale=scale, size=(H, H))
        b, Wy, by = rng.normal(scale=0.5, size=H), rng.normal(size=(H, V)), rng.normal(size=V)
        mask = np.ones((N, T), dtype=bool)
        if masked:
            mask[0, 1] = mask[1, 3] = False
        h, _ = rnn_forward(x, h0, Wx, Wh, b)
        _, dscores = temporal_softmax_loss(h @ Wy + by, y, mask)
        cases.append((dscores, x, h0, h, Wx, Wh, Wy, b, by, y, mask))
    return cases


def _backward_reference(dscores, x, h0, h, Wx, Wh, Wy, b, by, y, mask, mistake=None):
    """The seven gradients, or those of a usual ``mistake`` (to name it in the hint)."""
    if mistake == "no_carry":                    # each h_t only from its own output
        dh = dscores @ Wy.T
        da = dh * (1 - h ** 2)
        h_prev = np.concatenate([h0[:, None], h[:, :-1]], axis=1)
        return (da @ Wx.T, da[:, 0] @ Wh.T, np.einsum("ntv,nth->vh", x, da),
                np.einsum("ntg,nth->gh", h_prev, da), da.sum(axis=(0, 1)),
                np.einsum("nth,ntv->hv", h, dscores), dscores.sum(axis=(0, 1)))
    _, cache = rnn_forward(x, h0, Wx, Wh, b)
    dh = dscores @ Wy.T
    if mistake == "last_only":                   # notebook 06's many-to-one
        dh = np.zeros_like(dh)
        dh[:, -1] = dscores[:, -1] @ Wy.T
    dx, dh0, dWx, dWh, db = rnn_backward(dh, cache)
    return (dx, dh0, dWx, dWh, db, np.einsum("nth,ntv->hv", h, dscores),
            dscores.sum(axis=(0, 1)))


def _backward_hint(name, got, case):
    """The hint that fits the returned ``got`` (all seven values) on ``case``."""
    for mistake, hint in (("no_carry", "dh_t has two parts: dscores_t @ Wy.T from its own "
                                       "output PLUS dh_prev from step t + 1; start "
                                       "from dh_next = 0 after the last step."),
                          ("last_only", "every step has its own output: dh_t gets "
                                        "dscores[:, t] @ Wy.T at every t, not only at T.")):
        ref = _backward_reference(*case, mistake=mistake)
        if all(np.shape(g) == np.shape(r) and np.allclose(g, r)       # dh0 aside: any value
               for k, (g, r) in enumerate(zip(got, ref)) if k != 1 and isinstance(g, np.ndarray)):
            return hint
    if name == "dh0":
        return ("dh0 = dL/da_1 @ Wh.T: after the loop, the part carried back from the first "
                "step, da at t = 0 times Wh.T.")
    if name == "dWh":
        return ("dWh = sum over t of h_{t-1}.T @ da_t, with h_{t-1} the state BEFORE step t "
                "(h0 at the first step), and da_t = dh_t * (1 - h_t**2).")
    if name in ("dWy", "dby"):
        return ("the output layer: dWy = sum over t of h_t.T @ dscores_t (np.einsum('nth,ntv->hv', "
                "h, dscores)), dby = dscores summed over n and t.")
    return ("go back from t = T: dL/dh_t is the part from its own output plus the part "
            "carried from step t + 1; through tanh (times 1 - h_t^2) to dL/da_t; then section 4 "
            "gives dx_t, the part for step t - 1 and each weight's sum over t.")


def _judge_backward(cases, results):
    error = first_raised(BACKWARD, results, "go backwards: for t in reversed(range(T)), "
                                            "starting from dh_next = np.zeros_like(h0).")
    if error:
        return error
    for k, (case, r) in enumerate(zip(cases, results), start=1):
        out = r.value
        wrong = must_return(BACKWARD, out, BACKWARD_NAMES, "gradients")
        if wrong:
            return wrong
        dscores, x, h0, h, Wx, Wh, Wy, b, by, y, mask = case
        ref = _backward_reference(*case)
        params = {"dx": x, "dh0": h0, "dWx": Wx, "dWh": Wh, "db": b, "dWy": Wy, "dby": by}
        for name, got, exact in zip(BACKWARD_NAMES, out, ref):
            def loss():
                hs, _ = rnn_forward(x, h0, Wx, Wh, b)
                return temporal_softmax_loss(hs @ Wy + by, y, mask)[0]
            value = params[name]
            numeric = numerical_gradient(loss, value)

            def hint(name=name):
                return _backward_hint(name, out, case)
            shape_hint = f"{name} has the shape of {BACKWARD_SHAPES[name]}."
            wrong = compare_gradient(BACKWARD, name, got, numeric, hint, shape_hint, case=k,
                                     tol=TOL)
            if wrong:
                return wrong
            got = np.asarray(got, dtype=float)           # entry-wise: no small entry hidden
            scale = np.max(np.abs(exact))
            bad = np.abs(got - exact) > 1e-6 * np.abs(exact) + 1e-9 * scale
            if bad.any():
                i = np.unravel_index(np.argmax(np.abs(got - exact) * bad), exact.shape)
                return failed(BACKWARD, f"{name}[{', '.join(str(int(j)) for j in i)}] is off by "
                                        f"{abs(got[i] - exact[i]):.1e} on test input {k} "
                                        f"(expected {exact[i]:.4e}): wrong entry by entry, "
                                        f"though the norm-wise check passes.", hint())
    return passed(BACKWARD, f"all seven gradients pass the gradient check on {len(cases)} test "
                            f"inputs (relative error < {TOL:.0e}, and entry by entry), "
                            f"saturated, unsaturated and masked.")


# ---- exercise 3: sampling with a temperature ------------------------------------------------

V_S = 4                                    # tokens of the chain models
V_IID, DRAWS, SEEDS = 3, 60, 6             # i.i.d. cases: SEEDS calls of DRAWS tokens each
TEMPERATURES = (0.5, 2.0)
CHI2_LIMIT = 32.0                 # 2 degrees of freedom: exceeded with P = e^-16 = 1.1e-7


SAMPLE_HINTS = {
    "argmax": "that is argmax decoding: draw from p = softmax(scores / temperature) with "
              "rng.choice(V, p=p).",
    "no temperature": "divide the scores by the temperature before the softmax.",
    "multiplied": "divide the scores by the temperature; do not multiply.",
    "no tanh": "each state is h_t = tanh(h_{t-1} @ Wh + x_t @ Wx + b): apply np.tanh.",
    "no bias": "each state is h_t = tanh(h_{t-1} @ Wh + x_t @ Wx + b): add b."}


def _iid_params(rng):
    """A model whose input and state do not matter (Wx = Wh = 0): every step draws from
    softmax((tanh(b) @ Wy + by) / temperature), with scores (0.7, 0, -0.7), the same
    distribution at every step, so the draws of many calls can be counted. b is large, so
    forgetting tanh or b changes the scores; every probability is at least 0.047, so each
    count is expected at least 16 times in 360 draws."""
    Wx, Wh = np.zeros((V_IID, 2)), np.zeros((2, 2))
    b = np.array([1.5, -2.0])
    Wy = np.array([[1.2, -0.4, -0.8], [-0.6, 0.9, -0.3]])
    by = np.array([0.7, 0.0, -0.7]) - np.tanh(b) @ Wy
    return Wx, Wh, b, Wy, by


def _chain_params(lag, decoy=0):
    """A deterministic model (probabilities within 1e-8 of 0 or 1 at temperature <= 2): the
    next token is (the token ``lag`` steps back + 1) mod 4. With lag 1, H = V and h_t is the
    one-hot of x_t. With lag 2 or 3, H = lag V: a shift register whose blocks hold x_t,
    x_{t-1}, ..., copied one block on at every step through Wh, so a sampler that drops
    h_{t-1} @ Wh writes another sequence; and the bias by favours the token ``decoy`` (score
    30 against 0) when the last block is 0, so a sampler that skips a prompt token the first
    draw needs (the first of three, with lag 3) draws ``decoy`` first, which the cases choose
    unlike the right first token (margins: 20 with lag 1, 50 with lag 2 and 3)."""
    V, eye = V_S, np.eye(V_S)
    nxt = np.roll(eye, 1, axis=1)                          # row i -> one-hot of i + 1
    if lag == 1:                                           # H = V: h_t = one-hot of x_t
        return 20 * eye, np.zeros((V, V)), np.zeros(V), 40 * nxt - 20, np.zeros(V)
    H = lag * V                                            # blocks [x_t, x_{t-1}, ...]
    Wx = np.hstack([20 * eye, np.zeros((V, H - V))])
    Wh = np.zeros((H, H))
    for k in range(lag - 1):                               # copy block k to block k + 1
        Wh[k * V:(k + 1) * V, (k + 1) * V:(k + 2) * V] = 20 * eye
    Wy = np.vstack([np.zeros((H - V, V)), 80 * nxt - 40])
    return Wx, Wh, np.zeros(H), Wy, 30 * eye[decoy]


UNIT_SLOPES = np.array([0.0, 1.0, 2.0, 0.0])      # unit model: score_j = 40 (slope_j h + cut_j)
UNIT_CUTS = np.array([0.0, -0.48, -1.96, -1.0])


def _unit_params(perm):
    """A deterministic model of one unit that reads no input: h_t = tanh(-2 h_{t-1} + 2).
    From h_0 = 0 it is tanh(2) = 0.96 after the prompt, which picks the token perm[1]; a
    prompt step without tanh gives h = 2 (token perm[2]); without b, or from h_0 = 1, or with
    the one prompt token skipped, h = 0 (token perm[0]). Margins at least 14.9 on the scores
    at every step (the state then alternates near 0.1 and 0.95)."""
    Wx, Wh, b = np.zeros((V_S, 1)), np.array([[-2.0]]), np.array([2.0])
    Wy, by = np.zeros((1, V_S)), np.zeros(V_S)
    Wy[0, perm], by[perm] = 40 * UNIT_SLOPES, 40 * UNIT_CUTS
    return Wx, Wh, b, Wy, by


def _run(Wx, Wh, b, Wy, by, start, n, temperature, mistake=None):
    """The likeliest token at every step, fed back, and the smallest probability of it:
    the sequence a deterministic model writes, or writes with a usual ``mistake`` of the
    prompt ("skip first", "last only", "prompt no tanh", "prompt no bias", "h0 ones",
    "prompt no Wh") or of the loop ("no feedback")."""
    H = Wh.shape[0]
    prompt = {"skip first": start[1:], "last only": start[-1:]}.get(mistake, start)
    h = np.ones(H) if mistake == "h0 ones" else np.zeros(H)
    for token in prompt:
        a = (0 if mistake == "prompt no Wh" else h @ Wh) + Wx[token]
        a = a if mistake == "prompt no bias" else a + b
        h = a if mistake == "prompt no tanh" else np.tanh(a)
    out, least, h_prompt = [], 1.0, h
    for _ in range(n):
        p = softmax((h @ Wy + by) / temperature)
        out.append(int(np.argmax(p)))
        least = min(least, float(p.max()))
        h = h_prompt if mistake == "no feedback" else np.tanh(h @ Wh + Wx[out[-1]] + b)
    return out, least


PROMPT_HINTS = {
    "skip first": "run EVERY prompt token through the recurrence before the first draw, "
                  "start[0] included: for token in start.",
    "last only": "run the WHOLE prompt through the recurrence before the first draw.",
    "prompt no tanh": "read the prompt with the same step as the drawn tokens, h_t = "
                      "tanh(h_{t-1} @ Wh + x_t @ Wx + b): apply np.tanh there too.",
    "prompt no bias": "read the prompt with the same step as the drawn tokens, h_t = "
                      "tanh(h_{t-1} @ Wh + x_t @ Wx + b): add b there too.",
    "h0 ones": "start from h_0 = 0, h = np.zeros(H), before the first prompt token.",
    "prompt no Wh": "carry the state through every prompt token: h_t = tanh(h_{t-1} @ Wh + "
                    "x_t @ Wx + b), with h_{t-1} @ Wh.",
    "no feedback": "feed each drawn token back in as the next input x_t."}


def _sample_cases(rng):
    """(Wx, Wh, b, Wy, by, start, n, temperature, seed), then a label for the judge.

    ``SEEDS`` calls of ``DRAWS`` tokens at each temperature on the i.i.d. model; the same call
    twice (the same seed gives the same sample); deterministic models: chains that test the
    prompt (its first token too, with lag 3), the feeding back and the recurrence through
    Wh, and the one-unit model that tests tanh, b and h_0 = 0 while reading the prompt.
    """
    iid = _iid_params(rng)
    seeds = rng.choice(10 ** 6, size=len(TEMPERATURES) * SEEDS + 1, replace=False)
    cases = [iid + ([int(rng.integers(0, V_IID))], DRAWS, tau, int(s), f"iid {tau}")
             for tau, s in zip(np.repeat(TEMPERATURES, SEEDS), seeds)]
    cases += [iid + ([0], 20, 1.0, int(seeds[-1]), "repeat")] * 2
    for lag, tau in ((1, 2.0), (2, 0.5), (2, 2.0), (3, 2.0)):
        start = [int(t) for t in rng.integers(0, V_S, size=3)]
        decoy = (start[-lag] + 2) % V_S                    # not the right first token
        cases.append(_chain_params(lag, decoy)
                     + (start, 12, tau, int(rng.integers(0, 10 ** 6)), f"chain {lag}"))
    cases.append(_unit_params(rng.permutation(V_S))
                 + ([int(rng.integers(0, V_S))], 6, 0.5, int(rng.integers(0, 10 ** 6)), "unit"))
    return cases


def _iid_probs(temperature, how="right"):
    """The distribution of every draw of the i.i.d. model, or of a usual mistake ``how``."""
    _, _, b, Wy, by = _iid_params(None)
    scores = {"no tanh": b @ Wy + by, "no bias": by}.get(how, np.tanh(b) @ Wy + by)
    if how == "argmax":
        return np.eye(V_IID)[np.argmax(scores)]
    factor = {"no temperature": 1.0, "multiplied": temperature}.get(how, 1 / temperature)
    return softmax(scores * factor)


def _chi2(counts, p):
    expected = counts.sum() * np.maximum(p, 1e-12)
    return float(np.sum((counts - expected) ** 2 / expected))


TOKENS_HINTS = {
    "count": "return a list of the n = {n} new token indices, without the prompt.",
    "shape": "append each token as one int: out.append(int(token)), so that out is a flat "
             "list of n ints, shape (n,).",
    "other": "end with `return out`, the list of the n drawn tokens."}


def _as_tokens(value, n, V):
    """The returned value as a list of n ints in 0..V-1, or ``(message, hint)`` saying what
    is wrong (a missing return is named before the judge runs)."""
    if isinstance(value, Unreadable):
        return (f"returned {value!r}, which the check cannot read (a list of over 64 items?).",
                TOKENS_HINTS["other"])
    if not isinstance(value, (list, tuple, np.ndarray)):
        return (f"returned a {type(value).__name__}, expected a list of n = {n} token indices.",
                TOKENS_HINTS["other"])
    flat = value.ndim == 1 if isinstance(value, np.ndarray) else all(np.ndim(t) == 0
                                                                     for t in value)
    if not flat:
        try:
            shape = f"shape {np.shape(value)}"
        except ValueError:                 # ragged: pieces of different lengths
            shape = "pieces of different lengths"
        return (f"returned {shape}, expected a flat list of n = {n} token indices, shape "
                f"({n},).", TOKENS_HINTS["shape"].format(n=n))
    tokens = list(value)
    if len(tokens) != n:
        return (f"returned {len(tokens)} tokens, expected the n = {n} new ones.",
                TOKENS_HINTS["count"].format(n=n))
    try:
        ints = [int(t) for t in tokens]
    except (TypeError, ValueError):
        return "returned something that is not token indices.", TOKENS_HINTS["other"]
    if any(t != v for t, v in zip(ints, tokens)) or min(ints) < 0 or max(ints) >= V:
        return (f"returned values that are not token indices in 0..{V - 1}.",
                TOKENS_HINTS["other"])
    return ints


def _judge_sample(cases, results):
    error = first_raised(SAMPLE, results, "run the prompt through the RNN, then draw one "
                                          "token at a time with rng.choice(V, p=p).")
    if error:
        return error
    samples = []
    for case, r in zip(cases, results):
        n = case[6]
        tokens = _as_tokens(r.value, n, len(case[4]))
        if isinstance(tokens, tuple):
            return failed(SAMPLE, *tokens)
        samples.append(tokens)
    labels = [c[-1] for c in cases]
    constant = [s for s, lab in zip(samples, labels) if lab.startswith("iid") and len(set(s)) == 1]
    repeated = failed(SAMPLE, f"{len(constant)} of the {len(TEMPERATURES) * SEEDS} calls of "
                              f"{DRAWS} draws each returned one token repeated "
                              f"({constant[0][:4] if constant else ''}...).",
                      "make the generator once, rng = np.random.default_rng(seed), before the "
                      "loop: a generator made again before every draw repeats its first draw.")
    if len(constant) >= 2 and len({s[0] for s in constant}) > 1:   # right: P < 1e-12
        return repeated                        # (one token in every call: argmax, below)
    for tau in TEMPERATURES:                       # the distribution of the draws
        counts = np.bincount(np.concatenate([s for s, lab in zip(samples, labels)
                                             if lab == f"iid {tau}"]), minlength=V_IID)
        p = _iid_probs(tau)
        if _chi2(counts, p) > CHI2_LIMIT:
            freq = counts / counts.sum()
            best = min(("argmax", "no temperature", "multiplied", "no tanh", "no bias"),
                       key=lambda how: _chi2(counts, _iid_probs(tau, how)))
            hint = SAMPLE_HINTS[best]
            if _chi2(counts, _iid_probs(tau, best)) > CHI2_LIMIT:
                hint = ("draw each token from p = softmax((h_t @ Wy + by) / temperature), "
                        "with h_t = tanh(h_{t-1} @ Wh + x_t @ Wx + b).")
            return failed(SAMPLE, f"at temperature {tau:g}, {counts.sum()} draws have "
                                  f"frequencies {np.round(freq, 2).tolist()}, expected about "
                                  f"{np.round(p, 2).tolist()} = softmax(scores / "
                                  f"temperature).", hint)
    if len(constant) >= 2:
        return repeated
    first, second = [s for s, lab in zip(samples, labels) if lab == "repeat"]
    if first != second:
        return failed(SAMPLE, "two calls with the same seed gave different samples.",
                      "make every draw from rng = np.random.default_rng(seed), created once "
                      "at the start of the function.")
    for case, tokens in zip(cases, samples):
        label = case[-1]
        if not label.startswith(("chain", "unit")):
            continue
        start, n, tau = case[5], case[6], case[7]
        expected, _ = _run(*case[:8])
        if tokens != expected:
            mistakes = [m for m in PROMPT_HINTS if _run(*case[:8], mistake=m)[0] == tokens]
            if len(mistakes) == 1:
                hint = PROMPT_HINTS[mistakes[0]]
            elif mistakes:                     # several mistakes write this same sequence
                hint = ("run the WHOLE prompt, start[0] included, from h_0 = 0 with the step "
                        "of the drawn tokens, h_t = tanh(h_{t-1} @ Wh + x_t @ Wx + b): "
                        "h_{t-1} @ Wh, tanh and b included.")
            elif label in ("chain 2", "chain 3") and tokens[0] == np.argmax(case[4]) \
                    and set(tokens) != {np.argmax(case[4])}:     # the decoy of the bias first
                hint = PROMPT_HINTS["last only"]
            elif label != "chain 1":
                hint = ("carry the state from h_0 = 0 through every prompt token and every "
                        "draw: h_t = tanh(h_{t-1} @ Wh + x_t @ Wx + b).")
            elif tokens[0] != expected[0]:
                hint = PROMPT_HINTS["last only"]
            else:
                hint = PROMPT_HINTS["no feedback"]
            model = ("whose one unit reads no input, h_t = tanh(-2 h_{t-1} + 2),"
                     if label == "unit" else
                     f"that always writes (the token {label[-1]} back) + 1,")
            return failed(SAMPLE, f"on a model {model} prompt {start} at temperature {tau:g} "
                                  f"gave {tokens[:6]}{'...' if n > 6 else ''}, expected "
                                  f"{expected[:6]}{'...' if n > 6 else ''}.", hint)
    return passed(SAMPLE, f"{SEEDS * DRAWS} draws at each temperature "
                          f"{', '.join(f'{t:g}' for t in TEMPERATURES)} follow softmax(scores "
                          f"/ temperature); the same seed repeats the sample; on "
                          f"{N_DETERMINISTIC} models that write one sequence with probability "
                          f"above 1 - 1e-6, it writes that sequence, which takes every prompt "
                          f"token (the first too) read from h_0 = 0 with tanh, b and "
                          f"h_{{t-1}} @ Wh, and each draw fed back.")


N_DETERMINISTIC = 5                       # 4 chains and the one-unit model of _sample_cases


TEMPORAL_SOFTMAX_LOSS = Exercise(
    LOSS, "temporal_softmax_loss_exercise", _loss_cases, _judge_loss, seed=80,
    writes={"temporal_softmax_loss": "rnnlib.temporal_softmax_loss",
            "softmax_cross_entropy": "rnnlib.losses.softmax_cross_entropy",
            "numerical_gradient": "rnnlib.gradcheck.numerical_gradient"})
MANY_TO_MANY_BACKWARD = Exercise(
    BACKWARD, "many_to_many_backward", _backward_cases, _judge_backward, seed=82, n_args=7,
    writes={"rnn_backward": "rnnlib.rnn_backward",
            "rnn_step_backward": "rnnlib.rnn_step_backward"})
SAMPLE_EXERCISE = Exercise(SAMPLE, "sample_exercise", _sample_cases, _judge_sample, seed=81,
                           n_args=9,
                           writes={"sample": "rnnlib.ManyToMany.sample"})


def check_temporal_softmax_loss(temporal_softmax_loss_exercise):
    """Check ``f(scores, y, mask) -> (loss, dscores)``: values, masking, large scores."""
    TEMPORAL_SOFTMAX_LOSS.check(temporal_softmax_loss_exercise)


def check_many_to_many_backward(many_to_many_backward):
    """Check ``f(dscores, x, h0, h, Wx, Wh, Wy) -> (dx, dh0, dWx, dWh, db, dWy, dby)``.

    Each gradient is compared with a centred finite difference of the temporal softmax loss
    in float64 (norm-wise relative error below 1e-7) and entry by entry with the exact one.
    """
    MANY_TO_MANY_BACKWARD.check(many_to_many_backward)


def check_sample(sample_exercise):
    """Check ``f(Wx, Wh, b, Wy, by, start, n, temperature, seed) -> list of n tokens``.

    Judged by what it computes, so any correct sampler passes: the frequencies of many draws
    against softmax(scores / temperature), the same sample from the same seed, and the one
    sequence that each of five deterministic models writes: it needs every prompt token
    (the first too), tanh, b and h_{t-1} @ Wh while reading the prompt, h_0 = 0, and each
    draw fed back.
    """
    SAMPLE_EXERCISE.check(sample_exercise)
