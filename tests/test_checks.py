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


def sample_no_feedback(Wx, Wh, b, Wy, by, start, n, temperature, seed):
    rng = np.random.default_rng(seed)
    h = np.zeros(Wh.shape[0])
    for token in start:
        h = np.tanh(h @ Wh + Wx[token] + b)
    z = (h @ Wy + by) / temperature
    p = np.exp(z - z.max())
    return [int(rng.choice(len(by), p=p / p.sum())) for _ in range(n)]


def sample_other_rng(Wx, Wh, b, Wy, by, start, n, temperature, seed, reseed=False,
                     prompt=slice(None), wh=True, tanh=True):
    """Right (another way of drawing: inverse CDF with a uniform), or one usual mistake."""
    rng = np.random.default_rng(seed + 12345)
    act = np.tanh if tanh else (lambda a: a)
    h = np.zeros(Wh.shape[0])
    for token in start[prompt]:
        h = act((h @ Wh if wh else 0) + Wx[token] + b)
    out = []
    for k in range(n):
        z = (h @ Wy + by) / temperature
        p = np.exp(z - z.max())
        u = np.random.default_rng(seed + k).random() if reseed else rng.random()
        token = int(min(np.searchsorted(np.cumsum(p / p.sum()), u), len(p) - 1))
        out.append(token)
        h = act((h @ Wh if wh else 0) + Wx[token] + b)
    return out


def sample_rng_per_draw(Wx, Wh, b, Wy, by, start, n, temperature, seed):
    """A new generator from the same seed before every draw: each draw repeats the first."""
    h = np.zeros(Wh.shape[0])
    for token in start:
        h = np.tanh(h @ Wh + Wx[token] + b)
    out = []
    for _ in range(n):
        z = (h @ Wy + by) / temperature
        p = np.exp(z - z.max())
        out.append(int(np.random.default_rng(seed).choice(len(p), p=p / p.sum())))
        h = np.tanh(h @ Wh + Wx[out[-1]] + b)
    return out


def sample_global_rng(*a):
    """A right sampler that ignores the seed argument would fail only the repeat test."""
    return sample_other_rng(*a[:8], int(np.random.default_rng().integers(2 ** 31)))


def m2m_backward(dscores, x, h0, h, Wx, Wh, Wy, carry=True, every_step=True, h_prev_dWh=True,
                 tanh_grad=True):
    N, T, _ = dscores.shape
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    dx, dh_next = np.zeros_like(x), np.zeros_like(h0)
    for t in reversed(range(T)):
        h_prev = h[:, t - 1] if t > 0 else h0
        dh = (dscores[:, t] @ Wy.T if every_step or t == T - 1 else 0) \
            + (dh_next if carry else 0)
        da = dh * (1 - h[:, t] ** 2) if tanh_grad else dh
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += (h_prev if h_prev_dWh else h[:, t]).T @ da
        db += da.sum(axis=0)
        dh_next = da @ Wh.T
    dWy = np.einsum("nth,ntv->hv", h, dscores)
    return dx, dh_next, dWx, dWh, db, dWy, dscores.sum(axis=(0, 1))


def m2m_one_entry_off(*a):
    """One small entry of dx wrong by 1e-8 of the largest: the norm-wise check passes it."""
    dx, dh0, dWx, dWh, db, dWy, dby = m2m_backward(*a)
    dx = dx.copy()
    k = np.unravel_index(np.argmin(np.abs(dx)), dx.shape)
    dx[k] += 1e-8 * np.max(np.abs(dx))
    return dx, dh0, dWx, dWh, db, dWy, dby


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
        (lambda *a: sample(*a)[:-1], "without the prompt"),
        (lambda *a: list(a[5]) + sample(*a), "without the prompt"),
        (lambda *a: None, "missing return?"),
        (sample_no_feedback, "feed each drawn token back in"),
        (sample_global_rng, "the same seed"),
        (lambda *a: sample_other_rng(*a, prompt=slice(0, 1)), "run the WHOLE prompt"),
        (lambda *a: sample_other_rng(*a, prompt=slice(-1, None)), "the WHOLE prompt"),
        (sample_rng_per_draw, "before the loop"),
        (lambda *a: sample_other_rng(*a, wh=False), "carry the state"),
        (lambda *a: sample_other_rng(*a, tanh=False), "apply np.tanh"),
        (lambda *a: sample(Wx=a[0], Wh=a[1], b=0 * a[2], Wy=a[3], by=a[4], start=a[5], n=a[6],
                           temperature=a[7], seed=a[8]), "add b"),
    ]),
    "08_many_to_many_backward": (m2m_backward, [
        (lambda *a: m2m_backward(*a, carry=False), "PLUS dh_prev from step t + 1"),
        (lambda *a: m2m_backward(*a, every_step=False), "not only at T"),
        (lambda *a: m2m_backward(*a, h_prev_dWh=False), "the state BEFORE step t"),
        (lambda *a: m2m_backward(*a, tanh_grad=False), "through tanh (times 1 - h_t^2)"),
        (m2m_one_entry_off, "entry by entry"),
        (lambda *a: m2m_backward(*a)[:5], "seven gradients"),
        (lambda *a: (m2m_backward(*a)[0].sum(axis=2),) + m2m_backward(*a)[1:],
         "dx has the shape of x: (N, T, V)"),
        (lambda *a: None, "missing return?"),
    ]),
}

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


SAMPLE_SEEDS = np.random.default_rng(8).choice(2 ** 32, size=300, replace=False)


@pytest.mark.parametrize("sampler, right", [
    (sample, True), (lambda *a: sample_other_rng(*a), True),
    (sample_rng_per_draw, False),
    (lambda *a: sample_other_rng(*a, prompt=slice(-1, None)), False)],
    ids=["right", "right-inverse-cdf", "rng-per-draw", "last-prompt-token-only"])
def test_sample_verdict_on_300_grading_seeds(sampler, right):
    """The grader draws fresh cases per submission: on every seed tried, a right sampler
    passes (its chance to fail is below 2.5e-7: chi2 > 32 at two temperatures, 2 e^-16) and
    these two wrong ones fail (a repeated token in every call; the decoy first token)."""
    exercise = EXERCISES["08_sample"]
    verdicts = [str(exercise.verdict(sampler, seed=int(s))) for s in SAMPLE_SEEDS]
    assert all(v.startswith("PASSED" if right else "FAILED") for v in verdicts), \
        [v for v in verdicts if not v.startswith("PASSED" if right else "FAILED")][:2]


def test_sample_hint_is_one_sentence(capsys):
    out = verdict(capsys, "08_sample", lambda *a: sample(*a[:7], 1.0, a[8]))
    assert "Hint: divide the scores by the temperature before the softmax." in out, out
    assert "{" not in out, out


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
