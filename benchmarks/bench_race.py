"""Notebook 07's race as a controlled experiment: every variant on many seeds.

    python benchmarks/bench_race.py [--first 0] [--last 99] [--variants rnn lstm ...]

Runs ``rnnlib.train.long_range_race(seed, variants=...)`` for every seed (by default every
variant of ``rnnlib.train.RACE_VARIANTS``: same data, same initial weights where the variant
does not change them, same optimiser and updates). Prints one row per seed (held-out accuracy
of each variant, seconds for the whole row), then the table: for each variant, on how many
seeds it reached held-out accuracy >= 0.95, on how many it stayed <= 0.65, and its median
accuracy.

It runs under the matrix kernel the notebooks run with (OpenBLAS's Haswell kernel on any CPU
with AVX2, ``rnnlib.course.notebooks.same_matrix_kernels``), so its counts are those notebook
07 quotes: one seed's training is chaotic, and another kernel's last digits send a few seeds
elsewhere (notebook 07 says which). An explicit ``OPENBLAS_CORETYPE`` is kept.
"""
import argparse
import statistics
import time

from rnnlib.course.notebooks import same_matrix_kernels

same_matrix_kernels()                    # before NumPy loads OpenBLAS

from rnnlib.train import RACE, RACE_VARIANTS, long_range_race

SOLVED, CHANCE_AT_MOST = 0.95, 0.65


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--first", type=int, default=0)
    p.add_argument("--last", type=int, default=99)
    p.add_argument("--variants", nargs="+", default=list(RACE_VARIANTS))
    args = p.parse_args()
    print(RACE)
    for k, name in enumerate(args.variants):
        print(f"  v{k:<3d}{name:24s} {RACE_VARIANTS[name]}")
    print("seed " + " ".join(f"{'v' + str(k):>6s}" for k in range(len(args.variants)))
          + "  seconds")
    table = {name: [] for name in args.variants}
    times = []
    for seed in range(args.first, args.last + 1):
        start = time.perf_counter()
        acc = long_range_race(seed, variants=args.variants)
        times.append(time.perf_counter() - start)
        for name in args.variants:
            table[name].append(acc[name])
        print(f"{seed:4d} " + " ".join(f"{acc[n]:6.3f}" for n in args.variants)
              + f"  {times[-1]:7.2f}", flush=True)
    n = len(times)
    print(f"\n{'variant':24s} {'>= 0.95':>9s} {'<= 0.65':>9s} {'median':>7s}   (of {n} seeds)")
    for name, accs in table.items():
        print(f"{name:24s} {sum(a >= SOLVED for a in accs):9d} "
              f"{sum(a <= CHANCE_AT_MOST for a in accs):9d} {statistics.median(accs):7.3f}")
    print(f"median {statistics.median(times):.2f} s per seed (all variants)")


if __name__ == "__main__":
    main()
