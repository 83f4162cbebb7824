"""Figure functions of the notebooks, one module per topic; each returns a matplotlib Figure."""
from . import (backward, forward, language_model, lstm, nonlinearity, seq2seq, sequences,
               shapes, weights)

__all__ = ["backward", "forward", "language_model", "lstm", "nonlinearity", "seq2seq",
           "sequences", "shapes", "weights"]
