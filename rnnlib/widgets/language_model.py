"""Explorer of notebook 08: the temperature of sampling from a character model."""
from ..data import char_vocab, tiny_stories
from ..model import ManyToMany
from ..plots.language_model import TemperatureFigure, draw_temperature
from ._explorer import explorer, float_slider


def temperature_explorer(model=None, vocab=None, prompt="The "):
    """One slider, the temperature, over :func:`draw_temperature` of ``model``.

    Without a model, an untrained one over the corpus's characters (for a quick look). One
    figure is built once and updated in place at every move (:class:`TemperatureFigure`).
    """
    if model is None:
        vocab = char_vocab(tiny_stories())
        model = ManyToMany(len(vocab), 32, seed=0)
    figure = TemperatureFigure(model, vocab, prompt)

    def draw(temperature=1.0):
        return figure(temperature)
    draw.__name__, draw.__doc__ = draw_temperature.__name__, draw_temperature.__doc__
    draw.dynamic = figure.dynamic             # what a move changes: the explorer blits it
    return explorer(draw, temperature=float_slider("temperature", 1.0, 0.1, 2.0, 0.1))
