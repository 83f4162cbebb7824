"""The LSTM's gradient highway: dL/dc_t along every path, and along the cell state alone.

When the loss reads only the last hidden state h_T, the gradient reaching the cell state
c_t has two ways back from c_{t+1}:

- the cell path, c_t -> c_{t+1} = f_{t+1} ⊙ c_t + ..., which multiplies by f_{t+1} and by
  no weight matrix;
- the hidden path, c_t -> h_t = o_t ⊙ tanh(c_t) -> the gates of step t+1 through W_h.

:func:`cell_gradients` computes dL/dc_t with both (``path="full"``, what backpropagation
gives) or with the hidden path cut (``path="cell"``)::

    full:  dL/dc_T = dh_T ⊙ o_T ⊙ (1 - tanh²(c_T)),
           dL/dc_t = dL/dc_{t+1} ⊙ f_{t+1} + δh_t ⊙ o_t ⊙ (1 - tanh²(c_t)),
           with δh_t what reaches h_t from step t+1 (through W_h)
    cell:  dL/dc_T the same, then dL/dc_t = dL/dc_{t+1} ⊙ f_{t+1}
                                           = dL/dc_T ⊙ f_T ⊙ ... ⊙ f_{t+1}

>>> import numpy as np, rnnlib
>>> rng = np.random.default_rng(0)
>>> x, Wx, Wh = rng.normal(size=(1, 5, 3)), rng.normal(size=(3, 8)), rng.normal(size=(2, 8))
>>> _, cache = rnnlib.lstm_forward(x, np.zeros((1, 2)), Wx, Wh, np.zeros(8))
>>> cell_gradients(np.ones((1, 2)), cache, path="cell").shape
(1, 5, 2)
"""
import numpy as np

from .lstm import _gate_grads


def cell_gradients(dh_last, cache, path="full"):
    """dL/dc_t for every step t of an LSTM run whose loss reads only the last hidden state.

    Parameters
    ----------
    dh_last : array, shape (N, H)
        dL/dh_T, the gradient the loss sends into the last hidden state.
    cache : dict
        From :func:`rnnlib.lstm_forward`.
    path : {"full", "cell"}
        ``"full"``: every way from c_t to the loss (the gradient backpropagation gives).
        ``"cell"``: only along the cell state, c_t -> c_{t+1} -> ... -> c_T -> h_T, each step
        a multiplication by the forget gate; the path through h_t and W_h is cut.

    Returns
    -------
    dc : ndarray, shape (N, T, H)
        ``dc[:, t - 1]`` is dL/dc_t (steps counted from 1).
    """
    if path not in ("full", "cell"):
        raise ValueError(f"cell_gradients: path must be 'full' or 'cell', got {path!r}")
    gates, c, tanh_c = cache["gates"], cache["c"], cache["tanh_c"]
    N, T, H = c.shape
    dh_last = np.asarray(dh_last, dtype=c.dtype)
    if dh_last.shape != (N, H):
        raise ValueError(f"cell_gradients: dh_last must have shape (N, H) = ({N}, {H}), got "
                         f"{dh_last.shape}")
    dc = np.empty_like(c)
    dh = dh_last.copy()                           # gradient reaching h_t (full path only)
    carry = np.zeros((N, H), dtype=c.dtype)       # gradient reaching c_t from c_{t+1}
    da = np.empty((N, 4 * H), dtype=c.dtype)
    for t in range(T - 1, -1, -1):
        o = gates[:, t, 3 * H:]
        dc[:, t] = carry + dh * o * (1.0 - tanh_c[:, t] ** 2)
        f = gates[:, t, H:2 * H]
        if path == "cell":
            carry = dc[:, t] * f
            dh = np.zeros_like(dh)                # h_{t-1} -> loss cut: only h_T is read
        else:
            c_prev = c[:, t - 1] if t > 0 else cache["c0"]
            carry = _gate_grads(dh, carry, gates[:, t], c_prev, tanh_c[:, t], H, out=da)
            dh = da @ cache["Wh"].T
    return dc
