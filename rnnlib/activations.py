"""Activation functions and their derivatives, numerically stable for any finite input.

None of them overflows or warns at x = +-1000: ``sigmoid`` and ``softmax`` only ever
exponentiate non-positive numbers.

Examples
--------
>>> import numpy as np
>>> from rnnlib.activations import tanh, sigmoid, softmax
>>> round(float(tanh(2.0)), 3)
0.964
>>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
array([0. , 0.5, 1. ])
>>> softmax(np.array([[1000.0, 1000.0]]))
array([[0.5, 0.5]])
"""
import numpy as np


def _float(x):
    """``x`` as an array; integers become float64, floats keep their precision."""
    x = np.asarray(x)
    return x.astype(np.float64) if x.dtype.kind in "biu" else x


def tanh(x):
    """Hyperbolic tangent, (e^x - e^-x) / (e^x + e^-x); output in (-1, 1). Same shape as ``x``."""
    return np.tanh(x)


def tanh_grad_from_output(y):
    """Derivative of tanh written with its output ``y = tanh(x)``: 1 - y**2."""
    return 1.0 - y * y


def tanh_grad(x):
    """Derivative of tanh at ``x``: 1 - tanh(x)**2. Same shape as ``x``."""
    return tanh_grad_from_output(np.tanh(x))


def sigmoid(x):
    """Logistic sigmoid 1 / (1 + e^-x); output in (0, 1). Same shape as ``x``.

    Computed as e^x / (1 + e^x) for negative x and 1 / (1 + e^-x) otherwise, so the
    exponent is never positive and nothing overflows.
    """
    x = _float(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_inplace(a):
    """a <- sigmoid(a) in place, as (1 + tanh(a / 2)) / 2: exact, never overflows, no copy.

    For the recurrent layers' gate arithmetic (rnnlib.gru); ``a`` is a float array (a view is
    fine) and is overwritten.
    """
    a *= 0.5
    np.tanh(a, out=a)
    a += 1.0
    a *= 0.5


def sigmoid_grad_from_output(y):
    """Derivative of the sigmoid written with its output ``y = sigmoid(x)``: y (1 - y)."""
    return y * (1.0 - y)


def sigmoid_grad(x):
    """Derivative of the sigmoid at ``x``: sigmoid(x) (1 - sigmoid(x)). Same shape as ``x``."""
    return sigmoid_grad_from_output(sigmoid(x))


def relu(x):
    """max(0, x), elementwise (notebook 03 shows why an RNN avoids it)."""
    return np.maximum(0.0, x)


def softmax(x, axis=-1):
    """Softmax along ``axis``: e^(x - max) / sum e^(x - max). Same shape as ``x``.

    Subtracting the maximum changes nothing mathematically and keeps every exponent <= 0.
    """
    x = _float(x)
    z = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return z / np.sum(z, axis=axis, keepdims=True)


def softmax_grad(x, dout, axis=-1):
    """Backward of softmax: given the upstream gradient ``dout``, return d(loss)/dx.

    With s = softmax(x): dx = s * (dout - sum(dout * s)) along ``axis`` (the Jacobian
    diag(s) - s s^T applied to ``dout``). Same shape as ``x``.
    """
    s = softmax(x, axis=axis)
    return s * (dout - np.sum(dout * s, axis=axis, keepdims=True))
