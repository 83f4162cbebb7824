"""Figures of notebook 05: hidden states of the "as soon as" sentences, the unrolled graph,
stacked layers, and the hidden-size explorer's drawing."""
import numpy as np

from ..data import as_soon_as
from ..model import ManyToOne
from ..style import PALETTE, new_figure
from ._draw import arrow, box, diagram_axes

SENTENCES = ["as as soon", "soon as as", "as soon as"]


def plot_hidden_states(h, sentences=SENTENCES, title=None, fast=False, numbers=True):
    """One heat map per sentence: rows are time steps, columns hidden units.

    h : array (N, T, H), values in (-1, 1).
    numbers : write each value in its cell (when H <= 4, where they stay legible).
    fast : fixed margins, for the explorer (see :func:`rnnlib.style.new_figure`).
    """
    N, T, H = h.shape
    fig, axes = new_figure(1, N, figsize=(4.2 * N + 1.0, 1.1 * T + 1.9), fast=fast)
    if fast:
        fig.subplots_adjust(left=0.1, right=0.93, bottom=0.12, top=0.78, wspace=0.45)
    axes = list(np.atleast_1d(axes))
    for n, ax in enumerate(axes):
        image = ax.imshow(h[n], cmap="PuOr", vmin=-1, vmax=1, aspect="auto")
        if numbers and H <= 4:
            for t in range(T):
                for j in range(H):
                    v = h[n, t, j]                # white on the darkest cells
                    ax.text(j, t, f"{v:.2f}", ha="center", va="center", fontsize=13,
                            color="white" if abs(v) > 0.75 else "black")
        words = sentences[n].split()
        ax.set_yticks(range(T), [f"$h_{{{t + 1}}}$ ({words[t]})" for t in range(T)])
        _unit_ticks(ax, H)
        ax.tick_params(length=0, labelsize=13)
        ax.grid(False)
        ax.set_title(f'"{sentences[n]}"', fontsize=15)
    bar = fig.colorbar(image, ax=axes, fraction=0.04, pad=0.02, aspect=12,
                       ticks=[-1, -0.5, 0, 0.5, 1])
    bar.set_label("h value")
    bar.ax.tick_params(labelsize=13)
    if title:
        fig.suptitle(title)
    return fig


def _unit_ticks(ax, H):
    """Columns labelled "unit 1".. when H <= 4, else bare numbers under "hidden unit"."""
    ax.set_xticks(range(H), [f"unit {j + 1}" for j in range(H)] if H <= 4
                  else [str(j + 1) for j in range(H)])
    ax.set_xlabel("hidden unit" if H > 4 else "", fontsize=13)


def draw_unrolled(T=3):
    """x_1 .. x_T -> h_1 .. h_T -> y, with the same W_x, W_h on every step and W_y at the end.

    The row-form symbols of the course (h_t = tanh(x_t W_x + h_{t-1} W_h + b)).
    """
    fig, ax = new_figure(figsize=(12, 4.6))
    diagram_axes(ax, (-2.0, 2.6 * T + 1.6), (-0.3, 5.2))
    box(ax, -1.9, 1.9, 1.4, 0.8, "$h_0 = 0$", PALETTE["sky"], fontsize=15, alpha=0.4)
    arrow(ax, (-0.5, 2.3), (0.3, 2.3), color=PALETTE["vermillion"])
    edge = dict(fontsize=17, color="black")       # the weights on the edges: dark and large
    ax.text(-0.1, 2.42, "$W_h$", ha="center", va="bottom", **edge)   # h_0 W_h too (0 at h_0 = 0)
    for t in range(T):
        x0 = 0.3 + 2.6 * t
        box(ax, x0, 0.1, 1.2, 0.8, f"$x_{t + 1}$", PALETTE["green"], fontsize=17)
        box(ax, x0, 1.9, 1.2, 0.8, f"$h_{t + 1}$", PALETTE["sky"], fontsize=17)
        arrow(ax, (x0 + 0.6, 0.9), (x0 + 0.6, 1.9))
        ax.text(x0 + 0.72, 1.4, "$W_x$", ha="left", va="center", **edge)
        if t < T - 1:
            arrow(ax, (x0 + 1.2, 2.3), (x0 + 2.6, 2.3), color=PALETTE["vermillion"])
            ax.text(x0 + 1.9, 2.42, "$W_h$", ha="center", va="bottom", **edge)
    last = 0.3 + 2.6 * (T - 1)
    box(ax, last, 3.9, 1.2, 0.8, "$z$", PALETTE["orange"], fontsize=17)
    arrow(ax, (last + 0.6, 2.7), (last + 0.6, 3.9))
    ax.text(last + 0.72, 3.3, "$W_y$", ha="left", va="center", **edge)
    ax.set_title("Unrolled many-to-one RNN: the same $W_x$, $W_h$, $b$ at every step")
    return fig


def draw_stacked(T=3):
    """Two recurrent layers: layer 1 passes every h to layer 2; layer 2 gives only its last."""
    fig, ax = new_figure(figsize=(12, 5.4))
    diagram_axes(ax, (-2.6, 2.6 * T + 0.4), (-0.3, 6.9))
    rows = [(0.1, "x_{%d}", PALETTE["green"]), (1.9, "h^{(1)}_{%d}", PALETTE["sky"]),
            (3.7, "h^{(2)}_{%d}", PALETTE["purple"])]
    for t in range(T):
        x0 = 0.3 + 2.6 * t
        for y, label, color in rows:
            box(ax, x0, y, 1.2, 0.8, f"${label % (t + 1)}$", color, fontsize=17)
        arrow(ax, (x0 + 0.6, 0.9), (x0 + 0.6, 1.9))
        arrow(ax, (x0 + 0.6, 2.7), (x0 + 0.6, 3.7))
        if t < T - 1:
            for y in (2.3, 4.1):
                arrow(ax, (x0 + 1.2, y), (x0 + 2.6, y), color=PALETTE["vermillion"])
    last = 0.3 + 2.6 * (T - 1)
    box(ax, last, 5.6, 1.2, 0.8, "$z$", PALETTE["orange"], fontsize=17)
    arrow(ax, (last + 0.6, 4.5), (last + 0.6, 5.6))
    ax.text(-2.5, 2.3, "layer 1:\nall T states\n(N, T, H1)", fontsize=14, va="center")
    ax.text(-2.5, 4.1, "layer 2:\nonly the last\nstate goes on\n(N, H2)", fontsize=14,
            va="center")
    ax.set_title("Two stacked recurrent layers")
    return fig


def _hidden_size_states(H):
    """Hidden states (N, T, H) and P(label 1) of the seeded, untrained ManyToOne(2, H)."""
    X, _, _ = as_soon_as()
    model = ManyToOne(input_dim=2, hidden_dim=H, seed=0)
    p = model.predict_proba(X)
    title = (f"H = {H}: {H * H + 2 * H + H} recurrent-layer parameters; "
             f"P(label 1) = " + ", ".join(f"{v:.2f}" for v in p))
    return model.hidden_states(X), title


def draw_hidden_size(H=3):
    """Hidden states of a seeded, untrained ManyToOne(2, H) on the three sentences.

    Colours only (no numbers in the cells), so that a slider move redraws quickly.
    """
    h, title = _hidden_size_states(H)
    return plot_hidden_states(h, title=title, fast=True, numbers=False)


class HiddenSizeDrawing:
    """:func:`draw_hidden_size` for the explorer: one Figure, its artists updated in place.

    The first call draws the figure; every later call replaces the images' data, the column
    ticks and the title, so a slider move costs one rendering, not a new figure.
    """
    __name__ = "draw_hidden_size"

    def __init__(self):
        self.figure = None

    def __call__(self, H=3):
        h, title = _hidden_size_states(H)
        if self.figure is None:
            self.figure = plot_hidden_states(h, title=title, fast=True, numbers=False)
            return self.figure
        N, T, _ = h.shape
        for n, ax in enumerate(self.figure.axes[:N]):
            ax.images[0].set_data(h[n])
            ax.images[0].set_extent((-0.5, H - 0.5, T - 0.5, -0.5))
            ax.set_xlim(-0.5, H - 0.5)
            _unit_ticks(ax, H)
        self.figure.suptitle(title)                    # the same Text, new words
        return self.figure

    def dynamic(self):
        """What a move of H changes, blitted by the explorer: each heat map, its column ticks
        and labels (the x-axis, with the x-limits: nothing else in these axes depends on
        them) and the title. The row labels, the sentences and the colour bar stay."""
        N = len(self.figure.axes) - 1                  # the last axes is the colour bar
        title = self.figure._suptitle                  # suptitle()'s Text (matplotlib keeps it)
        return [a for ax in self.figure.axes[:N] for a in (ax.images[0], ax.xaxis)] + [title]
