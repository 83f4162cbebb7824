"""Figures of notebook 06: the loss curve, retraining at a hidden size, and the size of the
gradient ‖dL/dh_t‖ as it travels back through time."""
import numpy as np

from ..data import as_soon_as
from ..model import ManyToOne
from ..optim import Adam
from ..rnn import rnn_step_backward, rnn_step_forward
from ..style import PALETTE, decade_limits, new_figure, plain_log_ticks, steps_xlim
from ..train import train


def train_as_soon_as(hidden_dim=3, epochs=150, lr=0.1, seed=0):
    """Train a ManyToOne RNN on the "as soon as" toy with Adam; return (model, history)."""
    X, y, _ = as_soon_as()
    model = ManyToOne(input_dim=2, hidden_dim=hidden_dim, seed=seed)
    history = train(model, X, y, Adam(model.params, lr=lr), epochs=epochs)
    return model, history


def plot_history(history, title="Training on \"as soon as\"", fast=False):
    """Loss (left axis, log scale) and accuracy (right axis) per epoch."""
    fig, ax = new_figure(fast=fast)
    if fast:
        fig.subplots_adjust(right=0.86)
    epochs = np.arange(len(history["loss"]))           # entry k: after k epochs
    ax.semilogy(epochs, history["loss"], color=PALETTE["blue"], label="loss")
    plain_log_ticks(ax.yaxis)
    ax.set(xlabel="epoch", ylabel="loss (log scale)", title=title)
    acc = ax.twinx()
    acc.plot(epochs, history["accuracy"], color=PALETTE["orange"], label="accuracy")
    acc.set_ylim(-0.05, 1.05)
    acc.set_ylabel("accuracy")                    # orange text would be too pale to read
    acc.grid(False)
    acc.spines["right"].set_visible(True)
    ax.legend(handles=ax.lines + acc.lines, loc="center right")
    return fig


def _retrain_title(H, history):
    return (f"H = {H}: final loss {history['loss'][-1]:.3f}, "
            f"accuracy {history['accuracy'][-1]:.0%}")


def draw_retrain(H=3):
    """Retrain the toy model with H hidden units from scratch and draw its history."""
    _, history = train_as_soon_as(hidden_dim=H)
    return plot_history(history, title=_retrain_title(H, history), fast=True)


class RetrainDrawing:
    """:func:`draw_retrain` for the explorer: one Figure, its two curves updated in place.

    Every call still trains a new model from scratch; only the drawing is reused (new line
    data, the log axis's limits, the title), so a slider move costs one rendering. The loss
    axis spans whole decades here (:func:`loss_ylim`; ``draw_retrain`` fits it to the curve),
    so that most moves keep it and the explorer redraws only the curves.
    """
    __name__ = "draw_retrain"

    def __init__(self):
        self.figure = None

    def __call__(self, H=3):
        _, history = train_as_soon_as(hidden_dim=H)
        if self.figure is None:
            self.figure = plot_history(history, title=_retrain_title(H, history), fast=True)
            self.figure.axes[0].set_ylim(*loss_ylim(history["loss"]))
            return self.figure
        ax, acc = self.figure.axes[:2]
        epochs = np.arange(len(history["loss"]))
        ax.lines[0].set_data(epochs, history["loss"])
        acc.lines[0].set_data(epochs, history["accuracy"])
        ax.relim()
        ax.autoscale_view()
        ax.set_ylim(*loss_ylim(history["loss"]))
        ax.set_title(_retrain_title(H, history))
        return self.figure

    def dynamic(self):
        """What a move changes, blitted by the explorer: the two curves and the title, and
        the legend, which a curve can cross (a full rendering draws it over the loss curve
        and under the accuracy curve, whose axes comes second)."""
        ax, acc = self.figure.axes[:2]
        return [ax.lines[0], acc.lines[0], ax.title, ax.get_legend()]


def loss_ylim(loss):
    """Log-axis limits around a loss curve in whole decades: they stay put while a retrain
    moves the curve a little (the explorer then redraws only the curves)."""
    loss = np.asarray(loss)
    return decade_limits(loss.min() / 1.1, loss.max() * 1.1)


def scaled_weights(weight_scale=1.0, H=16, rng=6):
    """(Wx, Wh) of :func:`gradient_norms`: entries N(0, 1/H) and N(0, weight_scale² / H).

    ``rng`` is a seed or a ``numpy.random.Generator``. The spectral radius of such a Wh is
    close to ``weight_scale``, its largest singular value close to 2 ``weight_scale``.
    """
    rng = np.random.default_rng(rng)
    return (rng.normal(scale=1 / np.sqrt(H), size=(H, H)),
            rng.normal(scale=weight_scale / np.sqrt(H), size=(H, H)))


def gradient_norms(weight_scale=1.0, T=30, H=16, seed=6, slopes=True, input_std=0.5):
    """‖dL/dh_t‖ for t = 1..T when the loss reads only h_T, in a seeded tanh RNN.

    ``slopes=False`` is the control run: the same Wh, with tanh's slopes 1 - h_t² set to 1,
    so that each step back multiplies by Wh^T only.

    The inputs are x_t ~ N(0, input_std²) per entry (D = H), through Wx ~ N(0, 1/H), b = 0;
    they set how far h_t moves from 0, and so the slopes. Wh has entries
    N(0, weight_scale² / H): about ``weight_scale`` times an orthogonal-ish
    stretch per step. The gradient dL/dh_T is a unit vector; each step back multiplies it by
    diag(1 - h_t²) Wh^T (:func:`rnnlib.rnn_step_backward`). Returns an array of shape (T,).
    """
    rng = np.random.default_rng(seed)
    Wx, Wh = scaled_weights(weight_scale, H, rng)
    b = np.zeros(H)
    x = rng.normal(scale=input_std, size=(1, T, H))
    h, caches = np.zeros((1, H)), []
    for t in range(T):
        h, cache = rnn_step_forward(x[:, t], h, Wx, Wh, b)
        caches.append(cache)
    dh = rng.normal(size=(1, H))
    dh /= np.linalg.norm(dh)
    norms = np.empty(T)
    for t in range(T - 1, -1, -1):
        norms[t] = np.linalg.norm(dh)
        dh = rnn_step_backward(dh, caches[t])[1] if slopes else dh @ Wh.T
    return norms


def _gradient_title(weight_scale, norms):
    return (f"weight scale {weight_scale:.2f}: "
            r"$\|\partial L/\partial h_1\| \,/\, \|\partial L/\partial h_T\|$"
            f" = {norms[0]:.1e}")


def gradient_ylim(norms):
    """y-limits that follow the data in steps: at least half a decade of room, the lower limit
    a multiple of 4 decades and the upper one of 2, always 1e-2 to 1e2 at least (so a flat
    line looks flat and a rise or fall of a few decades shows); the curve ends at 1, so the
    lower limit is in practice 1e-4 or below. A slider move that changes
    the curve by a decade mostly keeps them (and the explorer redraws only the curve)."""
    low = min(-2, 4 * np.floor((np.log10(norms.min()) - 0.5) / 4))
    high = max(2, 2 * np.ceil((np.log10(norms.max()) + 0.5) / 2))
    return 10.0 ** low, 10.0 ** high


def draw_gradient_norms(weight_scale=1.0, T=30):
    """‖dL/dh_t‖ over t on a log scale: flat is healthy, falling is vanishing, rising exploding."""
    norms = gradient_norms(weight_scale, T)
    fig, ax = new_figure(fast=True)
    t = np.arange(1, T + 1)
    ax.semilogy(t, norms, "o-", color=PALETTE["vermillion"], markersize=6)
    plain_log_ticks(ax.yaxis)
    ax.set(xlabel=r"time step $t$ (the loss reads $h_T$)",
           ylabel=r"$\|\partial L/\partial h_t\|$ (log scale)", ylim=gradient_ylim(norms),
           xlim=steps_xlim(T, left=0, pad=1),
           title=_gradient_title(weight_scale, norms))
    return fig


class GradientNormsDrawing:
    """:func:`draw_gradient_norms` for the explorer: one Figure, its curve updated in place."""
    __name__ = "draw_gradient_norms"

    def __init__(self):
        self.figure = None

    def __call__(self, weight_scale=1.0, T=30):
        if self.figure is None:
            self.figure = draw_gradient_norms(weight_scale, T)
            return self.figure
        norms = gradient_norms(weight_scale, T)
        ax = self.figure.axes[0]
        ax.lines[0].set_data(np.arange(1, T + 1), norms)
        ax.set_xlim(*steps_xlim(T, left=0, pad=1))
        ax.set_ylim(*gradient_ylim(norms))
        ax.set_title(_gradient_title(weight_scale, norms))
        return self.figure

    def dynamic(self):
        """The curve, the title, and both axes (ticks, labels, grid) with their limits,
        which moves of T and of the weight scale change (both, as the y-axis's grid lines
        are drawn over the x-axis's where they cross); the background keeps the rest."""
        ax = self.figure.axes[0]
        return [ax.lines[0], ax.title, ax.xaxis, ax.yaxis]


