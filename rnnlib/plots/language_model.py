"""Figures of notebook 08: the training curves of a character model against its count-based
baselines, and what a temperature does to the next-character distribution and to a sample."""
import textwrap

import numpy as np

from ..activations import softmax
from ..data import decode
from ..style import PALETTE, new_figure

SEED_COLOURS = ("blue", "green", "orange", "purple", "sky")


def plot_lm_history(history, baseline=None, uniform=None, held_out=None, count_model=None,
                    labels=None, count_order=4, zoom=(1.6, 2.2)):
    """The training loss of truncated BPTT per step, in nats per character, for one or
    several runs, with the held-out losses and the baselines as lines; on the right, the
    same from step 100 with the y-range ``zoom``, where the runs approach the count model.

    history : from :func:`rnnlib.tbptt.train` (``"loss"``, ``"smooth_loss"``), or a list of
        them (one per seed). The loss of every step of the first run is drawn faint; the
        smoothed loss (a bias-corrected moving average) of every run in colour.
    baseline, count_model, uniform : optional horizontal lines: the bigram's and the
        interpolated count model's (``count_order`` characters back) held-out loss, and log V.
    held_out : optional (step, loss), or a list of them (one per run), drawn as diamonds,
        side by side (run k shifted right by 8 k steps) so that none hides another.
    labels : names of the runs (default "seed 0", "seed 1", ...).
    """
    runs = [history] if isinstance(history, dict) else list(history)
    points = [] if held_out is None else ([held_out] if np.ndim(held_out[0]) == 0
                                          else list(held_out))
    labels = labels or [f"seed {r}" for r in range(len(runs))]
    fig, (ax, zoom_ax) = new_figure(1, 2, figsize=(14, 5.6),
                                    gridspec_kw={"width_ratios": [1.25, 1]})
    steps = np.arange(1, len(runs[0]["loss"]) + 1)
    for axis in (ax, zoom_ax):
        axis.plot(steps, runs[0]["loss"], color=PALETTE["sky"], linewidth=1, alpha=0.7,
                  label=f"loss of each step ({labels[0]})")
        for r, run in enumerate(runs):
            colour = PALETTE[SEED_COLOURS[r % len(SEED_COLOURS)]]
            axis.plot(np.arange(1, len(run["smooth_loss"]) + 1), run["smooth_loss"],
                      color=colour, linewidth=2, label=f"smoothed, {labels[r]}")
            if r < len(points):
                axis.plot([points[r][0] + 8 * r], [points[r][1]], "D", color=colour,
                          markersize=10, markeredgecolor=PALETTE["black"],
                          label=f"held out, {labels[r]}: {points[r][1]:.2f}")
        if uniform is not None:
            axis.axhline(uniform, color="grey", linestyle=":", linewidth=2,
                         label=f"uniform guess, log V = {uniform:.2f}")
        if baseline is not None:
            axis.axhline(baseline, color=PALETTE["vermillion"], linestyle="--", linewidth=2,
                         label=f"bigram (held out) {baseline:.2f}")
        if count_model is not None:
            axis.axhline(count_model, color=PALETTE["black"], linestyle="-.", linewidth=2,
                         label=f"count model, {count_order} back (held out) "
                               f"{count_model:.2f}")
    ax.set(xlabel="training step (one chunk of N x T characters)",
           ylabel="nats per character", title="Learning to predict the next character",
           ylim=(1.4, (uniform or 4.4) + 0.15))
    ax.legend(loc="upper right", fontsize=11)
    zoom_ax.set(xlabel="training step", title=f"zoom: from step 100, {zoom[0]} to {zoom[1]}",
                xlim=(100, len(steps) + 8 * len(points) + 10), ylim=zoom)
    return fig


def next_char_probs(model, vocab, prompt, temperature=1.0):
    """P(next character | prompt) of ``model`` at ``temperature``: an array (V,)."""
    ids = np.array([vocab[c] for c in prompt])
    scores = model.forward(np.eye(model.vocab_size)[ids][None])[0, -1]
    return softmax(scores / temperature)


class TemperatureFigure:
    """One figure of a sample and of the next-character distribution, redrawn in place.

    ``TemperatureFigure(model, vocab, prompt)(temperature)`` returns the same Figure every
    call, with its text, bars and title updated: a slider move redraws without building a new
    figure. The likeliest characters are the same at every temperature (dividing the scores
    by a positive number keeps their order), so the bars keep their labels.
    """

    def __init__(self, model, vocab, prompt="The ", n=80, seed=0, top=12):
        self.model, self.vocab, self.prompt, self.n, self.seed = model, vocab, prompt, n, seed
        ids = np.array([vocab[c] for c in prompt])
        self.scores = model.forward(np.eye(model.vocab_size)[ids][None])[0, -1]
        chars = sorted(vocab, key=vocab.get)
        top = min(top, model.vocab_size)
        self.order = np.argsort(self.scores)[::-1][:top]
        fig, (text_ax, bars_ax) = new_figure(2, 1, figsize=(11, 4.8), fast=True,
                                             gridspec_kw={"height_ratios": [0.42, 1.6]})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.9, hspace=0.12)
        text_ax.set_axis_off()
        self.text = text_ax.text(0, 1, "", va="top", family="monospace", fontsize=14,
                                 transform=text_ax.transAxes)
        labels = [repr(chars[k])[1:-1] if chars[k] != " " else "space" for k in self.order]
        self.bars = bars_ax.bar(range(top), np.zeros(top), color=PALETTE["blue"])
        bars_ax.set_axisbelow(True)      # grid under the bars, which the explorer blits
        bars_ax.set_xticks(range(top), labels)
        bars_ax.set(ylim=(0, 1.02), ylabel="P(next)",
                    xlabel=f"the {top} likeliest next characters after {prompt!r}")
        self.fig = fig

    def __call__(self, temperature=1.0):
        probs = softmax(self.scores / temperature)
        sample = self.model.sample([self.vocab[c] for c in self.prompt], self.n, temperature,
                                   self.seed)
        shown = (self.prompt + decode(sample, self.vocab)).replace("\n", "¶")
        if " " in shown[len(self.prompt):]:          # end at a word's end, not mid-word
            shown = shown[:shown.rindex(" ")] + " ..."
        self.text.set_text("\n".join(textwrap.wrap(shown, 60, break_on_hyphens=False)))
        for bar, p in zip(self.bars, probs[self.order]):
            bar.set_height(p)
        self.fig.suptitle(f"temperature {temperature:.2f}: a sample after {self.prompt!r} "
                          f"(¶ = new line); largest P = {probs.max():.2f}")
        return self.fig

    def dynamic(self):
        """What a move changes, blitted by the explorer: the sample, the bars, the title."""
        return [self.text, *self.bars, self.fig._suptitle]


def draw_temperature(model, vocab, prompt="The ", temperature=1.0, n=80, seed=0, top=12):
    """A sample of ``n`` characters after ``prompt`` at ``temperature`` (top), and the
    distribution of the first new character (bottom, the ``top`` likeliest)."""
    return TemperatureFigure(model, vocab, prompt, n, seed, top)(temperature)
