"""Notebook 08's character language model on data/tiny_stories.txt: does it beat counting?

    python benchmarks/bench_char_lm.py [--seconds 60] [--cell lstm]

(--cell rnn, lstm or gru. The time of one training step of each cell, ours and PyTorch's
side by side, is printed by bench_rnn.py.)

The first 90 % of the text is for training, the last 10 % held out. Every loss printed is
the mean nats per character of predicting each held-out character from those before it
(``rnnlib.tbptt.evaluate`` and ``rnnlib.bigram.nats_per_char`` score the same predictions).

(a) the count-based bigram baseline with add-one smoothing, and notebook 08's interpolated
    count model over 4 characters (``rnnlib.ngram``), the bar the notebook's LSTM misses;
(b) a character model trained with truncated BPTT (``SETTINGS``) for ``--seconds`` of
    training time, its learning rate falling linearly to 5 % over the run (on this small
    corpus a constant rate starts to overfit after about 10 epochs), its held-out loss every
    ~10 s and at the end; the requirement is at most 0.9 x the bigram's;
(c) the notebook's budget (``NOTEBOOK``: constant learning rate, a fixed number of steps, as
    notebook 08 trains): its time per step, so how many steps fit in 10-12 s on this
    machine, the held-out loss reached, and samples after 0, a tenth of the steps and all of
    them, and at a few temperatures.

Training time excludes the held-out evaluations. Numbers only: nothing here is a test.
"""
import argparse
import math
import time

import rnnlib
from rnnlib import bigram, tbptt
from rnnlib.data import char_vocab, decode, encode_text
from rnnlib.optim import Adam

SETTINGS = dict(cell="lstm", hidden_dim=128, seq_len=32, batch_size=32, lr=0.02, clip=5.0)
NOTEBOOK = dict(SETTINGS, seq_len=16, steps=400)
LR = {"rnn": 0.01, "lstm": 0.02, "gru": 0.02}  # with --cell; the vanilla RNN wants a smaller one
TEMPERATURES = (0.5, 0.8, 1.0)


def split():
    """(vocab, training ids, held-out ids): the first 90 % and the last 10 % of the text."""
    text = rnnlib.data.tiny_stories()
    vocab = char_vocab(text)
    ids = encode_text(text, vocab)
    cut = int(0.9 * len(ids))
    return vocab, ids[:cut], ids[cut:]


def new_model(vocab, s):
    model = rnnlib.ManyToMany(len(vocab), s["hidden_dim"], cell=s["cell"], seed=0)
    return model, Adam(model.params, lr=s["lr"], clip=s["clip"])


def train_for(seconds, vocab, train, held_out, s, report_every=10.0):
    """Train for ``seconds`` of training time; held-out loss every ``report_every`` s.

    The learning rate falls linearly from ``s["lr"]`` to 5 % of it at ``seconds``.
    Returns the rows (step, training seconds, held-out nats/char).
    """
    model, opt = new_model(vocab, s)
    clock = {"train": 0.0, "last": time.perf_counter(), "next": report_every}
    rows = []

    def callback(step, loss):
        clock["train"] += time.perf_counter() - clock["last"]
        done = clock["train"] >= seconds
        opt.lr = s["lr"] * max(0.05, 1.0 - clock["train"] / seconds)
        smooth(loss)
        if done or clock["train"] >= clock["next"]:
            rows.append((step, clock["train"], tbptt.evaluate(model, held_out)))
            print(f"  step {step:5d}  {clock['train']:5.1f} s  training loss (smoothed) "
                  f"{smooth.value:.3f}  held-out {rows[-1][2]:.3f} nats/char")
            clock["next"] += report_every
        clock["last"] = time.perf_counter()
        return done

    smooth = Smoother()
    tbptt.train(model, train, steps=10 ** 9, seq_len=s["seq_len"], batch_size=s["batch_size"],
                optimizer=opt, callback=callback)
    return rows


class Smoother:
    """Exponential moving average of the losses it is called with."""

    def __init__(self, beta=0.98):
        self.beta, self.value = beta, None

    def __call__(self, x):
        self.value = x if self.value is None else self.beta * self.value + (1 - self.beta) * x
        return self.value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--cell", choices=["rnn", "lstm", "gru"], default=SETTINGS["cell"])
    args = parser.parse_args()
    s = dict(SETTINGS, cell=args.cell, lr=LR[args.cell])
    vocab, train, held_out = split()
    V = len(vocab)
    print(f"tiny_stories.txt: {len(train) + len(held_out)} characters, V = {V}; "
          f"train {len(train)}, held out {len(held_out)}")

    probs = bigram.fit(train, V)
    base = bigram.nats_per_char(probs, held_out)
    print(f"(a) bigram, add-one smoothing: held-out {base:.3f} nats/char "
          f"(uniform: log V = {math.log(V):.3f})")
    count_model = rnnlib.ngram.nats_per_char(rnnlib.ngram.fit(train, V, order=4), held_out)
    print(f"    count model over 4 characters (notebook 08, Witten-Bell): held-out "
          f"{count_model:.3f} nats/char")

    print(f"(b) {s['cell']} H={s['hidden_dim']} T={s['seq_len']} N={s['batch_size']} "
          f"lr={s['lr']} falling linearly (Adam, clip {s['clip']}), {args.seconds:.0f} s of "
          f"training:")
    rows = train_for(args.seconds, vocab, train, held_out, s)
    step, secs, final = rows[-1]
    verdict = "met" if final <= 0.9 * base else "NOT met"
    print(f"    after {secs:.0f} s ({step} steps, {1e3 * secs / step:.1f} ms/step): held-out "
          f"{final:.3f} = {final / base:.2f} x bigram (requirement <= 0.90: {verdict}), "
          f"{final - count_model:+.3f} against the count model; "
          f"best on the way {min(r[2] for r in rows):.3f}")

    nb = dict(NOTEBOOK, cell=args.cell, lr=LR[args.cell])
    steps = nb["steps"]
    print(f"(c) notebook budget: {nb['cell']} H={nb['hidden_dim']} T={nb['seq_len']} "
          f"N={nb['batch_size']} lr={nb['lr']} constant, {steps} steps:")
    model, opt = new_model(vocab, nb)
    start = time.perf_counter()
    hist = tbptt.train(model, train, steps, seq_len=nb["seq_len"], batch_size=nb["batch_size"],
                       optimizer=opt, sample_at=(0, steps // 10, steps), vocab=vocab)
    took = time.perf_counter() - start
    start = time.perf_counter()
    model.sample(0, 200)
    per_step = (took - 3 * (time.perf_counter() - start)) / steps
    loss = tbptt.evaluate(model, held_out)
    print(f"    {took:.1f} s with 3 samples of 200 characters ({1e3 * per_step:.1f} ms/step: "
          f"10-12 s is {10 / per_step:.0f}-{12 / per_step:.0f} steps here); held-out "
          f"{loss:.3f} nats/char = {loss / base:.2f} x bigram; smoothed training loss "
          f"{hist['smooth_loss'][-1]:.3f}")
    for k, text in hist["samples"].items():
        print(f"    sample after {k} steps (temperature 1): {text[:120]!r}")
    prompt = encode_text("Once upon a time", vocab).tolist()
    for temp in TEMPERATURES:
        text = decode(model.sample(prompt, 200, temperature=temp, seed=0), vocab)
        print(f"    temperature {temp}: 'Once upon a time' + {text!r}")
    print("    bigram, for comparison: "
          f"{decode(bigram.sample(probs, prompt, 200, seed=0), vocab)!r}")


if __name__ == "__main__":
    main()
