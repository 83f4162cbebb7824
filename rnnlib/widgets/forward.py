"""Explorer of notebook 05: the hidden size H of the many-to-one RNN."""
from ..plots.forward import HiddenSizeDrawing
from ._explorer import explorer, int_slider


def hidden_size_explorer():
    """One slider, H, over :func:`~rnnlib.plots.forward.draw_hidden_size`, redrawn in place."""
    return explorer(HiddenSizeDrawing(), H=int_slider("H (hidden size)", 3, 1, 8))
