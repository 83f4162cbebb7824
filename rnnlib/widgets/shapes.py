"""Explorer of notebook 02: move N, D and H and watch every shape of the formula change."""
from ..plots.shapes import draw_shapes
from ._explorer import explorer, int_slider


def shapes_explorer():
    """Sliders for N (batch), D (input size) and H (hidden size) over :func:`draw_shapes`."""
    return explorer(draw_shapes,
                    N=int_slider("N (batch size)", 2, 1, 6),
                    D=int_slider("D (input size)", 3, 1, 6),
                    H=int_slider("H (hidden size)", 4, 1, 8))
