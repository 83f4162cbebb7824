"""Explorer of notebook 04: the stacked W of [x_t, h_{t-1}] for any D and H."""
from ..plots.weights import ConcatWDrawing
from ._explorer import explorer, int_slider


def concat_w_explorer():
    """Sliders for D and H over :func:`~rnnlib.plots.weights.draw_concat_w`: where Wx and Wh
    sit inside W_cat (one Figure, redrawn in place)."""
    return explorer(ConcatWDrawing(), D=int_slider("D (input size)", 3, 1, 6),
                    H=int_slider("H (hidden size)", 2, 1, 5))
