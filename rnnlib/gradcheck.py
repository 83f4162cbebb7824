"""Numerical gradients and the relative error, to check every backward pass.

A backward pass is right when its gradient agrees with a centred finite difference,

    df/dx_k ~ (f(x + eps e_k) - f(x - eps e_k)) / (2 eps),

to a relative error below 1e-7 in float64. PyTorch's ``gradcheck`` also compares with a
centred difference in float64, but with its own tolerances (atol=1e-5, rtol=1e-3 by
default), far looser than this course's bar.

Examples
--------
>>> import numpy as np
>>> from rnnlib.gradcheck import numerical_gradient, rel_error
>>> x = np.array([1.0, 2.0])
>>> num = numerical_gradient(lambda: float(np.sum(x ** 3)), x)   # d/dx sum x^3 = 3 x^2
>>> rel_error(num, 3 * x ** 2) < 1e-7
True
"""
import numpy as np


def numerical_gradient(f, x, eps=1e-6):
    """Centred finite-difference gradient of the scalar ``f()`` with respect to ``x``.

    Parameters
    ----------
    f : callable
        Takes no argument and returns a float; it must read ``x`` when called.
    x : ndarray (float64)
        Changed in place one entry at a time, and restored exactly.
    eps : float
        Step size.

    Returns
    -------
    ndarray, shape of ``x``
    """
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = x[k]
        x[k] = old + eps
        f_plus = f()
        x[k] = old - eps
        f_minus = f()
        x[k] = old
        grad[k] = (f_plus - f_minus) / (2 * eps)
    return grad


def numerical_gradient_array(f, x, dout, eps=1e-6):
    """Numerical gradient of ``sum(f() * dout)`` with respect to ``x``.

    This is what a backward pass returns for an array-valued function ``f`` given the
    upstream gradient ``dout`` (same shape as ``f()``).
    """
    return numerical_gradient(lambda: float(np.sum(f() * dout)), x, eps)


def numerical_jacobian(f, x, eps=1e-6):
    """Centred finite-difference Jacobian of the array-valued ``f()`` with respect to ``x``.

    Returns an array of shape ``f().shape + x.shape``: entry [k, l] is d f()[k] / d x[l].
    ``x`` is changed in place one entry at a time, and restored exactly.

    >>> x = np.array([1.0, 2.0])
    >>> np.round(numerical_jacobian(lambda: np.array([x[0] * x[1], x[1] ** 2]), x), 6)
    array([[2., 1.],
           [0., 4.]])
    """
    out_shape = np.shape(f())
    jac = np.zeros(out_shape + x.shape)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = x[k]
        x[k] = old + eps
        f_plus = np.array(f(), dtype=np.float64)
        x[k] = old - eps
        f_minus = np.array(f(), dtype=np.float64)
        x[k] = old
        jac[(Ellipsis,) + k] = (f_plus - f_minus) / (2 * eps)
    return jac


def rel_error(a, b):
    """Relative error ||a - b|| / (||a|| + ||b||) with Euclidean norms; 0 when both are 0.

    Norm-wise rather than entry-wise, so an entry that is zero in both arrays (or nearly)
    does not blow the ratio up.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"rel_error: a and b must have the same shape, got {a.shape} "
                         f"and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def max_rel_error(a, b, floor=1e-8):
    """Largest entry-wise relative error max |a - b| / max(floor, |a| + |b|), as CS231n prints.

    Unlike :func:`rel_error`, one wrong small entry cannot hide among large right ones; but an
    entry that is tiny in both (noise of the finite difference around a true 0) can make it
    large, which is why ``floor`` bounds the denominator from below.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"max_rel_error: a and b must have the same shape, got {a.shape} "
                         f"and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(floor, np.abs(a) + np.abs(b))))


def check_gradients(loss_fn, params, grads, eps=1e-6):
    """Relative error of each analytic gradient in ``grads`` against a numerical one.

    Parameters
    ----------
    loss_fn : callable
        Takes no argument, returns the scalar loss, reading the arrays in ``params``.
    params : dict of ndarray
        The arrays to perturb (float64), changed in place and restored.
    grads : dict of ndarray
        Analytic gradients, same keys and shapes as ``params``.

    Returns
    -------
    dict
        Name -> relative error.
    """
    return {name: rel_error(numerical_gradient(loss_fn, params[name], eps), grads[name])
            for name in params}
