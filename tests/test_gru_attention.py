"""Gradient checks, hand-checked values and bad input of the GRU and of dot-product attention.

Every backward pass is compared with a centred finite difference in float64; the relative
error must be below 1e-7, entry-wise (``max_rel_error``) as well as norm-wise.
"""
import numpy as np
import pytest

from rnnlib import (attention_backward, attention_forward, gru_backward, gru_forward,
                    gru_step_backward, gru_step_forward)
from rnnlib.gradcheck import max_rel_error, numerical_gradient_array, rel_error

N, T, D, H, S = 3, 4, 5, 6, 7
TOL = 1e-7


def make(rng, bias_shape="flat", scale=0.4):
    b = (3 * H,) if bias_shape == "flat" else (1, 3 * H)
    return dict(x=rng.normal(size=(N, T, D)), h0=rng.normal(size=(N, H)),
                Wx=rng.normal(scale=scale, size=(D, 3 * H)),
                Wh=rng.normal(scale=scale, size=(H, 3 * H)),
                bx=rng.normal(scale=0.2, size=b), bh=rng.normal(scale=0.2, size=b))


def close(num, ana):
    """Norm-wise < 1e-7, and entry-wise < 1e-7 with entries below 1e-2 judged against 1e-2
    (the finite difference itself is only good to about 1e-10 absolute)."""
    return rel_error(num, ana) < TOL and max_rel_error(num, ana, floor=1e-2) < TOL


@pytest.mark.parametrize("bias_shape", ["flat", "row"])
@pytest.mark.parametrize("scale", [0.4, 3.0])          # unsaturated and saturated gates
def test_gru_step_backward_matches_numerical(rng, bias_shape, scale):
    p = make(rng, bias_shape, scale)
    args = [p["x"][:, 0], p["h0"], p["Wx"], p["Wh"], p["bx"], p["bh"]]
    h_next, cache = gru_step_forward(*args)
    dh_next = rng.normal(size=h_next.shape)
    grads = gru_step_backward(dh_next, cache)
    for arg, grad in zip(args, grads):
        num = numerical_gradient_array(lambda: gru_step_forward(*args)[0], arg, dh_next, eps=1e-5)
        assert grad.shape == arg.shape
        assert close(num, grad)


@pytest.mark.parametrize("bias_shape", ["flat", "row"])
def test_gru_backward_matches_numerical(rng, bias_shape):
    p = make(rng, bias_shape)
    args = [p["x"], p["h0"], p["Wx"], p["Wh"], p["bx"], p["bh"]]
    h, cache = gru_forward(*args)
    dh = rng.normal(size=h.shape)
    grads = gru_backward(dh, cache)
    for arg, grad in zip(args, grads):
        num = numerical_gradient_array(lambda: gru_forward(*args)[0], arg, dh, eps=1e-5)
        assert grad.shape == arg.shape
        assert close(num, grad)


def test_gru_forward_is_the_step_repeated(rng):
    p = make(rng)
    h, _ = gru_forward(p["x"], p["h0"], p["Wx"], p["Wh"], p["bx"], p["bh"])
    h_t = p["h0"]
    for t in range(T):
        h_t, _ = gru_step_forward(p["x"][:, t], h_t, p["Wx"], p["Wh"], p["bx"], p["bh"])
        np.testing.assert_allclose(h[:, t], h_t, rtol=1e-12, atol=1e-14)


def test_gru_formula_by_hand():
    """One unit, numbers worked out with the formula of the docstring."""
    x_t, h_prev = np.array([[1.0]]), np.array([[0.5]])
    Wx, Wh = np.array([[0.2, -0.3, 0.4]]), np.array([[0.1, 0.6, -0.5]])
    bx, bh = np.array([0.0, 0.1, 0.2]), np.array([0.3, 0.0, -0.1])
    sig = lambda a: 1 / (1 + np.exp(-a))
    r = sig(0.2 + 0.05 + 0.3)
    z = sig(-0.3 + 0.1 + 0.3)
    n = np.tanh(0.4 + 0.2 + r * (-0.25 - 0.1))
    h_next, _ = gru_step_forward(x_t, h_prev, Wx, Wh, bx, bh)
    np.testing.assert_allclose(h_next, [[(1 - z) * n + z * 0.5]], rtol=1e-14)


def test_gru_float32_stays_float32(rng):
    p = {k: v.astype(np.float32) for k, v in make(rng).items()}
    h, cache = gru_forward(*p.values())
    assert h.dtype == np.float32
    assert all(g.dtype == np.float32 for g in gru_backward(np.ones_like(h), cache))


@pytest.mark.parametrize("fn, kwargs, message", [
    (gru_step_forward, dict(Wh=np.zeros((H, 4 * H))), "gru_step_forward: Wh must have shape"),
    (gru_step_forward, dict(bh=np.zeros(H)), "gru_step_forward: bh must have shape (3H,)"),
    (gru_forward, dict(x=np.zeros((N, D))), "gru_forward: x must have shape (N, T, D)"),
])
def test_gru_bad_input(rng, fn, kwargs, message):
    p = make(rng)
    args = dict(x=p["x"], h0=p["h0"], Wx=p["Wx"], Wh=p["Wh"], bx=p["bx"], bh=p["bh"])
    if fn is gru_step_forward:
        args["x_t"] = args.pop("x")[:, 0]
        args["h_prev"] = args.pop("h0")
    args.update(kwargs)
    with pytest.raises(ValueError, match=None) as err:
        fn(**args)
    assert message in str(err.value)


def attention_inputs(rng, scale=1.0, masked=True):
    query = rng.normal(scale=scale, size=(N, H))
    keys = rng.normal(scale=scale, size=(N, S, H))
    mask = np.ones((N, S), dtype=bool)
    if masked:
        mask[0, 4:] = False
        mask[2, 1:] = False                                 # one real position only
    return query, keys, mask


@pytest.mark.parametrize("scale", [0.5, 1.5])             # flat and peaked softmax
@pytest.mark.parametrize("masked", [False, True])
def test_attention_backward_matches_numerical(rng, scale, masked):
    query, keys, mask = attention_inputs(rng, scale, masked)
    context, weights, cache = attention_forward(query, keys, mask)
    dcontext = rng.normal(size=context.shape)
    dquery, dkeys = attention_backward(dcontext, cache)
    f = lambda: attention_forward(query, keys, mask)[0]
    assert close(numerical_gradient_array(f, query, dcontext, eps=1e-5), dquery)
    assert close(numerical_gradient_array(f, keys, dcontext, eps=1e-5), dkeys)


def test_masked_positions_get_weight_and_gradient_exactly_zero(rng):
    query, keys, mask = attention_inputs(rng)
    keys[~mask] = 1e3                                      # huge values that must not matter
    context, weights, cache = attention_forward(query, keys, mask)
    assert np.all(weights[~mask] == 0.0)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=1e-14)
    _, dkeys = attention_backward(np.ones_like(context), cache)
    assert np.all(dkeys[~mask] == 0.0)
    np.testing.assert_allclose(context[2], keys[2, 0], rtol=1e-14)   # one real position


def test_attention_by_hand():
    keys = np.array([[[1.0, 0.0], [0.0, 1.0]]])
    context, weights, _ = attention_forward(np.array([[1.0, 0.0]]), keys)
    w = np.exp([1.0, 0.0]) / np.exp([1.0, 0.0]).sum()
    np.testing.assert_allclose(weights, [w], rtol=1e-14)
    np.testing.assert_allclose(context, [w], rtol=1e-14)


@pytest.mark.parametrize("kwargs, message", [
    (dict(query=np.zeros((N, H + 1))), "attention_forward: query must have shape (N, H) = (3, 6)"),
    (dict(mask=np.ones((N, S + 1), dtype=bool)), "attention_forward: mask must have shape (N, S)"),
    (dict(mask=np.ones((N, S))), "attention_forward: mask must be a bool array"),
    (dict(mask=np.zeros((N, S), dtype=bool)), "row 0 is all False"),
])
def test_attention_bad_input(rng, kwargs, message):
    query, keys, mask = attention_inputs(rng)
    args = dict(query=query, keys=keys, mask=mask)
    args.update(kwargs)
    with pytest.raises(ValueError) as err:
        attention_forward(**args)
    assert message in str(err.value)


def test_attention_checks_judge_fairly_on_500_grading_seeds():
    """rnnlib's own attention passes 09's checks on 500 grading seeds; a softmax without the
    max subtracted, with the max taken over the padded positions too, or with one max over
    the whole batch (s30 reader: it passed on some grading seeds), fails on every one."""
    from rnnlib.checks.seq2seq import ATTENTION_BACKWARD, ATTENTION_FORWARD

    def backward(dcontext, query, keys, mask):
        return attention_backward(dcontext, attention_forward(query, keys, mask)[2])

    def forward(query, keys, mask, max_over="real"):
        scores = np.einsum("nsh,nh->ns", keys, query)
        if max_over == "none":
            e = np.exp(scores) * mask
        elif max_over == "all":
            e = np.exp(scores - scores.max(axis=1, keepdims=True)) * mask
        elif max_over == "batch":
            masked = np.where(mask, scores, -np.inf)
            e = np.exp(masked - masked.max())
        else:
            e = np.exp(np.where(mask, scores, -np.inf)
                       - np.where(mask, scores, -np.inf).max(axis=1, keepdims=True))
        w = e / e.sum(axis=1, keepdims=True)
        return np.einsum("ns,nsh->nh", w, keys), w

    with np.errstate(all="ignore"):
        for seed in range(500):
            assert ATTENTION_BACKWARD.verdict(backward, seed).ok, seed
            assert ATTENTION_FORWARD.verdict(forward, seed).ok, seed
            for max_over in ("none", "all", "batch"):
                assert not ATTENTION_FORWARD.verdict(
                    lambda *a: forward(*a, max_over=max_over), seed).ok, (seed, max_over)
