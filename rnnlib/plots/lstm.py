"""Figures of notebook 07: the cell drawn, the gradient highway path by path, what a trained
LSTM keeps, the race's control table, and the gate explorer's drawing."""
import numpy as np

from ..lstm import lstm_forward, lstm_gates
from ..style import PALETTE, new_figure, plain_log_ticks, round_limits


def plot_memory(gates, y, n_each=10):
    """What a trained LSTM keeps: the cell state of A and of B sequences, and its gates.

    Left: c_t of the unit whose final cell state separates the labels most, for up to
    ``n_each`` sequences of each label. Right: the mean of i_t, f_t and o_t over sequences and
    units, at every step.

    gates : dict from :func:`rnnlib.lstm_gates` of a sequence cache (each (N, T, H)).
    y : array (N,) of 0/1 labels (0: marker A, 1: marker B).
    """
    y = np.asarray(y)
    c = gates["c"]
    unit = int(np.argmax(np.abs(c[y == 0, -1].mean(axis=0) - c[y == 1, -1].mean(axis=0))))
    t = np.arange(1, c.shape[1] + 1)
    fig, (left, right) = new_figure(1, 2, figsize=(13, 4.8))
    for label, name, color in [(0, "A", PALETTE["black"]), (1, "B", PALETTE["sky"])]:
        rows = np.flatnonzero(y == label)[:n_each]
        for k, n in enumerate(rows):
            left.plot(t, c[n, :, unit], color=color, linewidth=1.8, alpha=0.8,
                      label=f"marker {name}" if k == 0 else None)
    left.axhline(0, color="black", linewidth=0.8)
    left.set(xlabel=r"time step $t$ (marker at $t = 1$)",
             ylabel=rf"cell state $c_t$, unit {unit + 1}",
             title="The cell state keeps the marker")
    left.legend(loc="upper left")
    for key, name in [("f", "forget gate f"), ("o", "output gate o"), ("i", "input gate i")]:
        right.plot(t, gates[key].mean(axis=(0, 2)), color=GATE_COLORS[key], label=name)
    right.set(xlabel=r"time step $t$", ylabel="mean gate value", ylim=(-0.02, 1.05),
              title="Its gates, averaged over sequences and units")
    right.legend(loc="center right")
    return fig


def plot_race_table(table):
    """The race's control table: held-out accuracy of every variant on every seed.

    table : dict ``{variant name: [accuracy on seed 0, seed 1, ...]}``, for example from
        :func:`rnnlib.train.long_range_race` with ``variants=...`` on several seeds.

    One row per variant (LSTMs in blue, vanilla RNNs in vermillion), one dot per seed; on the
    right, on how many seeds the variant reached 0.95.
    """
    names = list(table)
    fig, ax = new_figure(figsize=(10, 0.45 * len(names) + 1.6))
    ax.axvspan(0.95, 1.02, color=PALETTE["blue"], alpha=0.1)
    ax.axvline(0.5, color="grey", linestyle=":", linewidth=1.5)
    for row, name in enumerate(names):
        accs = np.asarray(table[name])
        color = PALETTE["blue"] if name.startswith("lstm") else PALETTE["vermillion"]
        ax.plot(accs, np.full(len(accs), row), "o", color=color, markersize=9, alpha=0.6)
        ax.text(1.04, row, f"{int(np.sum(accs >= 0.95))} of {len(accs)}", va="center",
                fontsize=12)
    ax.set(yticks=range(len(names)), yticklabels=names, xlim=(0.3, 1.02),
           ylim=(len(names) - 0.5, -0.5), xlabel="held-out accuracy (dotted: chance)",
           title="The race: each variant on the same seeds (LSTM blue, RNN orange; right: seeds >= 0.95)")
    return fig


def gate_demo_weights(forget_bias, input_bias, H=4, D=6, seed=7):
    """A small hand-made LSTM whose first input (the marker) writes into the cell state.

    Random small weights, then: the marker (input feature 0) opens the input gate and writes
    +2 through g; every gate's bias block is set from the arguments (i: ``input_bias``,
    f: ``forget_bias``, g and o: 0).
    """
    rng = np.random.default_rng(seed)
    Wx = rng.normal(scale=0.3, size=(D, 4 * H))
    Wh = rng.normal(scale=0.3, size=(H, 4 * H))
    Wx[0, :H] = 4.0                              # the marker opens the input gate ...
    Wx[0, 2 * H:3 * H] = 2.0                     # ... and writes a large g
    b = np.zeros(4 * H)
    b[:H] = input_bias
    b[H:2 * H] = forget_bias
    return Wx, Wh, b


def gate_demo(forget_bias=3.0, input_bias=-2.0, T=40, H=4, D=6):
    """Run :func:`gate_demo_weights`' LSTM on a marker at step 1 and T - 1 distractors.

    Returns ``(gates, kept)``: :func:`rnnlib.lstm_gates` of the run (each (1, T, H)), and
    ``kept`` = mean |c_T| / mean |c_1|, how much of the cell state is left after T steps.
    """
    Wx, Wh, b = gate_demo_weights(forget_bias, input_bias, H, D)
    x = np.zeros((1, T, D))
    x[0, 0, 0] = 1.0                             # the marker at t = 1
    x[0, np.arange(1, T), 2 + np.arange(1, T) % 4] = 1.0   # distractors afterwards
    _, cache = lstm_forward(x, np.zeros((1, H)), Wx, Wh, b)
    g = lstm_gates(cache)
    return g, float(np.abs(g["c"][0, -1]).mean() / max(np.abs(g["c"][0, 0]).mean(), 1e-12))


def draw_gate_biases(forget_bias=3.0, input_bias=-2.0, T=40):
    """What the forget-gate bias does: the cell state after a marker at step 1, over T steps."""
    H = 4
    t = np.arange(1, T + 1)
    fig, (top, bottom) = new_figure(2, 1, figsize=(11, 5.5), fast=True, sharex=True)
    fig.subplots_adjust(left=0.1, right=0.76, bottom=0.11, top=0.9, hspace=0.15)
    outside = dict(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=12)  # off the lines
    top.plot(t, t * 0.0, color=PALETTE["blue"], label="forget gate f (mean)")
    top.plot(t, t * 0.0, color=PALETTE["orange"], label="input gate i (mean)")
    top.set(ylim=(-0.05, 1.05), ylabel="gate value")
    top.legend(**outside)
    # four hues apart from each other and from the gates' blue and orange above
    for j, color in enumerate(["black", "vermillion", "green", "purple"][:H]):
        bottom.plot(t, t * 0.0, color=PALETTE[color], linewidth=2.2, label=f"unit {j + 1}")
    bottom.set(xlabel=r"time step $t$ (marker at $t$ = 1)", ylabel=r"cell state $c_t$")
    bottom.legend(**outside)
    _gate_biases_data(fig, forget_bias, input_bias, T)
    return fig


def _gate_biases_data(fig, forget_bias, input_bias, T):
    """Put the run at these biases into :func:`draw_gate_biases`' lines and title."""
    top, bottom = fig.axes
    g, kept = gate_demo(forget_bias, input_bias, T, H=len(bottom.lines))
    top.lines[0].set_ydata(g["f"][0].mean(axis=1))
    top.lines[1].set_ydata(g["i"][0].mean(axis=1))
    for j, line in enumerate(bottom.lines):
        line.set_ydata(g["c"][0, :, j])
    c = g["c"][0]
    bottom.set_ylim(*round_limits(min(c.min(), 0.0), max(c.max(), 0.0)))   # 0 in view
    top.set_title(f"forget bias {forget_bias:+.1f}, input bias {input_bias:+.1f}: "
                  f"|c| keeps {kept:.0%} after {T} steps")


class GateBiasesDrawing:
    """:func:`draw_gate_biases` for the explorer: one Figure, its lines and title updated in
    place on every move (a new figure per move takes longer than the 100 ms of a redraw)."""
    __name__ = "draw_gate_biases"

    def __init__(self):
        self.figure, self.T = None, None

    def __call__(self, forget_bias=3.0, input_bias=-2.0, T=40):
        if self.figure is None or T != self.T:
            self.figure, self.T = draw_gate_biases(forget_bias, input_bias, T), T
        else:
            _gate_biases_data(self.figure, forget_bias, input_bias, T)
        return self.figure

    def dynamic(self):
        """The gates' and the cell state's lines and the title (the legends sit outside),
        and the cell state's y-axis with its limits, which follow the cell state."""
        top, bottom = self.figure.axes
        return [*top.lines, *bottom.lines, top.title, bottom.yaxis]


# ---- the cell, drawn --------------------------------------------------------------------------

# One colour per part of the cell, in every figure of notebook 07.
GATE_COLORS = {"i": PALETTE["orange"], "f": PALETTE["blue"], "g": PALETTE["green"],
               "o": PALETTE["purple"], "c": PALETTE["vermillion"]}
_PARTS = {  # part: (x of its box, activation, what it is)
    "f": (3.6, r"$\sigma$", r"$f_t$"),
    "i": (5.6, r"$\sigma$", r"$i_t$"),
    "g": (7.6, r"$\tanh$", r"$g_t$"),
    "o": (9.6, r"$\sigma$", r"$o_t$"),
}


def draw_lstm_cell(highlight=None):
    """One LSTM step, drawn: x_t and h_{t-1} in, the four pre-activations, the three sigmoid
    gates and the tanh candidate, the cell-state line with its × and + nodes, h_t out.

    highlight : None, or one of "f", "i", "g", "o", "c", "ig": draw that part's path in full
        colour and fade the rest ("c": the cell-state line, where c_{t-1} becomes c_t; "ig":
        the input gate and the candidate together, the second of the four stages).
    """
    from matplotlib.patches import Circle, FancyBboxPatch

    fig, ax = new_figure(figsize=(12, 6.6))
    ax.set_xlim(-0.6, 13.6)
    ax.set_ylim(-0.4, 7.6)
    ax.set_aspect("equal")
    ax.set_axis_off()

    def alpha(*parts):
        return 1.0 if highlight is None or any(h in parts for h in highlight) else 0.18

    def line(points, color="black", lw=2.2, parts=(), head=True):
        xs, ys = zip(*points)
        a = alpha(*parts)
        ax.plot(xs[:-1] + (xs[-1],), ys, color=color, lw=lw, alpha=a, solid_capstyle="round")
        if head:
            ax.annotate("", xy=points[-1], xytext=points[-2],
                        arrowprops=dict(arrowstyle="-|>", color=color, lw=lw, alpha=a,
                                        mutation_scale=18, shrinkA=0, shrinkB=0))

    def node(x, y, symbol, parts, color="black"):
        a = alpha(*parts)
        ax.add_patch(Circle((x, y), 0.32, facecolor="white", edgecolor=color, lw=2.2, alpha=a,
                            zorder=3))
        ax.text(x, y, symbol, ha="center", va="center", fontsize=18, alpha=a, zorder=4)

    def label(x, y, text, parts=(), color="black", fontsize=17, **kw):
        ax.text(x, y, text, fontsize=fontsize, color=color, alpha=alpha(*parts), **kw)

    c_line = GATE_COLORS["c"]
    # the cell-state line: c_{t-1} -> (×f) -> (+) -> c_t
    line([(-0.3, 6.4), (3.28, 6.4)], c_line, lw=4, parts=("c", "f"), head=False)
    line([(3.92, 6.4), (7.28, 6.4)], c_line, lw=4, parts=("c", "f", "i", "g"), head=False)
    line([(7.92, 6.4), (13.2, 6.4)], c_line, lw=4, parts=("c", "i", "g", "o"))
    label(-0.4, 6.75, r"$c_{t-1}$", ("c", "f"))
    label(12.5, 6.75, r"$c_t$", ("c", "i", "g", "o"))
    label(8.6, 6.75, "cell state: only × and +", ("c",), color=c_line, fontsize=13)

    # the inputs and the one matrix product for all four parts
    ax.add_patch(FancyBboxPatch((2.6, 1.3), 8.0, 0.9, boxstyle="round,pad=0.02,rounding_size=0.1",
                                facecolor="#EEEEEE", edgecolor="black", lw=1.4,
                                alpha=alpha("f", "i", "g", "o")))
    label(6.6, 1.75, r"$a = x_t W_x + h_{t-1} W_h + b$", ("f", "i", "g", "o"), ha="center",
          va="center")
    line([(-0.3, 1.75), (2.6, 1.75)], parts=("f", "i", "g", "o"))
    label(-0.4, 2.05, r"$h_{t-1}$", ("f", "i", "g", "o"))
    line([(3.2, -0.3), (3.2, 1.3)], parts=("f", "i", "g", "o"))
    label(3.4, -0.3, r"$x_t$", ("f", "i", "g", "o"))

    for part, (x, act, name) in _PARTS.items():
        color = GATE_COLORS[part]
        line([(x, 2.2), (x, 3.1)], color, parts=(part,))
        label(x + 0.12, 2.5, rf"$a_{part}$", (part,), color=color, fontsize=15)
        ax.add_patch(FancyBboxPatch((x - 0.55, 3.1), 1.1, 0.75,
                                    boxstyle="round,pad=0.02,rounding_size=0.1",
                                    facecolor=color, edgecolor="black", lw=1.4,
                                    alpha=0.85 * alpha(part)))
        label(x, 3.47, act, (part,), ha="center", va="center", color="white")
        label(x + 0.62, 3.95, name, (part,), color=color)

    # forget gate: scales the old cell state
    line([(3.6, 3.85), (3.6, 6.08)], GATE_COLORS["f"], parts=("f",))
    node(3.6, 6.4, "×", ("f", "c"))
    # input gate × candidate, added to the cell state
    line([(5.6, 3.85), (5.6, 5.0), (7.28, 5.0)], GATE_COLORS["i"], parts=("i",))
    line([(7.6, 3.85), (7.6, 4.68)], GATE_COLORS["g"], parts=("g",))
    node(7.6, 5.0, "×", ("i", "g"))
    line([(7.6, 5.32), (7.6, 6.08)], parts=("i", "g"))
    node(7.6, 6.4, "+", ("i", "g", "c"))
    # output: h_t = o_t * tanh(c_t)
    line([(11.4, 6.4), (11.4, 5.55)], c_line, parts=("o",))
    ax.add_patch(FancyBboxPatch((10.85, 4.75), 1.1, 0.75,
                                boxstyle="round,pad=0.02,rounding_size=0.35",
                                facecolor="white", edgecolor=c_line, lw=2, alpha=alpha("o")))
    label(11.4, 5.12, r"$\tanh$", ("o",), ha="center", va="center")
    line([(11.4, 4.75), (11.4, 3.8)], parts=("o",))
    line([(10.15, 3.48), (11.08, 3.48)], GATE_COLORS["o"], parts=("o",))
    node(11.4, 3.48, "×", ("o",))
    line([(11.72, 3.48), (13.2, 3.48)], parts=("o",))
    label(12.3, 3.75, r"$h_t$", ("o",))

    titles = {None: "One LSTM step: four parts from one product, two states out",
              "f": r"Forget gate $f_t$: how much of $c_{t-1}$ to keep",
              "i": r"Input gate $i_t$: how much of the candidate to write",
              "g": r"Candidate $g_t$: the new information, in $(-1, 1)$",
              "ig": r"Input gate $i_t$ and candidate $g_t$: what to write, and how much",
              "o": r"Output gate $o_t$: how much of $\tanh(c_t)$ to show as $h_t$",
              "c": "Cell state: changed only by × (forget) and + (write)"}
    ax.set_title(titles[highlight])
    return fig


# ---- the gradient highway ---------------------------------------------------------------------

def highway_norms(forget_bias=3.0, T=60, H=16, seed=6):
    """The gradient highway split by path, when the loss reads only h_T, in a seeded LSTM.

    The set-up of :func:`rnnlib.plots.backward.gradient_norms` (H = 16 units, seeded inputs
    N(0, 0.25), a unit-length dL/dh_T), with an LSTM whose weights are N(0, 1/H) and whose
    forget-gate bias is ``forget_bias`` (the other biases 0).

    Returns a dict of arrays of shape (T,), entry t - 1 for step t: ``"full"`` ‖dL/dc_t‖ (every
    path, :func:`rnnlib.highway.cell_gradients`), ``"cell"`` the same along the cell state
    alone (the path through h and W_h cut), ``"bias_only"`` ‖dL/dc_T‖ σ(b_f)^(T-t), what the
    cell path would be if every forget gate were exactly σ(b_f); and ``"mean_f"``, the mean
    forget gate (a float).
    """
    from ..highway import cell_gradients
    from ..activations import sigmoid
    rng = np.random.default_rng(seed)
    Wx = rng.normal(scale=1 / np.sqrt(H), size=(H, 4 * H))
    Wh = rng.normal(scale=1 / np.sqrt(H), size=(H, 4 * H))
    b = np.zeros(4 * H)
    b[H:2 * H] = forget_bias
    x = rng.normal(scale=0.5, size=(1, T, H))
    _, cache = lstm_forward(x, np.zeros((1, H)), Wx, Wh, b)
    dh = rng.normal(size=(1, H))
    dh /= np.linalg.norm(dh)
    full = np.linalg.norm(cell_gradients(dh, cache, "full")[0], axis=1)
    cell = np.linalg.norm(cell_gradients(dh, cache, "cell")[0], axis=1)
    bias_only = cell[-1] * float(sigmoid(forget_bias)) ** np.arange(T - 1, -1, -1)
    return dict(full=full, cell=cell, bias_only=bias_only,
                mean_f=float(cache["gates"][..., H:2 * H].mean()))


_HIGHWAY_FLOOR, _HIGHWAY_CEILING = 1e-20, 1e4     # the y-limits: points below are drawn flat


def draw_gradient_highway(forget_bias=3.0, T=60):
    """‖dL/dc_t‖ of an LSTM along every path and along the cell state alone, σ(b_f)^(T-t),
    and a vanilla RNN's ‖dL/dh_t‖ (notebook 06's, weight scale 1), over t on a log scale."""
    from .backward import gradient_norms
    rnn = gradient_norms(weight_scale=1.0, T=T)
    t = np.arange(1, T + 1)
    fig, ax = new_figure(fast=True)
    low, high = _HIGHWAY_FLOOR, _HIGHWAY_CEILING
    ax.semilogy(t, t * 1.0, "o-", color=GATE_COLORS["c"], markersize=5,
                label=r"LSTM $\|\partial L/\partial c_t\|$, every path")
    ax.semilogy(t, t * 1.0, "s-", color=GATE_COLORS["f"], markersize=4,
                linewidth=1.8, label=r"LSTM, cell path only ($h$ path cut)")
    ax.semilogy(t, t * 1.0, ":", color="black", linewidth=2.0,
                zorder=4, label=r"$\|\partial L/\partial c_T\|\,\sigma(b_f)^{T-t}$")
    ax.semilogy(t, np.clip(rnn, low, high), "--", color="grey", linewidth=2.2,
                label=r"vanilla RNN $\|\partial L/\partial h_t\|$")
    plain_log_ticks(ax.yaxis)
    ax.set(xlabel=r"time step $t$ (the loss reads $h_T$)", ylabel="gradient norm (log scale)",
           ylim=(low, high))
    ax.legend(loc="lower right", fontsize=12)
    _highway_data(ax, forget_bias, T)
    return fig


def _highway_data(ax, forget_bias, T):
    """Put the LSTM's curves at this forget bias into :func:`draw_gradient_highway`'s lines
    and title (the vanilla RNN's curve does not depend on it)."""
    n = highway_norms(forget_bias, T)
    for line, key in zip(ax.lines, ("full", "cell", "bias_only")):
        line.set_ydata(np.clip(n[key], _HIGHWAY_FLOOR, _HIGHWAY_CEILING))
    ratio = n["full"][0] / n["cell"][0]
    ax.set_title(rf"forget bias {forget_bias:+.1f}, mean $f$ = {n['mean_f']:.3f}" "\n"
                 rf"at $t$ = 1: every path {n['full'][0]:.1e}, cell path {n['cell'][0]:.1e}, "
                 rf"ratio {ratio:.2g}", fontsize=14)


class HighwayDrawing:
    """:func:`draw_gradient_highway` for the explorer: one Figure, the LSTM's three curves and
    the title updated in place (the limits are fixed: every move is blitted)."""
    __name__ = "draw_gradient_highway"

    def __init__(self, T=60):
        self.figure = draw_gradient_highway(3.0, T)      # built (and its texts laid out) now
        self.T = T

    def __call__(self, forget_bias=3.0):
        _highway_data(self.figure.axes[0], forget_bias, self.T)
        return self.figure

    def dynamic(self):
        """The three LSTM curves and the title; and what a full rendering draws over them:
        the vanilla RNN's curve (drawn after them, it crosses them) and the legend."""
        ax = self.figure.axes[0]
        return [*ax.lines, ax.title, ax.get_legend()]
