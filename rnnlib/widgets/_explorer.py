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
        Its ``.f`` calls ``draw`` with the slider values, ``.kwargs``; ``draw``'s other
        keyword arguments keep their defaults.
    """
    for name, w in sliders.items():
        if hasattr(w, "continuous_update"):
            w.continuous_update = False
        w.style = {"description_width": "initial"}
        w.layout = widgets.Layout(width="420px")
    def redraw(**values):
        # Only the given sliders: interactive() would make a slider of every other keyword
        # argument of draw that has a default (functools.wraps would bring them back).
        return draw(**values)
    redraw.__name__, redraw.__doc__ = draw.__name__, draw.__doc__
    return widgets.interactive(redraw, {"auto_display": True}, **sliders)


def int_slider(description, value, min, max, step=1):
    """An IntSlider with the course's defaults."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description)


def float_slider(description, value, min, max, step):
    """A FloatSlider with the course's defaults."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout_format=".2f")
