"""Figures of notebook 07: LSTM gates over a sequence, the long-range race, and the gate
explorer's drawing."""
import numpy as np

from ..lstm import lstm_forward, lstm_gates
from ..style import PALETTE, new_figure


def plot_gates(gates, n=0, title="Gate values of one sequence"):
    """Heat maps (hidden unit x time step) of i, f, g, o and the cell state c of sequence n.

    gates : dict from :func:`rnnlib.lstm_gates` (each (N, T, H)).
    """
    panels = [("i: input gate", "i", 0, 1, "cividis"), ("f: forget gate", "f", 0, 1, "cividis"),
              ("g: candidate", "g", -1, 1, "PuOr"), ("o: output gate", "o", 0, 1, "cividis"),
              ("c: cell state", "c", None, None, "PuOr")]
    fig, axes = new_figure(len(panels), 1, figsize=(12, 8.5), sharex=True)
    for ax, (label, key, lo, hi, cmap) in zip(axes, panels):
        values = gates[key][n].T                  # (H, T)
        if lo is None:
            hi = max(1e-9, float(np.abs(values).max()))
            lo = -hi
        image = ax.imshow(values, aspect="auto", cmap=cmap, vmin=lo, vmax=hi,
                          interpolation="nearest")
        ax.set_ylabel(label, rotation=0, ha="right", va="center", fontsize=13)
        ax.set_yticks([])
        ax.grid(False)
        fig.colorbar(image, ax=ax, pad=0.01, aspect=6)
    axes[-1].set_xlabel("time step t")
    axes[0].set_title(title)
    return fig


def plot_race(histories, test_accuracy):
    """Training accuracy per epoch of several models, their test accuracy in the legend.

    histories : dict name -> history of :func:`rnnlib.train.train`.
    test_accuracy : dict name -> accuracy on held-out sequences.
    """
    fig, ax = new_figure()
    colors = {"LSTM": PALETTE["blue"], "vanilla RNN": PALETTE["vermillion"]}
    for name, history in histories.items():
        epochs = np.arange(1, len(history["accuracy"]) + 1)
        ax.plot(epochs, history["accuracy"], color=colors.get(name),
                label=f"{name} (test accuracy {test_accuracy[name]:.0%})")
    ax.axhline(0.5, color="grey", linestyle=":", linewidth=1.5)
    ax.text(1, 0.52, "chance", color="grey", fontsize=12)
    ax.set(xlabel="epoch", ylabel="training accuracy", ylim=(0.3, 1.05),
           title="Remember the first of 100 steps")
    ax.legend(loc="lower right")
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


def draw_gate_biases(forget_bias=3.0, input_bias=-2.0, T=40):
    """What the forget-gate bias does: the cell state after a marker at step 1, over T steps."""
    H, D = 4, 6
    Wx, Wh, b = gate_demo_weights(forget_bias, input_bias, H, D)
    x = np.zeros((1, T, D))
    x[0, 0, 0] = 1.0                             # the marker at t = 1
    x[0, np.arange(1, T), 2 + np.arange(1, T) % 4] = 1.0   # distractors afterwards
    _, cache = lstm_forward(x, np.zeros((1, H)), Wx, Wh, b)
    g = lstm_gates(cache)
    t = np.arange(1, T + 1)
    fig, (top, bottom) = new_figure(2, 1, figsize=(9, 5.5), fast=True, sharex=True)
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.11, top=0.9, hspace=0.15)
    top.plot(t, g["f"][0].mean(axis=1), color=PALETTE["blue"], label="forget gate f (mean)")
    top.plot(t, g["i"][0].mean(axis=1), color=PALETTE["orange"], label="input gate i (mean)")
    top.set(ylim=(-0.05, 1.05), ylabel="gate")
    top.legend(loc="center right", fontsize=12)
    for j in range(H):
        bottom.plot(t, g["c"][0, :, j], linewidth=2)
    bottom.set(xlabel="time step t (marker at t = 1)", ylabel="cell state c_t")
    kept = np.abs(g["c"][0, -1]).mean() / max(np.abs(g["c"][0, 0]).mean(), 1e-12)
    top.set_title(f"forget bias {forget_bias:+.1f}, input bias {input_bias:+.1f}: "
                  f"|c| keeps {kept:.0%} after {T} steps")
    return fig
