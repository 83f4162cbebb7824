"""Slider explorers. Each returns an ipywidgets interactive around a drawing function.

``EXPLORERS`` lists every explorer factory of the course (the benchmark and the tests walk it).
"""
from ._explorer import explorer
from .backward import gradient_explorer, retrain_explorer
from .forward import hidden_size_explorer
from .language_model import temperature_explorer
from .lstm import gate_explorer, highway_explorer
from .nonlinearity import tanh_point_explorer, weight_scale_explorer
from .seq2seq import attention_explorer
from .shapes import shapes_explorer
from .weights import concat_w_explorer

EXPLORERS = [
    tanh_point_explorer,        # 00
    shapes_explorer,            # 02
    weight_scale_explorer,      # 03
    concat_w_explorer,          # 04
    hidden_size_explorer,       # 05
    retrain_explorer,           # 06
    gradient_explorer,          # 06
    gate_explorer,              # 07
    highway_explorer,           # 07
    temperature_explorer,       # 08
    attention_explorer,         # 09
]

__all__ = ["explorer", "EXPLORERS"] + [f.__name__ for f in EXPLORERS]
