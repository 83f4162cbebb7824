"""Figures of notebook 04: one W on [x_t, h_{t-1}] and its blocks; the output layer."""
import numpy as np
from matplotlib.patches import Rectangle

from ..activations import sigmoid, softmax
from ..style import PALETTE, new_figure

X_COLOR, H_COLOR = PALETTE["green"], PALETTE["sky"]


def _matrix(ax, M, colors, title, fmt="{:.2f}"):
    """Draw matrix M as a table of numbers on coloured cells (colors: array of colours)."""
    rows, cols = M.shape
    for r in range(rows):
        for c in range(cols):
            ax.add_patch(_rect(c, rows - r - 1, colors[r][c]))
            ax.text(c + 0.5, rows - r - 0.5, fmt.format(M[r, c]), ha="center", va="center",
                    fontsize=14)
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(-0.1, rows + 0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, fontsize=15)


def _rect(x, y, color):
    return Rectangle((x, y), 1, 1, facecolor=color, edgecolor="white", linewidth=2, alpha=0.8)


def draw_w_blocks(W, D):
    """The seed's column-vector picture: W (H, D + H) acting on [x_t; h_{t-1}].

    The first D columns act on x_t and form W_xh, the last H columns act on h_{t-1} and form
    W_hh. For H = 2 the four blocks P, Q (first row) and R, S (second row) are outlined, each
    letter centred on the cells of its block.
    """
    H = W.shape[0]
    fig, (left, mid, right) = new_figure(1, 3, figsize=(13, 3.6),
                                         gridspec_kw={"width_ratios": [W.shape[1], D, H]})
    colors = [[X_COLOR if c < D else H_COLOR for c in range(W.shape[1])] for _ in range(H)]
    title = f"$W$, shape {W.shape}" + (": [P | Q] over [R | S]" if H == 2 else "")
    _matrix(left, W, colors, title)
    if H == 2:
        for r, (a, b) in enumerate([("P", "Q"), ("R", "S")]):
            y = H - r - 1
            for x0, width, letter in ((0, D, a), (D, H, b)):
                left.add_patch(Rectangle((x0 + 0.04, y + 0.04), width - 0.08, 0.92,
                                         facecolor="none", edgecolor=PALETTE["black"],
                                         linewidth=2.5, zorder=3))
                left.text(x0 + width / 2, y + 0.97, letter, ha="center", va="top",
                          fontsize=16, weight="bold", zorder=4,
                          bbox=dict(boxstyle="round,pad=0.1", facecolor="white",
                                    edgecolor="none", alpha=0.85))
    _matrix(mid, W[:, :D], [[X_COLOR] * D] * H,
            f"$W_{{xh}}$ = [P; R], {W[:, :D].shape}" if H == 2 else
            f"$W_{{xh}}$, {W[:, :D].shape}")
    _matrix(right, W[:, D:], [[H_COLOR] * H] * H,
            f"$W_{{hh}}$ = [Q; S], {W[:, D:].shape}" if H == 2 else
            f"$W_{{hh}}$, {W[:, D:].shape}")
    return fig


def draw_concat_w(D=3, H=2):
    """The row-vector convention: [x_t, h_{t-1}] (1, D + H) @ W_cat (D + H, H).

    The top D rows of W_cat are Wx (D, H) and the bottom H rows are Wh (H, H). The entries
    of the row [x_t, h_{t-1}] are labelled x_{t,k} and h_{t-1,k}: components, not time steps.
    """
    fig, ax = new_figure(figsize=(9, 5), fast=True)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88)
    _concat_w(ax, D, H)
    return fig


class ConcatWDrawing:
    """:func:`draw_concat_w` for the explorer: one Figure whose axes are redrawn in place."""
    __name__ = "draw_concat_w"

    def __init__(self):
        self.figure = None

    def __call__(self, D=3, H=2):
        if self.figure is None:
            self.figure = draw_concat_w(D, H)
        else:
            ax = self.figure.axes[0]
            ax.clear()
            _concat_w(ax, D, H)
        return self.figure


def _concat_w(ax, D, H):
    """Draw the column [x_t, h_{t-1}] and the blocks of W_cat into ``ax``."""
    rows = D + H
    # add_artist, not add_patch: the limits are set below, and add_patch's update of the data
    # limits for every one of up to 66 cells took a third of an explorer redraw
    # the input row vector, laid out vertically on the left for readability
    for k in range(rows):
        ax.add_artist(_rect(0, rows - k - 1, X_COLOR if k < D else H_COLOR))
        ax.text(0.5, rows - k - 0.5, f"$x_{{t,{k + 1}}}$" if k < D
                else f"$h_{{t-1,{k - D + 1}}}$", ha="center", va="center",
                fontsize=14 if k < D else 12)
    ax.text(0.5, rows + 0.3, "$[x_t, h_{t-1}]$", ha="center", va="bottom", fontsize=15)
    for r in range(rows):
        for c in range(H):
            ax.add_artist(_rect(2 + c, rows - r - 1, X_COLOR if r < D else H_COLOR))
    plate = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.75)
    ax.text(2 + H / 2, rows - D / 2, f"$W_x$\n({D}, {H})", ha="center", va="center",
            fontsize=16, bbox=plate)
    ax.text(2 + H / 2, H / 2, f"$W_h$\n({H}, {H})", ha="center", va="center", fontsize=16,
            bbox=plate)
    ax.text(2 + H / 2, rows + 0.3, f"$W_{{cat}}$ ({rows}, {H})", ha="center", va="bottom",
            fontsize=15)
    ax.set_xlim(-0.5, 3 + max(H, 4))
    ax.set_ylim(-0.5, rows + 1.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(f"D = {D}, H = {H}: one $W_{{cat}}$ with {rows * H} weights = "
                 f"$W_x$ ({D * H}) + $W_h$ ({H * H})")


def plot_output_activations(scores):
    """For one vector of raw scores z: the raw output, sigmoid of each, and softmax of all.

    Values are labelled to 3 decimals, so the softmax labels add up to 1 (to rounding).
    """
    scores = np.asarray(scores, dtype=float)
    k = np.arange(len(scores))
    fig, axes = new_figure(1, 3, figsize=(13, 4))
    p = softmax(scores)
    panels = [("raw scores $z = h W_y + b_y$", scores, PALETTE["black"]),
              ("sigmoid($z$): each in (0, 1)", sigmoid(scores), PALETTE["orange"]),
              (f"softmax($z$): sum = {p.sum():.0f} (labels rounded)", p, PALETTE["blue"])]
    for ax, (title, values, color) in zip(axes, panels):
        ax.bar(k, values, color=color)
        for i, v in zip(k, values):
            ax.annotate(f"{v:.3f}", (i, v), xytext=(0, 3 if v >= 0 else -3),
                        textcoords="offset points", ha="center",
                        va="bottom" if v >= 0 else "top", fontsize=14)
        ax.set_xticks(k, [f"class {i}" for i in k])
        ax.set_title(title, fontsize=15)
        ax.axhline(0, color="black", linewidth=0.8)
    axes[0].margins(y=0.25)                       # room for the numbers above and below
    axes[1].set_ylim(0, 1.15)
    axes[2].set_ylim(0, 1.15)
    return fig
