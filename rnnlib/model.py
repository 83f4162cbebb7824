"""ManyToOne: a recurrent layer read out from its last hidden state (ManyToMany: from every one).

    h = rnn_forward(X, 0, Wx, Wh, b)       (or lstm_forward)    # (N, T, H)
    scores = h[:, -1] @ Wy + by                                   # (N, O)

With one output (O = 1) it is a binary classifier (sigmoid, binary cross-entropy); with
O > 1 a C-class classifier (softmax, softmax cross-entropy).

Examples
--------
>>> import rnnlib
>>> X, y, vocab = rnnlib.data.as_soon_as()
>>> model = rnnlib.ManyToOne(input_dim=2, hidden_dim=3, seed=0)
>>> model.forward(X).shape
(3, 1)
>>> sorted(model.params)
['Wh', 'Wx', 'Wy', 'b', 'by']
"""
import numpy as np

from . import init
from ._validate import as_float_array, check_finite, check_shape
from .activations import sigmoid, softmax
from .losses import (binary_cross_entropy_with_logits, check_labels, softmax_cross_entropy,
                     temporal_softmax_loss)
from .lstm import lstm_backward, lstm_forward, lstm_step_forward
from .gru import gru_backward, gru_forward, gru_step_forward
from .rnn import rnn_backward, rnn_forward, rnn_step_forward

_CELLS = {"rnn": (rnn_forward, rnn_backward), "lstm": (lstm_forward, lstm_backward),
          "gru": (gru_forward, gru_backward)}


def _biases(p):
    """The bias arguments of a cell: (b,), or (b, bh) for the GRU (b is its input bias bx)."""
    return (p["b"], p["bh"]) if "bh" in p else (p["b"],)


def _cell_grads(out, p):
    """dWx, dWh, db (and dbh for the GRU) out of a cell's backward, keyed as in params."""
    grads = {"Wx": out[2], "Wh": out[3], "b": out[4]}
    if "bh" in p:
        grads["bh"] = out[5]
    return grads


def _initial_params(model, cell, seed, **sizes):
    """Checked sizes, then the seeded ``Wx``, ``Wh``, ``b``, ``Wy``, ``by`` of a model.

    ``sizes``: the input size (``input_dim`` or ``vocab_size``), ``hidden_dim``, and the
    output size (``output_dim``; the vocabulary size when not given).
    """
    for name, value in sizes.items():
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{model}: {name} must be a positive integer, got {value!r}")
    if cell not in _CELLS:
        raise ValueError(f"{model}: cell must be 'rnn', 'lstm' or 'gru', got {cell!r}")
    D = sizes.get("input_dim", sizes.get("vocab_size"))
    H, O = sizes["hidden_dim"], sizes.get("output_dim", sizes.get("vocab_size"))
    rng = np.random.default_rng(seed)
    if cell == "gru":                     # as nn.GRU: uniform in [-1/sqrt(H), 1/sqrt(H))
        Wx, Wh = (init.uniform((n, 3 * H), 1.0 / np.sqrt(H), rng) for n in (D, H))
        Wy, by = init.output_params(H, O, rng)
        return {"Wx": Wx, "Wh": Wh, "b": np.zeros(3 * H), "bh": np.zeros(3 * H), "Wy": Wy,
                "by": by}
    Wx, Wh, b = init.recurrent_params(D, H, cell, rng)
    Wy, by = init.output_params(H, O, rng)
    return {"Wx": Wx, "Wh": Wh, "b": b, "Wy": Wy, "by": by}


class ManyToOne:
    """A many-to-one recurrent classifier: a sequence in, one prediction out.

    Parameters
    ----------
    input_dim : int
        D, the size of each input vector.
    hidden_dim : int
        H, the size of the hidden state.
    output_dim : int, default 1
        O: 1 for a binary classifier, C > 1 for C classes.
    cell : {"rnn", "lstm", "gru"}
        For "gru", ``b`` is the input bias bx (3H,) and ``params`` has one more key, ``bh``
        (3H,), the hidden bias (see :mod:`rnnlib.gru`).
    seed : int
        Seed of the initial weights (see :func:`rnnlib.init.recurrent_params`).

    Attributes
    ----------
    params : dict of ndarray
        ``Wx`` (D, H) or (D, 4H), ``Wh`` (H, H) or (H, 4H), ``b`` (H,) or (4H,), ``Wy`` (H, O),
        ``by`` (O,). Every method reads these arrays when called, so an optimiser or a
        gradient check that changes them in place is seen at once.
    """

    def __init__(self, input_dim, hidden_dim, output_dim=1, cell="rnn", seed=0):
        self.params = _initial_params("ManyToOne", cell, seed, input_dim=input_dim,
                                      hidden_dim=hidden_dim, output_dim=output_dim)
        self.input_dim, self.hidden_dim, self.output_dim = input_dim, hidden_dim, output_dim
        self.cell = cell

    def __repr__(self):
        return (f"ManyToOne(input_dim={self.input_dim}, hidden_dim={self.hidden_dim}, "
                f"output_dim={self.output_dim}, cell={self.cell!r})")

    def _check_X(self, fn, X):
        X = as_float_array(f"ManyToOne.{fn}", "X", X)
        check_shape(f"ManyToOne.{fn}", "X", X, ("N", "T", "D"),
                    sizes={"D": self.input_dim})
        return check_finite(f"ManyToOne.{fn}", "X", X)

    def hidden_states(self, X):
        """Every hidden state: X (N, T, D) -> h (N, T, H), starting from h0 = 0."""
        X = self._check_X("hidden_states", X)
        return self._recurrent(X)[0]

    def _recurrent(self, X):
        p = self.params
        forward = _CELLS[self.cell][0]
        h0 = np.zeros((X.shape[0], self.hidden_dim), dtype=X.dtype)
        return forward(X, h0, p["Wx"], p["Wh"], *_biases(p))

    def forward(self, X):
        """Raw scores from the last hidden state: X (N, T, D) -> scores (N, O)."""
        X = self._check_X("forward", X)
        h, _ = self._recurrent(X)
        return h[:, -1] @ self.params["Wy"] + self.params["by"]

    def predict_proba(self, X):
        """Probabilities: (N,) sigmoid of the score when O == 1; (N, O) softmax when O > 1."""
        scores = self.forward(X)
        return sigmoid(scores[:, 0]) if self.output_dim == 1 else softmax(scores, axis=1)

    def predict(self, X):
        """Integer labels (N,): score > 0 when O == 1, the largest score when O > 1."""
        scores = self.forward(X)
        if self.output_dim == 1:
            return (scores[:, 0] > 0).astype(int)
        return np.argmax(scores, axis=1)

    def loss(self, X, y):
        """Mean loss and the gradient of every parameter.

        Parameters
        ----------
        X : array, shape (N, T, D)
        y : array
            O == 1: 0/1 targets, shape (N,) or (N, 1) (binary cross-entropy on the sigmoid).
            O > 1: integer labels, shape (N,) (softmax cross-entropy).

        Returns
        -------
        loss : float
        grads : dict of ndarray
            Same keys and shapes as ``params``.
        """
        X = self._check_X("loss", X)
        p = self.params
        h, cache = self._recurrent(X)
        h_last = h[:, -1]                                       # (N, H)
        scores = h_last @ p["Wy"] + p["by"]                     # (N, O)
        loss, dscores = self._loss_of_scores("loss", scores, y)
        dh = np.zeros_like(h)
        dh[:, -1] = dscores @ p["Wy"].T                         # only the last step is read
        grads = _cell_grads(_CELLS[self.cell][1](dh, cache, input_grad=False), p)  # X is data
        grads.update(Wy=h_last.T @ dscores, by=dscores.sum(axis=0))
        return loss, grads


    def evaluate(self, X, y):
        """(mean loss, accuracy) of the model as it is, on (X, y): one forward pass, no gradient."""
        scores = self.forward(X)
        loss, _ = self._loss_of_scores("evaluate", scores, y)
        labels = (scores[:, 0] > 0).astype(int) if self.output_dim == 1 else scores.argmax(axis=1)
        return loss, float(np.mean(labels == np.asarray(y).reshape(-1)))

    def _loss_of_scores(self, fn, scores, y):
        """The loss of raw ``scores`` (N, O) against ``y``, and its gradient dscores."""
        if self.output_dim == 1:
            y = np.asarray(y)
            N = scores.shape[0]
            if y.shape not in ((N,), (N, 1)):
                raise ValueError(f"ManyToOne.{fn}: y must have shape (N,) = ({N},) "
                                 f"or (N, 1) = ({N}, 1), got {y.shape}")
            return binary_cross_entropy_with_logits(scores, y.reshape(-1, 1))
        return softmax_cross_entropy(scores, y)


class ManyToMany:
    """A many-to-many recurrent model: a score for the next token at every step (notebook 08).

        h = rnn_forward(X, h0, Wx, Wh, b)       (or lstm_forward)    # (N, T, H)
        scores = h @ Wy + by                                          # (N, T, V)

    Trained as a language model: the input at step t is token t (one-hot, V wide) and the
    label is token t + 1.

    Parameters
    ----------
    vocab_size : int
        V, the number of distinct tokens (input and output size).
    hidden_dim : int
        H, the size of the hidden state.
    cell : {"rnn", "lstm"}
    seed : int
        Seed of the initial weights; the same initialisers as :class:`ManyToOne`, so
        ``ManyToMany(V, H, cell, seed)`` starts from the weights of
        ``ManyToOne(V, H, output_dim=V, cell=cell, seed=seed)``.

    Attributes
    ----------
    params : dict of ndarray
        ``Wx`` (V, H) or (V, 4H), ``Wh`` (H, H) or (H, 4H), ``b`` (H,) or (4H,), ``Wy`` (H, V),
        ``by`` (V,); read when a method is called, so in-place updates are seen.

    Notes
    -----
    Beyond the contract, :meth:`loss_and_state` and :meth:`forward_and_state` also return the
    final state, which truncated backpropagation through time (:mod:`rnnlib.tbptt`) carries
    into the next chunk. A state is ``h`` (N, H) for "rnn" and the pair ``(h, c)`` for
    "lstm"; every ``h0`` argument accepts such a state.

    Examples
    --------
    >>> import numpy as np
    >>> from rnnlib import ManyToMany
    >>> from rnnlib.data import one_hot
    >>> model = ManyToMany(vocab_size=5, hidden_dim=8, seed=0)
    >>> ids = np.array([[0, 1, 2, 3, 4, 0]])                 # one sequence of 6 tokens
    >>> X, Y = one_hot(ids[:, :-1], 5), ids[:, 1:]          # input token t, label token t+1
    >>> model.forward(X).shape                               # (N, T, V)
    (1, 5, 5)
    >>> loss, grads = model.loss(X, Y)
    >>> round(loss, 2), round(float(np.log(5)), 2)           # untrained: near log V nats
    (1.54, 1.61)
    >>> model.sample(start=[0, 1], n=10, seed=0)             # prompt 0, 1; 10 new tokens
    [3, 1, 0, 0, 3, 4, 3, 3, 2, 4]
    """

    def __init__(self, vocab_size, hidden_dim, cell="rnn", seed=0):
        self.params = _initial_params("ManyToMany", cell, seed, vocab_size=vocab_size,
                                      hidden_dim=hidden_dim)
        self.vocab_size, self.hidden_dim, self.cell = vocab_size, hidden_dim, cell

    def __repr__(self):
        return (f"ManyToMany(vocab_size={self.vocab_size}, hidden_dim={self.hidden_dim}, "
                f"cell={self.cell!r})")

    def _check_X(self, fn, X):
        X = as_float_array(f"ManyToMany.{fn}", "X", X)
        check_shape(f"ManyToMany.{fn}", "X", X, ("N", "T", "V"), sizes={"V": self.vocab_size})
        return check_finite(f"ManyToMany.{fn}", "X", X)

    def _check_state(self, fn, name, state, N, dtype):
        """A state (h for "rnn"; h or (h, c) for "lstm") as two arrays (h0, c0 or None)."""
        fn = f"ManyToMany.{fn}"
        if state is None:
            return np.zeros((N, self.hidden_dim), dtype=dtype), None
        if isinstance(state, tuple):
            if self.cell != "lstm" or len(state) != 2:
                want = "an array (N, H)" + (" or a pair (h, c)" if self.cell == "lstm" else "")
                raise ValueError(f"{fn}: {name} must be {want}, got a tuple of {len(state)}")
            h0, c0 = state
        else:
            h0, c0 = state, None
        sizes = {"N": N, "H": self.hidden_dim}
        out = []
        for part, value in (("h", h0), ("c", c0)):
            if value is None:
                out.append(None)
                continue
            label = name if c0 is None else f"{name} ({part})"
            arr = as_float_array(fn, label, value)
            check_shape(fn, label, arr, ("N", "H"), sizes=sizes)
            out.append(check_finite(fn, label, arr).astype(dtype, copy=False))
        return out[0], out[1]

    def _recurrent(self, fn, X, state):
        """Hidden states h (N, T, H), the cell's cache, and the final state (copies)."""
        p = self.params
        h0, c0 = self._check_state(fn, "h0" if fn != "loss_and_state" else "state", state,
                                   X.shape[0], X.dtype)
        if self.cell in ("rnn", "gru"):
            h, cache = _CELLS[self.cell][0](X, h0, p["Wx"], p["Wh"], *_biases(p))
            return h, cache, h[:, -1].copy()
        h, cache = lstm_forward(X, h0, p["Wx"], p["Wh"], p["b"], c0=c0)
        return h, cache, (h[:, -1].copy(), cache["c"][:, -1].copy())

    def forward(self, X, h0=None):
        """Scores for the next token at every step: X (N, T, V) -> scores (N, T, V).

        ``h0`` is the initial state: None (zeros), h (N, H), or for the LSTM also (h, c).
        """
        return self._forward("forward", X, h0)[0]

    def forward_and_state(self, X, h0=None):
        """:meth:`forward`, plus the final state (h, or (h, c) for the LSTM) to carry on from.

        Reading a long text chunk by chunk with the state carried over gives the same scores
        as reading it in one piece.
        """
        return self._forward("forward_and_state", X, h0)

    def _forward(self, fn, X, h0):
        X = self._check_X(fn, X)
        h, _, final = self._recurrent(fn, X, h0)
        N, T, H = h.shape
        scores = h.reshape(N * T, H) @ self.params["Wy"] + self.params["by"]
        return scores.reshape(N, T, -1), final

    def loss(self, X, Y, h0=None):
        """Mean cross-entropy in nats per token and the gradient of every parameter.

        Parameters
        ----------
        X : array, shape (N, T, V)
            One-hot input tokens.
        Y : array of int, shape (N, T)
            The next token at every step, in 0 .. V-1.
        h0 : optional initial state, as in :meth:`forward`.

        Returns
        -------
        loss : float
            :func:`rnnlib.losses.temporal_softmax_loss` over all N T positions.
        grads : dict of ndarray
            Same keys and shapes as ``params``.
        """
        loss, grads, _ = self._loss("loss", X, Y, h0)
        return loss, grads

    def loss_and_state(self, X, Y, state=None):
        """:meth:`loss`, plus the final state, for truncated backpropagation through time.

        Parameters
        ----------
        X, Y : as in :meth:`loss`.
        state : None, h (N, H), or for the LSTM (h, c)
            Initial state, typically the final state of the previous chunk. It is treated as
            a constant: no gradient flows back through it (the truncation).

        Returns
        -------
        loss : float
        grads : dict of ndarray
        state : ndarray (N, H) for "rnn"; pair of ndarrays (h, c) for "lstm"
            The state after the last step, to pass to the next call.
        """
        return self._loss("loss_and_state", X, Y, state)

    def _loss(self, fn, X, Y, state):
        X = self._check_X(fn, X)
        N, T, V = X.shape
        Y = check_labels(f"ManyToMany.{fn}", "Y", Y, {"N": N, "T": T}, V)
        p = self.params
        h, cache, final = self._recurrent(fn, X, state)
        h_flat = h.reshape(N * T, -1)                           # (N T, H): one matrix product
        scores = (h_flat @ p["Wy"] + p["by"]).reshape(N, T, V)  # for all steps at once
        loss, dscores = temporal_softmax_loss(scores, Y)
        dscores = dscores.reshape(N * T, V)
        dh = (dscores @ p["Wy"].T).reshape(h.shape)             # (N, T, H)
        grads = _cell_grads(_CELLS[self.cell][1](dh, cache, input_grad=False), p)  # X is data
        grads.update(Wy=h_flat.T @ dscores, by=dscores.sum(axis=0))
        return loss, grads, final

    def sample(self, start, n, temperature=1.0, seed=0):
        """Generate ``n`` tokens, one at a time, each fed back in as the next input.

        Parameters
        ----------
        start : int or list of int
            The prompt: token indices in 0 .. V-1, run through the model first.
        n : int
            Number of new tokens.
        temperature : float > 0
            The scores are divided by it before the softmax: below 1 sharper (towards the
            most likely token, argmax as it goes to 0), above 1 flatter (towards uniform).
        seed : int
            Seed of ``np.random.default_rng``; the same seed gives the same sample.

        Returns
        -------
        list of int
            The n new tokens (the prompt is not repeated).
        """
        fn = "ManyToMany.sample"
        V, p = self.vocab_size, self.params
        prompt = np.atleast_1d(np.asarray(start))
        if prompt.ndim != 1 or prompt.size == 0:
            raise ValueError(f"{fn}: start must be a token index or a non-empty list of them, "
                             f"got {start!r}")
        prompt = check_labels(fn, "start", prompt, {"P": prompt.size}, V)
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 0:
            raise ValueError(f"{fn}: n must be a non-negative integer, got {n!r}")
        if (not isinstance(temperature, (int, float, np.integer, np.floating))
                or not np.isfinite(temperature) or temperature <= 0):
            raise ValueError(f"{fn}: temperature must be a number > 0, got {temperature!r}")
        rng = np.random.default_rng(seed)
        eye = np.eye(V)
        h, _, state = self._recurrent("sample", eye[prompt][None], None)   # the prompt
        scores = h[0, -1] @ p["Wy"] + p["by"]                  # scores for the next token
        out = []
        for _ in range(n):
            z = np.asarray(scores, dtype=np.float64) / temperature
            prob = np.exp(z - z.max())
            token = int(rng.choice(V, p=prob / prob.sum()))
            out.append(token)
            x_t = eye[token][None]                              # (1, V)
            if self.cell == "rnn":
                state, _ = rnn_step_forward(x_t, state, p["Wx"], p["Wh"], p["b"])
                h_t = state
            elif self.cell == "gru":
                state, _ = gru_step_forward(x_t, state, p["Wx"], p["Wh"], p["b"], p["bh"])
                h_t = state
            else:
                h_t, c_t, _ = lstm_step_forward(x_t, *state, p["Wx"], p["Wh"], p["b"])
                state = (h_t, c_t)
            scores = h_t[0] @ p["Wy"] + p["by"]
        return out
