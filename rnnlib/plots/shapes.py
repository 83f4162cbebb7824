"""Figures of notebook 02: the hidden-state formula drawn as boxes of their true shapes."""
from matplotlib.patches import Rectangle

from ..params import rnn_param_count
from ..style import PALETTE, new_figure
from ._draw import diagram_axes


def draw_shapes(N=2, D=3, H=4):
    """h_{t-1} W_h + x_t W_x + b, then tanh -> h_t: each matrix a grid of its real shape.

    Returns a Figure whose title gives the number of parameters of Wₕ, Wₓ and b.
    """
    fig, ax = new_figure(figsize=(11, 4.0), fast=True)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9)
    # The text's symbols, h_{t-1}, W_h, ..., written with Unicode subscripts in italics: they
    # look like the formulas and draw several times faster than mathtext (explorer redraws).
    pieces = [("hₜ₋₁", N, H, PALETTE["sky"]), ("@", 0, 0, None),
              ("Wₕ", H, H, PALETTE["orange"]), ("+", 0, 0, None),
              ("xₜ", N, D, PALETTE["green"]), ("@", 0, 0, None),
              ("Wₓ", D, H, PALETTE["orange"]), ("+", 0, 0, None),
              ("b", 1, H, PALETTE["purple"]), ("tanh", 0, 0, None),
              ("hₜ", N, H, PALETTE["sky"])]
    tallest = max(N, D, H)
    # The glyphs are sized in points but the gaps in data units: the taller the matrices, the
    # more data units a glyph covers, so the gaps grow with the tallest matrix.
    unit = max(1.0, tallest / 4)
    op_gap, arrow_gap = 1.2 * unit, 2.6 * unit
    x = 0.0
    for name, rows, cols, color in pieces:
        if name == "tanh":                          # the activation, written on its arrow
            ax.annotate("", (x + arrow_gap - 0.2, tallest / 2), (x + 0.2, tallest / 2),
                        arrowprops=dict(arrowstyle="-|>", lw=2.5, mutation_scale=24))
            ax.text(x + arrow_gap / 2, tallest / 2 + 0.1 * unit + 0.15, "tanh", ha="center",
                    va="bottom", fontsize=17)
            x += arrow_gap
            continue
        if color is None:                           # an operator between two matrices
            ax.text(x + op_gap / 2, tallest / 2, name, ha="center", va="center", fontsize=22)
            x += op_gap
            continue
        top = (tallest + rows) / 2
        _grid(ax, x, top - rows, rows, cols, color)
        ax.text(x + cols / 2, top + 0.3 * unit, name, ha="center", va="bottom", fontsize=18,
                style="italic")
        shape = f"({cols},)" if name == "b" else f"({rows}, {cols})"   # b is (H,), one row
        ax.text(x + cols / 2, (tallest - rows) / 2 - 0.3 * unit, shape, ha="center", va="top",
                fontsize=13)
        x += cols
    diagram_axes(ax, (-0.5, x + 0.5), (-1.6 * unit, tallest + 1.9 * unit))
    count = rnn_param_count(D, H)
    # The count only, not its formula: notebook 02 draws this before the exercise that
    # derives the count from the shapes.
    ax.set_title(f"N={N}, D={D}, H={H}:  {count} parameters in Wₕ, Wₓ and b")
    return fig


def _grid(ax, x, y, rows, cols, color):
    """A rows x cols matrix as one filled rectangle with its cell lines (fast to draw)."""
    ax.add_patch(Rectangle((x, y), cols, rows, facecolor=color, edgecolor="black",
                           linewidth=1.2))
    ax.vlines([x + c for c in range(1, cols)], y, y + rows, colors="black", linewidth=0.8)
    ax.hlines([y + r for r in range(1, rows)], x, x + cols, colors="black", linewidth=0.8)
