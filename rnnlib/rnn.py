"""The vanilla RNN: one step, and a whole sequence, forward and backward.

    h_next = tanh(h_prev @ Wh + x_t @ Wx + b)

Shapes (row vectors, batch first): x_t (N, D), h_prev and h_next (N, H), Wx (D, H),
Wh (H, H), b (H,) or (1, H); a sequence x is (N, T, D) and its hidden states h are (N, T, H).
Every ``*_forward`` returns a cache as its last value; the matching ``*_backward`` takes the
upstream gradient and that cache, and returns one gradient per input, each of its input's shape.

Examples
--------
>>> import numpy as np
>>> from rnnlib import rnn_step_forward
>>> x_t = np.array([[1.0, 0.0]])                 # (N, D) = (1, 2): the word "as"
>>> h_prev = np.zeros((1, 3))                    # (N, H) = (1, 3)
>>> Wx = np.full((2, 3), 0.5); Wh = np.eye(3); b = np.zeros(3)
>>> h_next, cache = rnn_step_forward(x_t, h_prev, Wx, Wh, b)
>>> np.round(h_next, 4)                          # tanh(0.5) in every unit
array([[0.4621, 0.4621, 0.4621]])
"""
import numpy as np

from ._validate import upstream, validate
from .memory import keep_freed_memory

keep_freed_memory()                               # the next call reuses this one's pages

_BIAS = [("H",), (1, "H")]


def rnn_step_forward(x_t, h_prev, Wx, Wh, b):
    """One time step of a vanilla RNN.

    Parameters
    ----------
    x_t : array, shape (N, D)
        Input at this step.
    h_prev : array, shape (N, H)
        Hidden state of the previous step.
    Wx : array, shape (D, H)
        Input-to-hidden weights.
    Wh : array, shape (H, H)
        Hidden-to-hidden weights.
    b : array, shape (H,) or (1, H)
        Bias, broadcast over the batch.

    Returns
    -------
    h_next : ndarray, shape (N, H)
        ``tanh(h_prev @ Wh + x_t @ Wx + b)``.
    cache : tuple
        ``(x_t, h_prev, Wx, Wh, b, h_next)``, what :func:`rnn_step_backward` needs.

    Raises
    ------
    ValueError
        When a shape does not fit the others or a value is not finite.
    """
    (Wx, Wh, b, x_t, h_prev), _ = validate(
        "rnn_step_forward",
        {"Wx": ("D", "H"), "Wh": ("H", "H"), "b": _BIAS, "x_t": ("N", "D"), "h_prev": ("N", "H")},
        x_t=x_t, h_prev=h_prev, Wx=Wx, Wh=Wh, b=b)
    h_next = np.tanh(h_prev @ Wh + x_t @ Wx + b)
    return h_next, (x_t, h_prev, Wx, Wh, b, h_next)


def rnn_step_backward(dh_next, cache):
    """Backward pass of one RNN step.

    Parameters
    ----------
    dh_next : array, shape (N, H)
        Gradient of the loss with respect to ``h_next``.
    cache : tuple
        From :func:`rnn_step_forward`.

    Returns
    -------
    dx_t : ndarray, shape (N, D)
    dh_prev : ndarray, shape (N, H)
    dWx : ndarray, shape (D, H)
    dWh : ndarray, shape (H, H)
    db : ndarray, shape of ``b`` ((H,) or (1, H))
    """
    x_t, h_prev, Wx, Wh, b, h_next = cache
    dh_next = upstream("rnn_step_backward", "dh_next", dh_next, h_next.dtype, h_next.shape,
                       ("N", "H"))
    da = dh_next * (1.0 - h_next * h_next)       # through tanh: d tanh(a) / da = 1 - tanh(a)^2
    dx_t = da @ Wx.T
    dh_prev = da @ Wh.T
    dWx = x_t.T @ da
    dWh = h_prev.T @ da
    db = da.sum(axis=0).reshape(b.shape)
    return dx_t, dh_prev, dWx, dWh, db


def rnn_forward(x, h0, Wx, Wh, b):
    """Run a vanilla RNN over a whole sequence, with the same weights at every step.

    Parameters
    ----------
    x : array, shape (N, T, D)
        A batch of N sequences of T steps.
    h0 : array, shape (N, H)
        Initial hidden state.
    Wx : array, shape (D, H)
    Wh : array, shape (H, H)
    b : array, shape (H,) or (1, H)

    Returns
    -------
    h : ndarray, shape (N, T, H)
        The hidden state after every step; ``h[:, -1]`` is the last one.
    cache : tuple
        What :func:`rnn_backward` needs.

    Notes
    -----
    The loop is :func:`rnn_step_forward` T times, arranged for speed: the input projection
    ``x @ Wx`` of all T steps is one matrix product before the loop, and the loop turns it
    into the hidden states in place, adding ``b`` and ``h_prev @ Wh`` one step at a time.
    Inside, the arrays are time-major (T, N, .), x included (one copy, :func:`time_major`),
    so that step t's rows lie side by side; each h_t is copied into the batch-major ``h``
    returned as soon as it is made, and the cache holds batch-major views of the time-major
    arrays (:func:`swap`).
    """
    (Wx, Wh, b, x, h0), s = validate(
        "rnn_forward",
        {"Wx": ("D", "H"), "Wh": ("H", "H"), "b": _BIAS, "x": ("N", "T", "D"), "h0": ("N", "H")},
        x=x, h0=h0, Wx=Wx, Wh=Wh, b=b)
    N, T, D, H = s["N"], s["T"], s["D"], s["H"]
    x = time_major(x)                             # (T, N, D): x[t] is x_t
    h = project(x, Wx)                            # (T, N, H): h[t] = x_t @ Wx ...
    b_row = b.reshape(H)
    buf = np.empty((N, H), dtype=h.dtype)
    out = np.empty((N, T, H), dtype=h.dtype)      # the hidden states returned, batch-major
    h_prev = h0
    for t in range(T):
        np.dot(h_prev, Wh, out=buf)
        h[t] += b_row                             # ... + b (here, not in a pass over all of h)
        h[t] += buf                               # ... + h_prev @ Wh
        np.tanh(h[t], out=h[t])                   # ... and then becomes h_t
        out[:, t] = h[t]
        h_prev = h[t]
    return out, (swap(x), h0, Wx, Wh, b, swap(h))


def rnn_backward(dh, cache, input_grad=True):
    """Backpropagation through time for :func:`rnn_forward`.

    Parameters
    ----------
    dh : array, shape (N, T, H)
        Upstream gradient with respect to every hidden state (zeros where a step's hidden
        state feeds no loss; a many-to-one model puts its gradient at ``dh[:, -1]`` only).
    cache : tuple
        From :func:`rnn_forward`.
    input_grad : bool, default True
        False skips the gradient of the input, one matrix product, and returns ``None`` for
        ``dx``: for a model whose input is data (one-hot characters), not a layer's output.

    Returns
    -------
    dx : ndarray, shape (N, T, D), or None when ``input_grad`` is False
        A batch-major view of a time-major array (as PyTorch's ``batch_first`` outputs are).
    dh0 : ndarray, shape (N, H)
    dWx : ndarray, shape (D, H)
    dWh : ndarray, shape (H, H)
    db : ndarray, shape of ``b``

    Notes
    -----
    Walking back from t = T-1 to 0, the gradient reaching h_t is the upstream ``dh[:, t]``
    plus what flows back from step t+1; through tanh it becomes ``da_t = dh_t * (1 - h_t^2)``,
    and ``da_t @ Wh.T`` flows on to h_{t-1}. The input's gradient ``da_t @ Wx.T`` needs no
    carry, and the weights' gradients sum over all steps, so both are computed after the loop
    as single matrix products.
    """
    x, h0, Wx, Wh, b, h = cache
    h = swap(h)                                   # time-major (T, N, H), as in the loop
    T, N, H = h.shape
    dh = swap(upstream("rnn_backward", "dh", dh, h.dtype, (N, T, H), ("N", "T", "H")))
    da = np.empty((T, N, H), dtype=h.dtype)
    Wh_T = np.ascontiguousarray(Wh.T)
    carry = np.zeros((N, H), dtype=da.dtype)      # gradient flowing back into h_t from t+1
    for t in range(T - 1, -1, -1):
        np.multiply(h[t], h[t], out=da[t])
        np.subtract(1.0, da[t], out=da[t])        # tanh'(a_t) = 1 - h_t^2
        carry += dh[t]
        da[t] *= carry                            # da_t = (dh_t + carry) * (1 - h_t^2)
        np.dot(da[t], Wh_T, out=carry)
    flat = da.reshape(T * N, H)
    dx = swap(project(da, Wx.T)) if input_grad else None     # (N, T, D)
    dWx = swap(x).reshape(T * N, -1).T @ flat
    dWh = sum_prev_outer(h0, h, da)
    db = flat.sum(axis=0).reshape(b.shape)
    return dx, carry, dWx, dWh, db


def swap(a):
    """a (T, N, .) as (N, T, .) or back: a view, no copy.

    The sequence functions loop over time on time-major arrays, where step t's N rows are
    one contiguous block (a batch-major ``[:, t]`` slice is N rows T steps apart, and the
    per-step matrix products ran slower on it), and where the products over all steps are
    single products of flat (T*N, .) views; their caches hold batch-major views of them, so
    ``h[:, t]`` is h_t as everywhere else in the course.
    """
    return a.transpose(1, 0, 2)


def sum_prev_outer(h0, h, da):
    """sum over t of h_{t-1}^T @ da_t, with h_{-1} = h0: the gradient of a recurrent weight.

    h (T, N, H) and da (T, N, K) are time-major, so in their flat (T*N, .) views the row N
    before (t, n) is (t-1, n): one matrix product of the views shifted by N rows gives every
    term for t >= 1, and h0 pairs with da_0. No copy of h is made.
    """
    T, N, H = h.shape
    h_flat, da_flat = h.reshape(T * N, H), da.reshape(T * N, -1)
    out = h_flat[:-N].T @ da_flat[N:]
    out += h0.T @ da[0]                           # h_{-1} = h0
    return out


def time_major(x):
    """x (N, T, D) as a time-major copy (T, N, D), C-contiguous.

    The sequence functions project this copy (:func:`project`) and keep it in their caches,
    where the gradient of the input weight reads it again: both are then single matrix
    products over all T*N rows.
    """
    return np.ascontiguousarray(swap(x))


def project(a, W):
    """a @ W for a time-major sequence a (T, N, K): (T, N, M), one matrix product.

    The flat (T*N, K) view of ``a`` times W, into memory touched first: a fresh array's
    pages are mapped on first write, and when the multi-threaded matrix product takes those
    page faults itself it can run several times slower than after one pass of ``fill``
    (measured on one machine: 28 ms instead of 80 ms for 52 MB). Memory that
    :func:`rnnlib.memory.keep_freed_memory` kept is mapped already; a first call, and a
    block over 32 MB, still get fresh pages.
    """
    T, N = a.shape[:2]
    out = np.empty((T, N, W.shape[1]), dtype=np.result_type(a, W))
    out.fill(0.0)
    np.matmul(a.reshape(T * N, -1), W, out=out.reshape(T * N, -1))
    return out
