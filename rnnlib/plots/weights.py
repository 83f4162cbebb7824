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

    The first D columns (blocks A, C: one row each) act on x_t and form W_xh; the last H
    columns (blocks B, D) act on h_{t-1} and form W_hh.
    """
    H = W.shape[0]
    fig, (left, mid, right) = new_figure(1, 3, figsize=(13, 3.4),
                                         gridspec_kw={"width_ratios": [W.shape[1], D, H]})
    colors = [[X_COLOR if c < D else H_COLOR for c in range(W.shape[1])] for _ in range(H)]
    _matrix(left, W, colors, f"$W$, shape {W.shape}: [A | B] over [C | D]")
    for r, (a, b) in enumerate([("A", "B"), ("C", "D")][:H]):
        left.text(D / 2, H - r - 0.08, a, ha="center", va="top", fontsize=14, weight="bold")
        left.text(D + H / 2, H - r - 0.08, b, ha="center", va="top", fontsize=14,
                  weight="bold")
    _matrix(mid, W[:, :D], [[X_COLOR] * D] * H, f"$W_{{xh}}$ = [A; C], {W[:, :D].shape}")
    _matrix(right, W[:, D:], [[H_COLOR] * H] * H, f"$W_{{hh}}$ = [B; D], {W[:, D:].shape}")
    return fig


def draw_concat_w(D=3, H=2):
    """The row-vector convention: [x_t, h_{t-1}] (1, D + H) @ W (D + H, H).

    The top D rows of W are Wx (D, H) and the bottom H rows are Wh (H, H).
    """
    fig, ax = new_figure(figsize=(9, 5), fast=True)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.88)
    rows = D + H
    # the input row vector, laid out vertically on the left for readability
    for k in range(rows):
        ax.add_patch(_rect(0, rows - k - 1, X_COLOR if k < D else H_COLOR))
        ax.text(0.5, rows - k - 0.5, f"$x_{k + 1}$" if k < D else f"$h_{k - D + 1}$",
                ha="center", va="center", fontsize=15)
    ax.text(0.5, rows + 0.3, "$[x_t, h_{t-1}]$", ha="center", va="bottom", fontsize=15)
    for r in range(rows):
        for c in range(H):
            ax.add_patch(_rect(2 + c, rows - r - 1, X_COLOR if r < D else H_COLOR))
    plate = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.75)
    ax.text(2 + H / 2, rows - D / 2, f"$W_x$\n({D}, {H})", ha="center", va="center",
            fontsize=16, bbox=plate)
    ax.text(2 + H / 2, H / 2, f"$W_h$\n({H}, {H})", ha="center", va="center", fontsize=16,
            bbox=plate)
    ax.text(2 + H / 2, rows + 0.3, f"$W$ ({rows}, {H})", ha="center", va="bottom",
            fontsize=15)
    ax.set_xlim(-0.5, 3 + max(H, 4))
    ax.set_ylim(-0.5, rows + 1.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(f"D = {D}, H = {H}: one $W$ with {rows * H} weights = "
                 f"$W_x$ ({D * H}) + $W_h$ ({H * H})")
    return fig


def plot_output_activations(scores):
    """For one vector of raw scores: the raw output, sigmoid of each, and softmax of all."""
    scores = np.asarray(scores, dtype=float)
    k = np.arange(len(scores))
    fig, axes = new_figure(1, 3, figsize=(13, 4))
    panels = [("raw scores $y = h W_y + b_y$", scores, PALETTE["black"]),
              ("sigmoid($y$): each in (0, 1)", sigmoid(scores), PALETTE["orange"]),
              ("softmax($y$): all sum to 1", softmax(scores), PALETTE["blue"])]
    for ax, (title, values, color) in zip(axes, panels):
        ax.bar(k, values, color=color)
        for i, v in zip(k, values):
            ax.text(i, v, f"{v:.2f}", ha="center", va="bottom" if v >= 0 else "top",
                    fontsize=14)
        ax.set_xticks(k, [f"class {i}" for i in k])
        ax.set_title(title, fontsize=15)
        ax.axhline(0, color="black", linewidth=0.8)
    axes[0].margins(y=0.15)                       # room for the numbers above and below
    axes[1].set_ylim(0, 1.15)
    axes[2].set_ylim(0, 1.15)
    return fig
