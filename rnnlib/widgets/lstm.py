"""Explorer of notebook 07: the forget and input gate biases, and what the cell state keeps."""
from ..plots.lstm import draw_gate_biases
from ._explorer import explorer, float_slider


def gate_explorer():
    """Sliders for the forget-gate and input-gate biases over :func:`draw_gate_biases`."""
    return explorer(draw_gate_biases,
                    forget_bias=float_slider("forget gate bias", 3.0, -4.0, 6.0, 0.5),
                    input_bias=float_slider("input gate bias", -2.0, -4.0, 4.0, 0.5))
