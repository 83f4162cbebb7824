"""An interpolated count model over contexts of 0 to K characters: the stronger baseline.

The bigram (:mod:`rnnlib.bigram`) looks one character back. Counting longer contexts predicts
better, as long as a context seen rarely or never borrows from a shorter one. Witten-Bell
interpolation does that without a parameter to tune. With c(h) the number of times the
context h (the k characters before) occurs in the training text, c(h, j) the number of times
character j follows it, u(h) the number of distinct characters that follow it, and h' the
context one character shorter::

    P_k(j | h) = (c(h, j) + u(h) P_{k-1}(j | h')) / (c(h) + u(h))     (P_k = P_{k-1} if c(h) = 0)
    P_0(j)     = (c(j) + 1) / (L + V)                                 (add-one unigram)

A context seen often with few different followers (c large, u small) trusts its own counts; a
context that was followed by many different characters leans on the shorter one. Every
P_k(. | h) sums to 1. The loss on held-out text is the mean of -log P(next | up to K before),
in nats per character, over the same L - 1 predictions as :func:`rnnlib.bigram.nats_per_char`.

The model is a table: it needs a row for every context it has seen (tens of thousands for
K = 4 on 100,000 characters), and it knows nothing about a context it has never seen beyond
its shorter suffixes.

Examples
--------
>>> from rnnlib import ngram
>>> model = ngram.fit([0, 1, 0, 1, 0, 1], vocab_size=3, order=1)
>>> model.probs([]).round(4)        # P_0: (c(j) + 1) / (6 + 3) = 4/9, 4/9, 1/9
array([0.4444, 0.4444, 0.1111])
>>> model.probs([0]).round(4)       # after 0: 1 three times, u = 1: (3 + 4/9) / 4 for j = 1
array([0.1111, 0.8611, 0.0278])
>>> float(model.probs([0]).sum())
1.0
>>> round(ngram.nats_per_char(model, [0, 1, 0]), 4)     # -(log P(1 | 0) + log P(0 | 1)) / 2
0.1772
"""
from collections import defaultdict

import numpy as np

from ._validate import token_ids as _ids


class NGram:
    """A fitted interpolated count model; make it with :func:`fit`.

    Attributes
    ----------
    vocab_size : int
        V.
    order : int
        K, the longest context, in characters.
    counts : list of dict
        ``counts[k][h]`` is a dict {next character j: c(h, j)} for every context h (a tuple
        of k indices) seen in the training text; ``counts[0][()]`` holds the unigram counts.
    """

    def __init__(self, vocab_size, order, counts):
        self.vocab_size, self.order, self.counts = vocab_size, order, counts
        self._totals = [{h: (sum(f.values()), len(f)) for h, f in level.items()}
                        for level in counts]
        c0 = counts[0][()]
        total = sum(c0.values())
        self._p0 = np.full(vocab_size, 1.0 / (total + vocab_size))
        for j, c in c0.items():
            self._p0[j] += c / (total + vocab_size)

    def __repr__(self):
        sizes = ", ".join(str(len(level)) for level in self.counts[1:])
        return (f"NGram(vocab_size={self.vocab_size}, order={self.order}; "
                f"contexts seen of length 1..{self.order}: {sizes})")

    def n_contexts(self):
        """How many distinct contexts of 1 to K characters the table holds."""
        return sum(len(level) for level in self.counts[1:])

    def _context(self, context, order):
        """The last ``order`` (default K) characters of ``context``, as a tuple."""
        order = self.order if order is None else order
        if not isinstance(order, (int, np.integer)) or not 0 <= order <= self.order:
            raise ValueError(f"ngram: order must be an integer in 0..K = 0..{self.order}, "
                             f"got {order!r}")
        return tuple(int(c) for c in list(context)[-order:]) if order else ()

    def n_counts(self, order=None):
        """How many counts c(h, j) > 0 the table holds for contexts of 0 to ``order`` (K)."""
        order = self.order if order is None else order
        return sum(len(f) for level in self.counts[:order + 1] for f in level.values())

    def prob(self, context, j, order=None):
        """P(j | the last K characters of ``context``): one number.

        ``order`` below K uses only that many characters, as a model fitted with that order.
        """
        context = self._context(context, order)
        p = self._p0[j]
        for k in range(1, len(context) + 1):
            h = context[len(context) - k:]
            seen = self._totals[k].get(h)
            if seen is None:
                break                            # a longer context is not seen either
            c, u = seen
            p = (self.counts[k][h].get(j, 0) + u * p) / (c + u)
        return float(p)

    def probs(self, context, order=None):
        """P(. | the last K characters of ``context``): an array (V,) that sums to 1."""
        context = self._context(context, order)
        p = self._p0.copy()
        for k in range(1, len(context) + 1):
            h = context[len(context) - k:]
            seen = self._totals[k].get(h)
            if seen is None:
                break
            c, u = seen
            follow = np.zeros(self.vocab_size)
            for j, cj in self.counts[k][h].items():
                follow[j] = cj
            p = (follow + u * p) / (c + u)
        return p


def fit(ids, vocab_size, order=4):
    """Count every context of 0 to ``order`` characters in the training text ``ids``.

    Parameters
    ----------
    ids : array of int, shape (L,)
        The training text as character indices in 0 .. V-1.
    vocab_size : int
        V.
    order : int >= 0, default 4
        K, the longest context. 0 is the add-one unigram; 1 looks one character back, as a
        bigram does (with another smoothing than :func:`rnnlib.bigram.fit`).

    Returns
    -------
    NGram
    """
    if not isinstance(vocab_size, (int, np.integer)) or vocab_size < 1:
        raise ValueError(f"ngram.fit: vocab_size must be a positive integer, got {vocab_size!r}")
    if not isinstance(order, (int, np.integer)) or isinstance(order, bool) or order < 0:
        raise ValueError(f"ngram.fit: order must be a non-negative integer, got {order!r}")
    ids = [int(i) for i in _ids("ngram.fit", "ids", ids, vocab_size, min_len=2)]
    counts = [defaultdict(lambda: defaultdict(int)) for _ in range(order + 1)]
    for t, j in enumerate(ids):
        for k in range(min(order, t) + 1):
            counts[k][tuple(ids[t - k:t])][j] += 1
    counts = [{h: dict(f) for h, f in level.items()} for level in counts]
    counts[0].setdefault((), {})
    return NGram(int(vocab_size), int(order), counts)


def nats_per_char(model, ids, per_char=False, order=None):
    """Mean -log P(ids[t] | up to K characters before it) over t = 1 .. L-1.

    The same L - 1 predictions as :func:`rnnlib.bigram.nats_per_char` and
    :func:`rnnlib.tbptt.evaluate` (the first character is not predicted; the ones near the
    start see fewer than K characters of context).

    Parameters
    ----------
    model : NGram
    ids : array of int, shape (L,), L >= 2
        Held-out text.
    per_char : bool, default False
        Return the L - 1 losses, one per predicted character, instead of their mean.
    order : int, optional
        Look back only this many characters (at most K): the loss of the model that
        :func:`fit` would give with this order, without counting again.

    Returns
    -------
    float, or ndarray (L - 1,) when ``per_char``
    """
    if not isinstance(model, NGram):
        raise ValueError(f"ngram.nats_per_char: model must be an NGram from ngram.fit, got "
                         f"{type(model).__name__}")
    ids = [int(i) for i in _ids("ngram.nats_per_char", "ids", ids, model.vocab_size, 2)]
    K = model.order if order is None else order
    losses = -np.log([model.prob(ids[max(0, t - K):t], ids[t], K) for t in range(1, len(ids))])
    return losses if per_char else float(np.mean(losses))


def seen(model, ids, order=None):
    """For each predicted character ids[t], t = 1 .. L-1: was its full context of K (or
    ``order``) characters seen in the training text? A bool array (L - 1,); False where t < K.

    >>> seen(fit([0, 1, 0, 1], 2, order=1), [1, 0, 0])      # contexts 1 (seen), 0 (seen)
    array([ True,  True])
    """
    ids = [int(i) for i in _ids("ngram.seen", "ids", ids, model.vocab_size, 2)]
    K = len(model._context(range(model.order), order))
    return np.array([t >= K and tuple(ids[t - K:t]) in model.counts[K]
                     for t in range(1, len(ids))])


def sample(model, start, n, seed=0):
    """``n`` new characters, each drawn from P(. | the K before), after the prompt ``start``.

    Returns a list of n indices, as :meth:`rnnlib.ManyToMany.sample` does.

    >>> model = fit([0, 1, 2] * 20, vocab_size=3, order=2)
    >>> sample(model, [0, 1], 6, seed=0)
    [2, 0, 1, 2, 0, 1]
    """
    if not isinstance(model, NGram):
        raise ValueError(f"ngram.sample: model must be an NGram from ngram.fit, got "
                         f"{type(model).__name__}")
    context = [int(i) for i in _ids("ngram.sample", "start", np.atleast_1d(start),
                                    model.vocab_size)]
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        p = model.probs(context)
        token = int(rng.choice(model.vocab_size, p=p / p.sum()))
        out.append(token)
        context.append(token)
    return out
