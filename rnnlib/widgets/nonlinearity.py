"""Explorer of notebook 03: the weight scale of Wh, and what each activation does with it."""
import ipywidgets as widgets

from ..plots.nonlinearity import (ACTIVATIONS, TanhPointDrawing, draw_recurrence,
                                  recurrence_figure)
from ._explorer import explorer, float_slider, int_slider


def weight_scale_explorer():
    """Sliders for the scale of Wh and the number of steps, and a choice of activation."""
    _recurrence_in_place.dynamic = recurrence_figure().dynamic   # what a move changes
    return explorer(_recurrence_in_place,
                    weight_scale=float_slider("weight scale of Wh", 1.0, 0.1, 3.0, 0.1),
                    activation=widgets.Dropdown(options=list(ACTIVATIONS), value="tanh",
                                                description="activation"),
                    T=int_slider("time steps T", 30, 5, 60))


def _recurrence_in_place(weight_scale=1.0, activation="tanh", T=30):
    """:func:`draw_recurrence` on the explorer's one Figure, updated in place."""
    return draw_recurrence(weight_scale, activation, T, reuse=True)


def tanh_point_explorer():
    """One slider, x, over :func:`~rnnlib.plots.nonlinearity.draw_tanh_point`: the warm-up
    explorer of notebook 00 (one Figure; a move redraws the point and the title)."""
    return explorer(TanhPointDrawing(), x=float_slider("x", 2.0, -4.0, 4.0, 0.25))
