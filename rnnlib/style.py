"""The one figure style of the course: large fonts for a projector, a colour-blind-safe palette.

Every notebook calls :func:`use_course_style` once; every figure function in
:mod:`rnnlib.plots` uses :data:`PALETTE` and builds its figure with :func:`new_figure`.
"""
import os

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from .language import hangul_font, korean, translate_figure

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency, and in greyscale by their lightness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CYCLE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]

COURSE_RC = {
    "figure.figsize": (8.0, 4.5),
    # 80 dpi sets the size a figure takes on the page. Notebooks send it as a "retina" PNG
    # of twice as many pixels per inch (use_course_style), sharp on high-resolution screens
    # and projectors; a figure saved to a file gets the same 160 dpi.
    "figure.dpi": 80,
    "savefig.dpi": 160,
    "font.size": 15,
    "axes.titlesize": 17,
    "axes.labelsize": 15,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "lines.linewidth": 2.5,
    "lines.markersize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
    "image.cmap": "cividis",
    "svg.hashsalt": "rnn-course",
}


def course_rc():
    """:data:`COURSE_RC`, with the Hangul font as the fallback of every text in the Korean
    edition."""
    if korean():
        return dict(COURSE_RC, **{"font.family": ["sans-serif", hangul_font()]})
    return COURSE_RC


class CourseFigure(Figure):
    """A Figure of the course: in the Korean edition (:func:`rnnlib.language.korean`) its
    texts are translated when it is drawn (:func:`rnnlib.language.translate_figure`), at one
    point for every figure, however its drawing function wrote them."""

    def draw(self, renderer):
        if korean():
            translate_figure(self)
        super().draw(renderer)


def use_course_style():
    """Set matplotlib's defaults to the course style (idempotent; call once per notebook).

    In a Jupyter kernel it also switches on the inline backend, so that a cell whose value
    is a Figure shows it as a picture from the first figure on, as a "retina" PNG: twice the
    pixels of ``figure.dpi``, shown at the same size. When ``rnn-course grade`` runs the
    notebook (``RNN_COURSE_GRADING=1``), nobody looks at the pictures: figures are not
    rendered at all, which halves the time a graded notebook takes. In the Korean edition
    every text falls back on a Hangul font (NanumGothic) for the glyphs the course's font
    lacks; English figures are unchanged.
    """
    matplotlib.rcParams.update(course_rc())
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        shell.run_line_magic("matplotlib", "inline")
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['retina']")
        matplotlib.rcParams.update(course_rc())   # the magic resets a few of them
        if os.environ.get("RNN_COURSE_GRADING") == "1":
            shell.display_formatter.formatters["image/png"].enabled = False


def new_figure(nrows=1, ncols=1, figsize=None, fast=False, **subplot_kw):
    """A figure in the course style and its axes, not registered with pyplot.

    Returns ``(fig, axes)`` like ``plt.subplots``; ``axes`` is one Axes when
    ``nrows == ncols == 1``. Because the figure is not a pyplot figure, an explorer that
    redraws it a hundred times leaks nothing and Jupyter shows it exactly once: as the value
    a cell or a drawing function returns.

    ``fast=True`` uses fixed margins instead of matplotlib's constrained layout, which draws
    the figure twice: explorers use it so that a slider move redraws in well under 100 ms.
    """
    with matplotlib.rc_context(course_rc()):
        fig = CourseFigure(figsize=figsize or COURSE_RC["figure.figsize"],
                     layout=None if fast else "constrained")
        axes = fig.subplots(nrows, ncols, squeeze=True, **subplot_kw)
        if fast:
            fig.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.89, wspace=0.3)
    return fig, axes


def _plain_power(v):
    """A power of ten as "1e-4", "1e0", "1e12": no plus sign, no leading zero."""
    mantissa, exponent = f"{v:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def plain_log_ticks(axis):
    """Label a log-scale axis "1e-4", "1e2", ... in plain text.

    The default labels are typeset as 10 to a power, which makes a redraw about a third
    slower: too slow for an explorer.

    >>> [_plain_power(v) for v in (1e-20, 1e-4, 1.0, 1e4, 1e28)]
    ['1e-20', '1e-4', '1e0', '1e4', '1e28']
    """
    axis.set_major_formatter(FuncFormatter(lambda v, _: _plain_power(v)))
    axis.set_minor_formatter(NullFormatter())


# ---- axis limits that stay put: a slider move that keeps them is blitted -------------------

def decade_limits(low, high):
    """(low, high) widened to whole decades: log-axis limits that stay put while the data
    move a little (an explorer then redraws only its curves)."""
    return 10.0 ** np.floor(np.log10(low)), 10.0 ** np.ceil(np.log10(high))


def steps_xlim(T, left=0.5, pad=0.5):
    """x-limits for time steps 1..T that stay put for T in 10k+1..10k+10: (left, the first
    multiple of 10 from T on, + ``pad``); at T = 10, 20, 30, ... (left, T + pad)."""
    return left, 10 * np.ceil(T / 10) + pad


def round_limits(low, high, margin=0.05, steps=6):
    """Linear-axis limits around data in [low, high]: ``margin`` of the range added on each
    side, then widened to whole multiples of a round step (1, 2 or 5 times a power of ten,
    at most ``steps`` steps). They stay put while the data move a little, so an explorer
    redraws only its lines; the data never touch them."""
    span = (high - low) or max(abs(high), 1.0)
    low, high = low - margin * span, high + margin * span
    step = 10.0 ** np.floor(np.log10((high - low) / steps))
    for m in (1, 2, 5, 10):
        if (high - low) / (m * step) <= steps:
            step *= m
            break
    return np.floor(low / step) * step, np.ceil(high / step) * step
