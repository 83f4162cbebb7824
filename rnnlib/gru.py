"""The GRU (gated recurrent unit): one step, and a whole sequence, forward and backward.

PyTorch's ``nn.GRU`` formulation. The three blocks of ``Wx`` (D, 3H), ``Wh`` (H, 3H) and of
the two biases ``bx``, ``bh`` (3H,) stand side by side in the order r, z, n (reset gate,
update gate, candidate), each H wide::

    ax = x_t @ Wx + bx                  # (N, 3H)
    ah = h_prev @ Wh + bh               # (N, 3H)
    r = sigmoid(ax[:, :H] + ah[:, :H]);  z = sigmoid(ax[:, H:2H] + ah[:, H:2H])
    n = tanh(ax[:, 2H:] + r * ah[:, 2H:])
    h_next = (1 - z) * n + z * h_prev

The reset gate multiplies ``h_prev @ Wh_n + bh_n`` as a whole, so the two biases of the
candidate are not interchangeable: that is why there are two.

Examples
--------
>>> import numpy as np
>>> from rnnlib import gru_step_forward
>>> x_t, h_prev = np.ones((1, 2)), np.zeros((1, 3))
>>> Wx, Wh, bx, bh = np.zeros((2, 9)), np.zeros((3, 9)), np.zeros(9), np.zeros(9)
>>> h_next, cache = gru_step_forward(x_t, h_prev, Wx, Wh, bx, bh)
>>> np.round(h_next, 4)             # z = 0.5, n = tanh(0) = 0: h = 0.5 * 0 + 0.5 * 0
array([[0., 0., 0.]])
"""
import numpy as np

from ._validate import upstream, validate
from .activations import sigmoid_inplace
from .rnn import project, sum_prev_outer, swap, time_major

_BIAS = [("3H",), (1, "3H")]


def _spec(x_name, x_shape, h_name):
    return {"Wx": ("D", "3H"), "Wh": ("H", "3H"), "bx": _BIAS, "bh": _BIAS,
            x_name: x_shape, h_name: ("N", "H")}


def gru_step_forward(x_t, h_prev, Wx, Wh, bx, bh):
    """One time step of a GRU.

    Parameters
    ----------
    x_t : array, shape (N, D)
    h_prev : array, shape (N, H)
    Wx : array, shape (D, 3H)
        Input weights of r, z, n side by side.
    Wh : array, shape (H, 3H)
        Recurrent weights of r, z, n side by side.
    bx, bh : array, shape (3H,) or (1, 3H)
        Input bias and hidden bias.

    Returns
    -------
    h_next : ndarray, shape (N, H)
    cache : dict
        The inputs, ``gates`` (N, 3H) holding r, z, n side by side, and ``ahn`` (N, H), the
        candidate's hidden part ``h_prev @ Wh[:, 2H:] + bh[2H:]``.
    """
    (Wx, Wh, bx, bh, x_t, h_prev), s = validate(
        "gru_step_forward", _spec("x_t", ("N", "D"), "h_prev"),
        x_t=x_t, h_prev=h_prev, Wx=Wx, Wh=Wh, bx=bx, bh=bh)
    H = s["H"]
    ax = x_t @ Wx + bx.reshape(3 * H)
    ah = h_prev @ Wh + bh.reshape(3 * H)
    gates = np.empty_like(ax)
    gates[:, :2 * H] = ax[:, :2 * H] + ah[:, :2 * H]
    sigmoid_inplace(gates[:, :2 * H])                       # r, z
    r, z = gates[:, :H], gates[:, H:2 * H]
    gates[:, 2 * H:] = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])   # n
    n = gates[:, 2 * H:]
    h_next = n + z * (h_prev - n)                            # (1 - z) * n + z * h_prev
    cache = dict(x_t=x_t, h_prev=h_prev, Wx=Wx, Wh=Wh, bx=bx, bh=bh, gates=gates,
                 ahn=ah[:, 2 * H:].copy())
    return h_next, cache


def _step_grads(dh, h_prev, gates, ahn, H, dax, dah):
    """Gradients of one step: write d(ax), d(ah) (N, 3H) into ``dax``, ``dah``.

    Returns the part of d(h_prev) that goes around the weights, ``dh * z``.
    """
    r, z, n = gates[:, :H], gates[:, H:2 * H], gates[:, 2 * H:]
    dn = dh * (1.0 - z)
    dan = dn * (1.0 - n * n)                                 # through tanh
    dax[:, 2 * H:] = dan
    dah[:, 2 * H:] = dan * r
    dr = dan * ahn
    dax[:, :H] = dr * r * (1.0 - r)                          # through sigmoid
    dax[:, H:2 * H] = dh * (h_prev - n) * z * (1.0 - z)
    dah[:, :2 * H] = dax[:, :2 * H]
    return dh * z


def gru_step_backward(dh_next, cache):
    """Backward pass of one GRU step.

    Parameters
    ----------
    dh_next : array, shape (N, H)
        Gradient of the loss with respect to ``h_next``.
    cache : dict
        From :func:`gru_step_forward`.

    Returns
    -------
    dx_t : ndarray, shape (N, D)
    dh_prev : ndarray, shape (N, H)
    dWx : ndarray, shape (D, 3H)
    dWh : ndarray, shape (H, 3H)
    dbx, dbh : ndarray, shapes of ``bx`` and ``bh``
    """
    h_prev, gates = cache["h_prev"], cache["gates"]
    dh_next = upstream("gru_step_backward", "dh_next", dh_next, h_prev.dtype, h_prev.shape,
                       ("N", "H"))
    H = h_prev.shape[1]
    dax, dah = np.empty_like(gates), np.empty_like(gates)
    dh_prev = _step_grads(dh_next, h_prev, gates, cache["ahn"], H, dax, dah)
    dh_prev += dah @ cache["Wh"].T
    return (dax @ cache["Wx"].T, dh_prev, cache["x_t"].T @ dax, h_prev.T @ dah,
            dax.sum(axis=0).reshape(cache["bx"].shape), dah.sum(axis=0).reshape(cache["bh"].shape))


def gru_forward(x, h0, Wx, Wh, bx, bh):
    """Run a GRU over a whole sequence.

    Parameters
    ----------
    x : array, shape (N, T, D)
    h0 : array, shape (N, H)
    Wx : array, shape (D, 3H)
    Wh : array, shape (H, 3H)
    bx, bh : array, shape (3H,) or (1, 3H)

    Returns
    -------
    h : ndarray, shape (N, T, H)
        Hidden state after every step.
    cache : dict
        What :func:`gru_backward` needs, among it ``gates`` holding r, z, n, time-major
        (T, N, 3H) like everything in this cache (each step then reads contiguous rows).

    Notes
    -----
    The input projection ``x_t @ Wx + bx`` of all T steps is one matrix product before the
    loop; the loop does one (N, H) x (H, 3H) product per step.
    """
    (Wx, Wh, bx, bh, x, h0), s = validate(
        "gru_forward", _spec("x", ("N", "T", "D"), "h0"), x=x, h0=h0, Wx=Wx, Wh=Wh, bx=bx, bh=bh)
    N, T, D, H = s["N"], s["T"], s["D"], s["H"]
    # time-major (T, N, .) inside, so that every step works on contiguous rows
    x = time_major(x)                                        # (T, N, D): x[t] is x_t
    gates = project(x, Wx)                                   # (T, N, 3H): x_t @ Wx ...
    bx_flat, bh_flat = bx.reshape(3 * H), bh.reshape(3 * H)
    ahn = np.empty((T, N, H), dtype=gates.dtype)
    h = np.empty((T, N, H), dtype=gates.dtype)
    out = np.empty((N, T, H), dtype=gates.dtype)             # the hidden states returned
    ah = np.empty((N, 3 * H), dtype=gates.dtype)
    h_prev = h0
    for t in range(T):
        np.dot(h_prev, Wh, out=ah)
        ah += bh_flat
        g = gates[t]
        g += bx_flat                                         # ax = x_t @ Wx + bx
        g[:, :2 * H] += ah[:, :2 * H]
        sigmoid_inplace(g[:, :2 * H])                       # r, z
        ahn[t] = ah[:, 2 * H:]
        n = g[:, 2 * H:]
        n += g[:, :H] * ah[:, 2 * H:]
        np.tanh(n, out=n)
        np.subtract(h_prev, n, out=h[t])
        h[t] *= g[:, H:2 * H]
        h[t] += n                                            # n + z * (h_prev - n)
        out[:, t] = h[t]
        h_prev = h[t]
    cache = dict(x=x, h0=h0, Wx=Wx, Wh=Wh, bx=bx, bh=bh, gates=gates, ahn=ahn, h=h)
    return out, cache


def gru_backward(dh, cache, input_grad=True):
    """Backpropagation through time for :func:`gru_forward`.

    Parameters
    ----------
    dh : array, shape (N, T, H)
        Upstream gradient with respect to every hidden state.
    cache : dict
        From :func:`gru_forward`.
    input_grad : bool, default True
        False skips the gradient of the input, one matrix product, and returns ``None`` for
        ``dx``: for a model whose input is data (one-hot characters), not a layer's output.

    Returns
    -------
    dx : ndarray, shape (N, T, D), or None when ``input_grad`` is False
        A batch-major view of a time-major array, as in :func:`rnnlib.rnn_backward`.
    dh0 : ndarray, shape (N, H)
    dWx : ndarray, shape (D, 3H)
    dWh : ndarray, shape (H, 3H)
    dbx, dbh : ndarray, shapes of ``bx`` and ``bh``
    """
    h, gates = cache["h"], cache["gates"]                  # time-major (T, N, .)
    T, N, H = h.shape
    dh = upstream("gru_backward", "dh", dh, h.dtype, (N, T, H), ("N", "T", "H"))
    dax, dah = np.empty_like(gates), np.empty_like(gates)    # (T, N, 3H)
    carry = np.zeros((N, H), dtype=h.dtype)                  # gradient reaching h_t
    buf = np.empty((N, H), dtype=h.dtype)
    Wh_T = np.ascontiguousarray(cache["Wh"].T)
    for t in range(T - 1, -1, -1):
        carry += dh[:, t]
        h_prev = h[t - 1] if t > 0 else cache["h0"]
        direct = _step_grads(carry, h_prev, gates[t], cache["ahn"][t], H, dax[t], dah[t])
        np.dot(dah[t], Wh_T, out=buf)
        carry = buf + direct
    flat_x, flat_h = dax.reshape(T * N, 3 * H), dah.reshape(T * N, 3 * H)
    dx = swap(project(dax, cache["Wx"].T)) if input_grad else None   # (N, T, D)
    dWx = cache["x"].reshape(T * N, -1).T @ flat_x
    dWh = sum_prev_outer(cache["h0"], h, dah)
    dbx = flat_x.sum(axis=0).reshape(cache["bx"].shape)
    dbh = flat_h.sum(axis=0).reshape(cache["bh"].shape)
    return dx, carry, dWx, dWh, dbx, dbh
