"""rnnlib: recurrent neural networks from scratch, in NumPy.

The core API (fixed; see the course's RNNLIB_API contract):

- :mod:`rnnlib.rnn`: ``rnn_step_forward``, ``rnn_step_backward``, ``rnn_forward``, ``rnn_backward``
- :mod:`rnnlib.lstm`: ``lstm_step_forward``, ``lstm_step_backward``, ``lstm_forward``,
  ``lstm_backward``, and ``lstm_gates`` to read the gate values
- ``ManyToOne``  (:mod:`rnnlib.model`)
- ``rnnlib.data.as_soon_as()``  (:mod:`rnnlib.data`)

Conventions: row vectors, batch first. ``x_t`` (N, D), ``h`` (N, H), ``x`` (N, T, D),
``Wx`` (D, H), ``Wh`` (H, H), ``b`` (H,); the LSTM stacks its gates i, f, g, o side by side.
"""
from . import (activations, checks, data, envcheck, glossary, gradcheck, losses, optim, params,
               plots, train, widgets)
from .rnn import rnn_step_forward, rnn_step_backward, rnn_forward, rnn_backward
from .lstm import (lstm_step_forward, lstm_step_backward, lstm_forward, lstm_backward,
                   lstm_gates)
from .model import ManyToOne

__version__ = "0.1.0"

__all__ = [
    "rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward",
    "lstm_step_forward", "lstm_step_backward", "lstm_forward", "lstm_backward", "lstm_gates",
    "ManyToOne", "activations", "checks", "data", "envcheck", "glossary", "gradcheck", "losses",
    "optim", "params",
    "plots", "train", "widgets",
]
