"""ManyToOne: a recurrent layer read out from its last hidden state.

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
from .losses import binary_cross_entropy_with_logits, softmax_cross_entropy
from .lstm import lstm_backward, lstm_forward
from .rnn import rnn_backward, rnn_forward

_CELLS = {"rnn": (rnn_forward, rnn_backward), "lstm": (lstm_forward, lstm_backward)}


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
    cell : {"rnn", "lstm"}
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
        for name, value in (("input_dim", input_dim), ("hidden_dim", hidden_dim),
                            ("output_dim", output_dim)):
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
                raise ValueError(f"ManyToOne: {name} must be a positive integer, got {value!r}")
        if cell not in _CELLS:
            raise ValueError(f"ManyToOne: cell must be 'rnn' or 'lstm', got {cell!r}")
        self.input_dim, self.hidden_dim, self.output_dim = input_dim, hidden_dim, output_dim
        self.cell = cell
        rng = np.random.default_rng(seed)
        Wx, Wh, b = init.recurrent_params(input_dim, hidden_dim, cell, rng)
        Wy, by = init.output_params(hidden_dim, output_dim, rng)
        self.params = {"Wx": Wx, "Wh": Wh, "b": b, "Wy": Wy, "by": by}

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
        return forward(X, h0, p["Wx"], p["Wh"], p["b"])

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
        if self.output_dim == 1:
            y = np.asarray(y)
            if y.shape not in ((X.shape[0],), (X.shape[0], 1)):
                raise ValueError(f"ManyToOne.loss: y must have shape (N,) = ({X.shape[0]},) "
                                 f"or (N, 1) = ({X.shape[0]}, 1), got {y.shape}")
            loss, dscores = binary_cross_entropy_with_logits(scores, y.reshape(-1, 1))
        else:
            loss, dscores = softmax_cross_entropy(scores, y)
        dh = np.zeros_like(h)
        dh[:, -1] = dscores @ p["Wy"].T                         # only the last step is read
        _, _, dWx, dWh, db = _CELLS[self.cell][1](dh, cache)
        grads = {"Wx": dWx, "Wh": dWh, "b": db, "Wy": h_last.T @ dscores,
                 "by": dscores.sum(axis=0)}
        return loss, grads
