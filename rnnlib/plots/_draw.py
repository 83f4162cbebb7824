"""Small drawing helpers shared by the diagram figures: labelled boxes and arrows."""
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..style import PALETTE


def box(ax, x, y, w, h, label="", color=PALETTE["sky"], fontsize=14, text_color="black",
        alpha=0.85):
    """A rounded box with its lower-left corner at (x, y) and ``label`` in its centre."""
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.05",
                                facecolor=color, edgecolor="black", linewidth=1.2,
                                alpha=alpha))
    if label:
        ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=fontsize,
                color=text_color)


def arrow(ax, start, end, color="black", style="-|>", lw=1.8, rad=0.0):
    """An arrow from ``start`` to ``end`` (data coordinates); ``rad`` bends it."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=18, color=color,
                                 linewidth=lw, connectionstyle=f"arc3,rad={rad}"))


def diagram_axes(ax, xlim, ylim):
    """Turn ``ax`` into a blank canvas with equal scales for diagrams."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()
