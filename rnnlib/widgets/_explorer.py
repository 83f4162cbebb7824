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

Most of a rendering's time is text (tick labels, axis labels, legends), which a slider move
rarely changes. A drawing object that declares the artists a move changes (``dynamic()``,
see :class:`Picture`) gets blitted: the rest of its figure is rendered once into a kept
background, and a move that keeps every axes' limits redraws only those artists on it (one
that changes only the limits of an axis declared dynamic draws that axis once more).
"""
import io

import ipywidgets as widgets
import numpy as np
from IPython import get_ipython

from ..language import korean, translate_figure, translate_slider
from ..style import CourseFigure
from matplotlib.axes import Axes
from matplotlib.axis import Axis
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

    ``figure`` is the matplotlib Figure the drawing function returned; ``drawing`` the drawing
    function or object itself. A drawing may declare what a slider move changes (blitting):

    - ``drawing.dynamic()`` -> list of the figure's artists that a move changes (lines, a
      title, markers, ...). An empty list, or no such method, renders the whole figure.
    - ``drawing.static_key()`` (optional) -> any value that changes whenever something else
      in the figure changed (tick labels set by hand, an image, ...).

    Then the rest of the figure (axes, ticks, tick labels, legends, static text), where
    almost all of a rendering's time goes (text), is rendered once into a background that is
    kept with the canvas; a move restores it and draws only the dynamic artists, in the order
    a full rendering draws them. The background is rendered again whenever the figure's
    size or dpi, any axes' position, limits or scales, the set of dynamic artists, the
    language (:func:`rnnlib.language.korean`) or the static key changed
    (:meth:`_signature`). A dynamic artist is drawn over the static ones: where it can
    cross a static artist that a full rendering draws in front of it (a legend, a later
    line of the same zorder), the drawing declares that artist dynamic too; the spines of
    their axes are added here (drawn over lines at the axes' edge). An axis declared
    dynamic (``ax.xaxis``: ticks, tick labels, grid, label) takes its limits out of the
    signature; then everything else in that axes that depends on them must be dynamic. The
    dynamic axes that can be drawn before every other dynamic artist (:func:`_kept_axes`)
    are kept drawn on a second background, for as long as their ticks and labels stay: a
    move that changes only them draws them once onto the first (:meth:`_blit`). A drawing
    may add dynamic artists of its own to that background:

    - ``drawing.kept()`` (optional) -> dynamic artists that a full rendering could draw
      before all the other dynamic ones (they overlap none of those drawn in between);
    - ``drawing.kept_key()`` -> any value that changes whenever they changed.
    ``tests/test_widgets.py`` compares every explorer's blitted moves with full renderings,
    pixel for pixel.
    """

    def __init__(self, figure, drawing=None):
        self.figure = figure
        self.drawing = drawing

    def png(self):
        """The PNG bytes: one rendering at ``SCALE`` times the figure's dpi, fast compression."""
        fig = self.figure
        canvas = fig.canvas if isinstance(fig.canvas, _Canvas) else _Canvas(fig)
        dynamic = self._dynamic()
        screen_dpi = fig.dpi
        fig.dpi = SCALE * screen_dpi
        try:
            if dynamic:
                self._blit(canvas, dynamic)
            else:
                canvas.draw()
            return _encode(canvas)
        finally:
            fig.dpi = screen_dpi

    def _dynamic(self):
        """The declared dynamic artists, and the spines of their axes: a full rendering draws
        the spines over the lines (zorder 2.5), and a line at the edge of the axes (an
        axhline) reaches under them."""
        declare = getattr(self.drawing, "dynamic", None)
        dynamic = list(declare()) if declare is not None else []
        for ax in {id(a.axes): a.axes for a in dynamic if a.axes is not None}.values():
            if ax.axison:
                dynamic += [s for s in ax.spines.values() if s.get_visible()]
        return dynamic

    def _blit(self, canvas, dynamic):
        """Restore a kept background and draw the dynamic artists on it.

        Two backgrounds are kept: the static part (rendered once per :meth:`_signature`),
        and that part with the kept artists drawn on it: the dynamic axes that can be drawn
        first (:func:`_kept_axes`) and the drawing's ``kept()``, as long as the axes' ticks
        and labels and the drawing's ``kept_key()`` stay (:meth:`_kept_key`). A move that
        keeps those restores the second background; one that changes only them restores
        the first and draws them there (then kept); any other renders the static part
        again. ``canvas.blitted`` is False after a full rendering; ``canvas.axes_redrawn``
        is True when the kept artists were drawn again.
        """
        if korean() and isinstance(self.figure, CourseFigure):
            translate_figure(self.figure)         # what CourseFigure.draw does: new titles
        kept, rest = _kept_axes(self.figure, _in_drawing_order(self.figure, dynamic))
        declared = getattr(self.drawing, "kept", None)
        if declared is not None:                  # the drawing's own, kept with the axes
            own = {id(a) for a in declared()}
            kept = _in_drawing_order(self.figure, kept + [a for a in rest if id(a) in own])
            rest = [a for a in rest if id(a) not in own]
        signature = self._signature(dynamic)
        cached = getattr(canvas, "_background", None)  # (signature, region, kept key, region)
        for artist in dynamic:
            artist.set_animated(True)             # skipped by a full rendering
        try:
            if cached is not None and cached[0] == signature:
                # the renderer of this size (a savefig at another dpi may have left another)
                canvas.renderer = renderer = canvas.get_renderer()
                kept_key = self._kept_key(kept)
                canvas.blitted, canvas.axes_redrawn = True, cached[2] != kept_key
                if not canvas.axes_redrawn:
                    canvas.restore_region(cached[3])
                else:
                    canvas.restore_region(cached[1])
                    for artist in kept:
                        artist.draw(renderer)
                    canvas._background = (*cached[:2], kept_key,
                                          canvas.copy_from_bbox(self.figure.bbox))
            else:
                canvas.blitted, canvas.axes_redrawn = False, False
                canvas.draw()
                renderer = canvas.renderer
                # as drawn: a draw may settle an axes' position (aspect, colour bar)
                signature = self._signature(dynamic)
                static = canvas.copy_from_bbox(self.figure.bbox)
                for artist in kept:
                    artist.draw(renderer)
                canvas._background = (signature, static, self._kept_key(kept),
                                      canvas.copy_from_bbox(self.figure.bbox) if kept else static)
            for artist in rest:
                artist.draw(renderer)
        finally:
            for artist in dynamic:
                artist.set_animated(False)        # a static display of the figure draws all

    def _kept_key(self, kept):
        """What the second background depends on: the kept axes' ticks and labels, and the
        drawing's ``kept_key()``."""
        key = getattr(self.drawing, "kept_key", None)
        return (tuple(_axis_key(a) for a in kept if isinstance(a, Axis)),
                key() if key is not None else None)

    def _signature(self, dynamic):
        """What the static background depends on beyond the drawing's ``static_key``."""
        fig = self.figure
        key = getattr(self.drawing, "static_key", None)
        drawn = {id(a) for a in dynamic}
        axes = []
        for ax in _all_axes(fig):
            # an axis that is itself dynamic (its ticks and labels redrawn at every move)
            # takes its limits along: then the drawing makes all that depends on them dynamic
            x = None if id(ax.xaxis) in drawn else (ax.get_xlim(), ax.get_xscale())
            y = None if id(ax.yaxis) in drawn else (ax.get_ylim(), ax.get_yscale())
            axes.append((ax.get_visible(), tuple(ax.get_position().bounds), x, y))
        return (korean(), tuple(fig.get_size_inches()), fig.dpi, tuple(axes),
                tuple(id(a) for a in dynamic), key() if key is not None else None)

    def screen_width(self):
        """The figure's width in screen pixels (the PNG has ``SCALE`` times as many)."""
        return round(self.figure.get_figwidth() * self.figure.dpi)

    def _repr_png_(self):
        return self.png(), {"width": self.screen_width()}


def _encode(canvas):
    """The canvas's pixels as PNG bytes (RGB when opaque: a quarter less to encode)."""
    size = canvas.get_width_height(physical=True)
    rgba = canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)
    if np.asarray(rgba)[..., 3].min() == 255:
        image = image.convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _all_axes(fig):
    """Every Axes of ``fig``, inset (child) axes too."""
    stack, found = list(fig.axes), []
    while stack:
        ax = stack.pop(0)
        found.append(ax)
        stack.extend(ax.child_axes)
    return found


def _kept_axes(fig, ordered):
    """Split dynamic artists, in drawing order, into (axes, rest): the dynamic axes
    (``ax.xaxis``, ``ax.yaxis``) that can be drawn before all the rest, and the rest in order.

    An axis can when no other dynamic artist is drawn before it in its own axes, in an axes
    whose area overlaps its axes' area (a twin, an inset and its parent), or outside every
    axes (a figure title). Artists of the other axes lie elsewhere in the figure.
    """
    root = {}
    for top in fig.axes:
        for ax in [top, *top.child_axes]:
            root.setdefault(id(ax), top)
    axes, rest = [], []
    for artist in ordered:
        if isinstance(artist, Axis):
            mine = root.get(id(artist.axes), artist.axes)
            if all(a.axes is not None
                   and not _overlap(root.get(id(a.axes), a.axes), mine) for a in rest):
                axes.append(artist)
                continue
        rest.append(artist)
    return axes, rest


def _overlap(ax1, ax2):
    """Whether two axes' areas (with their child axes) share any pixel."""
    boxes = [[ax.bbox for ax in (a, *a.child_axes)] for a in (ax1, ax2)]
    return ax1 is ax2 or any(b1.overlaps(b2) for b1 in boxes[0] for b2 in boxes[1])


def _axis_key(axis):
    """What an axis draws: its limits and scale, ticks, tick labels and label."""
    ax = axis.axes
    limits = ax.get_xlim() if axis is ax.xaxis else ax.get_ylim()
    major, minor = tuple(axis.get_majorticklocs()), tuple(axis.get_minorticklocs())
    return (limits, axis.get_scale(), major, minor,
            tuple(axis.get_major_formatter().format_ticks(major)),
            tuple(axis.get_minor_formatter().format_ticks(minor)), axis.get_label_text())


def _in_drawing_order(fig, artists):
    """``artists`` sorted as a full rendering draws them: the figure's children by zorder
    (stable), each Axes' children by zorder inside it, child axes inside their parent."""
    order = {}

    def walk(container, prefix):
        for i, child in enumerate(container.get_children()):
            key = prefix + ((child.get_zorder(), i),)
            order[id(child)] = key
            if isinstance(child, Axes):
                walk(child, key)
    walk(fig, ())
    last = ((np.inf, 0),)                         # not found among the children: drawn last
    return sorted(artists, key=lambda a: order.get(id(a), last))


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
        ``draw(**values) -> matplotlib.figure.Figure``. If it has a ``dynamic()`` method (and
        optionally ``static_key()``), a move is blitted: see :class:`Picture`.
    **sliders : ipywidgets.Widget
        One widget per keyword argument of ``draw`` (``IntSlider``, ``FloatSlider``, ...).
        Sliders redraw when released (``continuous_update=False``), so a drag on a projector
        never queues dozens of redraws.

    Returns
    -------
    ipywidgets.interactive
        Its ``.f`` calls ``draw`` with the slider values, ``.kwargs``, and returns the figure
        as a :class:`Picture` (``.figure``, ``.drawing``); ``draw``'s other keyword arguments
        keep their defaults.
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
        return Picture(draw(**values), draw)
    redraw.__name__, redraw.__doc__ = draw.__name__, draw.__doc__
    return Explorer(redraw, **sliders)


def int_slider(description, value, min, max, step=1):
    """An IntSlider with the course's defaults."""
    return widgets.IntSlider(value=value, min=min, max=max, step=step, description=description)


def float_slider(description, value, min, max, step):
    """A FloatSlider with the course's defaults."""
    return widgets.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                               readout_format=".2f")
