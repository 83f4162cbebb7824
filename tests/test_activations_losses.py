"""Activations, losses and the gradient-check helpers."""
import warnings

import numpy as np
import pytest

from rnnlib.activations import (relu, sigmoid, sigmoid_grad, softmax, softmax_grad, tanh,
                                tanh_grad)
from rnnlib.gradcheck import numerical_gradient, numerical_gradient_array, rel_error
from rnnlib.losses import binary_cross_entropy_with_logits, softmax_cross_entropy

EXTREME = np.array([-1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0])


@pytest.mark.parametrize("fn", [tanh, sigmoid, tanh_grad, sigmoid_grad,
                                lambda x: softmax(x.reshape(1, -1))])
def test_no_overflow_or_warning_at_extremes(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = fn(EXTREME)
    assert np.all(np.isfinite(out))


def test_known_values():
    assert tanh(2.0) == pytest.approx(0.9640275800758169)
    assert tanh(-2.0) == pytest.approx(-0.9640275800758169)
    np.testing.assert_allclose(sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(softmax(np.array([[1000.0, 1000.0]])), [[0.5, 0.5]])
    np.testing.assert_array_equal(relu(np.array([-1.0, 2.0])), [0.0, 2.0])
    assert sigmoid(np.array([1, 2])).dtype == np.float64          # ints promoted
    assert sigmoid(np.array([1.0], dtype=np.float32)).dtype == np.float32


@pytest.mark.parametrize("fn, grad", [(tanh, tanh_grad), (sigmoid, sigmoid_grad)])
def test_derivatives_match_numerical(fn, grad):
    x = np.linspace(-4, 4, 17)
    num = numerical_gradient_array(lambda: fn(x), x, np.ones_like(x))
    assert rel_error(num, grad(x)) < 1e-8


def test_softmax_grad_matches_numerical(rng):
    x, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    num = numerical_gradient_array(lambda: softmax(x), x, dout)
    assert rel_error(num, softmax_grad(x, dout)) < 1e-8


@pytest.mark.parametrize("shape", [(5,), (5, 1)])
def test_binary_cross_entropy_gradient_and_value(rng, shape):
    s = rng.normal(size=shape)
    y = rng.integers(0, 2, size=shape)
    loss, ds = binary_cross_entropy_with_logits(s, y)
    p = 1 / (1 + np.exp(-s))
    assert loss == pytest.approx(np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)))
    num = numerical_gradient(lambda: binary_cross_entropy_with_logits(s, y)[0], s)
    assert ds.shape == s.shape and rel_error(num, ds) < 1e-8


def test_binary_cross_entropy_is_finite_at_extreme_scores():
    loss, ds = binary_cross_entropy_with_logits(np.array([1000.0, -1000.0]), np.array([0, 1]))
    assert loss == pytest.approx(1000.0) and np.all(np.isfinite(ds))


def test_softmax_cross_entropy_gradient_and_value(rng):
    s = rng.normal(size=(4, 3))
    y = np.array([0, 2, 1, 2])
    loss, ds = softmax_cross_entropy(s, y)
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(4), y])))
    num = numerical_gradient(lambda: softmax_cross_entropy(s, y)[0], s)
    assert rel_error(num, ds) < 1e-8


def test_rel_error():
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1.0, 0.0]), np.array([1.0, 1e-9])) < 1e-8
    with pytest.raises(ValueError, match="same shape"):
        rel_error(np.zeros(2), np.zeros(3))


def test_numerical_gradient_restores_its_input(rng):
    x = rng.normal(size=(2, 3))
    saved = x.copy()
    numerical_gradient(lambda: float(np.sum(x ** 2)), x)
    np.testing.assert_array_equal(x, saved)
