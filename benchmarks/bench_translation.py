"""Notebook 09's race, trained longer, on more seeds: exact match with and without attention.

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_translation.py [--seeds 10] [--steps 600]
    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_translation.py --sweep [--seeds 3] [--steps 150]
    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_translation.py --long [--steps 8000]

For each seed, :func:`rnnlib.train.translation_race` with ``steps`` updates (the notebook
uses ``TRANSLATION.steps`` = 150) prints both models' held-out exact match; then, pooled over
the seeds, the exact match of each model by source length (bins of at least 40 held-out
sources of one seed). Numbers only: nothing here is a test.

Measured on the course's 2-core machine (heavily loaded by other jobs: 60 to 180 s a seed),
600 updates, seeds 0..9. With attention: 0.998, 1.000, 0.998, 1.000, 0.998, 1.000, 1.000,
0.994, 1.000, 0.998 (mean 0.999, worst 0.994); by source length pooled over the seeds, 0.995
or more in every bin from 8 to 29 characters. Without attention: 0.000 to 0.022 on every
seed (mean 0.004), at most 0.024 in any length bin.

``--sweep``: both models at learning rates 0.003, 0.01, 0.03, 0.1 (everything else as in
:data:`rnnlib.train.TRANSLATION`), held-out exact match and character accuracy. Measured,
150 updates, seeds 0, 1, 2 (exact / character accuracy):

    plain      lr 0.003: 0.000/0.35  0.000/0.39  0.000/0.51
               lr 0.01:  0.000/0.58  0.000/0.59  0.000/0.55
               lr 0.03:  0.002/0.62  0.004/0.62  0.002/0.66
               lr 0.1:   0.000/0.61  0.004/0.62  0.004/0.72
    attention  lr 0.003: 0.000/0.46  0.000/0.57  0.000/0.53
               lr 0.01:  0.018/0.74  0.040/0.76  0.020/0.73
               lr 0.03:  0.946/0.99  0.924/0.99  0.904/0.99
               lr 0.1:   0.978/1.00  0.910/0.99  0.966/0.99

No learning rate in the sweep gets the plain model above 0.004 exact in 150 updates. Seed 0,
plain model, 600 updates: 0.000 (lr 0.003), 0.006 (0.01), 0.000 (0.03), 0.000 (0.1). Trained
far longer it does learn. ``--long`` (seed 0, H = 16, lr 0.01) first trains the attention
model as the control, at the same lr 0.01: exact match 0.018, 0.958, 0.990, 0.998 after 150,
300, 450, 600 updates. Then the plain model, exact match every 1000 updates: 0.012, 0.068,
0.134, 0.264, 0.276, 0.492, 0.570, 0.720 after 1000 to 8000 updates (67 s for the plain part
on the 2-core AMD machine; one to two minutes in all). It is much slower to learn, not unable
to carry a date in 16 numbers.
"""
import argparse
import time

import numpy as np

from rnnlib.dates import translation_data
from rnnlib.plots.seq2seq import accuracy_by_length
from rnnlib.seq2seq import Seq2Seq, char_accuracy, exact_match, fit
from rnnlib.train import TRANSLATION, translation_race


def sweep(seeds, steps, lrs=(0.003, 0.01, 0.03, 0.1)):
    """Both models of the race at each learning rate: exact match and character accuracy."""
    R = TRANSLATION
    for seed in range(seeds):
        data = translation_data(R.n_train, R.n_test, seed=seed)
        train_set, test = data["train"], data["test"]
        for name in ("plain", "attention"):
            for lr in lrs:
                model = Seq2Seq(R.hidden_dim, cell=R.cell, attention=name == "attention",
                                seed=seed)
                fit(model, train_set["src"], train_set["tgt"], steps, R.batch_size, lr,
                    R.clip, seed=seed)
                got = model.translate(test["src"])
                exact = np.mean([g == t for g, t in zip(got, test["targets"])])
                chars = char_accuracy(got, test["targets"]).mean()
                print(f"seed {seed} {name:>9} lr {lr:<6}: exact {exact:.3f}, "
                      f"characters {chars:.2f}", flush=True)


def long_run(steps, lr=0.01, seed=0, every=1000, attention=False):
    """One model trained ``steps`` updates at ``lr``: held-out exact match every ``every``
    updates (everything else as in :data:`rnnlib.train.TRANSLATION`)."""
    R = TRANSLATION
    data = translation_data(R.n_train, R.n_test, seed=seed)
    model = Seq2Seq(R.hidden_dim, cell=R.cell, attention=attention, seed=seed)
    name = "attention" if attention else "plain"
    start = time.perf_counter()

    def report(step, model):
        if step % every == 0:
            print(f"seed {seed} {name} lr {lr}: {step} updates, exact "
                  f"{exact_match(model, data['test']['src'], data['test']['targets']):.3f} "
                  f"({time.perf_counter() - start:.0f} s)", flush=True)

    fit(model, data["train"]["src"], data["train"]["tgt"], steps, R.batch_size, lr, R.clip,
        seed=seed, every=every, callback=report)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=None)
    parser.add_argument("--steps", type=int, default=None)
    parser.add_argument("--sweep", action="store_true",
                        help="both models at four learning rates (default 3 seeds, 150 steps)")
    parser.add_argument("--long", action="store_true",
                        help="seed 0, lr 0.01: attention for 600 updates, then the plain "
                             "model for 8000")
    args = parser.parse_args()
    if args.long:
        long_run(600, every=150, attention=True)      # the control: attention at the same lr
        long_run(args.steps or 8000)
        return
    if args.sweep:
        sweep(args.seeds if args.seeds is not None else 3, args.steps or TRANSLATION.steps)
        return
    args.seeds = 10 if args.seeds is None else args.seeds
    args.steps = args.steps or 600
    print(f"seed  without attention  with attention   ({args.steps} updates each)")
    sources, correct = [], {"plain": [], "attention": []}
    for seed in range(args.seeds):
        start = time.perf_counter()
        race = translation_race(seed, details=True, steps=args.steps)
        r = race["exact_match"]
        print(f"{seed:>4}  {r['plain']:>17.3f}  {r['attention']:>14.3f}   "
              f"({time.perf_counter() - start:.1f} s)", flush=True)
        sources += race["test"]["sources"]
        for name in correct:
            correct[name] += list(race["correct"][name])
    print("exact match by source length, all seeds pooled:")
    for name in correct:
        labels, means, counts = accuracy_by_length(sources, correct[name])
        print(f"{name:>10}: " + ", ".join(f"{l}: {m:.3f}" for l, m in zip(labels, means)))
    for name in correct:
        print(f"{name:>10}: mean {np.mean(correct[name]):.3f}, worst seed "
              f"{min(np.mean(correct[name][k:k + 500]) for k in range(0, len(sources), 500)):.3f}")


if __name__ == "__main__":
    main()
