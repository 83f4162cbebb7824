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
import importlib as _importlib
from importlib import metadata as _metadata

# Everything below is imported when first used (a module __getattr__, PEP 562), so that
# ``import rnnlib`` is quick: the rnn-course command's --help and usage errors need neither
# NumPy nor matplotlib. ``rnnlib.rnn_forward``, ``from rnnlib import ManyToOne`` and
# ``rnnlib.data`` (any submodule) work as if imported up front.
_API = {"rnn_step_forward": "rnn", "rnn_step_backward": "rnn", "rnn_forward": "rnn",
        "rnn_backward": "rnn",
        "lstm_step_forward": "lstm", "lstm_step_backward": "lstm", "lstm_forward": "lstm",
        "lstm_backward": "lstm", "lstm_gates": "lstm",
        "gru_step_forward": "gru", "gru_step_backward": "gru", "gru_forward": "gru",
        "gru_backward": "gru",
        "attention_forward": "attention", "attention_backward": "attention",
        "ManyToOne": "model", "ManyToMany": "model", "temporal_softmax_loss": "losses"}


def __getattr__(name):
    if name in _API:
        value = getattr(_importlib.import_module(f"{__name__}.{_API[name]}"), name)
    elif not name.startswith("__"):
        try:
            value = _importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
            value = None
    else:
        value = None
    if value is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))


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
