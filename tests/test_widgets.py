"""Every slider explorer builds, draws a figure at every slider's ends, and redraws on a move."""
import io

import ipywidgets as widgets
import pytest
from matplotlib.figure import Figure

from rnnlib.widgets import EXPLORERS
from rnnlib.widgets._explorer import Picture


def png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def sliders(w):
    return [c for c in w.children if isinstance(c, (widgets.IntSlider, widgets.FloatSlider))]


@pytest.fixture(params=EXPLORERS, ids=lambda f: f.__name__)
def explorer(request):
    return request.param()


def test_is_an_interactive_with_sliders(explorer):
    assert isinstance(explorer, widgets.interactive)
    assert sliders(explorer), "an explorer needs at least one slider"
    assert all(not s.continuous_update for s in sliders(explorer))


def test_draws_a_figure_at_every_slider_end(explorer):
    for slider in sliders(explorer):
        for value in (slider.min, slider.max):
            kwargs = dict(explorer.kwargs, **{_name(explorer, slider): value})
            picture = explorer.f(**kwargs)
            assert isinstance(picture, Picture) and isinstance(picture.figure, Figure)
            data, meta = picture._repr_png_()
            assert data.startswith(b"\x89PNG") and meta["width"] > 0


def test_moving_a_slider_changes_the_figure(explorer):
    before = png(explorer.f(**explorer.kwargs).figure)
    slider = sliders(explorer)[0]
    new = slider.max if slider.value != slider.max else slider.min
    kwargs = dict(explorer.kwargs, **{_name(explorer, slider): new})
    assert png(explorer.f(**kwargs).figure) != before


def _name(explorer, slider):
    """The keyword argument of the drawing function that this slider sets."""
    for name, widget in zip(explorer.kwargs, explorer.kwargs_widgets):
        if widget is slider:
            return name
    raise AssertionError("slider not found")
