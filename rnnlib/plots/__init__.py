"""Figure functions of the notebooks, one module per topic; each returns a matplotlib Figure."""
from . import backward, forward, lstm, nonlinearity, sequences, shapes, weights

__all__ = ["backward", "forward", "lstm", "nonlinearity", "sequences", "shapes", "weights"]
