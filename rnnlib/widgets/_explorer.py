"""explorer(): the one way the course builds a slider explorer.

An explorer is an ``ipywidgets.interactive`` around a plain drawing function. The drawing
function takes the slider values as keyword arguments and returns a matplotlib Figure, so a
test (or a notebook cell) can call it without a browser.

A slider move must redraw at once, so an explorer shows its figure as a :class:`Picture`:
rendered once, at 1.5 times the screen resolution (the static figures use the inline
backend's 2x "retina" PNG, with a tight bounding box, which renders twice), with fast PNG
compression.
"""
import io

import ipywidgets as widgets

SCALE = 1.5                       # explorer pictures: 1.5 pixels per screen pixel


class Picture:
    """A figure shown as one PNG rendering, for an explorer's output.

    ``figure`` is the matplotlib Figure the drawing function returned.
    """

    def __init__(self, figure):
        self.figure = figure

    def png(self):
        """The PNG bytes: one rendering at ``SCALE`` times the figure's dpi, fast compression."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=SCALE * self.figure.dpi,
                            pil_kwargs={"compress_level": 1})
        return buf.getvalue()

    def _repr_png_(self):
        width = round(self.figure.get_figwidth() * self.figure.dpi)    # shown at screen size
        return self.png(), {"width": width}


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
        Its ``.f`` calls ``draw`` with the slider values, ``.kwargs``, and returns the figure
        as a :class:`Picture` (``.figure``); ``draw``'s other keyword arguments keep their
        defaults.
    """
    for name, w in sliders.items():
        if hasattr(w, "continuous_update"):
            w.continuous_update = False
        w.style = {"description_width": "initial"}
        w.layout = widgets.Layout(width="420px")
    def redraw(**values):
        # Only the given sliders: interactive() would make a slider of every other keyword
        # argument of draw that has a default (functools.wraps would bring them back).
        return Picture(draw(**values))
    redraw.__name__, redraw.__doc__ = draw.__name__, draw.__doc__
    return widgets.interactive(redraw, {"auto_display": True}, **sliders)


def int_slider(description, value, min, max, step=1):
    """An IntSlider with the course's defaults."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description)


def float_slider(description, value, min, max, step):
    """A FloatSlider with the course's defaults."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout_format=".2f")
