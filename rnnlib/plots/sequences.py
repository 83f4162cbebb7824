"""Figures of notebook 01: feed-forward vs recurrent, a batch of sentences, the four patterns."""
import numpy as np

from ..style import PALETTE, new_figure
from ._draw import arrow, box, diagram_axes

IN, CELL, OUT = PALETTE["green"], PALETTE["sky"], PALETTE["orange"]


def draw_feedforward_vs_recurrent():
    """Left: a feed-forward layer. Middle: a recurrent cell with its loop. Right: unrolled."""
    fig, (ff, rec, unrolled) = new_figure(1, 3, figsize=(13, 4.2),
                                          gridspec_kw={"width_ratios": [1, 1, 2.4]})
    for ax in (ff, rec):
        diagram_axes(ax, (0, 3), (0, 4))
    diagram_axes(unrolled, (0, 7.2), (0, 4))
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
    arrow(rec, (2.1, 2.2), (2.1, 1.8), color=PALETTE["vermillion"], rad=-2.2, lw=2.5)
    rec.text(2.75, 2.0, "$h_{t-1}$", color=PALETTE["vermillion"], fontsize=16, ha="left",
             va="center")
    rec.set_title("recurrent:\na loop")
    for t in range(3):
        x0 = 0.3 + 2.4 * t
        box(unrolled, x0, 0.2, 1.2, 0.7, f"$x_{t + 1}$", IN, fontsize=16)
        box(unrolled, x0, 1.65, 1.2, 0.7, "cell", CELL, fontsize=15)
        box(unrolled, x0, 3.1, 1.2, 0.7, f"$h_{t + 1}$", OUT, fontsize=16)
        arrow(unrolled, (x0 + 0.6, 0.9), (x0 + 0.6, 1.65))
        arrow(unrolled, (x0 + 0.6, 2.35), (x0 + 0.6, 3.1))
        if t < 2:
            arrow(unrolled, (x0 + 1.2, 2.0), (x0 + 2.4, 2.0), color=PALETTE["vermillion"],
                  lw=2.5)
    unrolled.set_title("the same cell, unrolled over 3 time steps")
    return fig


def draw_batch(X, sentences, vocab):
    """A batch (N, T, D) drawn as N grids of T rows (words) by D columns (one-hot features)."""
    N, T, D = X.shape
    fig, axes = new_figure(1, N, figsize=(3.6 * N, 3.8))
    axes = np.atleast_1d(axes)
    words = sorted(vocab, key=vocab.get)
    for n, ax in enumerate(axes):
        ax.imshow(X[n], cmap="Blues", vmin=0, vmax=1.4, aspect="equal")
        for t in range(T):
            for d in range(D):
                ax.text(d, t, f"{X[n, t, d]:g}", ha="center", va="center", fontsize=15,
                        color="white" if X[n, t, d] > 0.5 else "black")
        tokens = sentences[n].split()
        ax.set_yticks(range(T), [f"t={t + 1}: {tokens[t]}" for t in range(T)])
        ax.set_xticks(range(D), words)
        ax.tick_params(length=0)
        ax.grid(False)
        ax.set_title(f"n={n}: \"{sentences[n]}\"", fontsize=15)
    fig.suptitle(f"X has shape (N, T, D) = {X.shape}: N sentences, T words, D features")
    return fig


def draw_patterns():
    """one-to-one, one-to-many, many-to-one and many-to-many (inputs bottom, outputs top)."""
    layouts = {
        "one-to-one": ([0], [0]),
        "one-to-many\n(image captioning)": ([0], [0, 1, 2]),
        "many-to-one\n(sentiment)": ([0, 1, 2], [2]),
        "many-to-many\n(translation)": ([0, 1, 2], [1, 2, 3]),
    }
    fig, axes = new_figure(1, 4, figsize=(14, 4.4))
    for ax, (title, (ins, outs)) in zip(axes, layouts.items()):
        steps = max(ins + outs) + 1
        diagram_axes(ax, (-0.2, 4.2), (-0.2, 4.4))
        # boxes 0.7 wide with gaps of 0.3: room for a visible arrow from cell to cell
        for t in range(steps):
            box(ax, t + 0.15, 1.55, 0.7, 0.7, "", CELL)
            if t + 1 < steps:
                arrow(ax, (t + 0.85, 1.9), (t + 1.15, 1.9), color=PALETTE["vermillion"],
                      lw=2.5)
        for t in ins:
            box(ax, t + 0.15, 0.1, 0.7, 0.7, "$x$", IN, fontsize=16)
            arrow(ax, (t + 0.5, 0.8), (t + 0.5, 1.55))
        for t in outs:
            box(ax, t + 0.15, 3.0, 0.7, 0.7, "$y$", OUT, fontsize=16)
            arrow(ax, (t + 0.5, 2.25), (t + 0.5, 3.0))
        ax.set_title(title, fontsize=15)
    return fig
