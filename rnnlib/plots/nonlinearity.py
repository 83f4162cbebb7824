"""Figures of notebook 03: tanh, its derivative, and what an activation does in a recurrence."""
import numpy as np

from ..activations import relu, sigmoid, sigmoid_grad, tanh, tanh_grad
from ..style import PALETTE, decade_limits, new_figure, plain_log_ticks, steps_xlim

ACTIVATIONS = {
    "tanh": tanh,
    "relu": relu,
    "sigmoid": sigmoid,
    "linear": lambda z: z,
}
# One colour and one line style per activation, in every figure of this module: four hues
# that stay apart for every colour vision (and the styles tell them apart in greyscale).
GAMMA = {"tanh": 1.0, "sigmoid": 0.25}     # the largest slope of each activation
COLORS = {"tanh": PALETTE["blue"], "relu": PALETTE["vermillion"],
          "sigmoid": PALETTE["green"], "linear": PALETTE["black"]}
LINESTYLES = {"tanh": "-", "relu": "-", "sigmoid": "-.", "linear": "--"}


def plot_activations():
    """tanh, sigmoid and ReLU on [-4, 4]; tanh(2) ~ 0.964 marked; tanh's range (-1, 1)."""
    x = np.linspace(-4, 4, 401)
    fig, ax = new_figure()
    ax.axhspan(-1, 1, color=PALETTE["sky"], alpha=0.12, label="range of tanh: (-1, 1)")
    for name in ("tanh", "sigmoid", "relu"):
        ax.plot(x, ACTIVATIONS[name](x), color=COLORS[name], linestyle=LINESTYLES[name],
                label=name)
    ax.plot([2, -2], [tanh(2.0), tanh(-2.0)], "o", color=COLORS["tanh"])
    ax.annotate("tanh(2) ≈ 0.964", (2, tanh(2.0)), (0.4, 2.3), fontsize=14,
                arrowprops=dict(arrowstyle="->", lw=1.5))
    ax.annotate("tanh(-2) ≈ -0.964", (-2, tanh(-2.0)), (-3.9, 1.6), fontsize=14,
                arrowprops=dict(arrowstyle="->", lw=1.5))
    ax.set(xlabel="x", ylabel="activation(x)", ylim=(-1.6, 3.2),
           title="Three activation functions")
    ax.legend(loc="lower right")          # below the curves at x > 1: clear of both notes
    return fig


def plot_derivatives(sigma_max=2.0, steps=10):
    """Left: the derivatives of tanh and sigmoid. Right: a gradient sent back ``steps`` steps.

    Right panel: ‖dL/dh_t‖ (:func:`backprop_norms`, seed 0) through a tanh and a sigmoid RNN
    whose W_h has largest singular value s_max = ‖W_h‖₂ = ``sigma_max``, and a sigmoid RNN
    with 4 times larger weights (its own colour); dotted, the sigmoid's guaranteed bound
    (s_max / 4)^t. (σ is the sigmoid in the course; s_max the largest singular value.)
    """
    x = np.linspace(-5, 5, 401)
    fig, (left, right) = new_figure(1, 2, figsize=(13, 5.4))
    left.plot(x, tanh_grad(x), color=COLORS["tanh"], label=r"$\tanh'(x) = 1 - \tanh^2 x$")
    left.plot(x, sigmoid_grad(x), color=COLORS["sigmoid"],
              label=r"$\sigma'(x) = \sigma(x)(1 - \sigma(x))$")
    left.set(xlabel=r"$x$", ylabel="derivative", title=r"Largest slope $\gamma$: 1 vs 1/4",
             ylim=(0, 1.3))
    left.legend(loc="upper right", fontsize=14)
    t = np.arange(0, steps + 1)
    for activation, scale, marker, color in [
            ("tanh", 1, "o-", COLORS["tanh"]), ("sigmoid", 1, "s-", COLORS["sigmoid"]),
            ("sigmoid", 4, "D--", PALETTE["orange"])]:
        norms = backprop_norms(activation, scale * sigma_max, steps)
        right.semilogy(t, norms, marker, color=color,
                       label=rf"{activation}, $s_{{max}}$ = {scale * sigma_max:g}")
    right.semilogy(t, (GAMMA["sigmoid"] * sigma_max) ** t, ":", color=COLORS["sigmoid"],
                   linewidth=2.5,
                   label=rf"sigmoid's bound $(s_{{max}}/4)^t$, $s_{{max}}$ = {sigma_max:g}")
    plain_log_ticks(right.yaxis)
    right.set(xlabel=r"steps back $t$", ylabel=r"$\|\partial L/\partial h\|$ (log scale)",
              title=r"A gradient sent back $t$ steps")
    right.legend(loc="lower left", fontsize=13)
    return fig


def recurrent_weights(weight_scale, H=16, seed=3):
    """A seeded (H, H) matrix of non-negative entries whose spectral radius is ``weight_scale``.

    Then a linear recurrence h_t = h_{t-1} Wh stretches h by about ``weight_scale`` per step:
    it grows when the scale is above 1 and shrinks when it is below. Non-negative entries
    keep a positive hidden state positive, which is where ReLU acts as the identity.
    """
    A = np.random.default_rng(seed).uniform(0, 1, size=(H, H))
    return weight_scale * A / np.max(np.abs(np.linalg.eigvals(A)))


def recurrence_norms(weight_scale=1.0, activation="tanh", T=30, H=16, seed=3):
    """‖h_t‖ for t = 1..T of h_t = act(h_{t-1} Wh + x_t), with seeded small inputs x_t.

    Returns an array of shape (T,).
    """
    Wh = recurrent_weights(weight_scale, H, seed)
    x = np.random.default_rng(seed + 1).uniform(0, 0.5, size=(T, H))
    act = ACTIVATIONS[activation]
    h = np.zeros(H)
    norms = np.empty(T)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(T):
            h = act(h @ Wh + x[t])
            norms[t] = np.linalg.norm(h)
    return norms


class _RecurrenceFigure:
    """draw_recurrence's one Figure: a slider move updates its lines, axis and title in place
    (no new Figure, no new Axes), so a redraw costs one rendering."""

    def __init__(self):
        self.fig, self.ax = new_figure(figsize=(10, 5), fast=True)
        self.fig.subplots_adjust(left=0.1, right=0.72, bottom=0.14, top=0.9)
        ax = self.ax
        self.lines = {name: ax.semilogy([1], [1], color=COLORS[name], label=name,
                                        linestyle=LINESTYLES[name])[0]
                      for name in ACTIVATIONS}
        ceiling = dict(color="dimgrey", linestyle=(0, (1, 1.5)), linewidth=2.2)
        self.ceiling = ax.axhline(np.sqrt(16), **ceiling,
                                  label="‖h‖ < √H = 4:\nceiling of tanh\nand sigmoid")
        # On the log axis tanh and sigmoid share one thin band under the ceiling:
        # an inset on a linear scale from 0 to 4.5, beside the axes under the legend, keeps
        # them apart without covering any curve.
        self.inset = ax.inset_axes([1.1, 0.0, 0.3, 0.36])
        self.inset.axhline(np.sqrt(16), **ceiling)
        self.zoom = {name: self.inset.plot([1], [1], color=COLORS[name], linewidth=2.5,
                                           linestyle=LINESTYLES[name])[0]
                     for name in ("tanh", "sigmoid")}
        self.inset.set_ylim(0, 4.5)
        self.inset.set_yticks([0, 2, 4])
        self.inset.tick_params(labelsize=11)
        self.inset.set_title("tanh and sigmoid,\nlinear scale", fontsize=12)
        plain_log_ticks(ax.yaxis)
        ax.set(xlabel="time step t", ylabel=r"$\|h_t\|$ (log scale)")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.03), fontsize=13,
                  handlelength=2.4, frameon=False)

    def __call__(self, weight_scale=1.0, activation="tanh", T=30):
        t = np.arange(1, T + 1)
        low, high = np.inf, 0.0
        for name, line in self.lines.items():
            norms = recurrence_norms(weight_scale, name, T)
            bold = name == activation
            line.set_data(t, norms)
            line.set_linewidth(4.0 if bold else 2.0)
            line.set_zorder(2 if bold else 2.5)    # thin lines over the bold one: none hidden
            finite = norms[np.isfinite(norms) & (norms > 0)]
            low, high = min(low, finite.min()), max(high, finite.max())
            if bold:
                last = norms[-1]
        low, high = min(low, 4.0), max(high, 4.0)  # the ceiling always in view
        self.ax.set_xlim(*steps_xlim(T))
        for name, line in self.zoom.items():
            line.set_data(t, recurrence_norms(weight_scale, name, T))
            line.set_linewidth(3.5 if name == activation else 2.0)
        self.inset.set_xlim(*steps_xlim(T))
        # a factor of 3 of room each way, then out to powers of ten: most moves keep these
        # limits (the explorer redraws only the curves)
        self.ax.set_ylim(*decade_limits(low / 3, high * 3))
        self.ax.set_title(f"weight scale {weight_scale:.2f}: {activation} ends at "
                          rf"$\|h_T\|$ = {last:.3g}")
        return self.fig

    def dynamic(self):
        """The artists a move changes (blitted by the explorer): the curves, the title, the
        ceilings, which a full rendering draws over the bold curve (same zorder, later), and
        the axes' x- and y-axis and the inset's x-axis (ticks, labels, grid), with their
        limits: then a move that changes them is blitted too (nothing else in those axes
        depends on them)."""
        return [*self.lines.values(), self.ceiling, self.ax.title, *self.zoom.values(),
                self.inset.lines[0], self.ax.xaxis, self.ax.yaxis, self.inset.xaxis]


_RECURRENCE = {}


def draw_recurrence(weight_scale=1.0, activation="tanh", T=30, reuse=False):
    """‖h_t‖ over time for one activation (bold) and the other three (thinner), log scale.

    The y-axis spans the data (every curve, and the ceiling √H = 4 of tanh and sigmoid) with
    a margin (a factor of 3 each way), widened out to powers of ten (a small move of a
    slider mostly keeps them), so no curve is clipped; the legend sits outside the axes. The
    thinner lines are drawn over the bold one, so that a line it hides stays visible (ReLU
    and linear coincide here: the state stays positive). ``reuse=True`` (the explorer)
    updates one Figure in place; the default returns a new Figure.
    """
    if not reuse:
        return _RecurrenceFigure()(weight_scale, activation, T)
    return recurrence_figure()(weight_scale, activation, T)


def recurrence_figure():
    """The explorer's one :class:`_RecurrenceFigure` (``draw_recurrence(..., reuse=True)``)."""
    if "figure" not in _RECURRENCE:
        _RECURRENCE["figure"] = _RecurrenceFigure()
    return _RECURRENCE["figure"]


def draw_tanh_point(x=2.0):
    """The tanh curve with one point at ``x``; its value in the title (the warm-up of 00)."""
    grid = np.linspace(-4, 4, 201)
    fig, ax = new_figure(fast=True)
    ax.plot(grid, tanh(grid), color=COLORS["tanh"])
    ax.plot([x], [tanh(x)], "o", color=PALETTE["vermillion"], markersize=14)
    ax.axhline(1, color="dimgrey", linestyle=":", linewidth=1.6)
    ax.axhline(-1, color="dimgrey", linestyle=":", linewidth=1.6)
    ax.set(xlabel="x", ylabel="tanh(x)", ylim=(-1.2, 1.2), title=f"tanh({x:.2f}) = {tanh(x):.3f}")
    return fig


class TanhPointDrawing:
    """:func:`draw_tanh_point` for the explorer: one Figure; a move moves the point and
    rewrites the title (the limits stay: the curve is the same at every x)."""
    __name__ = "draw_tanh_point"

    def __init__(self):
        self.figure = None

    def __call__(self, x=2.0):
        if self.figure is None:
            self.figure = draw_tanh_point(x)
        ax = self.figure.axes[0]
        self.point.set_data([x], [tanh(x)])
        ax.set_title(f"tanh({x:.2f}) = {tanh(x):.3f}")
        return self.figure

    @property
    def point(self):
        return self.figure.axes[0].lines[1]

    def dynamic(self):
        """The point and the title; the dotted lines at ±1 are drawn after the point in a
        full rendering, so they are redrawn over it too."""
        ax = self.figure.axes[0]
        return [self.point, *ax.lines[2:], ax.title]


def backprop_norms(activation="tanh", sigma_max=2.0, T=10, H=16, seed=0, input_scale=1.0):
    """‖dL/dh_t‖ for t = T, T-1, ..., 0 of a seeded RNN h_t = act(h_{t-1} W_h + x_t W_x).

    W_h is a Gaussian matrix rescaled so that its largest singular value is ``sigma_max``;
    the inputs are ``input_scale`` times N(0, 1) (0: zero inputs, tanh units unsaturated),
    through W_x with entries N(0, 1/H). A unit-length gradient at h_T is sent back through
    diag(act'(a_t)) W_h^T, step by step. Its size after t steps is at most
    (γ σ_max)^t, with γ the activation's largest slope (:data:`GAMMA`).

    Returns an array of shape (T + 1,): index 0 is ‖dL/dh_T‖ = 1, index T is ‖dL/dh_0‖.
    """
    rng = np.random.default_rng(seed)
    Wh = rng.normal(size=(H, H))
    Wh *= sigma_max / np.linalg.norm(Wh, 2)
    Wx = rng.normal(scale=1 / np.sqrt(H), size=(H, H))
    x = input_scale * rng.normal(size=(T, H))
    act, slope = {"tanh": (tanh, tanh_grad), "sigmoid": (sigmoid, sigmoid_grad)}[activation]
    h, pre = np.zeros(H), []
    for t in range(T):
        pre.append(h @ Wh + x[t] @ Wx)
        h = act(pre[-1])
    grad = rng.normal(size=H)
    grad /= np.linalg.norm(grad)
    norms = [1.0]
    for t in range(T - 1, -1, -1):
        grad = (grad * slope(pre[t])) @ Wh.T
        norms.append(float(np.linalg.norm(grad)))
    return np.array(norms)
