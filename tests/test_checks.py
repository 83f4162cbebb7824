"""Every exercise of the course, with a right answer, typical wrong answers and a raising one.

A check prints exactly one verdict: "PASSED <id>: ..." or "FAILED <id>: ..." with a hint,
never raises because of the student's code, and prints the same text on every run. The
grader reaches the same verdict from what the function returned, carried through files as
plain arrays, on test inputs drawn from any seed.
"""
import numpy as np
import pytest

from rnnlib import checks
from rnnlib.checks import EXERCISES
from rnnlib.checks._exercise import capture, load_results, record, save_cases

sigmoid = checks.lstm.sigmoid


def not_implemented(*args):
    raise NotImplementedError("write your solution here")


def rnn_step_backward(dh_next, x_t, h_prev, Wx, Wh, h_next):
    da = dh_next * (1 - h_next ** 2)
    return da @ Wx.T, da @ Wh.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)


def lstm_step(x_t, h_prev, c_prev, Wx, Wh, b, order=(0, 1, 2, 3), g_act=np.tanh, tanh_c=True):
    H = h_prev.shape[1]
    a = x_t @ Wx + h_prev @ Wh + b
    i, f, g, o = (a[:, k * H:(k + 1) * H] for k in order)
    c = sigmoid(f) * c_prev + sigmoid(i) * g_act(g)
    return sigmoid(o) * (np.tanh(c) if tanh_c else c), c


def lstm_step_backward(dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b, tanh_grad=True,
                       f_on_dc=True, order=(0, 1, 2, 3)):
    H = h_prev.shape[1]
    a = x_t @ Wx + h_prev @ Wh + b
    i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), \
        sigmoid(a[:, 3 * H:])
    tanh_c = np.tanh(f * c_prev + i * g)
    dc = dc_next + dh_next * o * ((1 - tanh_c ** 2) if tanh_grad else 1)
    parts = [dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g),
             dh_next * tanh_c * o * (1 - o)]
    da = np.concatenate([parts[k] for k in order], axis=1)
    return da @ Wx.T, da @ Wh.T, dc * f if f_on_dc else dc, x_t.T @ da, h_prev.T @ da, \
        da.sum(axis=0)


def temporal_loss(scores, y, mask, mean=True, masked_grad=True, stable=True):
    s = scores - scores.max(axis=2, keepdims=True) if stable else scores
    with np.errstate(all="ignore"):
        p = np.exp(s)
        p /= p.sum(axis=2, keepdims=True)
    M = mask.sum()
    n, t = np.nonzero(mask)
    loss = -np.log(p[n, t, y[n, t]]).sum() / (M if mean else 1)
    d = p.copy()
    d[n, t, y[n, t]] -= 1
    return loss, d * (mask[:, :, None] if masked_grad else 1) / M


def sample(Wx, Wh, b, Wy, by, start, n, temperature, seed, argmax=False):
    rng = np.random.default_rng(seed)
    V, H = Wx.shape
    h = np.zeros(H)
    for token in start:
        h = np.tanh(h @ Wh + Wx[token] + b)
    out = []
    for _ in range(n):
        z = (h @ Wy + by) / temperature
        p = np.exp(z - z.max())
        token = int(np.argmax(z)) if argmax else int(rng.choice(V, p=p / p.sum()))
        out.append(token)
        h = np.tanh(h @ Wh + Wx[token] + b)
    return out


def many_to_one(X, Wx, Wh, b, Wy, by, last=True, bias=True):
    h, states = np.zeros((X.shape[0], Wh.shape[0])), []
    for t in range(X.shape[1]):
        h = np.tanh(h @ Wh + X[:, t] @ Wx + b)
        states.append(h)
    return (states[-1] if last else states[0]) @ Wy + (by if bias else 0)


def stable_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# exercise id: (right answer, [(wrong answer, piece of its hint)])
CASES = {
    "00_batch_shape": (lambda n, t, d: (n, t, d), [
        (lambda n, t, d: (t, n, d), "order (N, T, D)"),
        (lambda n, t, d: n * t * d, "tuple of three numbers"),
        (lambda n, t, d: {"N": n}, "tuple of three numbers"),
    ]),
    "01_one_hot": (lambda idx, v: np.eye(v)[idx], [
        (lambda idx, v: np.moveaxis(np.eye(v)[idx], -1, 0), "one-hot axis comes last"),
        (lambda idx, v: np.eye(v)[idx - 1], "a vector of V zeros"),
    ]),
    "02_rnn_step": (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx + b), [
        (lambda x, h, Wx, Wh, b: h @ Wh + x @ Wx + b, "apply np.tanh"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx), "add the bias"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh.T + x @ Wx + b), "not Wh.T"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b), "both terms"),
        (lambda x, h, Wx, Wh, b: (np.tanh(h @ Wh + x @ Wx + b), None), "not (h_next, cache)"),
        (lambda x, h, Wx, Wh, b: None, "each product is (N, H)"),
    ]),
    "02_param_count": (lambda D, H: H * H + D * H + H, [
        (lambda D, H: H * H + D * H, "forgot the bias"),
        (lambda D, H: D * H + H, "forgot Wh"),
        (lambda D, H: H * H + D * H + 2 * H, "two biases"),
        (lambda D, H: "18", "return one integer"),
    ]),
    "03_tanh_from_exp": (lambda x: np.sign(x) * (1 - np.exp(-2 * np.abs(x)))
                         / (1 + np.exp(-2 * np.abs(x))), [
        (lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), "e^1000 overflows"),
        (lambda x: (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1), "e^1000 overflows"),
        (lambda x: np.exp(-2 * np.abs(x)), "check the formula"),
        (lambda x: np.where(np.abs(x) > 20, np.sign(x), (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1)),
         "nothing overflows"),
    ]),
    "03_tanh_derivative": (lambda x: 1 - np.tanh(x) ** 2, [
        (lambda x: 1 - x ** 2, "apply np.tanh to x first"),
        (lambda x: np.tanh(x) ** 2, "1 - tanh(x)"),
    ]),
    "04_split_w": (lambda W, D: (W[:D], W[D:]), [
        (lambda W, D: (W[D:], W[:D]), "order is swapped"),
        (lambda W, D: W[:D], "return Wx, Wh"),
        (lambda W, D: (W[:D].T, W[D:]), "wrong axis"),
    ]),
    "04_softmax": (stable_softmax, [
        (lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), "subtract each row's max"),
        (lambda z: stable_softmax(z.T).T, "normalise each row"),
    ]),
    "05_many_to_one_forward": (many_to_one, [
        (lambda *a: many_to_one(*a, last=False), "not the first"),
        (lambda *a: many_to_one(*a, bias=False), "add the output bias"),
        (lambda X, Wx, Wh, b, Wy, by: np.zeros((X.shape[0], Wh.shape[0])), "apply the output"),
    ]),
    "06_rnn_step_backward": (rnn_step_backward, [
        (lambda dh, x, hp, Wx, Wh, hn: (dh @ Wx.T,) + rnn_step_backward(dh, x, hp, Wx, Wh, hn)[1:],
         "you skipped tanh"),
        (lambda *a: rnn_step_backward(*a)[:4], "five gradients"),
        (lambda *a: rnn_step_backward(*a)[:4] + (rnn_step_backward(*a)[4][None],), "db"),
    ]),
    "07_lstm_step": (lstm_step, [
        (lambda *a: lstm_step(*a, order=(0, 1, 3, 2)), "g is the third block"),
        (lambda *a: lstm_step(*a, g_act=sigmoid), "uses tanh, not sigmoid"),
        (lambda *a: lstm_step(*a, tanh_c=False), "apply tanh to the cell state"),
        (lambda *a: lstm_step(*a)[0], "tuple (h_next, c_next)"),
    ]),
    "07_lstm_step_backward": (lstm_step_backward, [
        (lambda *a: lstm_step_backward(*a, tanh_grad=False), "the path through h_t passes tanh"),
        (lambda *a: lstm_step_backward(*a, f_on_dc=False), "multiply dc by f"),
        (lambda *a: lstm_step_backward(*a, order=(1, 0, 2, 3)), "order i, f, g, o"),
        (lambda *a: lstm_step_backward(*a)[:5], "six gradients"),
    ]),
    "08_temporal_softmax_loss": (temporal_loss, [
        (lambda *a: temporal_loss(*a, mean=False), "divide the sum by mask.sum()"),
        (lambda *a: temporal_loss(*a, masked_grad=False), "0 where mask is False"),
        (lambda *a: temporal_loss(*a, stable=False), "largest score before np.exp"),
        (lambda *a: temporal_loss(*a)[0], "tuple (loss, dscores)"),
    ]),
    "08_sample": (sample, [
        (lambda *a: sample(*a, argmax=True), "argmax decoding"),
        (lambda *a: sample(*a[:7], 1.0, a[8]), "divide the scores by the temperature"),
        (lambda *a: sample(*a[:7], 1 / a[7], a[8]), "do not multiply"),
        (lambda *a: sample(*a)[:-1], "list of the n = 12"),
    ]),
}


# ---- notebook 09 ----------------------------------------------------------------------------

def attention_fwd(query, keys, mask, use_mask=True, axis=1, stable=True, mask_after=False):
    scores = np.einsum("nsh,nh->ns", keys, query)
    if mask_after:     # the max over all positions, padding included, then masked after exp
        w = np.exp(scores - scores.max(axis=axis, keepdims=True)) * mask
        w = w / w.sum(axis=axis, keepdims=True)
        return np.einsum("ns,nsh->nh", w, keys), w
    if use_mask:
        scores = np.where(mask, scores, -np.inf)
    w = np.exp(scores - scores.max(axis=axis, keepdims=True) if stable else scores)
    w = w / w.sum(axis=axis, keepdims=True)
    return np.einsum("ns,nsh->nh", w, keys), w


def attention_bwd(dcontext, query, keys, mask, softmax_sub=True, value_path=True):
    _, w = attention_fwd(query, keys, mask)
    dw = np.einsum("nsh,nh->ns", keys, dcontext)
    ds = w * (dw - (w * dw).sum(axis=1, keepdims=True)) if softmax_sub else w * dw
    dkeys = ds[:, :, None] * query[:, None]
    if value_path:
        dkeys = dkeys + w[:, :, None] * dcontext[:, None]
    return np.einsum("ns,nsh->nh", ds, keys), dkeys


def gru_step(x_t, h_prev, Wx, Wh, bx, bh, swap_z=False, order="rzn", reset_before=False):
    H = h_prev.shape[1]
    ax, ah = x_t @ Wx + bx, h_prev @ Wh + bh
    blocks = {name: k for k, name in enumerate(order)}
    gate = lambda name: slice(blocks[name] * H, (blocks[name] + 1) * H)
    r = sigmoid(ax[:, gate("r")] + ah[:, gate("r")])
    z = sigmoid(ax[:, gate("z")] + ah[:, gate("z")])
    if reset_before:
        n = np.tanh(ax[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + bh[2 * H:])
    else:
        n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])
    return z * n + (1 - z) * h_prev if swap_z else (1 - z) * n + z * h_prev


CASES.update({
    "09_attention_forward": (attention_fwd, [
        (lambda *a: attention_fwd(*a, use_mask=False), "weight exactly 0"),
        (lambda *a: attention_fwd(*a, axis=0), "not over the batch"),
        (lambda *a: attention_fwd(*a, stable=False), "largest real score before np.exp"),
        (lambda *a: attention_fwd(*a, mask_after=True), "largest real score before np.exp"),
        (lambda *a: attention_fwd(*a)[0], "two arrays (context, weights)"),
        (lambda *a: None, "returned None: missing return?"),
    ]),
    "09_attention_backward": (attention_bwd, [
        (lambda *a: attention_bwd(*a, softmax_sub=False), "the softmax couples the positions"),
        (lambda *a: attention_bwd(*a, value_path=False), "keys are also the values"),
        (lambda *a: (attention_bwd(*a)[1], attention_bwd(*a)[0]), "has the shape of"),
        (lambda *a: None, "returned None: missing return?"),
    ]),
    "09_gru_step": (gru_step, [
        (lambda *a: gru_step(*a, swap_z=True), "z is the share of h_prev"),
        (lambda *a: gru_step(*a, order="zrn"), "r is the first H columns"),
        (lambda *a: gru_step(*a, reset_before=True), "reset-before form"),
        (lambda *a: None, "returned None: missing return?"),
    ]),
})

RIGHT = [(ex_id, right) for ex_id, (right, _) in CASES.items()]
WRONG = [(ex_id, wrong, hint) for ex_id, (_, wrongs) in CASES.items() for wrong, hint in wrongs]


def verdict(capsys, ex_id, fn):
    with np.errstate(all="ignore"):
        result = EXERCISES[ex_id].check(fn)
    out = capsys.readouterr().out
    assert result is None                         # the cell shows only the printed verdict
    return out


def test_every_exercise_is_tested_here():
    assert set(CASES) == set(EXERCISES)


@pytest.mark.parametrize("ex_id, right", RIGHT, ids=[r[0] for r in RIGHT])
def test_right_answer_passes(capsys, ex_id, right):
    out = verdict(capsys, ex_id, right)
    assert out.startswith(f"PASSED {ex_id}: ") and out.count("\n") == 1, out


@pytest.mark.parametrize("ex_id, wrong, hint", WRONG,
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_wrong_answer_fails_with_a_hint(capsys, ex_id, wrong, hint):
    out = verdict(capsys, ex_id, wrong)
    assert out.startswith(f"FAILED {ex_id}: "), out
    assert hint in out, out
    assert "  Hint: " in out


@pytest.mark.parametrize("ex_id", CASES)
def test_raising_answer_fails_and_names_the_exception(capsys, ex_id):
    out = verdict(capsys, ex_id, not_implemented)
    assert out.startswith(f"FAILED {ex_id}: ") and "raised NotImplementedError" in out, out
    assert EXERCISES[ex_id].verdict(not_implemented).reason == "not implemented"


@pytest.mark.parametrize("ex_id", CASES)
def test_verdict_is_the_same_on_every_run(capsys, ex_id):
    wrong = CASES[ex_id][1][0][0]
    assert verdict(capsys, ex_id, wrong) == verdict(capsys, ex_id, wrong)


@pytest.mark.parametrize("seed", [1, 2024])
@pytest.mark.parametrize("ex_id", CASES)
def test_the_grader_reaches_the_class_verdict_through_files(tmp_path, ex_id, seed):
    """Cases of any seed, written, recorded by the kernel's function, read back, judged."""
    exercise = EXERCISES[ex_id]
    for fn in [CASES[ex_id][0], not_implemented] + [w for w, _ in CASES[ex_id][1]]:
        cases = exercise.make_cases(seed)
        save_cases(tmp_path, ex_id, [exercise.student_args(c) for c in cases])
        with np.errstate(all="ignore"):
            record(ex_id, fn, tmp_path)
            in_class = exercise.verdict(fn, seed=seed)
        graded = exercise.judge_results(cases, load_results(tmp_path, ex_id))
        assert graded == in_class
        assert graded.ok == (fn is CASES[ex_id][0]), graded


def test_values_travel_without_pickles(tmp_path):
    """Whatever a function returns, only numbers and strings reach the grader."""
    class Sneaky:
        def __reduce__(self):
            raise AssertionError("pickled")
    weird = [Sneaky(), {"a": 1}, np.array([Sneaky()], dtype=object), "text", (1, 2.5, True),
             np.float32(2), [[np.ones(2)]]]
    for value in weird:
        description, arrays = capture(lambda: value, ())
        assert all(a.dtype.kind in "biuf" for a in arrays.values())
    save_cases(tmp_path, "x", [()])
    record("x", lambda: (np.arange(3), None, "ok", Sneaky()), tmp_path)
    (r,) = load_results(tmp_path, "x")
    assert r.value[0].tolist() == [0, 1, 2] and r.value[1] is None and r.value[2] == "ok"
    assert repr(r.value[3]) == "<a Sneaky>"


def test_missing_or_malformed_results_are_reported_not_raised(tmp_path):
    with pytest.raises(ValueError, match="nothing was recorded"):
        load_results(tmp_path, "02_rnn_step")
    (tmp_path / "02_rnn_step.results.json").write_text(
        '[{"value": {"kind": "array", "key": "a0"}}]')
    with pytest.raises(Exception):
        load_results(tmp_path, "02_rnn_step")
