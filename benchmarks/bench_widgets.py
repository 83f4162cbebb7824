"""Time one redraw of every slider explorer: the drawing function plus its PNG, as shown.

    python benchmarks/bench_widgets.py

For each explorer and each of its sliders, the slider is moved to a new value and the figure
drawn and rendered as the browser receives it (``Picture.png``); prints the median
milliseconds, and the time of a trivial figure (one line, no labels) on this machine for scale.
"""
import contextlib
import io
import time

import ipywidgets as widgets
import numpy as np

from rnnlib.style import use_course_style
from rnnlib.widgets import EXPLORERS


def redraw_ms(explorer, name, value, reps=5):
    kwargs = dict(explorer.kwargs, **{name: value})
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        explorer.f(**kwargs).png()             # the drawing and the picture the browser gets
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


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
    for factory in EXPLORERS:
        with contextlib.redirect_stdout(io.StringIO()):   # outside a kernel it prints a repr
            w = factory()
        for name, slider in zip(w.kwargs, w.kwargs_widgets):
            if not isinstance(slider, (widgets.IntSlider, widgets.FloatSlider)):
                continue
            for value in (slider.min, slider.max):
                ms = redraw_ms(w, name, value)
                print(f"{factory.__name__:24s} {name:14s} = {value:<6g} {ms:6.1f} ms")


if __name__ == "__main__":
    main()
