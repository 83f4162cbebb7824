"""The ``rnn-course`` command: ``release`` student notebooks, ``grade`` submissions.

    rnn-course release OUTDIR [--course DIR]
    rnn-course grade SUBMISSION... [--csv FILE] [--jobs N] [--timeout SECONDS] [--course DIR]

Exit status of ``grade``: 0 when every submission was graded (its exercises may still have
failed), 1 when any could not be graded, 2 on a usage error.
"""
import argparse
import sys
from pathlib import Path

from .grade import find_submissions, format_table, grade, write_csv
from .notebooks import course_notebooks, default_course_dir
from .release import release


def _positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
        return value
    return parse


def parser():
    p = argparse.ArgumentParser(prog="rnn-course", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="write student notebooks (solutions replaced by stubs); "
                                       "notebooks already in OUTDIR are kept, never overwritten")
    r.add_argument("outdir", type=Path)
    r.add_argument("--course", type=Path, default=None,
                   help="folder of instructor notebooks (default: the course's notebooks/)")
    g = sub.add_parser("grade", help="grade submitted notebooks")
    g.add_argument("submissions", nargs="+", type=Path,
                   help="notebooks, or folders searched recursively for notebooks")
    g.add_argument("--csv", type=Path, help="also write the table to this CSV file")
    g.add_argument("--jobs", type=_positive(int), default=1, help="submissions graded at once")
    g.add_argument("--timeout", type=_positive(float), default=30.0,
                   help="time limit per cell, in seconds (default 30)")
    g.add_argument("--course", type=Path, default=None,
                   help="folder of instructor notebooks (default: the course's notebooks/)")
    return p


def main(argv=None):
    p = parser()
    args = p.parse_args(argv)
    course = (args.course or default_course_dir()).resolve()
    if not course_notebooks(course):
        where = "--course" if args.course else "the default folder"
        p.error(f"no instructor notebooks (NN_name.ipynb) in {course} ({where}): pass "
                f"--course DIR, the notebooks/ folder of a checkout of the course "
                f"(an installed rnnlib carries no notebooks)")
    if args.command == "release":
        try:
            written, kept = release(course, args.outdir)
        except ValueError as e:
            p.error(str(e))
        print(f"wrote {len(written)} student notebooks to {args.outdir}")
        if kept:
            print(f"kept {len(kept)} already there, untouched (delete one to get a fresh copy): "
                  + ", ".join(k.name for k in kept))
        return 0
    missing = [s for s in args.submissions if not s.exists()]
    if missing:
        p.error(f"no such file or folder: {missing[0]}")
    if args.csv is not None:
        target = args.csv.resolve()
        if course in target.parents:
            p.error("--csv must not point into the instructor notebooks")
        if target in {s.resolve() for s in find_submissions(args.submissions)}:
            p.error("--csv must not point at a submission")
    rows, all_graded = grade(args.submissions, course, jobs=args.jobs, timeout=args.timeout)
    print(format_table(rows))
    if args.csv is not None:
        write_csv(rows, args.csv)
    return 0 if all_graded else 1


if __name__ == "__main__":
    sys.exit(main())
