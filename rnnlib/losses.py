"""Losses on raw scores (logits), each returning the loss and its gradient.

Both are computed from the logits, never from probabilities, so they stay finite for any
finite score (a probability of exactly 0 or 1 would make log() infinite).

Examples
--------
>>> import numpy as np
>>> from rnnlib.losses import binary_cross_entropy_with_logits
>>> loss, dscores = binary_cross_entropy_with_logits(np.array([0.0, 0.0]), np.array([0, 1]))
>>> round(loss, 4)                             # log 2: a coin flip
0.6931
"""
import numpy as np

from ._validate import as_float_array, check_finite
from .activations import sigmoid, softmax


def binary_cross_entropy_with_logits(scores, y):
    """Mean binary cross-entropy of ``sigmoid(scores)`` against 0/1 targets.

    loss = mean(-y log p - (1 - y) log(1 - p)) with p = sigmoid(s), computed as
    mean(max(s, 0) - s y + log(1 + e^-|s|)).

    Parameters
    ----------
    scores : array, shape (N,) or (N, 1)
        Raw scores (logits).
    y : array, shape (N,) or (N, 1)
        Targets, 0 or 1.

    Returns
    -------
    loss : float
    dscores : ndarray, shape of ``scores``
        (sigmoid(s) - y) / N.
    """
    fn = "binary_cross_entropy_with_logits"
    s = check_finite(fn, "scores", as_float_array(fn, "scores", scores))
    t = as_float_array(fn, "y", y)
    if s.ndim not in (1, 2) or (s.ndim == 2 and s.shape[1] != 1):
        raise ValueError(f"{fn}: scores must have shape (N,) or (N, 1), got {s.shape}")
    N = s.shape[0]
    if t.shape not in ((N,), (N, 1)):
        raise ValueError(f"{fn}: y must have shape (N,) = ({N},) or (N, 1) = ({N}, 1), "
                         f"got {t.shape}")
    if not np.all((t == 0) | (t == 1)):
        raise ValueError(f"{fn}: y must hold only 0 and 1, got {np.unique(t)[:5]}")
    t = t.reshape(s.shape)
    loss = np.mean(np.maximum(s, 0) - s * t + np.log1p(np.exp(-np.abs(s))))
    dscores = (sigmoid(s) - t) / N
    return float(loss), dscores


def softmax_cross_entropy(scores, y):
    """Mean softmax cross-entropy of integer labels.

    loss = mean(-log softmax(scores)[n, y_n]), computed with log-sum-exp.

    Parameters
    ----------
    scores : array, shape (N, C)
        Raw scores of C classes.
    y : array of int, shape (N,)
        Labels in 0 .. C-1.

    Returns
    -------
    loss : float
    dscores : ndarray, shape (N, C)
        (softmax(scores) - onehot(y)) / N.
    """
    fn = "softmax_cross_entropy"
    s = check_finite(fn, "scores", as_float_array(fn, "scores", scores))
    if s.ndim != 2:
        raise ValueError(f"{fn}: scores must have shape (N, C), got {s.shape}")
    N, C = s.shape
    y = np.asarray(y)
    if y.shape != (N,):
        raise ValueError(f"{fn}: y must have shape (N,) = ({N},), got {y.shape}")
    if y.dtype.kind not in "iu" and not (y.dtype.kind == "f" and np.all(y == np.round(y))):
        raise ValueError(f"{fn}: y must hold integer labels, got dtype {y.dtype}")
    y = y.astype(int)
    if np.any((y < 0) | (y >= C)):
        raise ValueError(f"{fn}: y must hold labels in 0..{C - 1} (C = {C}), "
                         f"got values from {y.min()} to {y.max()}")
    shifted = s - s.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(N), y])
    dscores = softmax(s, axis=1)
    dscores[np.arange(N), y] -= 1.0
    return float(loss), dscores / N
