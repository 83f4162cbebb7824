"""Seeded weight initialisers.

Everything draws from a ``numpy.random.Generator`` (``np.random.default_rng(seed)``), whose
stream is the same on every machine, so the same seed gives the same weights everywhere.

Examples
--------
>>> import numpy as np
>>> from rnnlib.init import uniform
>>> W = uniform((2, 3), scale=0.5, rng=np.random.default_rng(0))
>>> W.shape, bool(np.all(np.abs(W) <= 0.5))
((2, 3), True)
"""
import numpy as np


def uniform(shape, scale, rng):
    """Weights drawn uniformly from [-scale, scale), float64, of the given shape."""
    return rng.uniform(-scale, scale, size=shape)


def recurrent_params(input_dim, hidden_dim, cell, rng):
    """Initial ``Wx``, ``Wh``, ``b`` of a recurrent layer.

    As PyTorch's ``nn.RNN``/``nn.LSTM``: weights uniform in [-1/sqrt(H), 1/sqrt(H)). The bias
    starts at zero, except the LSTM's forget-gate block, which starts at 1 so that a new LSTM
    keeps its cell state (Jozefowicz et al., 2015).

    Parameters
    ----------
    input_dim, hidden_dim : int
        D and H.
    cell : {"rnn", "lstm"}
    rng : numpy.random.Generator

    Returns
    -------
    Wx : ndarray, shape (D, H) for "rnn", (D, 4H) for "lstm"
    Wh : ndarray, shape (H, H) or (H, 4H)
    b : ndarray, shape (H,) or (4H,)
    """
    H = hidden_dim
    width = 4 * H if cell == "lstm" else H
    scale = 1.0 / np.sqrt(H)
    Wx = uniform((input_dim, width), scale, rng)
    Wh = uniform((H, width), scale, rng)
    b = np.zeros(width)
    if cell == "lstm":
        b[H:2 * H] = 1.0                          # forget gate: remember by default
    return Wx, Wh, b


def output_params(hidden_dim, output_dim, rng):
    """Initial ``Wy`` (H, O), uniform in [-1/sqrt(H), 1/sqrt(H)), and ``by`` (O,) = 0."""
    return uniform((hidden_dim, output_dim), 1.0 / np.sqrt(hidden_dim), rng), np.zeros(output_dim)
