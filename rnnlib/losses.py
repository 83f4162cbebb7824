"""Losses on raw scores (logits), each returning the loss and its gradient.

All of them are computed from the logits, never from probabilities, so they stay finite
for any finite score (a probability of exactly 0 or 1 would make log() infinite).

Examples
--------
>>> import numpy as np
>>> from rnnlib.losses import binary_cross_entropy_with_logits
>>> loss, dscores = binary_cross_entropy_with_logits(np.array([0.0, 0.0]), np.array([0, 1]))
>>> round(loss, 4)                             # log 2: a coin flip
0.6931
"""
import numpy as np

from ._validate import as_float_array, check_finite, check_shape
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


def check_labels(fn, name, y, shape, n_classes):
    """``y`` as an int array of the given ``shape`` with every label in 0 .. n_classes-1.

    ``shape`` is a dict of symbols to sizes in order, e.g. ``{"N": 2, "T": 5}``; the
    ``ValueError`` names ``fn``, ``name``, the shape in symbols and numbers, and what was given.
    """
    y = np.asarray(y)
    want = tuple(shape.values())
    if y.shape != want:
        symbols = ", ".join(shape)
        raise ValueError(f"{fn}: {name} must have shape ({symbols}) = {want}, got {y.shape}")
    if y.dtype.kind not in "iu" and not (y.dtype.kind == "f" and np.all(y == np.round(y))):
        raise ValueError(f"{fn}: {name} must hold integer labels, got dtype {y.dtype}")
    y = y.astype(np.intp)
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"{fn}: {name} must hold labels in 0..{n_classes - 1} "
                         f"(V = {n_classes}), got values from {y.min()} to {y.max()}")
    return y


def temporal_softmax_loss(scores, y, mask=None):
    """Mean softmax cross-entropy over the time steps of a batch of sequences.

    loss = -(1 / M) sum over (n, t) with mask[n, t] of log softmax(scores[n, t])[y[n, t]],
    where M is the number of True entries of the mask, so the loss is in nats per token
    (per character for a character model), the unit of a count-based baseline.

    Parameters
    ----------
    scores : array, shape (N, T, V)
        Raw scores of V classes at every step.
    y : array of int, shape (N, T)
        Labels in 0 .. V-1.
    mask : array of bool, shape (N, T), optional
        Which positions count; ``None`` means all of them.

    Returns
    -------
    loss : float
    dscores : ndarray, shape (N, T, V)
        (softmax(scores) - onehot(y)) * mask / M; zero where the mask is False.

    Raises
    ------
    ValueError
        Labels out of range, shapes that disagree, a mask that is not bool or has no True.

    Examples
    --------
    >>> import numpy as np
    >>> loss, dscores = temporal_softmax_loss(np.zeros((2, 3, 4)), np.zeros((2, 3), dtype=int))
    >>> round(loss, 4), round(float(np.log(4)), 4)         # uniform scores: log V nats
    (1.3863, 1.3863)
    """
    fn = "temporal_softmax_loss"
    s = as_float_array(fn, "scores", scores)
    sizes = {}
    check_shape(fn, "scores", s, ("N", "T", "V"), sizes=sizes)
    check_finite(fn, "scores", s)
    N, T, V = s.shape
    y = check_labels(fn, "y", y, {"N": N, "T": T}, V)
    if mask is None:
        mask = np.ones((N, T), dtype=bool)
    else:
        mask = np.asarray(mask)
        if mask.dtype != bool:
            raise ValueError(f"{fn}: mask must be a bool array, got dtype {mask.dtype}")
        if mask.shape != (N, T):
            raise ValueError(f"{fn}: mask must have shape (N, T) = ({N}, {T}), "
                             f"got {mask.shape}")
    M = int(mask.sum())
    if M == 0:
        raise ValueError(f"{fn}: mask must have at least one True entry, got none")
    shifted = s - s.max(axis=2, keepdims=True)              # log-sum-exp: exponents <= 0
    probs = np.exp(shifted)
    sums = probs.sum(axis=2, keepdims=True)
    n, t = np.nonzero(mask)
    log_p = shifted[n, t, y[n, t]] - np.log(sums[n, t, 0])
    loss = -float(log_p.sum()) / M
    probs /= sums                                           # softmax(scores)
    probs[n, t, y[n, t]] -= 1.0
    if M < N * T:
        probs *= mask[:, :, None]                           # masked positions: no gradient
    probs /= M
    return loss, probs
