"""Run notebook 07's race (``rnnlib.train.long_range_race``) on many seeds: accuracy and time.

    python benchmarks/bench_race.py [--first 0] [--last 29]

Prints one row per seed (held-out accuracy of the vanilla RNN and of the LSTM, wall-clock
seconds of the whole race, data included) and how many seeds meet the criterion: LSTM >= 0.95
and RNN <= 0.65, on the tuning seeds 0-9 and on the others. The recipe is ``rnnlib.train.RACE``.
"""
import argparse
import statistics
import time

from rnnlib.train import RACE, long_range_race

LSTM_AT_LEAST, RNN_AT_MOST = 0.95, 0.65


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--first", type=int, default=0)
    p.add_argument("--last", type=int, default=29)
    args = p.parse_args()
    print(RACE)
    print(f"{'seed':>4} {'rnn':>6} {'lstm':>6} {'seconds':>8}  criterion")
    rows = []
    for seed in range(args.first, args.last + 1):
        start = time.perf_counter()
        acc = long_range_race(seed)
        seconds = time.perf_counter() - start
        ok = acc["lstm"] >= LSTM_AT_LEAST and acc["rnn"] <= RNN_AT_MOST
        rows.append((seed, ok, seconds))
        print(f"{seed:4d} {acc['rnn']:6.3f} {acc['lstm']:6.3f} {seconds:8.2f}  "
              f"{'ok' if ok else 'FAILS'}", flush=True)
    for name, group in [("seeds 0-9 (tuned on)", [r for r in rows if r[0] <= 9]),
                        ("seeds >= 10 (not tuned on)", [r for r in rows if r[0] >= 10])]:
        if group:
            print(f"{name}: criterion holds on {sum(r[1] for r in group)} of {len(group)}")
    print(f"all: {sum(r[1] for r in rows)} of {len(rows)}; median "
          f"{statistics.median(r[2] for r in rows):.2f} s per race "
          f"(min {min(r[2] for r in rows):.2f}, max {max(r[2] for r in rows):.2f})")


if __name__ == "__main__":
    main()
