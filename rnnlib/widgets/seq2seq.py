"""Explorer of notebook 09: the attention weights of one held-out example, step by step."""
from ..plots.seq2seq import demo_attention_map
from ._explorer import explorer, int_slider


def attention_explorer(attention_map=None):
    """Sliders for the example and the output step over an
    :class:`~rnnlib.plots.seq2seq.AttentionMap` (default: the race's model on seed 0, trained
    on first use). A move only updates the one Figure's artists, no model runs."""
    amap = demo_attention_map() if attention_map is None else attention_map
    return explorer(amap, example=int_slider("held-out example", 0, 0, len(amap.sources) - 1),
                    step=int_slider("output step", 0, 0, amap.weights.shape[1] - 1))
