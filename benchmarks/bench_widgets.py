"""Time one redraw of every slider explorer: the drawing function plus its PNG, as shown.

    python benchmarks/bench_widgets.py

For each explorer and each of its sliders, the slider is moved to a new value and the figure
drawn and rendered as the browser receives it (``Picture.png``); prints the median
milliseconds of the whole redraw, of the drawing function alone and of the PNG alone (matplotlib
drawing the artists at 1.5 times the dpi, and the PNG encoding), and the time of a trivial
figure (one line, no labels) on this machine for scale. Budget: 100 ms per redraw, 500 ms for
the retrain explorer. A redraw runs on one core, so the last column, the processor time of
the whole redraw, is what it would take on an idle machine: on a shared machine the wall-clock
times above it grow with the load, processor time much less.
"""
import contextlib
import io
import time

import ipywidgets as widgets
import numpy as np

from rnnlib.style import use_course_style
from rnnlib.widgets import EXPLORERS


def redraw_ms(explorer, name, value, reps=5):
    """Median ms of (draw + PNG, draw alone, PNG alone, processor time of draw + PNG) with
    slider ``name`` at ``value``."""
    kwargs = dict(explorer.kwargs, **{name: value})
    times = []
    for _ in range(reps):
        cpu, start = time.process_time(), time.perf_counter()
        picture = explorer.f(**kwargs)         # the drawing function
        drawn = time.perf_counter()
        picture.png()                          # the picture the browser gets
        end = time.perf_counter()
        times.append((end - start, drawn - start, end - drawn, time.process_time() - cpu))
    return tuple(1e3 * float(np.median(column)) for column in zip(*times))


def trivial_ms(reps=5):
    """One line in an empty figure, rendered the same way: matplotlib's floor on this machine."""
    from matplotlib.figure import Figure
    from rnnlib.widgets._explorer import Picture
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fig = Figure()
        fig.subplots().plot([0, 1])
        Picture(fig).png()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def main():
    use_course_style()
    print(f"{'a trivial figure, for scale':48s} {trivial_ms():6.1f} ms")
    print(f"{'explorer':24s} {'slider':14s}   {'value':6s}  redraw    draw     PNG     CPU (ms)")
    for factory in EXPLORERS:
        with contextlib.redirect_stdout(io.StringIO()):   # outside a kernel it prints a repr
            w = factory()
        for name, slider in zip(w.kwargs, w.kwargs_widgets):
            if not isinstance(slider, (widgets.IntSlider, widgets.FloatSlider)):
                continue
            for value in (slider.min, slider.max):
                total, draw, png, cpu = redraw_ms(w, name, value)
                print(f"{factory.__name__:24s} {name:14s} = {value:<6g} {total:6.1f} "
                      f"{draw:7.1f} {png:7.1f} {cpu:7.1f}")


if __name__ == "__main__":
    main()
