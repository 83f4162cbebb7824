"""Figures of notebook 08: the training curve of a character model against its baseline, and
what a temperature does to the next-character distribution and to a sample."""
import numpy as np

from ..activations import softmax
from ..data import decode
from ..style import PALETTE, new_figure


def plot_lm_history(history, baseline=None, uniform=None, held_out=None):
    """The training loss of truncated BPTT per step (raw and smoothed), in nats per character.

    history : from :func:`rnnlib.tbptt.train` (``"loss"``, ``"smooth_loss"``).
    baseline, uniform : optional horizontal lines: the bigram's held-out loss, log V.
    held_out : optional (step, loss) of the model on held-out text, drawn as a point.
    """
    steps = np.arange(1, len(history["loss"]) + 1)
    fig, ax = new_figure(figsize=(9, 4.8))
    ax.plot(steps, history["loss"], color=PALETTE["sky"], linewidth=1.2, label="loss of each step")
    ax.plot(steps, history["smooth_loss"], color=PALETTE["blue"], label="smoothed")
    if uniform is not None:
        ax.axhline(uniform, color="grey", linestyle=":", linewidth=2,
                   label=f"uniform guess, log V = {uniform:.2f}")
    if baseline is not None:
        ax.axhline(baseline, color=PALETTE["vermillion"], linestyle="--", linewidth=2,
                   label=f"bigram baseline (held out) {baseline:.2f}")
    if held_out is not None:
        ax.plot([held_out[0]], [held_out[1]], "D", color=PALETTE["black"], markersize=10,
                label=f"the model on held-out text {held_out[1]:.2f}")
    ax.set(xlabel="training step (one chunk of N x T characters)",
           ylabel="nats per character", title="Learning to predict the next character")
    ax.legend(loc="upper right", fontsize=12)
    return fig


def next_char_probs(model, vocab, prompt, temperature=1.0):
    """P(next character | prompt) of ``model`` at ``temperature``: an array (V,)."""
    ids = np.array([vocab[c] for c in prompt])
    scores = model.forward(np.eye(model.vocab_size)[ids][None])[0, -1]
    return softmax(scores / temperature)


def draw_temperature(model, vocab, prompt="The ", temperature=1.0, n=80, seed=0, top=12):
    """A sample of ``n`` characters after ``prompt`` at ``temperature`` (top), and the
    distribution of the first new character (bottom, the ``top`` likeliest)."""
    probs = next_char_probs(model, vocab, prompt, temperature)
    text = decode(model.sample([vocab[c] for c in prompt], n, temperature, seed), vocab)
    chars = sorted(vocab, key=vocab.get)
    order = np.argsort(probs)[::-1][:top]
    fig, (top_ax, bottom) = new_figure(2, 1, figsize=(11, 5.6), fast=True,
                                       gridspec_kw={"height_ratios": [1, 1.6]})
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.1, top=0.9, hspace=0.25)
    top_ax.set_axis_off()
    shown = (prompt + text).replace("\n", "¶")            # ¶ marks a line break of the text
    top_ax.text(0, 1, "\n".join(shown[k:k + 60] for k in range(0, len(shown), 60)), va="top",
                family="monospace", fontsize=14, transform=top_ax.transAxes)
    labels = [repr(chars[k])[1:-1] if chars[k] != " " else "space" for k in order]
    bottom.bar(range(len(order)), probs[order], color=PALETTE["blue"])
    bottom.set_xticks(range(len(order)), labels)
    bottom.set(ylim=(0, 1.02), ylabel="P(next)",
               xlabel=f"the {top} likeliest next characters after {prompt!r}")
    fig.suptitle(f"temperature {temperature:.2f}: a sample after {prompt!r} (¶ = new line); "
                 f"largest P = {probs.max():.2f}")
    return fig
