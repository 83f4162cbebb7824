"""Truncated backpropagation through time (TBPTT): training a language model on a long text.

A text of L characters is far too long for one backward pass. TBPTT reads it in chunks of T
characters. The state carries over from the end of one chunk to the start of the next, so the
model reads the text as one long sequence, but the gradient stops at the cut: each backward
pass covers T steps (min-char-rnn does exactly this with its ``hprev``).

N parallel streams make a batch: the text is cut into N equal parts, one per row, each read
in order, so row n of chunk k+1 continues row n of chunk k::

    text:       [ part 0 | part 1 | ... | part N-1 ]      parts: (N, P), P = L // N
    chunk k:    X = parts[:, kT : kT+T]   Y = parts[:, kT+1 : kT+T+1]      (N, T)

At the end of the parts the reading starts again from their beginning, with a fresh state.

Examples
--------
>>> import numpy as np
>>> import rnnlib
>>> text = "hello world. " * 40
>>> vocab = rnnlib.data.char_vocab(text)
>>> ids = rnnlib.data.encode_text(text, vocab)
>>> model = rnnlib.ManyToMany(len(vocab), hidden_dim=16, seed=0)
>>> history = train(model, ids, steps=100, seq_len=10, batch_size=4, lr=0.05,
...                 sample_at=(0, 100), vocab=vocab)
>>> history["loss"][0] > 2.0 > 0.3 > history["loss"][-1]   # log V = 2.08 -> almost nothing
True
>>> history["samples"][100][:24]                 # what follows the prompt "h"
'ello world. hello world.'
"""
import numpy as np

from .data import decode, one_hot
from .losses import check_labels
from .optim import Adam


def streams(ids, batch_size):
    """Cut ``ids`` (L,) into N = ``batch_size`` equal parts, one per row: (N, L // N).

    The last L mod N tokens are dropped.

    >>> streams(np.arange(10), 3)
    array([[0, 1, 2],
           [3, 4, 5],
           [6, 7, 8]])
    """
    ids = np.asarray(ids)
    if not isinstance(batch_size, (int, np.integer)) or not 1 <= batch_size <= ids.size:
        raise ValueError(f"tbptt.streams: batch_size must be an integer in 1..L = "
                         f"1..{ids.size}, got {batch_size!r}")
    P = ids.size // batch_size
    return ids[:batch_size * P].reshape(batch_size, P)


def train(model, ids, steps, seq_len=32, batch_size=32, lr=0.01, clip=5.0, optimizer=None,
          sample_at=(), sample_len=200, temperature=1.0, prompt=None, vocab=None, seed=0,
          callback=None, smoothing=0.9):
    """Train ``model`` on the text ``ids`` with truncated BPTT, one chunk per step.

    Parameters
    ----------
    model : :class:`rnnlib.ManyToMany`
    ids : array of int, shape (L,)
        The training text as token indices in 0 .. V-1.
    steps : int
        Number of updates, each on one chunk (N, T).
    seq_len : int
        T, the length of a chunk: how far back each gradient reaches.
    batch_size : int
        N, the number of parallel streams.
    lr, clip : float
        Learning rate and gradient-norm clip of the Adam optimiser built when ``optimizer``
        is None.
    optimizer : :class:`rnnlib.optim.Optimizer` on ``model.params``, optional
        Pass one to go on with its state (Adam's moments) from an earlier call.
    sample_at : collection of int
        Steps after which to draw a sample (0: before any training).
    sample_len, temperature, prompt, seed
        Passed to ``model.sample(prompt, sample_len, temperature, seed)``; ``prompt``
        defaults to the first token of ``ids``. The same seed at every step, so the samples
        differ only through the training.
    vocab : dict, optional
        Character -> index (:func:`rnnlib.data.char_vocab`): samples are decoded to str.
    callback : callable, optional
        ``callback(step, loss)`` after every update (step = 1, 2, ...); returning True stops
        the training early (for a time budget, say).
    smoothing : float in [0, 1), default 0.9
        The weight on the past of the smoothed loss: 0.9 averages over about the last
        1 / (1 - 0.9) = 10 steps, enough to see through the noise of single chunks while
        lagging the raw loss by only a few steps.

    Returns
    -------
    history : dict
        ``"loss"``: the loss of every step, nats per token; ``"smooth_loss"``: its
        exponential moving average, m_t = beta m_{t-1} + (1 - beta) loss_t from m_0 = 0 with
        beta = ``smoothing``, divided by 1 - beta^t (as Adam corrects its moments), so that
        it is a weighted mean of the losses so far (weights proportional to beta^(t-s) on
        step s), not pulled towards 0 or towards the first loss; ``"samples"``:
        {step: sample}.
    """
    V = model.vocab_size
    ids = np.asarray(ids)
    if ids.ndim != 1:
        raise ValueError(f"tbptt.train: ids must have shape (L,), got {ids.shape}")
    ids = check_labels("tbptt.train", "ids", ids, {"L": ids.size}, V)
    parts = streams(ids, batch_size)                        # (N, P)
    T = seq_len
    n_chunks = (parts.shape[1] - 1) // T if T >= 1 else 0
    if n_chunks < 1:
        raise ValueError(f"tbptt.train: each of the N = {batch_size} streams of "
                         f"{parts.shape[1]} tokens must hold a chunk of seq_len + 1 = {T + 1}: "
                         f"lower seq_len or batch_size")
    if not 0 <= smoothing < 1:
        raise ValueError(f"tbptt.train: smoothing must be in [0, 1), got {smoothing!r}")
    opt = optimizer if optimizer is not None else Adam(model.params, lr=lr, clip=clip)
    prompt = ids[0] if prompt is None else prompt
    history = {"loss": [], "smooth_loss": [], "samples": {}}

    def record_sample(step):
        sample = model.sample(prompt, sample_len, temperature, seed)
        history["samples"][step] = decode(sample, vocab) if vocab is not None else sample

    if 0 in sample_at:
        record_sample(0)
    state, average = None, 0.0
    for step in range(1, steps + 1):
        k = (step - 1) % n_chunks
        if k == 0:
            state = None                                    # back at the start: fresh state
        chunk = parts[:, k * T:k * T + T + 1]               # (N, T + 1)
        X, Y = one_hot(chunk[:, :-1], V), chunk[:, 1:]
        loss, grads, state = model.loss_and_state(X, Y, state)
        opt.step(grads)
        average = smoothing * average + (1 - smoothing) * loss
        history["loss"].append(loss)
        history["smooth_loss"].append(average / (1 - smoothing ** step))   # bias-corrected
        if step in sample_at:
            record_sample(step)
        if callback is not None and callback(step, loss):
            break
    return history


def evaluate(model, ids, seq_len=1000, per_token=False):
    """Mean nats per token of ``model`` predicting ``ids[1:]`` from ``ids[:-1]``.

    The text is read as one stream, ``seq_len`` tokens at a time with the state carried over
    (the same numbers as reading it in one piece, with less memory). It scores the same
    L - 1 predictions as :func:`rnnlib.bigram.nats_per_char`, so the two compare directly.

    Parameters
    ----------
    model : :class:`rnnlib.ManyToMany`
    ids : array of int, shape (L,), L >= 2
    seq_len : int
        Length of each piece.
    per_token : bool, default False
        Return the L - 1 losses, one per predicted token, instead of their mean.

    Returns
    -------
    float, or ndarray (L - 1,) when ``per_token``
    """
    V = model.vocab_size
    ids = np.asarray(ids)
    if ids.ndim != 1 or ids.size < 2:
        raise ValueError(f"tbptt.evaluate: ids must have shape (L,) with L >= 2, "
                         f"got {ids.shape}")
    ids = check_labels("tbptt.evaluate", "ids", ids, {"L": ids.size}, V)
    losses, state = [], None
    for start in range(0, ids.size - 1, seq_len):
        chunk = ids[start:start + seq_len + 1]
        scores, state = model.forward_and_state(one_hot(chunk[None, :-1], V), state)
        z = scores[0] - scores[0].max(axis=1, keepdims=True)          # (T, V), stable
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        losses.append(-log_p[np.arange(chunk.size - 1), chunk[1:]])
    losses = np.concatenate(losses)
    return losses if per_token else float(losses.mean())
