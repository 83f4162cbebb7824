"""A count-based character bigram model: the baseline a language model has to beat.

Count how often character j follows character i in the training text, and predict with the
counts, each plus one (add-one, or Laplace, smoothing, so that no pair gets probability 0)::

    P(j | i) = (count(i, j) + 1) / (count(i) + V)

Its loss on held-out text is the mean of -log P(next | current) in nats per character, the
unit of :func:`rnnlib.temporal_softmax_loss`, so the two compare directly. A bigram sees one
character of context; an RNN's hidden state can carry many.

Examples
--------
>>> import numpy as np
>>> from rnnlib import bigram
>>> probs = bigram.fit([0, 1, 0, 1, 1], vocab_size=2)   # pairs 01, 10, 01, 11
>>> probs                          # row i: P(next | i); row 0: (0+1, 2+1) / (2+2)
array([[0.25, 0.75],
       [0.5 , 0.5 ]])
>>> round(bigram.nats_per_char(probs, [0, 1, 1]), 4)    # -(log 0.75 + log 0.5) / 2
0.4904
"""
import numpy as np

from ._validate import token_ids as _ids


def fit(ids, vocab_size, alpha=1.0):
    """The bigram probabilities of a training text, with add-alpha smoothing.

    Parameters
    ----------
    ids : array of int, shape (L,)
        The training text as character indices in 0 .. V-1.
    vocab_size : int
        V.
    alpha : float > 0, default 1
        Added to every count: 1 is add-one (Laplace) smoothing.

    Returns
    -------
    probs : ndarray, shape (V, V)
        ``probs[i, j]`` = P(next = j | current = i) = (count(i, j) + alpha) /
        (count(i) + alpha V); every row sums to 1.
    """
    if not isinstance(vocab_size, (int, np.integer)) or vocab_size < 1:
        raise ValueError(f"bigram.fit: vocab_size must be a positive integer, got {vocab_size!r}")
    if not alpha > 0:
        raise ValueError(f"bigram.fit: alpha must be > 0, got {alpha!r}")
    ids = _ids("bigram.fit", "ids", ids, vocab_size, min_len=2)
    counts = np.zeros((vocab_size, vocab_size))
    np.add.at(counts, (ids[:-1], ids[1:]), 1.0)           # counts[i, j] += 1 for each pair
    counts += alpha
    return counts / counts.sum(axis=1, keepdims=True)


def nats_per_char(probs, ids):
    """Mean -log P(ids[t+1] | ids[t]) over the L - 1 predicted characters of ``ids``.

    Parameters
    ----------
    probs : array, shape (V, V)
        From :func:`fit`.
    ids : array of int, shape (L,), L >= 2
        Held-out text.

    Returns
    -------
    float
        Nats per character; log V for a model that knows nothing (uniform probabilities).
    """
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 2 or probs.shape[0] != probs.shape[1]:
        raise ValueError(f"bigram.nats_per_char: probs must have shape (V, V), got {probs.shape}")
    ids = _ids("bigram.nats_per_char", "ids", ids, probs.shape[0], min_len=2)
    return float(-np.mean(np.log(probs[ids[:-1], ids[1:]])))


def sample(probs, start, n, seed=0):
    """``n`` new characters, each drawn from P(. | the one before), starting after ``start``.

    Returns a list of n indices, as :meth:`rnnlib.ManyToMany.sample` does.

    >>> len(sample(np.full((3, 3), 1 / 3), start=0, n=5))
    5
    """
    probs = np.asarray(probs, dtype=float)
    token = int(_ids("bigram.sample", "start", np.atleast_1d(start), probs.shape[0])[-1])
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        token = int(rng.choice(probs.shape[0], p=probs[token]))
        out.append(token)
    return out
