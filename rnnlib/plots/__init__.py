"""Figure functions of the notebooks, one module per topic; each returns a matplotlib Figure."""
from . import forward, nonlinearity, sequences, shapes, weights

__all__ = ["forward", "nonlinearity", "sequences", "shapes", "weights"]
