"""Explorer of notebook 05: the hidden size H of the many-to-one RNN."""
from ..plots.forward import draw_hidden_size
from ._explorer import explorer, int_slider


def hidden_size_explorer():
    """One slider, H, over :func:`draw_hidden_size`."""
    return explorer(draw_hidden_size, H=int_slider("H (hidden size)", 3, 1, 8))
