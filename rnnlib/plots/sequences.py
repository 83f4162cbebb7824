"""Figures of notebook 01: feed-forward vs recurrent, a batch of sentences, the five patterns."""
import numpy as np
from matplotlib.patches import FancyArrowPatch

from ..style import PALETTE, new_figure
from ._draw import arrow, box, diagram_axes

IN, CELL, OUT = PALETTE["green"], PALETTE["sky"], PALETTE["orange"]
STATE = PALETTE["vermillion"]


def _big_arrow(ax, start, end, color="black", lw=3.0):
    """An arrow big enough to read from the back of a room."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=26, color=color,
                                 linewidth=lw, shrinkA=0, shrinkB=0))


def draw_feedforward_vs_recurrent():
    """Left: a feed-forward layer. Middle: a recurrent cell with its loop. Right: unrolled,
    starting from the initial state h_0."""
    fig, (ff, rec, unrolled) = new_figure(1, 3, figsize=(13, 4.2),
                                          gridspec_kw={"width_ratios": [1, 1, 2.7]})
    for ax in (ff, rec):
        diagram_axes(ax, (0, 3), (0, 4))
    diagram_axes(unrolled, (-1.2, 7.2), (0, 4))
    box(ff, 0.9, 0.2, 1.2, 0.7, "$x$", IN, fontsize=16)
    box(ff, 0.9, 1.65, 1.2, 0.7, "layer", CELL, fontsize=15)
    box(ff, 0.9, 3.1, 1.2, 0.7, "$y$", OUT, fontsize=16)
    arrow(ff, (1.5, 0.9), (1.5, 1.65))
    arrow(ff, (1.5, 2.35), (1.5, 3.1))
    ff.set_title("feed-forward:\nno memory")
    box(rec, 0.9, 0.2, 1.2, 0.7, "$x_t$", IN, fontsize=16)
    box(rec, 0.9, 1.65, 1.2, 0.7, "cell", CELL, fontsize=15)
    box(rec, 0.9, 3.1, 1.2, 0.7, "$h_t$", OUT, fontsize=16)
    arrow(rec, (1.5, 0.9), (1.5, 1.65))
    arrow(rec, (1.5, 2.35), (1.5, 3.1))
    arrow(rec, (2.1, 2.2), (2.1, 1.8), color=STATE, rad=-2.2, lw=2.5)
    rec.text(2.75, 2.0, "$h_{t-1}$", color=STATE, fontsize=16, ha="left", va="center")
    rec.set_title("recurrent:\na loop")
    box(unrolled, -1.1, 1.65, 1.0, 0.7, "$h_0 = 0$", PALETTE["yellow"], fontsize=14)
    arrow(unrolled, (-0.1, 2.0), (0.3, 2.0), color=STATE, lw=2.5)
    for t in range(3):
        x0 = 0.3 + 2.4 * t
        box(unrolled, x0, 0.2, 1.2, 0.7, f"$x_{t + 1}$", IN, fontsize=16)
        box(unrolled, x0, 1.65, 1.2, 0.7, "cell", CELL, fontsize=15)
        box(unrolled, x0, 3.1, 1.2, 0.7, f"$h_{t + 1}$", OUT, fontsize=16)
        arrow(unrolled, (x0 + 0.6, 0.9), (x0 + 0.6, 1.65))
        arrow(unrolled, (x0 + 0.6, 2.35), (x0 + 0.6, 3.1))
        if t < 2:
            arrow(unrolled, (x0 + 1.2, 2.0), (x0 + 2.4, 2.0), color=STATE, lw=2.5)
            unrolled.text(x0 + 1.8, 2.1, f"$h_{t + 1}$", color=STATE, fontsize=13,
                          ha="center", va="bottom")
    unrolled.set_title("the same cell, unrolled over 3 time steps, from $h_0$")
    return fig


def draw_batch(X, sentences, vocab):
    """A batch (N, T, D) drawn as N grids of T rows (words) by D columns (one-hot features).

    Everything is labelled with NumPy's indices, counted from 0: panel ``X[n]``, row
    ``X[n, t]``; the formulas' x_1 is ``X[:, 0]``.
    """
    N, T, D = X.shape
    fig, axes = new_figure(1, N, figsize=(3.8 * N, 3.8))
    axes = np.atleast_1d(axes)
    words = sorted(vocab, key=vocab.get)
    for n, ax in enumerate(axes):
        ax.imshow(X[n], cmap="Blues", vmin=0, vmax=1.4, aspect="equal")
        for t in range(T):
            for d in range(D):
                ax.text(d, t, f"{X[n, t, d]:g}", ha="center", va="center", fontsize=15,
                        color="white" if X[n, t, d] > 0.5 else "black")
        tokens = sentences[n].split()
        ax.set_yticks(range(T), [f"X[{n}, {t}]: {tokens[t]}" for t in range(T)])
        ax.set_xticks(range(D), [f"d={d}: {w}" for d, w in enumerate(words)])
        ax.tick_params(length=0)
        ax.grid(False)
        ax.set_title(f"X[{n}]: \"{sentences[n]}\"", fontsize=15)
    fig.suptitle(f"X has shape (N, T, D) = {X.shape}; indices count from 0")
    return fig


# Each pattern: the steps that read an input and the steps that give an output.
PATTERNS = {
    "one-to-one\n(feed-forward)": ([1], [1]),
    "one-to-many\n(image captioning)": ([1], [1, 2, 3]),
    "many-to-one\n(sentiment)": ([1, 2, 3], [3]),
    "many-to-many, synced\n(one output per input: 08)": ([1, 2, 3], [1, 2, 3]),
    "many-to-many, encoder-decoder\n(translation: 3 words in, 2 out)": ([1, 2, 3], [4, 5]),
}


# The panels of each row of the patterns figure, by their titles' order in PATTERNS.
PATTERN_ROWS = [[0, 1, 2], [3, 4]]


def draw_patterns():
    """The input-output patterns, one panel each in two rows (sized for a projector: every
    panel at the same scale, labels of 15-16 pt at a notebook's width): inputs x_t below,
    cells h_t in the middle, outputs y above; every arrow drawn large. Translation is an
    encoder-decoder: its outputs come after the whole input and their number differs from the
    input's; "encoder" and "decoder" are marked the same way, by a bracket under their cells."""
    items = list(PATTERNS.items())
    step = 1.8                                       # distance between two cells (data units)
    fig, first = new_figure(figsize=(10, 7.2), fast=True)
    fig.delaxes(first)
    span = lambda T: max(step * T + 0.45, 3.9)       # a panel's width in data units
    widest = max(sum(span(max(items[k][1][0] + items[k][1][1])) for k in row) + 0.6 * len(row)
                 for row in PATTERN_ROWS)
    for r, row in enumerate(PATTERN_ROWS):
        left = 0.01
        for k in row:
            title, (ins, outs) = items[k]
            T = max(ins + outs)
            width = span(T) / widest * 0.98
            ax = fig.add_axes([left, 0.52 - 0.5 * r, width, 0.4])
            left += width + 0.6 / widest * 0.98
            _draw_pattern(ax, title, ins, outs, T, step, span(T))
    return fig


def _draw_pattern(ax, title, ins, outs, T, step, width):
    """One panel of draw_patterns, ``width`` data units wide, its cells centred."""
    middle = (step * T + 0.65) / 2
    diagram_axes(ax, (middle - width / 2, middle + width / 2), (-1.05, 4.15))
    ax.set_aspect("equal")
    encoder_decoder = len(ins) > 1 and min(outs) > max(ins)
    for t in range(1, T + 1):
        x0 = step * (t - 1) + 0.3
        decoder = encoder_decoder and t > max(ins)
        box(ax, x0, 1.6, 1.0, 0.85, f"$h_{t}$", PALETTE["purple"] if decoder else CELL,
            fontsize=16)
        if t < T:
            _big_arrow(ax, (x0 + 1.0, 2.02), (x0 + step, 2.02), color=STATE)
        if t in ins:
            box(ax, x0, 0.0, 1.0, 0.8, f"$x_{t}$", IN, fontsize=16)
            _big_arrow(ax, (x0 + 0.5, 0.8), (x0 + 0.5, 1.6))
        if t in outs:
            k = outs.index(t) + 1
            box(ax, x0, 3.25, 1.0, 0.8, f"$y_{k}$" if len(outs) > 1 else "$y$", OUT,
                fontsize=16)
            _big_arrow(ax, (x0 + 0.5, 2.45), (x0 + 0.5, 3.25))
    if encoder_decoder:                              # both parts marked alike, under their cells
        for name, first, last in [("encoder", 1, max(ins)), ("decoder", max(ins) + 1, T)]:
            a, b = step * (first - 1) + 0.3, step * (last - 1) + 1.3
            ax.plot([a, a, b, b], [-0.15, -0.3, -0.3, -0.15], color="black", lw=1.5)
            ax.text((a + b) / 2, -0.42, name, ha="center", va="top", fontsize=15)
    ax.set_title(title, fontsize=16)
