"""Figure functions of the notebooks, one module per topic; each returns a matplotlib Figure."""
from . import backward, forward, nonlinearity, sequences, shapes, weights

__all__ = ["backward", "forward", "nonlinearity", "sequences", "shapes", "weights"]
