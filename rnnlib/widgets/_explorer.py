"""explorer(): the one way the course builds a slider explorer.

An explorer is an ``ipywidgets.interactive`` around a plain drawing function. The drawing
function takes the slider values as keyword arguments and returns a matplotlib Figure, so a
test (or a notebook cell) can call it without a browser.

A slider move must redraw at once, so an explorer shows its figure as a :class:`Picture`:
rendered once, at 1.5 times the screen resolution (the static figures use the inline
backend's 2x "retina" PNG, with a tight bounding box, which renders twice), with fast PNG
compression, by a renderer that is kept from one redraw to the next (:class:`_Canvas`).
The PNG goes to the browser as the new value of one ``ipywidgets.Image`` (a binary message:
no base64, no clearing and re-rendering of an output area, no copy of the picture sent back
to the kernel), shown at screen size (:class:`Explorer`).
"""
import io

import ipywidgets as widgets
import numpy as np
from IPython import get_ipython

from ..language import translate_slider
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from PIL import Image

SCALE = 1.5                       # explorer pictures: 1.5 pixels per screen pixel


class _Canvas(FigureCanvasAgg):
    """An Agg canvas whose renderer is shared by every figure of the same pixel size and dpi.

    matplotlib caches the layout of every text (its size, and the parse of each $math$
    label) per renderer, and ``savefig`` makes a new renderer on every call: each redraw
    then measured and typeset all its labels again, most of a redraw's time. Kept here,
    the renderer keeps those caches from one slider move to the next, also for a drawing
    function that builds a new Figure every time.
    """

    _renderers = {}               # (width, height, dpi) -> RendererAgg, the last few used
    KEEP = 4                      # a notebook shows one or two explorers at a time

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = (w, h, self.figure.dpi)
        renderer = self._renderers.pop(key, None)
        if renderer is None:
            renderer = RendererAgg(w, h, self.figure.dpi)
        self._renderers[key] = renderer           # now the most recently used
        while len(self._renderers) > self.KEEP:   # each holds its pixels, a few MB
            del self._renderers[next(iter(self._renderers))]
        return renderer


class Picture:
    """A figure shown as one PNG rendering, for an explorer's output.

    ``figure`` is the matplotlib Figure the drawing function returned.
    """

    def __init__(self, figure):
        self.figure = figure

    def png(self):
        """The PNG bytes: one rendering at ``SCALE`` times the figure's dpi, fast compression."""
        fig = self.figure
        canvas = fig.canvas if isinstance(fig.canvas, _Canvas) else _Canvas(fig)
        screen_dpi = fig.dpi
        fig.dpi = SCALE * screen_dpi
        try:
            canvas.draw()
            size = canvas.get_width_height(physical=True)
            rgba = canvas.buffer_rgba()
            image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
            if np.asarray(rgba)[..., 3].min() == 255:    # opaque: RGB, a quarter less to encode
                image = image.convert("RGB")
            buf = io.BytesIO()
            image.save(buf, format="png", compress_level=1)
        finally:
            fig.dpi = screen_dpi
        return buf.getvalue()

    def screen_width(self):
        """The figure's width in screen pixels (the PNG has ``SCALE`` times as many)."""
        return round(self.figure.get_figwidth() * self.figure.dpi)

    def _repr_png_(self):
        return self.png(), {"width": self.screen_width()}


class Explorer(widgets.interactive):
    """An ``interactive`` that shows each Picture as the new value of one ``Image`` widget.

    ``interactive`` itself clears its Output widget and displays the result in it on every
    move: the PNG travels base64-encoded, the browser rebuilds the output area, and
    ipywidgets 8 sends the new outputs back to the kernel, which echoes them again. Here the
    PNG is the Image's ``value``, one binary buffer to the browser. ``.f``, ``.kwargs`` and
    ``.result`` are as in ``interactive``; an error raised by the drawing function shows its
    traceback in the Output widget below the picture (and the last good picture stays).
    """

    def __init__(self, f, **sliders):
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%",
                                                                      height="auto"))
        self._error_shown = False
        super().__init__(f, {"auto_display": False}, **sliders)   # draws the first picture
        self.children = (*self.children[:-1], self.image, self.out)

    def update(self, *args):
        self.kwargs = {}
        try:
            for widget in self.kwargs_widgets:
                self.kwargs[widget._kwarg] = widget.get_interact_value()
            self.result = self.f(**self.kwargs)
            png = self.result.png()
        except Exception as error:
            self.out.clear_output(wait=True)
            with self.out:
                ip = get_ipython()
                if ip is None:
                    self.log.warning("Exception in interact callback: %s", error, exc_info=True)
                else:
                    ip.showtraceback()
            self._error_shown = True
            return
        if self._error_shown:
            self.out.clear_output()
            self._error_shown = False
        width = f"{self.result.screen_width()}px"
        if self.image.layout.width != width:
            self.image.layout.width = width
        self.image.value = png


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
        translate_slider(w)                  # its label in Korean in the Korean edition
        w.layout = widgets.Layout(width="420px")
    def redraw(**values):
        # Only the given sliders: interactive() would make a slider of every other keyword
        # argument of draw that has a default (functools.wraps would bring them back).
        return Picture(draw(**values))
    redraw.__name__, redraw.__doc__ = draw.__name__, draw.__doc__
    return Explorer(redraw, **sliders)


def int_slider(description, value, min, max, step=1):
    """An IntSlider with the course's defaults."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description)


def float_slider(description, value, min, max, step):
    """A FloatSlider with the course's defaults."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout_format=".2f")
