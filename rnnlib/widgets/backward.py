"""Explorers of notebook 06: retrain at a hidden size, and the gradient's size through time."""
from ..plots.backward import GradientNormsDrawing, RetrainDrawing
from ._explorer import explorer, float_slider, int_slider


def retrain_explorer():
    """One slider, H: every move retrains the "as soon as" model from scratch (in ~0.1 s)."""
    return explorer(RetrainDrawing(), H=int_slider("H (hidden size)", 3, 1, 16))


def gradient_explorer():
    """Sliders for the weight scale of Wh and the sequence length over ‖dL/dh_t‖."""
    return explorer(GradientNormsDrawing(),
                    weight_scale=float_slider("weight scale of Wh", 1.0, 0.2, 3.0, 0.1),
                    T=int_slider("time steps T", 30, 5, 60))
