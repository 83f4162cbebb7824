"""Dot-product attention (Luong's "dot"), masked over padded source positions.

A decoder state ``query`` (N, H) looks at the encoder states ``keys`` (N, S, H), which are
also the values::

    scores[n, s]  = keys[n, s] @ query[n]                         # (N, S)
    weights[n, :] = softmax over s of scores[n, :]   (exactly 0 where mask is False)
    context[n]    = sum over s of weights[n, s] * keys[n, s]      # (N, H)

Backward, with g = dcontext (N, H)::

    dweights[n, s] = keys[n, s] @ g[n]
    dscores[n, s]  = weights[n, s] * (dweights[n, s]
                                      - sum over s' of weights[n, s'] dweights[n, s'])
    dquery[n]      = sum over s of dscores[n, s] * keys[n, s]
    dkeys[n, s]    = weights[n, s] * g[n] + dscores[n, s] * query[n]

A masked position has weight 0, hence dscores 0 and dkeys 0: it takes no part either way.

Examples
--------
>>> import numpy as np
>>> from rnnlib import attention_forward
>>> keys = np.array([[[1.0, 0.0], [0.0, 1.0], [9.0, 9.0]]])     # (N, S, H) = (1, 3, 2)
>>> mask = np.array([[True, True, False]])                       # position 2 is padding
>>> context, weights, cache = attention_forward(np.array([[2.0, 0.0]]), keys, mask)
>>> np.round(weights, 4)                                         # softmax of [2, 0], then 0
array([[0.8808, 0.1192, 0.    ]])
"""
import numpy as np

from ._validate import upstream, validate


def _check_mask(fn, mask, N, S):
    mask = np.asarray(mask)
    if mask.shape != (N, S):
        raise ValueError(f"{fn}: mask must have shape (N, S) = ({N}, {S}), got {mask.shape}")
    if mask.dtype != bool:
        raise ValueError(f"{fn}: mask must be a bool array (True where a source position is "
                         f"real), got dtype {mask.dtype}")
    empty = np.flatnonzero(~mask.any(axis=1))
    if empty.size:
        raise ValueError(f"{fn}: mask must have at least one True in every row (something to "
                         f"attend to), row {int(empty[0])} is all False")
    return mask


def attend(query, keys, mask):
    """Attention of T queries at once: query (N, T, H), keys (N, S, H), mask (N, S) or None.

    Returns context (N, T, H) and weights (N, T, S). No checks: the models call it with
    arrays they built; :func:`attention_forward` is the checked one-query form.
    """
    scores = query @ keys.transpose(0, 2, 1)                 # (N, T, S)
    if mask is not None:
        scores = np.where(mask[:, None, :], scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=2, keepdims=True))   # exp(-inf) = 0 exactly
    weights /= weights.sum(axis=2, keepdims=True)
    return weights @ keys, weights


def attend_backward(dcontext, query, keys, weights):
    """Backward of :func:`attend`: dcontext (N, T, H) -> dquery (N, T, H), dkeys (N, S, H)."""
    dweights = dcontext @ keys.transpose(0, 2, 1)            # (N, T, S)
    dscores = weights * (dweights - (weights * dweights).sum(axis=2, keepdims=True))
    dquery = dscores @ keys
    dkeys = weights.transpose(0, 2, 1) @ dcontext + dscores.transpose(0, 2, 1) @ query
    return dquery, dkeys


def attention_forward(query, keys, mask=None):
    """Dot-product attention of one decoder state over the encoder states.

    Parameters
    ----------
    query : array, shape (N, H)
        A decoder state.
    keys : array, shape (N, S, H)
        The encoder states, one per source position; also the values.
    mask : bool array, shape (N, S), optional
        True where a source position is real, False where it is padding; None: all real.
        Every row needs at least one True.

    Returns
    -------
    context : ndarray, shape (N, H)
    weights : ndarray, shape (N, S)
        Softmax of the scores over the real positions; exactly 0 where mask is False.
    cache : dict
        What :func:`attention_backward` needs.
    """
    fn = "attention_forward"
    (keys, query), s = validate(fn, {"keys": ("N", "S", "H"), "query": ("N", "H")},
                                keys=keys, query=query)
    if mask is not None:
        mask = _check_mask(fn, mask, s["N"], s["S"])
    context, weights = attend(query[:, None, :], keys, mask)
    cache = dict(query=query, keys=keys, weights=weights)
    return context[:, 0], weights[:, 0], cache


def attention_backward(dcontext, cache):
    """Backward pass of :func:`attention_forward`.

    Parameters
    ----------
    dcontext : array, shape (N, H)
        Gradient of the loss with respect to ``context``.
    cache : dict
        From :func:`attention_forward`.

    Returns
    -------
    dquery : ndarray, shape (N, H)
    dkeys : ndarray, shape (N, S, H)
        Exactly 0 at masked positions.
    """
    query = cache["query"]
    dcontext = upstream("attention_backward", "dcontext", dcontext, query.dtype, query.shape,
                        ("N", "H"))
    dquery, dkeys = attend_backward(dcontext[:, None, :], query[:, None, :], cache["keys"],
                                    cache["weights"])
    return dquery[:, 0], dkeys

