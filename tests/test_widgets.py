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


# ---- notebooks 02 and 03: what their questions and figures need --------------------------

def test_shapes_explorer_reaches_the_size_its_question_asks_about():
    from rnnlib.widgets import shapes_explorer
    h = [w for w in sliders(shapes_explorer()) if w.description.startswith("H")][0]
    assert h.max >= 8                                  # "When H doubles to 8?"


@pytest.mark.parametrize("scale, activation, T", [(0.5, "tanh", 30), (1.5, "relu", 30),
                                                  (3.0, "linear", 60)])
def test_recurrence_figure_shows_every_curve_unclipped(scale, activation, T):
    import numpy as np
    from rnnlib.plots.nonlinearity import ACTIVATIONS, draw_recurrence, recurrence_norms
    fig = draw_recurrence(scale, activation, T)
    low, high = fig.axes[0].get_ylim()
    for name in ACTIVATIONS:
        norms = recurrence_norms(scale, name, T)
        assert low < norms.min() and norms.max() < high, name
    assert low < 4 < high                              # the ceiling sqrt(H) is in view
    assert f"{recurrence_norms(scale, activation, T)[-1]:.3g}" in fig.axes[0].get_title()


def test_weight_scale_explorer_updates_one_figure_in_place():
    from rnnlib.widgets import weight_scale_explorer
    w = weight_scale_explorer()
    first = w.f(**w.kwargs).figure
    second = w.f(**dict(w.kwargs, weight_scale=2.5)).figure
    assert first is second and len(second.axes) == 1
    assert len(second.axes[0].child_axes) == 1         # its linear-scale inset, updated too


# ---- the explorers' fast path: same pixels as a fresh figure saved by matplotlib ---------

def _pixels(data):
    import numpy as np
    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))


def test_picture_has_the_pixels_of_savefig_also_when_its_renderer_is_reused():
    import numpy as np
    from rnnlib.plots.weights import draw_concat_w
    from rnnlib.widgets._explorer import SCALE
    for D, H in [(3, 2), (6, 5), (3, 2)]:             # the third redraw reuses the renderer
        fig = draw_concat_w(D, H)
        dpi = fig.dpi
        picture = Picture(fig).png()
        assert fig.dpi == dpi                          # the screen dpi is restored
        buf = io.BytesIO()
        draw_concat_w(D, H).savefig(buf, format="png", dpi=SCALE * dpi)
        assert np.array_equal(_pixels(picture), _pixels(buf.getvalue()))


def test_gate_explorer_updates_one_figure_in_place_as_a_fresh_one_draws():
    import numpy as np
    from rnnlib.plots.lstm import draw_gate_biases
    from rnnlib.widgets import gate_explorer
    w = gate_explorer()
    first = w.f(**w.kwargs)
    second = w.f(**dict(w.kwargs, forget_bias=-4.0, input_bias=4.0))
    assert first.figure is second.figure
    fresh = Picture(draw_gate_biases(forget_bias=-4.0, input_bias=4.0))
    assert np.array_equal(_pixels(second.png()), _pixels(fresh.png()))


# ---- the explorer's picture: one Image widget whose value each move replaces --------------

def _line_explorer(draw=None):
    from rnnlib.widgets import explorer

    def line(x):
        fig = Figure(figsize=(3, 2), dpi=100)
        fig.subplots().plot([0, x])
        return fig
    slider = widgets.IntSlider(value=1, min=0, max=3)
    return explorer(draw or line, x=slider), slider


def test_a_move_replaces_the_pictures_value_shown_at_screen_size():
    import numpy as np
    from rnnlib.widgets._explorer import SCALE
    w, slider = _line_explorer()
    assert isinstance(w, widgets.interactive)
    assert w.children == (slider, w.image, w.out)          # picture above the error output
    first = bytes(w.image.value)
    assert w.image.format == "png" and first.startswith(b"\x89PNG")
    assert w.image.layout.width == "300px"                 # the figure's width on screen ...
    assert _pixels(first).shape == (round(SCALE * 200), round(SCALE * 300), 4)  # ... SCALE x
    assert np.array_equal(_pixels(first), _pixels(w.result.png()))
    slider.value = 2
    assert w.kwargs == {"x": 2} and isinstance(w.result.figure, Figure)
    assert bytes(w.image.value) != first
    assert np.array_equal(_pixels(bytes(w.image.value)), _pixels(w.f(x=2).png()))
    assert w.out.outputs == ()                             # nothing displayed in the output


def test_an_error_of_the_drawing_function_shows_in_the_output_and_the_next_move_clears_it(
        monkeypatch):
    import sys
    from rnnlib.widgets import _explorer
    shown = []

    class Shell:                                           # the kernel's IPython, as far as used
        def showtraceback(self):
            shown.append(sys.exc_info()[1])
    monkeypatch.setattr(_explorer, "get_ipython", lambda: Shell())

    def draw(x):
        if x == 2:
            raise ValueError("draw: x must not be 2")
        fig = Figure(figsize=(3, 2), dpi=100)
        fig.subplots().plot([0, x])
        return fig
    w, slider = _line_explorer(draw)
    good = bytes(w.image.value)
    slider.value = 2
    assert [str(e) for e in shown] == ["draw: x must not be 2"]
    assert bytes(w.image.value) == good                           # the last good picture stays
    cleared = []
    monkeypatch.setattr(w.out, "clear_output", lambda *a, **k: cleared.append(k))
    slider.value = 3
    assert cleared and bytes(w.image.value) != good and len(shown) == 1


def test_picture_has_the_pixels_of_a_plain_agg_canvas(explorer):
    """The explorer's renderer is kept from one redraw to the next (_Canvas), with its text
    caches: the second redraw has the pixels of matplotlib's own savefig."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from rnnlib.widgets._explorer import SCALE
    picture = explorer.f(**explorer.kwargs)
    picture.png()
    again = picture.png()                                  # the kept renderer
    fig = picture.figure
    FigureCanvasAgg(fig)                                   # matplotlib's plain canvas
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=SCALE * fig.dpi)
    assert np.array_equal(_pixels(again), _pixels(buf.getvalue()))


# ---- blitting: a move redraws only what it changes, and shows what a full rendering shows ---

def _moves(slider):
    """Values a student's moves reach: a key press each way from the default, the two ends,
    a few steps in between, and back to the default."""
    if isinstance(slider, widgets.Dropdown):
        return [*slider.options, slider.value]
    step, value = slider.step, slider.value
    inside = [v for v in (value + step, value + 2 * step, value - step)
              if slider.min <= v <= slider.max]
    middle = slider.min + round((slider.max - slider.min) / step / 3) * step
    return [*inside, slider.max, slider.max - step, middle, slider.min, slider.min + step, value]


def test_every_blitted_move_has_the_pixels_of_a_full_rendering(explorer):
    """Each move's PNG (blitted where the drawing declares its dynamic artists) is compared,
    decoded, pixel for pixel with a full rendering of the same figure state: a stale
    background, a dynamic artist drawn in the wrong order or one left out would show. The
    moves go over every slider, to values that keep the axes' limits and to values that
    change them; now and then the figure is also saved at another dpi in between (as a
    static display of the same figure would)."""
    import numpy as np
    from rnnlib.widgets._explorer import _in_drawing_order, _kept_axes
    blitted, axes_redrawn, moves = 0, 0, 0
    for name, slider in zip(explorer.kwargs, explorer.kwargs_widgets):
        for value in _moves(slider):
            kwargs = dict(explorer.kwargs, **{name: value})
            picture = explorer.f(**kwargs)
            fast = _pixels(picture.png())
            blitted += getattr(picture.figure.canvas, "blitted", False)
            axes_redrawn += getattr(picture.figure.canvas, "axes_redrawn", False)
            full = _pixels(Picture(picture.figure).png())        # no drawing: all rendered
            assert np.array_equal(fast, full), (name, value)
            moves += 1
            if moves % 4 == 0:
                png(picture.figure)
        explorer.kwargs[name] = slider.value
    picture = explorer.f(**explorer.kwargs)
    if hasattr(picture.drawing, "dynamic"):
        assert blitted > 0                    # the fast path was taken, and so tested
        kept, _ = _kept_axes(picture.figure,
                             _in_drawing_order(picture.figure, picture._dynamic()))
        if kept or hasattr(picture.drawing, "kept"):   # kept on a second background
            assert axes_redrawn > 0           # and that path was taken too


def test_a_drawing_that_declares_nothing_is_rendered_whole():
    w, _ = _line_explorer()
    assert not w.result._dynamic()
    assert not hasattr(w.result.figure.canvas, "_background")


def test_blitted_moves_in_the_korean_edition_are_translated_as_a_full_rendering(monkeypatch):
    """A blitted move does not go through the figure's draw, where the Korean edition
    translates the texts: the explorer translates them itself (a new title stays Korean)."""
    import numpy as np
    from matplotlib.text import Text
    from rnnlib import language
    from rnnlib.widgets import gate_explorer, highway_explorer, weight_scale_explorer
    monkeypatch.setenv(language.ENV, "ko")
    for factory, name, value in [(gate_explorer, "forget_bias", 3.5),
                                 (highway_explorer, "forget_bias", 2.5),
                                 (weight_scale_explorer, "activation", "relu")]:
        w = factory()
        picture = w.f(**dict(w.kwargs, **{name: value}))
        fast = _pixels(picture.png())
        assert picture.figure.canvas.blitted, factory.__name__
        texts = [t.get_text() for t in picture.figure.findobj(Text) if t.get_text()]
        assert not [t for t in texts if language.untranslated_words(t)], factory.__name__
        assert np.array_equal(fast, _pixels(Picture(picture.figure).png())), factory.__name__
