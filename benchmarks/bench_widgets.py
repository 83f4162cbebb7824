"""Time one redraw of every slider explorer, before and after blitting, side by side.

    python benchmarks/bench_widgets.py

A redraw is what a slider move costs in the kernel: the drawing function and the PNG the
browser receives (``Picture.png``). For each explorer and each of its sliders (and the
weight-scale explorer's activation menu), moves from the slider's default: one step up and
one step down (what a key press on a focused slider does) and to each end. Each move is
timed ``REPS`` times (the figure first put back at the default, untimed), old and new
alternately, and the medians printed:

- ``old``: the whole figure rendered at every move, as before blitting (for the tanh-point
  and highway explorers, their drawing functions, which built a new figure per call);
- ``new``: the explorer as it is: where the drawing declares its dynamic artists, a move
  that keeps every axes' limits restores the rendered background and draws only those
  (``blit`` = yes); where it declares an axis dynamic too (``ax.xaxis``), a move that
  changes only that axis's limits restores the background without it and draws the axis
  (``blit`` = axes); a move that changes other limits renders the whole figure again
  (``blit`` = no).

Wall-clock and processor milliseconds of both (a redraw runs on one core, so processor time
is what it would take on an idle machine; on a shared machine the wall clock grows with the
load). Budget: 100 ms per redraw, 500 ms for the retrain explorer. The first line renders a
trivial figure (one line, no labels) the same way, for scale.

The last table walks every slider over its whole range one step at a time, up and back
down, and counts the moves that keep the background (blitted): how often a key press gets
the fast redraw.
"""
import contextlib
import io
import time

import ipywidgets as widgets
import numpy as np

from rnnlib.plots.lstm import draw_gradient_highway
from rnnlib.plots.nonlinearity import draw_tanh_point
from rnnlib.style import use_course_style
from rnnlib.widgets import EXPLORERS
from rnnlib.widgets._explorer import Picture

REPS = 7
OLD_DRAWING = {"tanh_point_explorer": draw_tanh_point,        # a new figure per call
               "highway_explorer": draw_gradient_highway}


def _timed(call):
    cpu, start = time.process_time(), time.perf_counter()
    blitted = call()
    return time.perf_counter() - start, time.process_time() - cpu, blitted


def move_ms(explorer, old_draw, name, value):
    """Median (old wall, old CPU, new wall, new CPU) ms of moving ``name`` from its default
    to ``value``, and whether the new redraw was blitted."""
    start = dict(explorer.kwargs)
    moved = dict(start, **{name: value})

    def old():
        figure = old_draw(**moved) if old_draw else explorer.f(**moved).figure
        Picture(figure).png()                    # no drawing declared: the whole figure

    def new():
        picture = explorer.f(**moved)
        picture.png()
        canvas = picture.figure.canvas
        if getattr(canvas, "axes_redrawn", False):
            return "axes"
        return "yes" if getattr(canvas, "blitted", False) else "no"

    rows = []
    for _ in range(REPS):
        explorer.f(**start).png()                # back at the default, background rendered
        if old_draw:
            Picture(old_draw(**start)).png()
        o_wall, o_cpu, _ = _timed(old)
        explorer.f(**start).png()
        n_wall, n_cpu, blitted = _timed(new)
        rows.append((o_wall, o_cpu, n_wall, n_cpu))
    explorer.f(**start).png()
    return tuple(1e3 * float(np.median(c)) for c in zip(*rows)), blitted


def trivial_ms(reps=5):
    """One line in an empty figure, rendered the same way: matplotlib's floor on this machine."""
    from matplotlib.figure import Figure
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fig = Figure()
        fig.subplots().plot([0, 1])
        Picture(fig).png()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def moves(slider):
    """(label, value): a key press each way from the default, and the two ends."""
    if isinstance(slider, widgets.Dropdown):
        options = list(slider.options)
        return [("next", options[(options.index(slider.value) + 1) % len(options)])]
    out = []
    for label, value in (("+1 step", slider.value + slider.step),
                         ("-1 step", slider.value - slider.step),
                         ("min", slider.min), ("max", slider.max)):
        if slider.min <= value <= slider.max and value != slider.value:
            out.append((label, round(value, 10)))
    return out


def main():
    use_course_style()
    print(f"{'a trivial figure, for scale':48s} {trivial_ms():6.1f} ms")
    print(f"{'explorer':22s} {'slider':13s} {'move':8s} {'to':>6s}   old ms (CPU)    "
          f"new ms (CPU)   new/old  blit")
    for factory in EXPLORERS:
        with contextlib.redirect_stdout(io.StringIO()):   # outside a kernel it prints a repr
            w = factory()
        old_draw = OLD_DRAWING.get(factory.__name__)
        for name, slider in zip(w.kwargs, w.kwargs_widgets):
            for label, value in moves(slider):
                (o, oc, n, nc), blitted = move_ms(w, old_draw, name, value)
                print(f"{factory.__name__:22s} {name:13s} {label:8s} {value!s:>6s} "
                      f"{o:7.1f} ({oc:5.1f})  {n:7.1f} ({nc:5.1f})   {n / o:5.2f}   "
                      f"{blitted}")


def blit_counts(explorer, name, slider):
    """(blitted moves, of them with an axis redrawn, moves) of one-step moves over the
    slider's whole range, both ways."""
    if isinstance(slider, widgets.Dropdown):
        values = list(slider.options)
    else:
        kind = type(slider.value)
        values = [kind(round(float(v), 10))
                  for v in np.arange(slider.min, slider.max + slider.step / 2, slider.step)]
    start = dict(explorer.kwargs)
    explorer.f(**dict(start, **{name: values[0]})).png()
    blitted = axes = 0
    for value in values[1:] + values[::-1][1:]:
        picture = explorer.f(**dict(start, **{name: value}))
        picture.png()
        blitted += getattr(picture.figure.canvas, "blitted", False)
        axes += getattr(picture.figure.canvas, "axes_redrawn", False)
    explorer.f(**start).png()
    return blitted, axes, 2 * (len(values) - 1)


def main_counts():
    print(f"\n{'explorer':22s} {'slider':13s} one-step moves over the whole range, both ways")
    for factory in EXPLORERS:
        with contextlib.redirect_stdout(io.StringIO()):
            w = factory()
        if not hasattr(w.f(**w.kwargs).drawing, "dynamic"):
            print(f"{factory.__name__:22s} {'(all)':13s} no dynamic artists declared: "
                  "every move renders the whole figure")
            continue
        for name, slider in zip(w.kwargs, w.kwargs_widgets):
            blitted, axes, n = blit_counts(w, name, slider)
            print(f"{factory.__name__:22s} {name:13s} {blitted:3d} of {n:3d} blitted"
                  + (f" ({axes} with an axis redrawn)" if axes else ""))


if __name__ == "__main__":
    main()
    main_counts()
