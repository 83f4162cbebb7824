"""rnnlib: recurrent neural networks from scratch, in NumPy.

The core API (its names, argument orders and shapes stay as they are: the notebooks, the
exercise checks and tests/ rely on them; README.md "Using rnnlib on its own" shows it at work):

- :mod:`rnnlib.rnn`: ``rnn_step_forward``, ``rnn_step_backward``, ``rnn_forward``, ``rnn_backward``
- :mod:`rnnlib.lstm`: ``lstm_step_forward``, ``lstm_step_backward``, ``lstm_forward``,
  ``lstm_backward``, and ``lstm_gates`` to read the gate values
- :mod:`rnnlib.gru`: ``gru_step_forward``, ``gru_step_backward``, ``gru_forward``, ``gru_backward``
- :mod:`rnnlib.attention`: ``attention_forward``, ``attention_backward`` (notebook 09, with
  :mod:`rnnlib.seq2seq` and :mod:`rnnlib.dates`)
- ``ManyToOne``, ``ManyToMany``  (:mod:`rnnlib.model`); ``temporal_softmax_loss``
  (:mod:`rnnlib.losses`)
- ``rnnlib.data.as_soon_as()``  (:mod:`rnnlib.data`)

Conventions: row vectors, batch first. ``x_t`` (N, D), ``h`` (N, H), ``x`` (N, T, D),
``Wx`` (D, H), ``Wh`` (H, H), ``b`` (H,); the LSTM stacks its gates i, f, g, o side by side.
"""
from importlib import metadata as _metadata

from . import (activations, attention, bigram, checks, data, dates, envcheck, glossary, gradcheck,
               gru, highway, losses, ngram, optim, params, plots, seq2seq, tbptt, train, widgets)
from .rnn import rnn_step_forward, rnn_step_backward, rnn_forward, rnn_backward
from .lstm import (lstm_step_forward, lstm_step_backward, lstm_forward, lstm_backward,
                   lstm_gates)
from .gru import gru_step_forward, gru_step_backward, gru_forward, gru_backward
from .attention import attention_forward, attention_backward
from .model import ManyToOne, ManyToMany
from .losses import temporal_softmax_loss

try:                                              # the version of the installed package
    __version__ = _metadata.version("rnnlib")
except _metadata.PackageNotFoundError:            # imported from a checkout never installed
    __version__ = "0+unknown"

__all__ = [
    "rnn_step_forward", "rnn_step_backward", "rnn_forward", "rnn_backward",
    "lstm_step_forward", "lstm_step_backward", "lstm_forward", "lstm_backward", "lstm_gates",
    "gru_step_forward", "gru_step_backward", "gru_forward", "gru_backward",
    "attention_forward", "attention_backward",
    "ManyToOne", "ManyToMany", "temporal_softmax_loss",
    "activations", "attention", "bigram", "checks", "data", "dates", "envcheck", "glossary",
    "gradcheck", "gru", "highway", "losses", "ngram", "optim", "params", "seq2seq",
    "plots", "tbptt", "train", "widgets",
]
