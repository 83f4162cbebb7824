"""Figures of notebook 09: the GRU cell drawn, exact match by source length, the race on
several seeds, and the attention heat map (also the explorer's drawing)."""
from functools import lru_cache

import numpy as np

from ..style import PALETTE, new_figure

GRU_COLORS = {"r": PALETTE["orange"], "z": PALETTE["blue"], "n": PALETTE["green"],
              "h": PALETTE["vermillion"]}


def draw_gru_cell():
    """One GRU step, drawn: x_t and h_{t-1} in, the two products (each with its own bias),
    the reset gate r inside the candidate n, the update gate z mixing h_{t-1} and n, h_t out."""
    from matplotlib.patches import Circle, FancyBboxPatch

    fig, ax = new_figure(figsize=(12, 6.6))
    ax.set_xlim(-0.6, 13.6)
    ax.set_ylim(-0.6, 7.6)
    ax.set_aspect("equal")
    ax.set_axis_off()

    def line(points, color="black", lw=2.2, head=True):
        xs, ys = zip(*points)
        ax.plot(xs, ys, color=color, lw=lw, solid_capstyle="round")
        if head:
            ax.annotate("", xy=points[-1], xytext=points[-2],
                        arrowprops=dict(arrowstyle="-|>", color=color, lw=lw,
                                        mutation_scale=18, shrinkA=0, shrinkB=0))

    def node(x, y, symbol, color="black"):
        ax.add_patch(Circle((x, y), 0.34, facecolor="white", edgecolor=color, lw=2.2, zorder=3))
        ax.text(x, y, symbol, ha="center", va="center", fontsize=16, zorder=4)

    def block(x, y, w, h, text, color, text_color="white", fontsize=17):
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.1",
                                    facecolor=color, edgecolor="black", lw=1.4, alpha=0.85))
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", color=text_color,
                fontsize=fontsize)

    hc = GRU_COLORS["h"]
    # the state line: h_{t-1} -> (× z) -> (+) -> h_t
    line([(-0.3, 6.4), (8.26, 6.4)], hc, lw=4, head=False)
    line([(8.94, 6.4), (10.26, 6.4)], hc, lw=4, head=False)
    line([(10.94, 6.4), (13.2, 6.4)], hc, lw=4)
    ax.text(-0.4, 6.75, r"$h_{t-1}$", fontsize=17)
    ax.text(12.6, 6.75, r"$h_t$", fontsize=17)
    node(8.6, 6.4, "×", GRU_COLORS["z"])
    node(10.6, 6.4, "+", hc)
    ax.text(6.3, 6.75, r"keeps $z_t \odot h_{t-1}$", fontsize=13, color=GRU_COLORS["z"])

    # the two products, each with its own bias
    block(0.6, 0.9, 4.6, 0.9, r"$a^x = x_t W_x + b_x$", "#EEEEEE", "black", 16)
    block(0.6, 2.3, 4.6, 0.9, r"$a^h = h_{t-1} W_h + b_h$", "#EEEEEE", "black", 16)
    line([(0.2, 6.4), (0.2, 2.75), (0.6, 2.75)], hc)
    line([(2.9, -0.5), (2.9, 0.9)])
    ax.text(3.1, -0.45, r"$x_t$", fontsize=17)
    # r and z: sigmoid of a^x + a^h (first and second blocks)
    for x, part in ((6.2, "r"), (8.2, "z")):
        line([(5.2, 1.35), (x, 1.35), (x, 3.9)], GRU_COLORS[part], head=False)
        line([(5.2, 2.75), (x - 0.3, 2.75), (x - 0.3, 3.9)], GRU_COLORS[part])
        block(x - 0.75, 3.9, 1.2, 0.75, r"$\sigma$", GRU_COLORS[part])
        ax.text(x + 0.55, 4.75, rf"${part}_t$", fontsize=17, color=GRU_COLORS[part])
    # z: its share of h_{t-1} (×) and 1 - z of the candidate
    line([(8.0, 4.65), (8.6, 4.65), (8.6, 6.06)], GRU_COLORS["z"])
    # the candidate: tanh(a^x_n + r ⊙ a^h_n)
    node(6.0, 5.4, "×", GRU_COLORS["r"])
    line([(6.0, 4.65), (6.0, 5.06)], GRU_COLORS["r"])
    line([(5.2, 2.75), (5.0, 2.75), (5.0, 5.4), (5.66, 5.4)], "black")
    ax.text(3.75, 4.55, r"$a^h_n$", fontsize=15)
    block(10.0, 3.9, 1.2, 0.75, r"$\tanh$", GRU_COLORS["n"])
    line([(6.34, 5.4), (7.1, 5.4), (7.1, 5.0), (9.7, 5.0), (9.7, 4.3), (10.0, 4.3)],
         GRU_COLORS["r"])
    line([(5.2, 1.35), (10.6, 1.35), (10.6, 3.9)], GRU_COLORS["n"])
    ax.text(10.75, 2.0, r"$a^x_n$", fontsize=15, color=GRU_COLORS["n"])
    ax.text(11.35, 4.75, r"$n_t$", fontsize=17, color=GRU_COLORS["n"])
    node(12.0, 5.4, "×", GRU_COLORS["n"])
    line([(10.6, 4.65), (10.6, 5.0), (11.66, 5.4)], GRU_COLORS["n"])
    # z_t also feeds a "1 -" node whose output scales the candidate
    line([(8.65, 4.1), (9.3, 4.1), (9.3, 3.5), (12.26, 3.5)], GRU_COLORS["z"])
    node(12.6, 3.5, "1−", GRU_COLORS["z"])
    line([(12.6, 3.84), (12.6, 5.4), (12.34, 5.4)], GRU_COLORS["z"])
    ax.text(12.75, 4.4, r"$1 - z_t$", fontsize=14, color=GRU_COLORS["z"])
    line([(12.0, 5.74), (12.0, 6.0), (10.9, 6.2)], GRU_COLORS["n"])
    ax.set_title(r"One GRU step: $h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}$")
    return fig


# ---- what the plain model loses with length --------------------------------------------------

def _length_groups(lengths, min_count=40):
    """Source lengths merged into bins holding at least ``min_count`` held-out examples."""
    bins, start, count = [], None, 0
    values, counts = np.unique(lengths, return_counts=True)
    for v, c in zip(values, counts):
        start = v if start is None else start
        count += c
        if count >= min_count:
            bins.append((start, v))
            start, count = None, 0
    if start is not None:                          # the rest joins the last bin
        bins[-1] = (bins[-1][0], values[-1]) if bins else (start, values[-1])
    return bins


def accuracy_by_length(sources, scores):
    """Mean of ``scores`` (one per held-out source) per bin of source length.

    Returns (labels, means, counts): labels like "10-12" of the bins (at least 40 sources each).
    """
    lengths = np.array([len(s) for s in sources])
    scores = np.asarray(scores, dtype=float)
    labels, means, counts = [], [], []
    for lo, hi in _length_groups(lengths):
        sel = (lengths >= lo) & (lengths <= hi)
        labels.append(f"{lo}" if lo == hi else f"{lo}-{hi}")
        means.append(float(scores[sel].mean()))
        counts.append(int(sel.sum()))
    return labels, means, counts


# the legend names of the two models, as in plot_translation_seeds
LEGEND = {"plain": "without attention", "attention": "with attention"}


def plot_accuracy_by_length(sources, results, ylabel="held-out exact match"):
    """One line per model: ``results`` maps a model name to one score per held-out source
    (True/False for exact match, or a fraction of correct characters)."""
    fig, ax = new_figure(figsize=(9, 4.4))
    colors = {"plain": PALETTE["vermillion"], "attention": PALETTE["blue"]}
    for name, scores in results.items():
        labels, means, counts = accuracy_by_length(sources, scores)
        ax.plot(range(len(labels)), means, "o-", color=colors.get(name), lw=2.5, markersize=9,
                label=LEGEND.get(name, name))
    ax.set_xticks(range(len(labels)), labels)
    ax.set(xlabel="source length (characters)", ylabel=ylabel, ylim=(-0.03, 1.03),
           title="Held-out accuracy against source length")
    ax.legend(loc="lower left")
    return fig


def plot_translation_seeds(results):
    """Held-out exact match of both models, one pair of points per seed.

    results : list of ``{"plain": ..., "attention": ...}`` from
        :func:`rnnlib.train.translation_race`, for seeds 0, 1, 2, ...
    """
    seeds = np.arange(len(results))
    fig, ax = new_figure(figsize=(9, 4.4))
    ax.axhline(0.8, color="grey", linestyle=":", linewidth=1.5)
    ax.plot(seeds, [r["attention"] for r in results], "o", color=PALETTE["blue"],
            markersize=11, label="with attention")
    ax.plot(seeds, [r["plain"] for r in results], "s", color=PALETTE["vermillion"],
            markersize=10, label="without attention")
    ax.set(xlabel="seed (data and initial weights)", ylabel="held-out exact match",
           ylim=(-0.03, 1.03), xticks=seeds,
           title=f"Same data, same updates, {len(results)} seeds (dotted: 0.8)")
    ax.legend(loc="center right")
    return fig


# ---- the attention heat map, and the explorer that moves through it ---------------------------

class AttentionMap:
    """Draws the attention weights of one held-out example; one Figure, updated in place.

    Parameters
    ----------
    sources : list of str
        The source strings.
    outputs : list of str
        The model's greedy translations of them.
    weights : ndarray, shape (N, L, S)
        Attention weights of every output step over every source position
        (from ``Seq2Seq.translate(..., details=True)``).

    Calling it with ``example`` (index into ``sources``) and ``step`` (output step; the row
    drawn with a frame) returns the same Figure every time, redrawn for those values.
    """

    def __init__(self, sources, outputs, weights):
        from matplotlib.patches import Rectangle
        self.sources, self.outputs, self.weights = list(sources), list(outputs), weights
        self.example = None                           # shown by the last call
        self.__name__ = "attention_map"             # explorer() names its redraw after it
        _, L, S = weights.shape
        self.fig, (self.ax, self.bar_ax) = new_figure(
            1, 2, figsize=(12, 5.4), fast=True, gridspec_kw={"width_ratios": [3, 1.1]})
        self.fig.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.88, wspace=0.16)
        self.image = self.ax.imshow(np.zeros((L, S)), cmap="Blues", vmin=0, vmax=1,
                                    aspect="auto", interpolation="nearest")
        self.frame = Rectangle((-0.5, -0.5), S, 1, fill=False, edgecolor=PALETTE["vermillion"],
                               lw=3)
        self.ax.add_patch(self.frame)
        self.bars = self.bar_ax.barh(np.arange(S), np.zeros(S), color=PALETTE["blue"])
        self.bar_ax.set_xlim(0, 1.05)
        self.bar_ax.set_axisbelow(True)  # grid under the bars, which the explorer blits
        self.bar_ax.set_yticks([])
        self.bar_ax.set_xlabel("attention weight")
        # characters as text artists: updating their text is much cheaper than new ticks
        self.ax.set_xticks([])
        self.ax.set_yticks([])
        self.src_text = [self.ax.text(k, 1.015, "", transform=self.ax.get_xaxis_transform(),
                                      ha="center", va="bottom", fontsize=12, family="monospace")
                         for k in range(S)]
        self.out_text = [self.ax.text(-0.01, 0, "", transform=self.ax.get_yaxis_transform(),
                                      ha="right", va="center", fontsize=12, family="monospace")
                         for k in range(L)]
        self.bar_text = [self.bar_ax.text(-0.02, k, "", transform=self.bar_ax.get_yaxis_transform(),
                                          ha="right", va="center", fontsize=11,
                                          family="monospace") for k in range(S)]
        self.ax.set_ylabel("output character", labelpad=28)
        self.title = self.fig.suptitle("", fontsize=15)

    def __call__(self, example=0, step=0):
        src, out = self.sources[example], self.outputs[example]
        written = list(out) + ["</s>"]
        S, L = len(src), len(written)
        step = min(step, L - 1)
        w = self.weights[example, :L, :S]
        self.image.set_data(w)
        self.image.set_extent((-0.5, S - 0.5, L - 0.5, -0.5))
        self.ax.set_xlim(-0.5, S - 0.5)
        self.ax.set_ylim(L - 0.5, -0.5)
        for k, text in enumerate(self.src_text):
            text.set_text(("␣" if src[k] == " " else src[k]) if k < S else "")
        for k, text in enumerate(self.bar_text):
            text.set_text(("␣" if src[k] == " " else src[k]) if k < S else "")
        for k, text in enumerate(self.out_text):
            text.set_text(written[k] if k < L else "")
            text.set_y(k)
        self.frame.set_bounds(-0.5, step - 0.5, S, 1)
        for k, bar in enumerate(self.bars):
            bar.set_width(w[step, k] if k < S else 0.0)
        self.bar_ax.set_ylim(S - 0.5, -0.5)
        self.bar_ax.set_title(f"step {step} writes {written[step]!r}", fontsize=14)
        self.title.set_text(f"{src!r} -> {out!r}  (rows: output steps; columns: source "
                            f"characters)")
        self.example = example
        return self.fig

    def dynamic(self):
        """What a move changes, blitted by the explorer: of the step, the frame, the bars and
        the bars' title; of the example, also :meth:`kept`."""
        return [*self.kept(), self.frame, *self.bars, self.bar_ax.title]

    def kept(self):
        """What only a new example changes, kept drawn by the explorer while the step moves:
        the heat map, the characters, the title, and the axes whose limits follow the
        example (no ticks in them). The characters sit outside the axes, where the frame
        and the bars drawn after them never reach."""
        return [self.image, *self.src_text, *self.out_text, self.ax.xaxis, self.ax.yaxis,
                *self.bar_text, self.bar_ax.yaxis, self.title]

    def kept_key(self):
        """The example shown."""
        return self.example


def draw_attention(model, sources, src, example=0, step=0):
    """The attention heat map of ``model`` on held-out example ``example``, row ``step``
    framed (a fresh :class:`AttentionMap`; the explorer keeps one and moves through it)."""
    outputs, _, weights = model.translate(src, details=True)
    return AttentionMap(sources, outputs, weights)(example, step)


@lru_cache(maxsize=1)
def demo_attention_map():
    """An :class:`AttentionMap` of the race's attention model (seed 0) on 12 held-out
    examples, one or more of every written form; trained on first use (a few seconds)."""
    from ..train import translation_race
    result = translation_race(seed=0, details=True)
    return attention_map_of(result["models"]["attention"], result["test"])


def attention_map_of(model, test, n=12):
    """An :class:`AttentionMap` of ``model`` on the first ``n`` held-out examples."""
    outputs, _, weights = model.translate(test["src"][:n], details=True)
    return AttentionMap(test["sources"][:n], outputs, weights)

