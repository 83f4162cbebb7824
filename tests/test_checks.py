"""Every exercise of the course, with a right answer, typical wrong answers and a raising one.

A check prints exactly one verdict: "PASSED <id>: ..." or "FAILED <id>: ..." with a hint,
never raises because of the student's code, and prints the same text on every run. The
grader reaches the same verdict from what the function returned, carried through files as
plain arrays, on test inputs drawn from any seed.
"""
from pathlib import Path

import numpy as np
import pytest

import rnnlib
from rnnlib import checks
from rnnlib.checks import EXERCISES
from rnnlib.checks._cell import binds
from rnnlib.checks._exercise import capture, load_results, record, save_cases
from rnnlib.checks._verdict import compare_gradient, shape_text
from rnnlib.gradcheck import rel_error

sigmoid = checks.lstm.sigmoid


def not_implemented(*args):
    raise NotImplementedError("write your solution here")


def rnn_step_backward(dh_next, x_t, h_prev, Wx, Wh, h_next):
    da = dh_next * (1 - h_next ** 2)
    return da @ Wx.T, da @ Wh.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)


def rnn_backward(dh, X, h0, Wx, Wh, h, carry=True, upstream_every_step=True, h0_first=True,
                 carry_after_slope=False):
    """06's BPTT; a flag off (or carry_after_slope on) makes one of its usual mistakes."""
    N, T, H = h.shape
    dX, dWx, dWh, db = np.zeros_like(X), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(H)
    dnext = np.zeros((N, H))
    for t in reversed(range(T)):
        up = dh[:, t] if upstream_every_step or t == T - 1 else 0
        if carry_after_slope:     # the carried gradient added after the slope: a mistake
            da = up * (1 - h[:, t] ** 2) + dnext
        else:
            da = ((dnext if carry else 0) + up) * (1 - h[:, t] ** 2)
        h_prev = h[:, t - 1] if t > 0 else (h0 if h0_first else np.zeros_like(h0))
        dX[:, t] = da @ Wx.T
        dWx += X[:, t].T @ da
        dWh += h_prev.T @ da
        db += da.sum(axis=0)
        dnext = da @ Wh.T
    return dX, dnext, dWx, dWh, db


def nudge_smallest(g):
    """One small entry wrong by 1e-8 of the norm: invisible norm-wise, visible entry-wise."""
    g = g.copy()
    k = np.argmin(np.abs(g))
    g.flat[k] += 1e-8 * np.linalg.norm(g)
    return g


def bce_grad(s, y):
    return (sigmoid(s) - y.reshape(-1, 1)) / s.shape[0]


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


def lstm_backward_seq(dh, x, h0, Wx, Wh, b, every_step=True, carry_h=True, carry_c=True):
    N, T, H = dh.shape
    h, cache = rnnlib.lstm_forward(x, h0, Wx, Wh, b)
    gates, c = cache["gates"], cache["c"]
    dx, dWx, dWh, db = np.zeros_like(x), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dh_next, dc_next = np.zeros((N, H)), np.zeros((N, H))
    for t in reversed(range(T)):
        i, f, g, o = (gates[:, t, k * H:(k + 1) * H] for k in range(4))
        c_prev = c[:, t - 1] if t else np.zeros((N, H))
        h_prev = h[:, t - 1] if t else h0
        tc = np.tanh(c[:, t])
        dht = (dh[:, t] if every_step or t == T - 1 else 0) + dh_next
        dc = dc_next + dht * o * (1 - tc ** 2)
        da = np.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f),
                             dc * i * (1 - g ** 2), dht * tc * o * (1 - o)], axis=1)
        dx[:, t] = da @ Wx.T
        dWx += x[:, t].T @ da
        dWh += h_prev.T @ da
        db += da.sum(axis=0)
        dh_next = da @ Wh.T if carry_h else np.zeros((N, H))
        dc_next = dc * f if carry_c else np.zeros((N, H))
    return dx, dh_next, dWx, dWh, db


def one_entry_off(dh, x, h0, Wx, Wh, b):
    """Right but for the smallest entry of dx, off by 1e-9 of the largest: it passes the
    norm-wise gradient check and fails entry by entry."""
    out = list(lstm_backward_seq(dh, x, h0, Wx, Wh, b))
    dx = out[0].copy()
    dx.flat[np.argmin(np.abs(dx))] += 1e-9 * np.abs(dx).max()
    out[0] = dx
    return tuple(out)


def remember_bit(sign=1.0, forget_bias=10.0, write=20.0, Wy=-5.0):
    H = 1
    Wx, Wh, b = np.zeros((6, 4 * H)), np.zeros((H, 4 * H)), np.zeros(4 * H)
    b[0], Wx[0, 0], Wx[1, 0] = -10.0, write, write      # the input gate opens on a marker
    b[1] = forget_bias                                  # the forget gate stays near 1
    Wx[0, 2], Wx[1, 2] = 10.0, -10.0                    # g = +1 after A, -1 after B
    b[3] = 10.0                                         # the output gate is open
    return Wx, Wh, b, sign * Wy * np.ones((H, 1)), np.zeros(1)


def distractors_write():
    """remember_bit with the input gate always open and a candidate of tanh(1) on distractors."""
    Wx, Wh, b, Wy, by = remember_bit()
    b[0], b[2] = 10.0, 1.0
    return Wx, Wh, b, Wy, by


def one_distractor_leaks(delta=0.036):
    """remember_bit where distractor e_2 writes a little into the cell: random orders pass,
    50 copies of e_2 after marker B flip the label (review s26-X5)."""
    Wx, Wh, b, Wy, by = remember_bit()
    Wx[2, 0], Wx[2, 2] = 10.0, np.arctanh(delta)        # e_2 opens the input gate, g = -delta
    return Wx, Wh, b, Wy, by


def same_sign_leak():
    """remember_bit with the race's input bias -3 and every distractor writing tanh(2) through
    it: 50 same-sign writes of 0.046 push B's cell positive (review s26-X6)."""
    Wx, Wh, b, Wy, by = remember_bit()
    b[0] = -3.0
    Wx[2:, 2] = 2.0
    return Wx, Wh, b, Wy, by


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


def step(h, token, Wx, Wh, b, act=np.tanh, wh=True):
    """One step of the samplers' RNN on a token (``act``, ``wh``: the usual mistakes)."""
    return act((h @ Wh if wh else 0) + Wx[token] + b)


def after_prompt(Wx, Wh, b, start, act=np.tanh, wh=True):
    """The hidden state after reading the prompt ``start``, from h_0 = 0."""
    h = np.zeros(Wh.shape[0])
    for token in start:
        h = step(h, token, Wx, Wh, b, act, wh)
    return h


def probs(h, Wy, by, temperature):
    """softmax((h @ Wy + by) / temperature)."""
    z = (h @ Wy + by) / temperature
    p = np.exp(z - z.max())
    return p / p.sum()


def sample(Wx, Wh, b, Wy, by, start, n, temperature, seed, argmax=False):
    rng = np.random.default_rng(seed)
    h, out = after_prompt(Wx, Wh, b, start), []
    for _ in range(n):
        p = probs(h, Wy, by, temperature)
        token = int(np.argmax(p)) if argmax else int(rng.choice(len(p), p=p))
        out.append(token)
        h = step(h, token, Wx, Wh, b)
    return out


def sample_no_feedback(Wx, Wh, b, Wy, by, start, n, temperature, seed):
    rng = np.random.default_rng(seed)
    p = probs(after_prompt(Wx, Wh, b, start), Wy, by, temperature)
    return [int(rng.choice(len(by), p=p)) for _ in range(n)]


def sample_other_rng(Wx, Wh, b, Wy, by, start, n, temperature, seed, reseed=False,
                     prompt=slice(None), wh=True, tanh=True):
    """Right (another way of drawing: inverse CDF with a uniform), or one usual mistake."""
    rng = np.random.default_rng(seed + 12345)
    act = np.tanh if tanh else (lambda a: a)
    h, out = after_prompt(Wx, Wh, b, start[prompt], act, wh), []
    for k in range(n):
        p = probs(h, Wy, by, temperature)
        u = np.random.default_rng(seed + k).random() if reseed else rng.random()
        token = int(min(np.searchsorted(np.cumsum(p), u), len(p) - 1))
        out.append(token)
        h = step(h, token, Wx, Wh, b, act, wh)
    return out


def sample_prompt_mistake(Wx, Wh, b, Wy, by, start, n, temperature, seed, skip_first=False,
                          prompt_tanh=True, prompt_bias=True, h0=0.0):
    """Review s25-D's wrong samplers, right but for the prompt: the first prompt token
    skipped, no tanh or no b while reading the prompt, or h_0 = ``h0`` (1: np.ones(H))."""
    rng = np.random.default_rng(seed)
    h = np.full(Wh.shape[0], h0)
    for token in start[1:] if skip_first else start:
        a = h @ Wh + Wx[token] + (b if prompt_bias else 0)
        h = np.tanh(a) if prompt_tanh else a
    out = []
    for _ in range(n):
        p = probs(h, Wy, by, temperature)
        out.append(int(rng.choice(len(p), p=p)))
        h = step(h, out[-1], Wx, Wh, b)
    return out


def sample_rng_per_draw(Wx, Wh, b, Wy, by, start, n, temperature, seed):
    """A new generator from the same seed before every draw: each draw repeats the first."""
    h, out = after_prompt(Wx, Wh, b, start), []
    for _ in range(n):
        p = probs(h, Wy, by, temperature)
        out.append(int(np.random.default_rng(seed).choice(len(p), p=p)))
        h = step(h, out[-1], Wx, Wh, b)
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


def many_to_one_variant(X, Wx, Wh, b, Wy, by, steps=None, Wh_T=False, b_inside=True,
                        prob=False):
    """Wrong answers to 05_many_to_one_forward: a loop one word short, Wh transposed, b
    outside the tanh, or the probability returned instead of the score."""
    h = np.zeros((X.shape[0], Wh.shape[0]))
    for t in range(X.shape[1] if steps is None else X.shape[1] + steps):
        a = h @ (Wh.T if Wh_T else Wh) + X[:, t] @ Wx
        h = np.tanh(a + b) if b_inside else np.tanh(a) + b
    z = h @ Wy + by
    return 1 / (1 + np.exp(-z)) if prob else z


def linear_many_to_one(X, Wx, Wh, b, Wy, by):
    h = np.zeros((X.shape[0], Wh.shape[0]))
    for t in range(X.shape[1]):
        h = h @ Wh + X[:, t] @ Wx + b
    return h @ Wy + by


def stable_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _rnn_forward(x, h0, Wx, Wh, b, act=np.tanh):
    """A right answer to 02_rnn_forward (``act`` replaced: a wrong one)."""
    states, h = [], h0
    for t in range(x.shape[1]):
        h = act(h @ Wh + x[:, t] @ Wx + b)
        states.append(h)
    return np.stack(states, axis=1)


# exercise id: (right answer, [(wrong answer, piece of its hint)])
CASES = {
    "00_batch_shape": (lambda n, t, d: (n, t, d), [
        (lambda n, t, d: (t, n, d), "order (N, T, D)"),
        (lambda n, t, d: n * t * d, "tuple of three integers"),
        (lambda n, t, d: {"N": n}, "tuple of three integers"),
        # review s25-A: a hard-coded tuple of ints is told its numbers ignore the arguments
        (lambda n, t, d: (3, 3, 2), "do not follow the arguments"),
    ]),
    "01_one_hot": (lambda idx, v: np.eye(v)[idx], [
        (lambda idx, v: np.moveaxis(np.eye(v)[idx], -1, 0), "one-hot axis comes last"),
        (lambda idx, v: np.eye(v)[idx - 1], "a vector of V zeros"),
        (lambda idx, v: np.eye(idx.max() + 1)[idx], "take its length from vocab_size"),
        # review s25-A: (N, V, T) is told where the one-hot axis goes too
        (lambda idx, v: np.eye(v)[idx].transpose(0, 2, 1), "one-hot axis comes last"),
        (lambda idx, v: np.eye(v)[idx.T], "first two axes are swapped"),
        # review s25-A2 (W01-1): right values, but int or bool where the text asks for floats
        (lambda idx, v: np.eye(v, dtype=int)[idx], "asks for a float array"),
        (lambda idx, v: idx[..., None] == np.arange(v), "asks for a float array"),
    ]),
    "02_rnn_step": (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx + b), [
        (lambda x, h, Wx, Wh, b: h @ Wh + x @ Wx + b, "apply np.tanh"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx), "add the bias"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh.T + x @ Wx + b), "not Wh.T"),
        # review s25-A4: the column-vector habit (min-char-rnn's order) got the generic hint
        (lambda x, h, Wx, Wh, b: np.tanh(Wh @ h.T + Wx.T @ x.T + b), "row-vector order"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b), "both terms"),
        (lambda x, h, Wx, Wh, b: (np.tanh(h @ Wh + x @ Wx + b), None), "not (h_next, cache)"),
        (lambda x, h, Wx, Wh, b: None, "missing return?"),
        # review s25-A2: b added after the tanh (W02-1), ReLU, and a sigmoid whose fallback
        # hint printed the solution line (W02-4)
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx) + b, "add b inside the tanh"),
        (lambda x, h, Wx, Wh, b: np.maximum(0, h @ Wh + x @ Wx + b),
         "the last operation must be np.tanh"),
        (lambda x, h, Wx, Wh, b: 1 / (1 + np.exp(-(h @ Wh + x @ Wx + b))),
         "against the formula of section 4"),
    ]),
    "02_rnn_forward": (_rnn_forward, [
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, 0 * h0, Wx, Wh, b), "not from zeros"),
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, h0, Wx, Wh, b)[:, -1], "not only the last"),
        (lambda x, h0, Wx, Wh, b: np.moveaxis(_rnn_forward(x, h0, Wx, Wh, b), 1, 0),
         "stack along axis 1"),
        (lambda x, h0, Wx, Wh, b: np.concatenate([h0[:, None], _rnn_forward(x, h0, Wx, Wh, b)],
                                                 axis=1), "leave h0 out"),
        (lambda x, h0, Wx, Wh, b: np.stack([np.tanh(h0 @ Wh + x[:, t] @ Wx + b)
                                            for t in range(x.shape[1])], axis=1),
         "the state of the step before"),
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, h0, Wx, Wh, b, act=lambda z: z),
         "apply np.tanh"),
        (lambda x, h0, Wx, Wh, b: (_rnn_forward(x, h0, Wx, Wh, b), None), "not (h, cache)"),
        (lambda x, h0, Wx, Wh, b: None, "missing return"),
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, h0, Wx, Wh, b).astype(int), "is integer"),
        # review s25-A: the state stored before it is updated (h0 ... h_{T-1}) was told
        # "apply np.tanh" in class and another hint when graded
        (lambda x, h0, Wx, Wh, b: np.concatenate(
            [h0[:, None], _rnn_forward(x, h0, Wx, Wh, b)[:, :-1]], axis=1),
         "stored each state before updating it"),
        # review s25-A2 (W02-2, W02-4): a loop one step short, the first input at every step,
        # a reversed loop (its fallback hint printed the loop body)
        (lambda x, h0, Wx, Wh, b: np.concatenate(
            [_rnn_forward(x[:, :-1], h0, Wx, Wh, b), 0 * h0[:, None]], axis=1)
         if x.shape[1] > 1 else 0 * _rnn_forward(x, h0, Wx, Wh, b), "stops one step early"),
        (lambda x, h0, Wx, Wh, b: _rnn_forward(np.repeat(x[:, :1], x.shape[1], axis=1), h0, Wx,
                                               Wh, b), "must read its own input x_t"),
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x[:, ::-1], h0, Wx, Wh, b),
         "compute the new state from the previous one"),
        # review s25-A4: Wh.T and a missing b inside the loop were sent to the loop's hint
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, h0, Wx, Wh.T, b), "multiply by Wh, not Wh.T"),
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, h0, Wx, Wh, 0 * b), "add the bias b"),
        # review s25-A3 (H1): b added after the tanh was told "apply np.tanh at every step"
        (lambda x, h0, Wx, Wh, b: _rnn_forward(x, h0, Wx, Wh, 0 * b, act=lambda z: np.tanh(z) + b),
         "add b inside the tanh"),
    ]),
    "02_param_count": (lambda D, H: H * H + D * H + H, [
        (lambda D, H: H * H + D * H, "forgot the bias"),
        (lambda D, H: D * H + H, "forgot Wh"),
        (lambda D, H: H * H + D * H + 2 * H, "two biases"),
        # review s25-A: note 004's one scalar bias, and D biases instead of H
        (lambda D, H: (D + H) * H + 1, "not one shared bias"),
        (lambda D, H: (D + H) * H + D, "not D"),
        # review s25-A2 (W02-3): formulas that collide with a specific one at (2, 3) only
        (lambda D, H: 2 * H * H + H, "add the sizes of Wh (H, H), Wx (D, H) and b (H,)"),
        (lambda D, H: H * H + 2 * D * H, "add the sizes of Wh (H, H), Wx (D, H) and b (H,)"),
        (lambda D, H: (D + H + 1) * D, "add the sizes of Wh (H, H), Wx (D, H) and b (H,)"),
        (lambda D, H: 2 * H * H, "add the sizes of Wh (H, H), Wx (D, H) and b (H,)"),
        (lambda D, H: "18", "return one integer"),
        (lambda D, H: float(H * H + D * H + H), "return one integer"),
        (lambda D, H: np.array([H * H + D * H + H]), "return one integer"),
        (lambda D, H: True, "return one integer"),
    ]),
    "03_tanh_from_exp": (lambda x: np.sign(x) * (1 - np.exp(-2 * np.abs(x)))
                         / (1 + np.exp(-2 * np.abs(x))), [
        (lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), "zero or negative"),
        (lambda x: (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1), "zero or negative"),
        (lambda x: np.exp(-2 * np.abs(x)), "check your formula"),
        # review s26-X1: the sign dropped is right for x >= 0 only
        (lambda x: (1 - np.exp(-2 * np.abs(x))) / (1 + np.exp(-2 * np.abs(x))), "tanh is odd"),
        # review s26-X3: right on a 1-D grid only
        (lambda x: np.array([np.sign(v) * (1 - np.exp(-2 * abs(v))) / (1 + np.exp(-2 * abs(v)))
                             for v in x]), "array of any shape"),
        (lambda x: (lambda r: np.sign(r) * (1 - np.exp(-2 * np.abs(r)))
                    / (1 + np.exp(-2 * np.abs(r))))(np.ravel(x)), "array of any shape"),
        (lambda x: np.where(np.abs(x) > 20, np.sign(x), (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1)),
         "nothing overflows"),
        # shortcuts the review found passing a sparse grid with a relative tolerance
        (lambda x: (np.exp(2 * np.clip(x, -7.5, 7.5)) - 1) / (np.exp(2 * np.clip(x, -7.5, 7.5)) + 1),
         "within 1e-12 only from c = 14.2"),
        (lambda x: np.where(np.abs(x) > 3, np.sign(x), np.tanh(np.clip(x, -3, 3))),
         "within 1e-12 only from c = 14.2"),
        # review s25-B: a clip at ±10 (off by 4e-9) passed the old absolute 1e-8; ±14 is off
        # by 1.4e-12
        (lambda x: (np.exp(2 * np.clip(x, -10, 10)) - 1) / (np.exp(2 * np.clip(x, -10, 10)) + 1),
         "clipped at ±c is off by about 2e^(-2c)"),
        (lambda x: (np.exp(2 * np.clip(x, -14, 14)) - 1) / (np.exp(2 * np.clip(x, -14, 14)) + 1),
         "within 1e-12 only from c = 14.2"),
    ]),
    "03_tanh_derivative": (lambda x: 1 / np.cosh(x) ** 2, [
        (lambda x: 1 - x ** 2, "applied to tanh(x), not to x"),
        (lambda x: np.tanh(x) ** 2, "quotient rule's numerator"),
        (lambda x: (np.tanh(x + 1e-5) - np.tanh(x - 1e-5)) / 2e-5, "not exact enough"),
        (lambda x: 1 - np.tanh(x), "quotient rule"),
        (lambda x: None, "missing return"),
    ]),
    "04_split_w": (lambda W, D: (W[:D], W[D:]), [
        (lambda W, D: (W[D:], W[:D]), "order is swapped"),
        (lambda W, D: (W[:W.shape[1]], W[W.shape[1]:]), "cut W_cat after row H"),
        (lambda W, D: W[:D], "return Wx, Wh"),
        (lambda W, D: (W[:D].T, W[D:]), "Wx is transposed"),
        (lambda W, D: (W[:D].T, W[D:].T), "Wx and Wh are transposed"),
        (lambda W, D: (W[:D], W[D:].T), "Wh is transposed"),
        (lambda W, D: (W[:, :D], W[:, D:]), "wrong axis"),     # columns cut: (D + H, min(D, H))
        (lambda W, D: None, "missing return"),
    ]),
    "04_torch_to_course": (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh.T, b_ih + b_hh), [
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih, w_hh.T, b_ih + b_hh), "weight_ih_l0 is (H, D)"),
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh, b_ih + b_hh), "transpose weight_hh_l0"),
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh.T, b_ih), "adds both biases"),
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh.T, (b_ih + b_hh)[None]), "b.ravel()"),
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh.T, (b_ih + b_hh) / 2), "not their mean"),
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh.T, np.stack([b_ih, b_hh])),
         "one bias of H"),
        (lambda w_ih, w_hh, b_ih, b_hh: (w_ih.T, w_hh.T), "return Wx, Wh, b"),
    ]),
    "04_torch_param_count": (lambda D, H, O: H * D + H * H + 2 * H + O * H + O, [
        (lambda D, H, O: H * D + H * H + H + O * H + O, "two biases"),
        (lambda D, H, O: H * D + H * H + 2 * H, "output layer"),
        (lambda D, H, O: H * D + H * H + 2 * H + O * H, "bias too"),
        (lambda D, H, O: float(H * D + H * H + 2 * H + O * H + O), "one integer"),
    ]),
    "04_softmax": (stable_softmax, [
        (lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), "subtract each row's own max"),
        (lambda z: stable_softmax(z.T).T, "normalise each row"),
        (lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(axis=-1, keepdims=True),
         "each row's own maximum"),
        (lambda z: np.exp(z - z[:, :1]) / np.exp(z - z[:, :1]).sum(axis=-1, keepdims=True),
         "each row's own maximum"),
        (lambda z: (lambda e: e / e.sum(axis=-1, keepdims=True))(
            np.exp(z - z.mean(axis=-1, keepdims=True))), "each row's own maximum"),
    ]),
    "05_many_to_one_forward": (many_to_one, [
        (lambda *a: many_to_one(*a, last=False), "not the first"),
        (lambda *a: many_to_one(*a, bias=False), "add the output bias"),
        (lambda X, Wx, Wh, b, Wy, by: np.zeros((X.shape[0], Wh.shape[0])), "apply the output"),
        (lambda X, Wx, Wh, b, Wy, by: linear_many_to_one(X, Wx, Wh, b, Wy, by), "np.tanh"),
        (lambda *a: None, "missing return"),
        (lambda *a: many_to_one(*a).ravel(), "do not ravel"),
        (lambda *a: many_to_one_variant(*a, prob=True), "not the probability"),
        (lambda *a: many_to_one_variant(*a, steps=-1), "one word early"),
        (lambda *a: many_to_one_variant(*a, Wh_T=True), "needs no transpose"),
        (lambda *a: many_to_one_variant(*a, b_inside=False), "add b inside the tanh"),
    ]),
    "06_rnn_step_backward": (rnn_step_backward, [
        (lambda dh, x, hp, Wx, Wh, hn: (dh @ Wx.T,) + rnn_step_backward(dh, x, hp, Wx, Wh, hn)[1:],
         "you skipped tanh"),
        (lambda dh, x, hp, Wx, Wh, hn: rnn_step_backward(dh * (1 - hp ** 2) / (1 - hn ** 2), x,
                                                          hp, Wx, Wh, hn), "not h_prev"),
        (lambda dh, x, hp, Wx, Wh, hn: rnn_step_backward(dh, x, hp, Wx, Wh, np.tanh(hn)),
         "do not apply tanh again"),
        (lambda dh, x, hp, Wx, Wh, hn: rnn_step_backward(dh, x, hp, Wx, Wh, hn)[:1]
         + ((dh * (1 - hn ** 2)) @ Wh,) + rnn_step_backward(dh, x, hp, Wx, Wh, hn)[2:],
         "transposed"),
        (lambda dh, x, hp, Wx, Wh, hn: rnn_step_backward(dh, x, hp, Wx, Wh, hn)[:3]
         + ((dh * (1 - hn ** 2)).T @ hp,) + rnn_step_backward(dh, x, hp, Wx, Wh, hn)[4:],
         "h_{t-1}^T dL/da_t"),
        (lambda *a: rnn_step_backward(*a)[:4] + (rnn_step_backward(*a)[4] / len(a[0]),),
         "sums dL/da_t over the batch"),
        (lambda *a: rnn_step_backward(*a)[:4], "five gradients"),
        (lambda *a: rnn_step_backward(*a)[:4] + (rnn_step_backward(*a)[4][None],), "db"),
        (lambda *a: None, "missing return"),
        (lambda *a: rnn_step_backward(*a)[:2] + (nudge_smallest(rnn_step_backward(*a)[2]),)
         + rnn_step_backward(*a)[3:], "wrong entry by entry"),
    ]),
    "06_bce_logit_grad": (bce_grad, [
        (lambda s, y: sigmoid(s) - y.reshape(-1, 1), "divide by N"),
        (lambda s, y: (sigmoid(s) - y) / s.shape[0], "reshape it to (N, 1)"),
        (lambda s, y: -bce_grad(s, y), "the sign"),
        (lambda s, y: sigmoid(s) * (1 - sigmoid(s)) * bce_grad(s, y), "cancels"),
        (lambda s, y: None, "missing return"),
    ]),
    "06_rnn_backward": (rnn_backward, [
        (lambda *a: rnn_backward(*a, carry=False), "carry it"),
        (lambda *a: rnn_backward(*a, carry_after_slope=True), "passes through tanh too"),
        (lambda *a: rnn_backward(*a, upstream_every_step=False), "its own upstream gradient"),
        (lambda *a: rnn_backward(*a, h0_first=False), "h_0 for the first step"),
        (lambda *a: rnn_backward(*a)[:4], "five gradients"),
        (lambda *a: (rnn_backward(*a)[0][:, ::-1],) + rnn_backward(*a)[1:], "dX"),
        (lambda *a: None, "missing return"),
    ]),
    "07_lstm_step": (lstm_step, [
        (lambda *a: lstm_step(*a, order=(0, 1, 3, 2)), "g is the third block"),
        (lambda *a: lstm_step(*a, g_act=sigmoid), "uses tanh, not sigmoid"),
        (lambda *a: lstm_step(*a, tanh_c=False), "apply tanh to the cell state"),
        (lambda *a: lstm_step(*a)[0], "two arrays: (h_next, c_next)"),
    ]),
    "07_lstm_step_backward": (lstm_step_backward, [
        (lambda *a: lstm_step_backward(*a, tanh_grad=False), "the path through h_t passes tanh"),
        (lambda *a: lstm_step_backward(*a, f_on_dc=False), "multiply dc by f"),
        (lambda *a: lstm_step_backward(*a, order=(1, 0, 2, 3)), "order i, f, g, o"),
        (lambda *a: lstm_step_backward(*a)[:5], "six gradients"),
        (lambda *a: lstm_step_backward(*a)[:5] + (lstm_step_backward(*a)[5] / len(a[0]),),
         "not their mean"),                                  # review s26-X6
    ]),
    "07_lstm_backward": (lstm_backward_seq, [
        (lambda *a: lstm_backward_seq(*a, every_step=False), "an entry at every step"),
        (lambda *a: lstm_backward_seq(*a, carry_h=False), "carry dh_prev = da_t @ Wh.T"),
        (lambda *a: lstm_backward_seq(*a, carry_c=False), "carry dc_prev = dc * f_t"),
        (lambda *a: (lambda g: (g[0], np.zeros_like(g[1])) + tuple(g[2:]))(lstm_backward_seq(*a)),
         "return it, not zeros"),                            # review s26-X4
        (one_entry_off, "not entry by entry"),
        (lambda *a: lstm_backward_seq(*a)[:4], "five gradients"),
        (lambda *a: None, "missing return?"),
        (lambda *a: (lambda g: (g[0][:, :, :1],) + g[1:])(lstm_backward_seq(*a)),
         "dx has shape"),
    ]),
    "07_remember_bit": (remember_bit, [
        (lambda: remember_bit(sign=-1.0), "wrong sign"),
        (lambda: remember_bit(forget_bias=1.0), "the cell forgets"),
        (lambda: remember_bit(write=0.0), "the marker is not written"),
        (lambda: remember_bit(Wy=-1.0), "probability >= 0.9"),
        (lambda: remember_bit(forget_bias=25.0), "must lie in [-20, 20]"),
        (lambda: remember_bit()[:4], "five arrays"),
        # review s26-X2: distractors writing through b_g with the input gate open got the
        # output-gate hint
        (lambda: distractors_write(), "the distractors write into the cell"),
        (lambda: one_distractor_leaks(), "steps add it up"),                 # review s26-X5
        (lambda: same_sign_leak(), "the distractors write into the cell"),   # review s26-X6
    ]),
    "08_temporal_softmax_loss": (temporal_loss, [
        (lambda *a: temporal_loss(*a, mean=False), "divide the sum by mask.sum()"),
        (lambda *a: temporal_loss(*a, masked_grad=False), "0 where mask is False"),
        (lambda *a: temporal_loss(*a, stable=False), "largest score before np.exp"),
        (lambda *a: temporal_loss(*a)[0], "two values: (loss, dscores)"),
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
        # review s25-D: four samplers wrong only in reading the prompt passed the old check
        (lambda *a: sample_prompt_mistake(*a, skip_first=True), "start[0] included"),
        (lambda *a: sample_prompt_mistake(*a, prompt_tanh=False), "apply np.tanh there too"),
        (lambda *a: sample_prompt_mistake(*a, prompt_bias=False), "tanh and b included"),
        (lambda *a: sample_prompt_mistake(*a, h0=1.0), "from h_0 = 0"),
    ]),
    "08_many_to_many_backward": (m2m_backward, [
        (lambda *a: m2m_backward(*a, carry=False), "PLUS dh_prev from step t + 1"),
        # review s25-D: a natural no-carry answer returns dh0 = 0; a wrong dh0 gets its hint
        (lambda *a: (lambda g: (g[0], 0 * g[1]) + g[2:])(m2m_backward(*a, carry=False)),
         "PLUS dh_prev from step t + 1"),
        (lambda *a: (lambda g: (g[0], 2 * g[1]) + g[2:])(m2m_backward(*a)), "dh0 = dL/da_1"),
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


# ---- notebook 09 ----------------------------------------------------------------------------

def attention_fwd(query, keys, mask, use_mask=True, axis=1, stable=True, mask_after=False,
                  zero_after=False):
    scores = np.einsum("nsh,nh->ns", keys, query)
    if zero_after:     # the padded weights set to 0 after an unmasked softmax, not renormalised
        w = np.exp(scores - scores.max(axis=1, keepdims=True))
        w = w / w.sum(axis=1, keepdims=True) * mask
        return np.einsum("ns,nsh->nh", w, keys), w
    if mask_after:     # the max over all positions, padding included, then masked after exp
        w = np.exp(scores - scores.max(axis=axis, keepdims=True)) * mask
        w = w / w.sum(axis=axis, keepdims=True)
        return np.einsum("ns,nsh->nh", w, keys), w
    if use_mask:
        scores = np.where(mask, scores, -np.inf)
    w = np.exp(scores - scores.max(axis=axis, keepdims=True) if stable else scores)
    w = w / w.sum(axis=axis, keepdims=True)
    return np.einsum("ns,nsh->nh", w, keys), w


def attention_bwd(dcontext, query, keys, mask, softmax_sub=True, value_path=True,
                  use_mask=True):
    _, w = attention_fwd(query, keys, mask, use_mask=use_mask)
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
        (lambda *a: attention_fwd(*a)[0], "two arrays: (context, weights)"),
        (lambda *a: attention_fwd(*a, zero_after=True), "rows that sum to less than 1"),
        (lambda *a: attention_fwd(*a)[::-1], "the order is (context, weights)"),
        (lambda q, k, m: attention_fwd(q, k, ~m), "the mask is inverted"),     # review s26-X3
        (lambda *a: None, "missing return?"),
    ]),
    "09_attention_backward": (attention_bwd, [
        (lambda *a: attention_bwd(*a, softmax_sub=False), "the softmax couples the positions"),
        (lambda *a: attention_bwd(*a, value_path=False), "keys are also the values"),
        (lambda *a: attention_bwd(*a, use_mask=False), "recompute the weights with the mask"),
        (lambda *a: (attention_bwd(*a)[1], attention_bwd(*a)[0]), "has the shape of"),
        (lambda *a: None, "missing return?"),
    ]),
    "09_gru_step": (gru_step, [
        (lambda *a: gru_step(*a, swap_z=True), "z is the share of h_prev"),
        (lambda *a: gru_step(*a, order="zrn"), "r is the first H columns"),
        (lambda *a: gru_step(*a, reset_before=True), "reset-before form"),
        (lambda *a: (gru_step(*a), {}), "not (h_next, cache)"),     # review s26-X2
        (lambda *a: None, "missing return?"),
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


SAMPLE_SEEDS = np.random.default_rng(8).choice(2 ** 32, size=300, replace=False)


@pytest.mark.parametrize("sampler, right", [
    (sample, True), (lambda *a: sample_other_rng(*a), True),
    (sample_rng_per_draw, False),
    (lambda *a: sample_other_rng(*a, prompt=slice(-1, None)), False),
    (lambda *a: sample_prompt_mistake(*a, skip_first=True), False),
    (lambda *a: sample_prompt_mistake(*a, prompt_tanh=False), False),
    (lambda *a: sample_prompt_mistake(*a, prompt_bias=False), False),
    (lambda *a: sample_prompt_mistake(*a, h0=1.0), False)],
    ids=["right", "right-inverse-cdf", "rng-per-draw", "last-prompt-token-only",
         "prompt-skips-first-token", "prompt-without-tanh", "prompt-without-b", "h0-ones"])
def test_sample_verdict_on_300_grading_seeds(sampler, right):
    """The grader draws fresh cases per submission: on every seed tried, a right sampler
    passes (its chance to fail is below 2.5e-7: chi2 > 32 at two temperatures, 2 e^-16) and
    these wrong ones fail (a repeated token in every call; the decoy first token; the
    lag-3 chain and the one-unit model for the four prompt mistakes of review s25-D)."""
    exercise = EXERCISES["08_sample"]
    verdicts = [str(exercise.verdict(sampler, seed=int(s))) for s in SAMPLE_SEEDS]
    assert all(v.startswith("PASSED" if right else "FAILED") for v in verdicts), \
        [v for v in verdicts if not v.startswith("PASSED" if right else "FAILED")][:2]


def test_sample_deterministic_models_are_deterministic():
    """The PASSED text says the 5 deterministic models write their sequence with probability
    above 1 - 1e-6: every draw of every such case, on 300 grading seeds, is the likeliest
    token with probability above 1 - 1e-8 (54 draws: above 1 - 1e-6 together)."""
    from rnnlib.checks import language_model as lm
    for s in SAMPLE_SEEDS:
        cases = [c for c in lm._sample_cases(np.random.default_rng(int(s)))
                 if c[-1].startswith(("chain", "unit"))]
        assert len(cases) == lm.N_DETERMINISTIC
        assert sum(c[6] for c in cases) == 54
        assert all(lm._run(*c[:8])[1] > 1 - 1e-8 for c in cases)


def test_sample_prompt_mistakes_are_told_apart(capsys):
    """Each mistake of the prompt gets its own hint where only it writes the sequence seen."""
    out = verdict(capsys, "08_sample", lambda *a: sample_prompt_mistake(*a, skip_first=True))
    assert "Hint: run EVERY prompt token" in out, out
    out = verdict(capsys, "08_sample", lambda *a: sample_prompt_mistake(*a, prompt_tanh=False))
    assert "one unit reads no input" in out and "apply np.tanh there too" in out, out


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


# ---- what every exercise shares: rnnlib/checks/_exercise.py and _verdict.py ----------------

def as_list(fn):
    def listed(*args):
        out = fn(*args)
        return list(out) if isinstance(out, tuple) else out
    return listed


@pytest.mark.parametrize("ex_id", CASES)
def test_a_value_instead_of_a_function_is_named(capsys, ex_id):
    out = verdict(capsys, ex_id, 3)
    name = EXERCISES[ex_id].function
    assert out.startswith(f"FAILED {ex_id}: {name} is an int, not a function."), out
    assert "TypeError" not in out


@pytest.mark.parametrize("ex_id", CASES)
def test_a_missing_return_is_named(capsys, ex_id):
    out = verdict(capsys, ex_id, lambda *args: None)
    assert "returned None on test input 1: missing return?" in out, out


@pytest.mark.parametrize("ex_id", CASES)
def test_a_list_is_as_good_as_a_tuple(capsys, ex_id):
    out = verdict(capsys, ex_id, as_list(CASES[ex_id][0]))
    assert out.startswith(f"PASSED {ex_id}: "), out


def test_tanh_from_exp_accepts_a_clip_where_float64_tanh_is_one(capsys):
    """tanh(x) rounds to exactly ±1.0 from about |x| = 19.06 on, so a clip at ±20 is a right answer."""
    clip = lambda x: (np.exp(2 * np.clip(x, -20, 20)) - 1) / (np.exp(2 * np.clip(x, -20, 20)) + 1)
    assert np.tanh(19.0) == 1.0
    rnnlib.checks.check_tanh_from_exp(clip)
    assert "PASSED" in capsys.readouterr().out


def test_split_w_accepts_np_split(capsys):
    assert verdict(capsys, "04_split_w", lambda W, D: np.split(W, [D])).startswith("PASSED")


@pytest.mark.parametrize("ex_id", CASES)
def test_a_name_defined_elsewhere_gets_the_hint_of_the_graded_cell(capsys, ex_id):
    def uses_a_helper(*args):
        return helper_from_another_cell(*args)    # noqa: F821 (what the graded cell sees)
    out = verdict(capsys, ex_id, uses_a_helper)
    assert "raised NameError: name 'helper_from_another_cell' is not defined" in out, out
    assert "Hint: only the exercise cell is graded" in out
    assert EXERCISES[ex_id].verdict(uses_a_helper).reason == "exception: NameError"


def test_one_wrong_small_entry_fails_the_gradient_check():
    """A norm-wise relative error hides one wrong entry of a large gradient; entry-wise not."""
    numeric = np.random.default_rng(0).normal(size=(50, 40))
    got = numeric.copy()
    got[3, 7] += 3e-7 * np.abs(numeric).max()
    assert rel_error(numeric, got) < 1e-7                     # passes norm-wise
    wrong = compare_gradient("x", "dW", got, numeric)
    assert wrong is not None and "dW fails the gradient check at entry [3, 7]" in wrong.message
    assert compare_gradient("x", "dW", numeric * (1 + 1e-10), numeric) is None
    assert compare_gradient("x", "dW", np.zeros(3), np.zeros(3)) is None


def test_a_wrong_shape_is_named_with_its_symbols(capsys):
    def transposed(dh_next, x_t, h_prev, Wx, Wh, h_next):
        grads = rnn_step_backward(dh_next, x_t, h_prev, Wx, Wh, h_next)
        return (grads[1],) + grads[1:]
    out = verdict(capsys, "06_rnn_step_backward", transposed)
    assert "dx_t has shape (N, H) = (3, 5) on test input 1, expected (N, D) = (3, 4)." in out, out


def test_shape_text():
    sizes = {"N": 2, "D": 3, "H": 4}
    assert shape_text((2, 4), sizes) == "(N, H) = (2, 4)"
    assert shape_text((4,), sizes) == "(H,) = (4,)"
    assert shape_text((2, 5), sizes) == "(2, 5)"
    assert shape_text((3, 3), {"N": 3, "D": 3}) == "(3, 3)"
    assert shape_text((2, 4)) == "(2, 4)"


# ---- in class: the exercise cell alone, as the grader takes it (an IPython history faked) ----

FIRST = "import numpy as np\nimport rnnlib\nfrom rnnlib.style import use_course_style"
COUNT = "def param_count(D, H):\n    return H * H + D * H + H\n"


class Shell:
    """What the class check reads of IPython: the inputs of this session, in order."""

    def __init__(self, cells):
        self.history_manager = type("History", (), {"input_hist_raw": [""] + cells})()

    def run_line_magic(self, name, line):
        """%time x = 1 runs x = 1 (nothing the check needs)."""


@pytest.fixture
def kernel(monkeypatch):
    import IPython

    def run(*cells):
        shell = Shell(list(cells) + ["rnnlib.checks.check_param_count(param_count)"])
        monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    return run


def count(D, H):
    return H * H + D * H + H


@pytest.mark.parametrize("cells, expected", [
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      "def param_count(D, H):\n    return helper(D, H)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, "def param_count(D, H):\n    return rnnlib.params.rnn_param_count(D, H)"),
     "FAILED 02_param_count: uses rnnlib.params.rnn_param_count, which this exercise does not "
     "allow."),
    ((FIRST, "def param_count(D, H):\n    return D * H", COUNT, "x = 1"), "PASSED"),  # re-run
    ((FIRST, COUNT, "def param_count(D, H):\n    return D * H"), "FAILED 02_param_count: "
                                                                "param_count(2, 3) returned 6"),
    ((FIRST, "def mine(D, H):\n    return (D + H + 1) * H\n\nparam_count = mine"), "PASSED"),
    ((FIRST, "H = 3", "def param_count(D, H_):\n    return H * H + D * H + H"),
     "FAILED 02_param_count: your function raised NameError: name 'H' is not defined."),
    ((FIRST, "%time x = 1\nprint('run again, not shown')\n\ndef param_count(D, H):\n"
             "    return (D + H + 1) * H"), "PASSED"),
    # W1: a syntax error in the latest exercise cell fails as the grader fails it, never
    # falling back to an older version of the cell from the history
    ((FIRST, COUNT, "def param_count(D, H):\n    return (D + H + 1) * H)"),
     "FAILED 02_param_count: your function raised SyntaxError: unmatched ')'"),
    ((FIRST, "def param_count(D, H)\n    return (D + H + 1) * H"),
     "FAILED 02_param_count: your function raised SyntaxError"),
    ((FIRST, COUNT, "param_count = lambda D, H: (D + H + 1) * H)"),
     "FAILED 02_param_count: your function raised SyntaxError"),
    # W2: a %%time cell is the exercise cell, run alone like any other
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      "%%time\ndef param_count(D, H):\n    return helper(D, H)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, "def param_count(D, H):\n    return D * H", "%%time\n" + COUNT), "PASSED"),
    ((FIRST, "%%capture\n" + COUNT.replace("H * H", "H")), "FAILED 02_param_count: "
                                                            "param_count(2, 3) returned"),
    ((FIRST, "param_count = 18"), "FAILED 02_param_count: param_count is an int, not a "
                                  "function."),
    ((FIRST, "raise ValueError('cell')\nparam_count = count"),
     "FAILED 02_param_count: your function raised ValueError: cell."),
])
def test_the_class_check_judges_the_exercise_cell_alone(kernel, capsys, cells, expected):
    """Whatever the kernel holds (``count`` is right), the last cell binding param_count,
    run alone after the first cell, is judged; a shortcut fails with the grader's reason."""
    kernel(*cells)
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith(expected), out
    verdict = checks._exercise.LAST_VERDICTS["02_param_count"]
    if "uses rnnlib" in expected:
        assert verdict.reason == ("uses rnnlib.params.rnn_param_count, which this exercise "
                                  "does not allow")


def test_the_graded_kernel_records_the_exercise_cell_alone(kernel, tmp_path):
    """record() does what the class check does: the helper of another cell is not there."""
    kernel(FIRST, "def helper(D, H):\n    return H * H + D * H + H",
           "def param_count(D, H):\n    return helper(D, H)")
    exercise = EXERCISES["02_param_count"]
    save_cases(tmp_path, exercise.id, exercise.make_cases(7))
    record(exercise.id, count, tmp_path)
    results = load_results(tmp_path, exercise.id)
    assert {str(r.raised) for r in results} == {"NameError: name 'helper' is not defined"}


def test_outside_ipython_the_function_is_judged_as_it_is(capsys):
    checks.check_param_count(count)
    assert capsys.readouterr().out.startswith("PASSED 02_param_count")


@pytest.mark.parametrize("source, name, expected", [
    ("def f(x):\n    g = 1\n    return g", "f", True),
    ("def f(x):\n    g = 1\n    return g", "g", False),
    ("f = other", "f", True), ("from m import g as f", "f", True), ("import f.sub", "f", True),
    ("for f in range(3):\n    pass", "f", True), ("[f for f in x]", "f", False),
    ("check(f)", "f", False), ("if True:\n    f = 1", "f", True), ("class f:\n    pass", "f", True),
])
def test_binds(source, name, expected):
    assert binds(source, name) == expected


def test_a_judge_that_forgets_first_raised_still_names_the_exception():
    from rnnlib.checks._exercise import Exercise
    careless = Exercise("99_x", "f", lambda rng: [(1,)], lambda cases, results:
                        passed_if(results[0].value + 1), seed=0)
    assert careless.verdict(not_implemented).reason == "not implemented"
    assert careless.verdict(lambda x: 1 / 0).reason == "exception: ZeroDivisionError"


def passed_if(value):
    from rnnlib.checks._verdict import passed
    return passed("99_x", str(value))
@pytest.mark.parametrize("wrong", CASES["04_softmax"][1][2:], ids=["global max", "first", "mean"])
def test_softmax_shifts_other_than_each_rows_max_fail_at_every_grading_seed(wrong):
    """Review nbB-r1: these passed in class (and the first two at every seed) before."""
    exercise = EXERCISES["04_softmax"]
    with np.errstate(all="ignore"):
        assert not exercise.verdict(wrong[0]).ok
        for seed in range(50):
            assert not exercise.verdict(wrong[0], seed=seed).ok, seed


def test_a_copied_exercise_cell_the_grader_takes_the_first(tmp_path):
    """W3: JupyterLab's copy of an exercise cell carries its exercise_id; the grader takes the
    first cell with the id (the exercise cell in its place), as 00 tells the students."""
    import nbformat
    from rnnlib.course.grade import assemble
    from rnnlib.course.notebooks import exercise_cells, exercise_id
    path = Path(__file__).resolve().parents[1] / "notebooks" / "00_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in exercise_cells(nb) if exercise_id(c) == "00_batch_shape")
    copy = nbformat.from_dict(dict(cell))
    copy.source = "def batch_shape(n, t, v):\n    return (t, n, v)   # a draft"
    nb.cells.append(copy)                             # pasted at the end
    instructor = nbformat.read(path, as_version=4)
    _, submitted, missing = assemble(instructor, nb, tmp_path)
    assert missing == [] and submitted["00_batch_shape"] == cell.source
    nb.cells.insert(0, nbformat.from_dict(dict(copy)))   # pasted above: that one is first
    _, submitted, _ = assemble(instructor, nb, tmp_path)
    assert submitted["00_batch_shape"] == copy.source


@pytest.mark.parametrize("exercise, source", [
    ("03_tanh_from_exp", "return 2 * rnnlib.activations.sigmoid(2 * x) - 1"),
    ("03_tanh_from_exp", "return (-1j * np.tan(1j * x)).real"),
    ("03_tanh_from_exp", "with np.errstate(all='ignore'):\n    r = (np.exp(2*x)-1)/(np.exp(2*x)+1)"),
    ("03_tanh_from_exp", "return np.nan_to_num((np.exp(2*x)-1)/(np.exp(2*x)+1), nan=1.0)"),
    ("03_tanh_from_exp", "return np.sinh(x) / np.cosh(x)"),
    ("03_tanh_derivative", "return rnnlib.activations.tanh_grad_from_output(np.tanh(x))"),
    ("03_tanh_derivative", "return 4 * rnnlib.activations.sigmoid_grad(2 * x)"),
    ("03_tanh_derivative", "from rnnlib.activations import tanh_grad"),
    ("03_tanh_derivative", "return np.tanh(x + 1e-30j).imag / 1e-30"),
])
def test_03_exercise_cells_may_not_use_library_shortcuts(exercise, source):
    from rnnlib.checks.nonlinearity import TANH_DERIVATIVE, TANH_FROM_EXP
    from rnnlib.course.shortcuts import uses
    ex = {"03_tanh_from_exp": TANH_FROM_EXP, "03_tanh_derivative": TANH_DERIVATIVE}[exercise]
    assert uses(source, ex.writes)
    right = {"03_tanh_from_exp": "e = np.exp(-2 * np.abs(x))\nreturn np.sign(x) * (1 - e) / (1 + e)",
             "03_tanh_derivative": "return 1 - np.tanh(x) ** 2"}[exercise]
    assert uses(right, ex.writes) == []


def test_softmax_right_values_pass_even_if_numpy_warned():
    """Review nbB-r2: p_k = 1 / sum_j e^(z_j - z_k) overflows inside (inf -> 1/inf = 0) but is
    right; the check judges values, not warnings."""
    exercise = EXERCISES["04_softmax"]
    pairwise = lambda z: 1 / np.exp(z[..., None, :] - z[..., :, None]).sum(-1)
    with np.errstate(all="ignore"):
        assert exercise.verdict(pairwise).ok
        for seed in range(20):
            assert exercise.verdict(pairwise, seed=seed).ok, seed


def test_torch_to_course_accepts_right_float32_arrays_at_every_grading_seed():
    """Review nbB-r2: the right arrays cast to float32 failed on 18 of 50 seeds."""
    exercise = EXERCISES["04_torch_to_course"]
    single = lambda w_ih, w_hh, b_ih, b_hh: tuple(
        a.astype(np.float32) for a in (w_ih.T, w_hh.T, b_ih + b_hh))
    for seed in range(50):
        assert exercise.verdict(single, seed=seed).ok, seed
    wrong32 = lambda w_ih, w_hh, b_ih, b_hh: tuple(
        a.astype(np.float32) for a in (w_ih.T, w_hh.T, b_ih))
    assert not exercise.verdict(wrong32).ok


def test_lstm_backward_check_passes_the_reference_on_tiny_gradients():
    """Grading seeds 4 and 73 give test input 3, seed 498 test input 2, a dh0 of norm 1e-4 to
    4e-4, where the finite difference alone is off by 1e-7 to 5e-7 relative: the norm-wise
    check's floor must accept the exact answer."""
    import rnnlib
    from rnnlib.checks.lstm import LSTM_BACKWARD

    def reference(dh, x, h0, Wx, Wh, b):
        return rnnlib.lstm_backward(dh, rnnlib.lstm_forward(x, h0, Wx, Wh, b)[1])

    for seed in (4, 73, 498, *range(20)):
        assert LSTM_BACKWARD.verdict(reference, seed=seed).ok, seed

    def off_dh0(dh, x, h0, Wx, Wh, b):
        dx, dh0, dWx, dWh, db = reference(dh, x, h0, Wx, Wh, b)
        return dx, dh0 * 1.001, dWx, dWh, db
    assert not LSTM_BACKWARD.verdict(off_dh0, seed=4).ok


# --- r2 review of 00: cases where the class check said PASSED and the grader failed --------

CHECK_COUNT = "rnnlib.checks.check_param_count(param_count)"


@pytest.mark.parametrize("runs, expected", [
    # R1: the exercise cell (id "ex") run again with a typo in the def line, or emptied: its
    # last run is judged (the grader's NameError), not the older version that defined it
    ([("ex", COUNT), ("ex", "def param_cout(D, H):\n    return D * H")],
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
    ([("ex", COUNT), ("ex", "# emptied\n")],
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
    ([("ex", "def param_count(D, H):\n    return D * H"), ("ex", COUNT)], "PASSED"),
    # a scratch cell run after the exercise cell is the last to bind the name: it is judged
    ([("ex", "def param_count(D, H):\n    return D * H"), ("scratch", COUNT)], "PASSED"),
    # no cell ids (nbval, plain IPython): the last run that binds the name, as before
    ([(None, COUNT), (None, "def param_cout(D, H):\n    return D * H")], "PASSED"),
    # r3 N1: a scratch cell that held a draft def, then rewritten into a test call, no longer
    # counts: cells are chosen by their LATEST run, so the exercise cell is judged (grader: passed)
    ([("ex", COUNT), ("scratch", "def param_count(D, H):\n    return D * H"),
      ("scratch", "param_count(2, 3)")], "PASSED"),
    ([("ex", COUNT), ("scratch", "def param_count_v2(D, H):\n    return D * H\n"
                                 "param_count = param_count_v2"),
      ("scratch", "param_count(2, 3)")], "PASSED"),
    # ... and a wrong exercise cell is still judged wrong, not the scratch cell's right draft
    ([("ex", "def param_count(D, H):\n    return D * H"), ("scratch", COUNT),
      ("scratch", "param_count(2, 3)")], "FAILED"),
    # the exercise cell broken after a scratch test: still the grader's NameError (R1)
    ([("ex", COUNT), ("scratch", "param_count(2, 3)"), ("ex", "# emptied\n")],
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
])
def test_the_exercise_cell_is_judged_by_its_last_run(monkeypatch, capsys, runs, expected):
    from rnnlib.checks import _cell
    monkeypatch.setattr(_cell, "RUNS", [("first", FIRST)] + runs + [("chk", CHECK_COUNT)])
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith(expected), out


def test_a_module_of_your_own_fails_as_it_does_for_the_grader(kernel, capsys, tmp_path,
                                                               monkeypatch):
    """R2: the grader runs the notebook in a temporary folder, without the student's files."""
    (tmp_path / "my_count_helpers.py").write_text("def helper(D, H):\n"
                                                  "    return H * H + D * H + H\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    kernel(FIRST, "from my_count_helpers import helper\n\ndef param_count(D, H):\n"
                  "    return helper(D, H)")
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith("FAILED 02_param_count: your function raised ModuleNotFoundError: "
                          "No module named 'my_count_helpers'"), out
    helpers = tmp_path / "my_count_utils"           # r3 N2: a folder without __init__.py
    helpers.mkdir()
    (helpers / "helpers.py").write_text("def helper(D, H):\n    return H * H + D * H + H\n")
    kernel(FIRST, "from my_count_utils.helpers import helper\n\ndef param_count(D, H):\n"
                  "    return helper(D, H)")
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith("FAILED 02_param_count: your function raised ModuleNotFoundError: "
                          "No module named 'my_count_utils'"), out
    kernel(FIRST, "import json\nimport numpy.linalg\n\ndef param_count(D, H):\n"
                  "    return (D + H + 1) * H")             # the stdlib and numpy are there
    checks.check_param_count(count)
    assert capsys.readouterr().out.startswith("PASSED"), "stdlib and numpy imports are fine"


@pytest.mark.parametrize("cells, expected", [
    # R3: a %time / %timeit line runs its statement in the cell's own namespace
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      "%time h = helper\n\ndef param_count(D, H):\n    return h(D, H)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      COUNT + "%timeit -n1 -r1 helper(2, 3)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, COUNT + "r = %time param_count(2, 3)"), "PASSED"),
    # a %%timeit cell binds nothing in the notebook: the grader's NameError, not an older cell
    ((FIRST, COUNT, "%%timeit -n1 -r1\n" + COUNT),
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
])
def test_line_magics_and_timeit_are_judged_as_graded(kernel, capsys, cells, expected):
    kernel(*cells)
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith(expected), out


def test_the_check_puts_the_global_random_state_back(kernel, capsys):
    """R4: re-running the exercise cell does not reset the notebook's draws."""
    kernel(FIRST, COUNT + "np.random.seed(123)\nimport random\nrandom.seed(5)")
    import random
    np.random.seed(7)
    random.seed(7)
    before = np.random.get_state()[1].copy(), random.getstate()
    checks.check_param_count(count)
    assert capsys.readouterr().out.startswith("PASSED")
    assert np.array_equal(np.random.get_state()[1], before[0])
    assert random.getstate() == before[1]


# ---- r2 newcomer review: hints that fit the exception ----------------------------------------

CHECKERS = [name for name in checks.__all__ if name.startswith("check_") and name != "check_cell"]


def stub(*args):
    raise NotImplementedError("Exercise x: write your solution here")


@pytest.mark.parametrize("name", CHECKERS)
def test_an_untouched_stub_gets_the_stub_hint_and_no_topic_hint(capsys, name):
    """Every check, the same rule (rnnlib/checks/_verdict.py): a stub still raising
    NotImplementedError is told to replace that line, nothing about its topic."""
    with np.errstate(all="ignore"):
        getattr(checks, name)(stub)
    out = capsys.readouterr().out
    assert out.endswith("your function raised NotImplementedError: Exercise x: write your "
                        "solution here.\n  Hint: replace the raise NotImplementedError line by "
                        "your code.\n"), out
    assert out.count("Hint:") == 1 and out.startswith("FAILED ")


def test_every_check_is_listed_once():
    assert len(CHECKERS) == len(EXERCISES)


def give_up(*args):
    raise ValueError("I give up")


@pytest.mark.parametrize("ex_id", ["02_rnn_step", "02_rnn_forward", "06_bce_logit_grad"])
def test_a_deliberate_exception_gets_no_shape_hint(capsys, ex_id):
    out = verdict(capsys, ex_id, give_up)
    assert out == f"FAILED {ex_id}: your function raised ValueError: I give up.\n", out


@pytest.mark.parametrize("ex_id, fn, hint", [
    ("02_rnn_step", lambda x_t, h_prev, Wx, Wh, b: np.tanh(h_prev @ Wx + x_t @ Wh + b),
     "did you swap Wx and Wh?"),
    ("02_rnn_forward", lambda x, h0, Wx, Wh, b: np.tanh(x @ Wh + b),
     "the function must work for any N, T, D, H"),
    ("02_rnn_step", lambda x_t, h_prev, Wx, Wh, b: x_t[:, 5],
     "the function must work for any N, D, H"),
    ("06_bce_logit_grad", lambda s, y: np.ones((2, 3)) + y, "reshape y before subtracting"),
])
def test_an_error_about_shapes_gets_the_shape_hint(capsys, ex_id, fn, hint):
    out = verdict(capsys, ex_id, fn)
    assert out.startswith(f"FAILED {ex_id}: your function raised ") and "Hint: " in out, out
    assert hint in out.split("Hint: ")[1], out


@pytest.mark.parametrize("wrong, shape", [
    (lambda *a: [np.asarray(t)[..., None] for t in sample(*a)], "shape (60, 1)"),
    (lambda *a: np.array(sample(*a))[:, None], "shape (60, 1)"),
    (lambda *a: [[t] * (1 + k % 2) for k, t in enumerate(sample(*a))],
     "pieces of different lengths")])
def test_sample_of_the_wrong_shape_fails_naming_the_shape(capsys, wrong, shape):
    """Issue 19's gap: 08_sample accepted (n, 1) tokens; the verdict names the shape expected."""
    out = verdict(capsys, "08_sample", wrong)
    assert out.startswith(f"FAILED 08_sample: returned {shape}, expected a flat list of n = 60 "
                          f"token indices, shape (60,).\n  Hint: append each token as one int"), out
    assert verdict(capsys, "08_sample", lambda *a: np.array(sample(*a))).startswith("PASSED")


def test_must_return_names_what_is_missing():
    from rnnlib.checks._verdict import must_return
    assert must_return("x", (1, 2), ("a", "b")) is None
    assert must_return("x", [1, 2], ("a", "b")) is None
    wrong = must_return("x", np.zeros(3), ("dx", "dh0", "dWx"), "gradients")
    assert str(wrong) == ("FAILED x: must return three gradients: (dx, dh0, dWx).\n"
                          "  Hint: end with `return dx, dh0, dWx`.")


def test_one_hot_that_raises_is_not_shown_the_solution(capsys):
    """Review s25-A: any exception of my_one_hot got "np.eye(vocab_size)[indices] picks one
    row per index" as its hint, the one-line answer."""
    for fn in (stub, give_up, lambda idx, v: idx[:, :, 5]):
        out = verdict(capsys, "01_one_hot", fn)
        assert out.startswith("FAILED 01_one_hot: your function raised ") and "Hint: " in out
        assert "np.eye" not in out and "[indices]" not in out, out


@pytest.mark.parametrize("source", [
    "def batch_shape(n, t, d):\n    return as_shape([n, t, d])",
    "def batch_shape(n, t, d):\n    return (t, n, d)",
    "def batch_shape(n, t, d):\n    raise NotImplementedError",
    "def batch_shape(n, t, d):\n    return (n, t, d)",
])
def test_check_cell_prints_the_grade_tables_reason(capsys, source):
    """Review s25-A: check_cell's "Graded:" line is the grader's reason word for word
    (message and hint), as notebook 00 promises."""
    from rnnlib.course.grade import verdict_reason
    checks.check_cell("00_batch_shape", source)
    out = capsys.readouterr().out
    v = EXERCISES["00_batch_shape"].cell_verdict(source)
    graded = "passed" if v.ok else f"failed, {verdict_reason(v)}"
    assert out.endswith(f"Graded: {graded}\n"), out


@pytest.mark.parametrize("exercise, source, named", [
    ("04_softmax", "import scipy.special\ndef my_softmax(z):\n    return scipy.special.softmax(z, axis=1)",
     "scipy.special.softmax"),
    ("04_softmax", "from scipy.special import softmax\ndef my_softmax(z):\n    return softmax(z, axis=1)",
     "scipy.special.softmax"),
    ("04_softmax", "def my_softmax(z):\n    return rnnlib.activations.softmax(z)",
     "rnnlib.activations.softmax"),
    ("04_softmax", "def my_softmax(z):\n    y = np.zeros(len(z), int)\n"
                   "    _, d = rnnlib.losses.softmax_cross_entropy(z, y)\n"
                   "    d = d * len(z)\n    d[:, 0] += 1\n    return d",
     "rnnlib.losses.softmax_cross_entropy"),
    ("04_torch_param_count", "def torch_param_count(D, H, O):\n"
                             "    return rnnlib.params.lstm_param_count(D, H, bias='pytorch') // 4 + O * H + O",
     "rnnlib.params.lstm_param_count"),
    ("03_tanh_from_exp", "def tanh_from_exp(x):\n    return rnnlib.activations.tanh(x)",
     "rnnlib.activations.tanh"),
    ("06_rnn_step_backward", "def rnn_step_backward_exercise(dh_next, x_t, h_prev, Wx, Wh, h_next):\n"
                             "    J = rnnlib.gradcheck.numerical_jacobian(f, x_t)",
     "rnnlib.gradcheck.numerical_jacobian"),
])
def test_a_shortcut_is_named_as_the_cell_wrote_it(exercise, source, named):
    """Review s26-E04: scipy's softmax was reported as rnnlib's; the losses' gradient and the
    LSTM's count were loopholes. The reason names what the cell used."""
    from rnnlib.course.shortcuts import uses
    assert uses(source, EXERCISES[exercise].writes)[0] == named     # the reason names the first


def test_03_derivative_may_use_scipys_expit_but_not_the_tanh_exercise():
    """Review s26-X4: 4 s (1 - s) with s = expit(2x) is a derived, exact answer to Exercise 2
    (the text forbids only rnnlib.activations, finite differences and a complex step); in
    Exercise 1, 2 expit(2x) - 1 would be the answer itself, and its text names expit."""
    from rnnlib.course.shortcuts import uses
    code = "from scipy.special import expit\ns = expit(2 * x)\nreturn 4 * s * (1 - s)"
    assert uses(code, EXERCISES["03_tanh_derivative"].writes) == []
    assert uses("return 2 * scipy.special.expit(2 * x) - 1",
                EXERCISES["03_tanh_from_exp"].writes) == ["scipy.special.expit"]



def test_a_string_is_a_shortcut_only_when_given_to_a_call():
    """Review s26-X7: `mode = "train"` in 07 Ex 4 was reported as "uses rnnlib.train"."""
    from rnnlib.course.shortcuts import uses
    writes = EXERCISES["07_remember_bit"].writes
    assert uses('mode = "train"\nlabels = ["train", "test"]', writes) == []
    assert uses('fit = getattr(rnnlib, "train")', writes) == ["rnnlib.train"]
