"""Explorers of notebook 07: the gate biases and what the cell state keeps; the gradient
highway through the cell state."""
from ..plots.lstm import GateBiasesDrawing, HighwayDrawing
from ._explorer import explorer, float_slider


def gate_explorer():
    """Sliders for the forget-gate and input-gate biases over :func:`draw_gate_biases`
    (one Figure, updated in place)."""
    return explorer(GateBiasesDrawing(),
                    forget_bias=float_slider("forget gate bias", 3.0, -4.0, 6.0, 0.5),
                    input_bias=float_slider("input gate bias", -2.0, -4.0, 4.0, 0.5))


def highway_explorer():
    """One slider, the forget-gate bias, over
    :func:`~rnnlib.plots.lstm.draw_gradient_highway` (one Figure, updated in place)."""
    return explorer(HighwayDrawing(),
                    forget_bias=float_slider("forget gate bias", 3.0, -2.0, 8.0, 0.5))
