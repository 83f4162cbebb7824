"""The LSTM: one step, and a whole sequence, forward and backward.

The four gate blocks of ``Wx`` (D, 4H), ``Wh`` (H, 4H) and ``b`` (4H,) stand side by side in
the order i, f, g, o (input gate, forget gate, candidate cell, output gate), each H wide::

    a = x_t @ Wx + h_prev @ Wh + b                   # (N, 4H)
    i = sigmoid(a[:, 0:H]);  f = sigmoid(a[:, H:2H])
    g = tanh(a[:, 2H:3H]);   o = sigmoid(a[:, 3H:4H])
    c_next = f * c_prev + i * g
    h_next = o * tanh(c_next)

The caches are dicts; :func:`lstm_gates` reads the gate values out of any of them for plots.
"""
import numpy as np

from ._validate import upstream, validate
from .rnn import project, sum_prev_outer, swap, time_major

_BIAS = [("4H",), (1, "4H")]


def _gate_scale(H, dtype):
    """s (4H,) = [1/2 (i block), 1/2 (f), 1 (g), 1/2 (o)], for :func:`_gates_inplace`."""
    s = np.full(4 * H, 0.5, dtype=dtype)
    s[2 * H:3 * H] = 1.0
    return s


def _gates_inplace(a, H, s=None):
    """Turn pre-activations a (..., 4H) into gate values [i, f, g, o] in place.

    All four blocks with one tanh: gate = s tanh(s a) + (1 - s) with s from
    :func:`_gate_scale`. For g (s = 1) that is tanh(a); for i, f, o (s = 1/2) it is
    (1 + tanh(a / 2)) / 2 = sigmoid(a), which never overflows. Halving is exact in floating
    point, so every value equals sigmoid or tanh computed one block at a time.
    """
    if s is None:
        s = _gate_scale(H, a.dtype)
    a *= s                                        # s a
    np.tanh(a, out=a)                             # tanh(s a)
    a *= s                                        # s tanh(s a)
    a[..., :2 * H] += 0.5                         # + (1 - s): 1/2 for i, f ...
    a[..., 3 * H:] += 0.5                         # ... and o; 0 for g


def lstm_step_forward(x_t, h_prev, c_prev, Wx, Wh, b):
    """One time step of an LSTM.

    Parameters
    ----------
    x_t : array, shape (N, D)
    h_prev : array, shape (N, H)
        Previous hidden state.
    c_prev : array, shape (N, H)
        Previous cell state.
    Wx : array, shape (D, 4H)
    Wh : array, shape (H, 4H)
    b : array, shape (4H,) or (1, 4H)

    Returns
    -------
    h_next : ndarray, shape (N, H)
    c_next : ndarray, shape (N, H)
    cache : dict
        Keys ``x_t, h_prev, c_prev, Wx, Wh, b`` (the inputs), ``gates`` (N, 4H) holding
        i, f, g, o side by side, ``c_next`` and ``tanh_c`` (N, H).
    """
    (Wx, Wh, b, x_t, h_prev, c_prev), s = validate(
        "lstm_step_forward",
        {"Wx": ("D", "4H"), "Wh": ("H", "4H"), "b": _BIAS, "x_t": ("N", "D"),
         "h_prev": ("N", "H"), "c_prev": ("N", "H")},
        x_t=x_t, h_prev=h_prev, c_prev=c_prev, Wx=Wx, Wh=Wh, b=b)
    H = s["H"]
    gates = x_t @ Wx + h_prev @ Wh + b            # pre-activations a, then gate values
    _gates_inplace(gates, H)
    i, f, g, o = (gates[:, k * H:(k + 1) * H] for k in range(4))
    c_next = f * c_prev + i * g
    tanh_c = np.tanh(c_next)
    h_next = o * tanh_c
    cache = dict(x_t=x_t, h_prev=h_prev, c_prev=c_prev, Wx=Wx, Wh=Wh, b=b,
                 gates=gates, c_next=c_next, tanh_c=tanh_c)
    return h_next, c_next, cache


def _gate_grads(dh, dc, gates, c_prev, tanh_c, H, out):
    """Gradients of one step: write d(a) (N, 4H) into ``out`` and return d(c_prev).

    dh, dc: gradients reaching h_t and c_t from above and from step t+1.
    """
    i, f, g, o = (gates[:, k * H:(k + 1) * H] for k in range(4))
    dc = dc + dh * o * (1.0 - tanh_c * tanh_c)    # h = o * tanh(c)
    out[:, 0 * H:1 * H] = dc * g * i * (1.0 - i)  # di through sigmoid
    out[:, 1 * H:2 * H] = dc * c_prev * f * (1.0 - f)  # df through sigmoid
    out[:, 2 * H:3 * H] = dc * i * (1.0 - g * g)  # dg through tanh
    out[:, 3 * H:4 * H] = dh * tanh_c * o * (1.0 - o)  # do through sigmoid
    return dc * f                                 # c_t = f * c_{t-1} + i * g


def lstm_step_backward(dh_next, dc_next, cache):
    """Backward pass of one LSTM step.

    Parameters
    ----------
    dh_next : array, shape (N, H)
        Gradient of the loss with respect to ``h_next``.
    dc_next : array, shape (N, H)
        Gradient of the loss with respect to ``c_next``.
    cache : dict
        From :func:`lstm_step_forward`.

    Returns
    -------
    dx_t : ndarray, shape (N, D)
    dh_prev : ndarray, shape (N, H)
    dc_prev : ndarray, shape (N, H)
    dWx : ndarray, shape (D, 4H)
    dWh : ndarray, shape (H, 4H)
    db : ndarray, shape of ``b``
    """
    shape, dtype = cache["c_next"].shape, cache["c_next"].dtype
    dh_next = upstream("lstm_step_backward", "dh_next", dh_next, dtype, shape, ("N", "H"))
    dc_next = upstream("lstm_step_backward", "dc_next", dc_next, dtype, shape, ("N", "H"))
    H = shape[1]
    da = np.empty_like(cache["gates"])
    dc_prev = _gate_grads(dh_next, dc_next, cache["gates"], cache["c_prev"], cache["tanh_c"],
                          H, out=da)
    dx_t = da @ cache["Wx"].T
    dh_prev = da @ cache["Wh"].T
    dWx = cache["x_t"].T @ da
    dWh = cache["h_prev"].T @ da
    db = da.sum(axis=0).reshape(cache["b"].shape)
    return dx_t, dh_prev, dc_prev, dWx, dWh, db


def lstm_forward(x, h0, Wx, Wh, b, c0=None):
    """Run an LSTM over a whole sequence.

    Parameters
    ----------
    x : array, shape (N, T, D)
    h0 : array, shape (N, H)
        Initial hidden state.
    Wx : array, shape (D, 4H)
    Wh : array, shape (H, 4H)
    b : array, shape (4H,) or (1, 4H)
    c0 : array, shape (N, H), optional
        Initial cell state; ``None`` means zeros. It is a constant: no gradient flows to it.

    Returns
    -------
    h : ndarray, shape (N, T, H)
        Hidden state after every step.
    cache : dict
        What :func:`lstm_backward` needs, among it ``gates`` (N, T, 4H) holding i, f, g, o
        and ``c`` (N, T, H). :func:`lstm_gates` reads them out by name.

    Notes
    -----
    As in :func:`rnnlib.rnn_forward`, the input projection of all T steps is one matrix
    product before the loop; all four gates come from one product per step and one tanh
    (:func:`_gates_inplace`). Inside, the arrays are time-major (T, N, .), x included; the
    cache holds batch-major views of them (:func:`rnnlib.rnn.swap`). :func:`lstm_backward`
    calls the step's gradient (:func:`_gate_grads`, as :func:`lstm_step_backward` does)
    once per step.
    """
    spec = {"Wx": ("D", "4H"), "Wh": ("H", "4H"), "b": _BIAS, "x": ("N", "T", "D"),
            "h0": ("N", "H")}
    if c0 is not None:
        spec["c0"] = ("N", "H")
    arrays, s = validate("lstm_forward", spec, x=x, h0=h0, Wx=Wx, Wh=Wh, b=b, c0=c0)
    Wx, Wh, b, x, h0 = arrays[:5]
    c0 = arrays[5] if c0 is not None else np.zeros_like(h0)
    N, T, D, H = s["N"], s["T"], s["D"], s["H"]
    x = time_major(x)                             # (T, N, D): x[t] is x_t
    gates = project(x, Wx)                        # (T, N, 4H): gates[t] = x_t @ Wx ...
    b_row = b.reshape(4 * H)
    c = np.empty((T, N, H), dtype=gates.dtype)
    tanh_c = np.empty_like(c)
    h = np.empty_like(c)
    out = np.empty((N, T, H), dtype=gates.dtype)  # the hidden states returned, batch-major
    buf = np.empty((N, 4 * H), dtype=gates.dtype)
    ig = np.empty((N, H), dtype=gates.dtype)
    s = _gate_scale(H, gates.dtype)
    h_prev, c_prev = h0, c0
    for t in range(T):
        a = gates[t]
        np.dot(h_prev, Wh, out=buf)
        a += b_row                                # ... + b (here, not in a pass over all gates)
        a += buf                                  # ... + h_prev @ Wh
        _gates_inplace(a, H, s)                   # a -> [i, f, g, o]
        i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
        np.multiply(f, c_prev, out=c[t])          # c_t = f * c_{t-1} ...
        np.multiply(i, g, out=ig)
        c[t] += ig                                # ... + i * g
        np.tanh(c[t], out=tanh_c[t])
        np.multiply(o, tanh_c[t], out=h[t])       # h_t = o * tanh(c_t)
        out[:, t] = h[t]
        h_prev, c_prev = h[t], c[t]
    cache = dict(x=swap(x), h0=h0, c0=c0, Wx=Wx, Wh=Wh, b=b, gates=swap(gates),
                 c=swap(c), tanh_c=swap(tanh_c), h=swap(h))
    return out, cache


def lstm_backward(dh, cache, input_grad=True):
    """Backpropagation through time for :func:`lstm_forward`.

    Parameters
    ----------
    dh : array, shape (N, T, H)
        Upstream gradient with respect to every hidden state.
    cache : dict
        From :func:`lstm_forward`.
    input_grad : bool, default True
        False skips the gradient of the input, one matrix product, and returns ``None`` for
        ``dx``: for a model whose input is data (one-hot characters), not a layer's output.

    Returns
    -------
    dx : ndarray, shape (N, T, D), or None when ``input_grad`` is False
        A batch-major view of a time-major array, as in :func:`rnnlib.rnn_backward`.
    dh0 : ndarray, shape (N, H)
    dWx : ndarray, shape (D, 4H)
    dWh : ndarray, shape (H, 4H)
    db : ndarray, shape of ``b``
    """
    h, c, gates, tanh_c = (swap(cache[k]) for k in ("h", "c", "gates", "tanh_c"))
    T, N, H = h.shape                           # time-major (T, N, .) views, as in the loop
    dh = swap(upstream("lstm_backward", "dh", dh, h.dtype, (N, T, H), ("N", "T", "H")))
    da = np.empty((T, N, 4 * H), dtype=h.dtype)   # d(a_t) for every step
    Wh_T = np.ascontiguousarray(cache["Wh"].T)     # (4H, H)
    dh_t = np.zeros((N, H), dtype=h.dtype)         # gradient reaching h_t from step t+1 ...
    dc_t = np.zeros((N, H), dtype=h.dtype)         # ... and reaching c_t
    for t in range(T - 1, -1, -1):
        dh_t += dh[t]                              # ... + the upstream gradient of h_t
        c_prev = c[t - 1] if t > 0 else cache["c0"]
        dc_t = _gate_grads(dh_t, dc_t, gates[t], c_prev, tanh_c[t], H, out=da[t])
        np.dot(da[t], Wh_T, out=dh_t)              # a_t = ... + h_{t-1} @ Wh: to step t-1
    flat = da.reshape(T * N, 4 * H)
    dx = swap(project(da, cache["Wx"].T)) if input_grad else None   # (N, T, D)
    dWx = swap(cache["x"]).reshape(T * N, -1).T @ flat
    dWh = sum_prev_outer(cache["h0"], h, da)
    db = flat.sum(axis=0).reshape(cache["b"].shape)
    return dx, dh_t, dWx, dWh, db


def lstm_gates(cache):
    """The gate values of an LSTM forward pass, batch-first, for plotting.

    Parameters
    ----------
    cache : dict
        From :func:`lstm_forward` or :func:`lstm_step_forward`.

    Returns
    -------
    dict of ndarray
        ``"i"``, ``"f"``, ``"g"``, ``"o"`` and the cell state ``"c"``, each (N, T, H) for a
        sequence cache and (N, H) for a step cache.
    """
    if "x" in cache:                              # sequence cache
        gates, c = cache["gates"], cache["c"]
    else:
        gates, c = cache["gates"], cache["c_next"]
    H = c.shape[-1]
    out = {name: gates[..., k * H:(k + 1) * H].copy() for k, name in enumerate("ifgo")}
    out["c"] = c.copy()
    return out


def reorder_gates(W, order, to="ifgo"):
    """The gate blocks of ``W`` rearranged from ``order`` into ``to``.

    Libraries stack the four gate blocks in different orders: this course and PyTorch
    i, f, g, o; Keras i, f, c, o (its c is the candidate, our g); CS231n i, f, o, g;
    "Deep Learning from Scratch 2" f, g, i, o. Loading weights from one into another means
    moving the blocks, nothing else.

    Parameters
    ----------
    W : array, shape (..., 4H)
        ``Wx`` (D, 4H), ``Wh`` (H, 4H) or ``b`` (4H,), blocks H wide along the last axis.
    order, to : str
        Four letters among i, f, g, o (c is read as g): the layout of ``W``, and the one
        wanted.

    Returns
    -------
    ndarray, shape of ``W``

    >>> b = np.arange(8)              # H = 2: i = [0, 1], f = [2, 3], g = [4, 5], o = [6, 7]
    >>> reorder_gates(b, "ifgo", to="ifog")   # CS231n's layout
    array([0, 1, 2, 3, 6, 7, 4, 5])
    >>> reorder_gates(reorder_gates(b, "ifgo", to="fgio"), "fgio").tolist() == b.tolist()
    True
    """
    W = np.asarray(W)
    order, to = order.replace("c", "g"), to.replace("c", "g")
    for name, value in (("order", order), ("to", to)):
        if sorted(value) != list("fgio"):
            raise ValueError(f"reorder_gates: {name} must name each of i, f, g, o once, "
                             f"got {value!r}")
    if W.ndim < 1 or W.shape[-1] % 4:
        raise ValueError(f"reorder_gates: W must have shape (..., 4H), got {W.shape}")
    H = W.shape[-1] // 4
    blocks = {gate: W[..., k * H:(k + 1) * H] for k, gate in enumerate(order)}
    return np.concatenate([blocks[gate] for gate in to], axis=-1)
