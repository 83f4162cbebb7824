"""Figure functions of the notebooks, one module per topic; each returns a matplotlib Figure."""
from . import nonlinearity, sequences, shapes

__all__ = ["nonlinearity", "sequences", "shapes"]
