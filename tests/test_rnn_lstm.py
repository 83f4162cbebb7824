"""Gradient checks and hand-checked values of the vanilla RNN and the LSTM.

Every backward pass is compared with a centred finite difference in float64; the relative
error must be below 1e-7.
"""
import numpy as np
import pytest

from rnnlib import (lstm_backward, lstm_forward, lstm_gates, lstm_step_backward,
                    lstm_step_forward, rnn_backward, rnn_forward, rnn_step_backward,
                    rnn_step_forward)
from rnnlib.gradcheck import numerical_gradient_array, rel_error

N, T, D, H = 3, 4, 5, 6
TOL = 1e-7


def width(cell):
    return 4 * H if cell == "lstm" else H


def make(rng, cell, bias_shape="flat"):
    """Random inputs of a layer; the weights are scaled so that no unit saturates."""
    w = width(cell)
    return dict(
        x=rng.normal(size=(N, T, D)),
        h0=rng.normal(size=(N, H)),
        Wx=rng.normal(scale=0.4, size=(D, w)),
        Wh=rng.normal(scale=0.4, size=(H, w)),
        b=rng.normal(scale=0.2, size=(w,) if bias_shape == "flat" else (1, w)),
    )


@pytest.mark.parametrize("bias_shape", ["flat", "row"])
def test_rnn_step_backward_matches_numerical(rng, bias_shape):
    p = make(rng, "rnn", bias_shape)
    x_t = p["x"][:, 0]
    args = [x_t, p["h0"], p["Wx"], p["Wh"], p["b"]]
    h_next, cache = rnn_step_forward(*args)
    dh_next = rng.normal(size=h_next.shape)
    grads = rnn_step_backward(dh_next, cache)
    for arg, grad in zip(args, grads):
        num = numerical_gradient_array(lambda: rnn_step_forward(*args)[0], arg, dh_next)
        assert grad.shape == arg.shape
        assert rel_error(num, grad) < TOL


@pytest.mark.parametrize("bias_shape", ["flat", "row"])
def test_lstm_step_backward_matches_numerical(rng, bias_shape):
    p = make(rng, "lstm", bias_shape)
    c_prev = rng.normal(size=(N, H))
    args = [p["x"][:, 0], p["h0"], c_prev, p["Wx"], p["Wh"], p["b"]]
    h_next, c_next, cache = lstm_step_forward(*args)
    dh_next, dc_next = rng.normal(size=h_next.shape), rng.normal(size=c_next.shape)
    grads = lstm_step_backward(dh_next, dc_next, cache)

    def loss():
        h, c, _ = lstm_step_forward(*args)
        return float(np.sum(h * dh_next) + np.sum(c * dc_next))

    from rnnlib.gradcheck import numerical_gradient
    for arg, grad in zip(args, grads):
        assert grad.shape == arg.shape
        assert rel_error(numerical_gradient(loss, arg), grad) < TOL


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
@pytest.mark.parametrize("bias_shape", ["flat", "row"])
def test_sequence_backward_matches_numerical(rng, cell, bias_shape):
    p = make(rng, cell, bias_shape)
    forward, backward = (rnn_forward, rnn_backward) if cell == "rnn" else (lstm_forward,
                                                                            lstm_backward)
    args = [p["x"], p["h0"], p["Wx"], p["Wh"], p["b"]]
    h, cache = forward(*args)
    dh = rng.normal(size=h.shape)
    grads = backward(dh, cache)
    assert len(grads) == 5
    for arg, grad in zip(args, grads):
        num = numerical_gradient_array(lambda: forward(*args)[0], arg, dh)
        assert grad.shape == arg.shape
        assert rel_error(num, grad) < TOL


def test_lstm_forward_with_c0_matches_numerical(rng):
    p = make(rng, "lstm")
    c0 = rng.normal(size=(N, H))
    args = [p["x"], p["h0"], p["Wx"], p["Wh"], p["b"]]
    h, cache = lstm_forward(*args, c0=c0)
    dh = rng.normal(size=h.shape)
    grads = lstm_backward(dh, cache)
    for arg, grad in zip(args, grads):
        num = numerical_gradient_array(lambda: lstm_forward(*args, c0=c0)[0], arg, dh)
        assert rel_error(num, grad) < TOL


def test_rnn_forward_is_the_step_repeated(rng):
    p = make(rng, "rnn")
    h, _ = rnn_forward(p["x"], p["h0"], p["Wx"], p["Wh"], p["b"])
    h_t = p["h0"]
    for t in range(T):
        h_t, _ = rnn_step_forward(p["x"][:, t], h_t, p["Wx"], p["Wh"], p["b"])
        np.testing.assert_allclose(h[:, t], h_t, rtol=0, atol=1e-15)


def test_lstm_forward_is_the_step_repeated_and_gates_are_reachable(rng):
    p = make(rng, "lstm")
    c0 = rng.normal(size=(N, H))
    h, cache = lstm_forward(p["x"], p["h0"], p["Wx"], p["Wh"], p["b"], c0=c0)
    gates = lstm_gates(cache)
    h_t, c_t = p["h0"], c0
    for t in range(T):
        h_t, c_t, step_cache = lstm_step_forward(p["x"][:, t], h_t, c_t, p["Wx"], p["Wh"],
                                                 p["b"])
        np.testing.assert_allclose(h[:, t], h_t, rtol=0, atol=1e-15)
        step_gates = lstm_gates(step_cache)
        for name in "ifgoc":
            np.testing.assert_allclose(gates[name][:, t], step_gates[name], rtol=0, atol=1e-15)
    assert set(gates) == set("ifgoc") and gates["i"].shape == (N, T, H)


def test_lstm_gate_order_is_i_f_g_o():
    """Drive one gate block at a time and see which formula it enters."""
    big = 30.0
    x_t, h_prev, c_prev = np.zeros((1, 1)), np.zeros((1, 1)), np.full((1, 1), 0.5)
    Wx, Wh = np.zeros((1, 4)), np.zeros((1, 4))
    b = np.array([big, -big, big, big])           # i = 1, f = 0, g = 1, o = 1
    h, c, _ = lstm_step_forward(x_t, h_prev, c_prev, Wx, Wh, b)
    assert c[0, 0] == pytest.approx(1.0)          # c = f * 0.5 + i * g = 1
    b = np.array([-big, big, big, big])           # i = 0, f = 1: keep c_prev
    h, c, _ = lstm_step_forward(x_t, h_prev, c_prev, Wx, Wh, b)
    assert c[0, 0] == pytest.approx(0.5) and h[0, 0] == pytest.approx(np.tanh(0.5))
    b = np.array([-big, big, big, -big])          # o = 0: nothing out
    h, c, _ = lstm_step_forward(x_t, h_prev, c_prev, Wx, Wh, b)
    assert h[0, 0] == pytest.approx(0.0, abs=1e-12)


def test_rnn_step_by_hand():
    """One step on small integers, worked out by hand.

    x_t = [1, 2], h_prev = [1, -1], Wx = [[1, 0], [0, 1]], Wh = [[1, 1], [0, 2]], b = [0, -1]
    h_prev @ Wh = [1*1 + (-1)*0, 1*1 + (-1)*2] = [1, -1]
    x_t @ Wx    = [1, 2]
    sum + b     = [1 + 1 + 0, -1 + 2 - 1] = [2, 0]
    h_next      = [tanh 2, tanh 0] = [0.96402758, 0]
    """
    h_next, _ = rnn_step_forward([[1, 2]], [[1, -1]], [[1, 0], [0, 1]], [[1, 1], [0, 2]],
                                 [0, -1])
    np.testing.assert_allclose(h_next, [[0.9640275800758169, 0.0]], rtol=0, atol=1e-15)
    assert h_next.dtype == np.float64             # integers are promoted


def test_lstm_step_by_hand():
    """One LSTM step with zero weights: every gate sees only its bias.

    b = [0, 0, 0.5, 0] (H = 1): i = f = o = sigmoid(0) = 0.5, g = tanh(0.5)
    c_next = 0.5 * c_prev + 0.5 * tanh(0.5) = 0.5 * 2 + 0.5 * 0.46211716 = 1.23105858
    h_next = 0.5 * tanh(1.23105858)
    """
    h, c, _ = lstm_step_forward([[3]], [[1]], [[2]], [[0, 0, 0, 0]], [[0, 0, 0, 0]],
                                [0, 0, 0.5, 0])
    np.testing.assert_allclose(c, [[1.0 + 0.5 * np.tanh(0.5)]], rtol=1e-15)
    np.testing.assert_allclose(h, 0.5 * np.tanh(c), rtol=1e-15)


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_kept(rng, cell, dtype):
    p = {k: v.astype(dtype) for k, v in make(rng, cell).items()}
    forward, backward = (rnn_forward, rnn_backward) if cell == "rnn" else (lstm_forward,
                                                                            lstm_backward)
    h, cache = forward(p["x"], p["h0"], p["Wx"], p["Wh"], p["b"])
    assert h.dtype == dtype
    assert all(g.dtype == dtype for g in backward(np.ones_like(h), cache))


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_inputs_are_not_modified(rng, cell):
    p = make(rng, cell)
    saved = {k: v.copy() for k, v in p.items()}
    forward, backward = (rnn_forward, rnn_backward) if cell == "rnn" else (lstm_forward,
                                                                            lstm_backward)
    h, cache = forward(p["x"], p["h0"], p["Wx"], p["Wh"], p["b"])
    dh = np.ones_like(h)
    backward(dh, cache)
    backward(dh, cache)                           # a cache can be used twice
    for k in p:
        np.testing.assert_array_equal(p[k], saved[k])
    np.testing.assert_array_equal(dh, np.ones_like(h))
