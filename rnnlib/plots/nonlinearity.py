"""Figures of notebook 03: tanh, its derivative, and what an activation does in a recurrence."""
import numpy as np

from ..activations import relu, sigmoid, sigmoid_grad, tanh, tanh_grad
from ..style import PALETTE, new_figure, plain_log_ticks

ACTIVATIONS = {
    "tanh": tanh,
    "relu": relu,
    "sigmoid": sigmoid,
    "linear": lambda z: z,
}
COLORS = {"tanh": PALETTE["blue"], "relu": PALETTE["vermillion"],
          "sigmoid": PALETTE["orange"], "linear": PALETTE["black"]}


def plot_activations():
    """tanh, sigmoid and ReLU on [-4, 4]; tanh(2) ~ 0.964 marked; tanh's range (-1, 1)."""
    x = np.linspace(-4, 4, 401)
    fig, ax = new_figure()
    ax.axhspan(-1, 1, color=PALETTE["sky"], alpha=0.12, label="range of tanh: (-1, 1)")
    for name in ("tanh", "sigmoid", "relu"):
        ax.plot(x, ACTIVATIONS[name](x), color=COLORS[name], label=name)
    ax.plot([2, -2], [tanh(2.0), tanh(-2.0)], "o", color=COLORS["tanh"])
    ax.annotate("tanh(2) ≈ 0.964", (2, tanh(2.0)), (0.4, 2.3), fontsize=13,
                arrowprops=dict(arrowstyle="->"))
    ax.annotate("tanh(-2) ≈ -0.964", (-2, tanh(-2.0)), (-3.9, 1.6), fontsize=13,
                arrowprops=dict(arrowstyle="->"))
    ax.set(xlabel="x", ylabel="activation(x)", ylim=(-1.6, 3.2),
           title="Three activation functions")
    ax.legend(loc="upper left")
    return fig


def plot_derivatives(steps=10):
    """Left: the derivatives of tanh and sigmoid. Right: their best case over many steps.

    A gradient through t steps is multiplied by t derivatives; at best (x = 0) that is 1^t
    for tanh and 0.25^t for sigmoid.
    """
    x = np.linspace(-5, 5, 401)
    fig, (left, right) = new_figure(1, 2, figsize=(11, 4.5))
    left.plot(x, tanh_grad(x), color=COLORS["tanh"], label="tanh'(x) = 1 - tanh²(x)")
    left.plot(x, sigmoid_grad(x), color=COLORS["sigmoid"],
              label="sigmoid'(x) = s(x)(1 - s(x))")
    left.set(xlabel="x", ylabel="derivative", title="Largest slope: 1 vs 0.25", ylim=(0, 1.25))
    left.legend(loc="upper right", fontsize=11)
    t = np.arange(0, steps + 1)
    right.semilogy(t, 1.0 ** t, "o-", color=COLORS["tanh"], label="tanh: 1^t")
    right.semilogy(t, 0.25 ** t, "s-", color=COLORS["sigmoid"], label="sigmoid: 0.25^t")
    right.set(xlabel="steps back in time t", ylabel="largest product of slopes",
              title="After t steps")
    right.legend(loc="lower left")
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


def draw_recurrence(weight_scale=1.0, activation="tanh", T=30):
    """‖h_t‖ over time for one activation (bold) and the other three (thin), log scale."""
    fig, ax = new_figure(fast=True)
    t = np.arange(1, T + 1)
    for name in ACTIVATIONS:
        norms = recurrence_norms(weight_scale, name, T)
        bold = name == activation
        ax.semilogy(t, np.clip(norms, 1e-6, 1e12), color=COLORS[name], label=name,
                    linewidth=3.5 if bold else 1.2, alpha=1.0 if bold else 0.5)
    last = recurrence_norms(weight_scale, activation, T)[-1]
    ax.axhline(np.sqrt(16), color=PALETTE["blue"], linestyle=":", linewidth=1.2)
    ax.text(T, 4.6, "tanh's ceiling: ‖h‖ < √H = 4", ha="right", va="bottom", fontsize=12,
            color=PALETTE["blue"])
    plain_log_ticks(ax.yaxis)
    ax.set(xlabel="time step t", ylabel="‖h_t‖ (log scale)", ylim=(1e-3, 1e12),
           title=f"weight scale {weight_scale:.2f}: {activation} ends at ‖h_T‖ = {last:.3g}")
    ax.legend(loc="upper left", ncol=4, fontsize=12)
    return fig


def draw_tanh_point(x=2.0):
    """The tanh curve with one point at ``x``; its value in the title (the warm-up of 00)."""
    grid = np.linspace(-4, 4, 201)
    fig, ax = new_figure(fast=True)
    ax.plot(grid, tanh(grid), color=COLORS["tanh"])
    ax.plot([x], [tanh(x)], "o", color=PALETTE["vermillion"], markersize=14)
    ax.axhline(1, color="grey", linestyle=":", linewidth=1.2)
    ax.axhline(-1, color="grey", linestyle=":", linewidth=1.2)
    ax.set(xlabel="x", ylabel="tanh(x)", ylim=(-1.2, 1.2), title=f"tanh({x:.2f}) = {tanh(x):.3f}")
    return fig
