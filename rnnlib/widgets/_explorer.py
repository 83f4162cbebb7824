"""explorer(): the one way the course builds a slider explorer.

An explorer is an ``ipywidgets.interactive`` around a plain drawing function. The drawing
function takes the slider values as keyword arguments and returns a matplotlib Figure, so a
test (or a notebook cell) can call it without a browser.
"""
import ipywidgets as widgets


def explorer(draw, **sliders):
    """Return an ``ipywidgets.interactive`` that redraws ``draw(**values)`` on every slider move.

    Parameters
    ----------
    draw : callable
        ``draw(**values) -> matplotlib.figure.Figure``.
    **sliders : ipywidgets.Widget
        One widget per keyword argument of ``draw`` (``IntSlider``, ``FloatSlider``, ...).
        Sliders redraw when released (``continuous_update=False``), so a drag on a projector
        never queues dozens of redraws.

    Returns
    -------
    ipywidgets.interactive
        Its ``.f`` is ``draw`` and its ``.kwargs`` the current values.
    """
    for name, w in sliders.items():
        if hasattr(w, "continuous_update"):
            w.continuous_update = False
        w.style = {"description_width": "initial"}
        w.layout = widgets.Layout(width="420px")
    return widgets.interactive(draw, {"auto_display": True}, **sliders)


def int_slider(description, value, min, max, step=1):
    """An IntSlider with the course's defaults."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description)


def float_slider(description, value, min, max, step):
    """A FloatSlider with the course's defaults."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout_format=".2f")
