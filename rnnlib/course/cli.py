"""The rnn-course command: release student notebooks, grade submissions.

    rnn-course release OUTDIR [--course DIR]
    rnn-course grade SUBMISSION... [--csv FILE] [--jobs N] [--timeout SECONDS] [--course DIR]

release needs nothing beyond rnnlib itself; grade needs the grade extra of pyproject.toml,
and says in one line how to install it when it is missing.
"""
import argparse
import importlib.util
import sys
import textwrap
from pathlib import Path

from .notebooks import course_notebooks, default_course_dir

# What grading imports beyond rnnlib: the grade extra of pyproject.toml.
GRADE_NEEDS = ("nbformat", "nbclient", "nbval", "pytest", "ipykernel")
DESCRIPTION = "Release student notebooks of the RNN course, and grade what students hand in."
RELEASE_EXIT_CODES = """\
exit status:
  0  done
  2  usage error (a wrong option, OUTDIR is a file, no instructor notebooks)"""
EXIT_CODES = """\
exit status:
  0  done (grade: every submission was graded, whatever its score)
  1  grade: some submission could not be graded (its kernel did not start, too), no
     notebook was found, or the CSV could not be written after all (it is then printed
     on stderr)
  2  usage error (a wrong option, a missing folder, no instructor notebooks)
  3  grade: this machine cannot grade (the grade extra is missing, the instructor
     notebook itself does not pass here, or no kernel starts: too busy)"""
GRADE_EPILOG = """\
The student of each notebook is the folder right under a SUBMISSION folder
(submissions/kim/02_x.ipynb is kim's; a notebook right in it, or a file given alone, is
"(no folder)"); the table ends with a total per student, and the CSV has the columns student,
submission, notebook, exercise, status, reason. A student folder without a notebook is listed
("no notebooks"), and so is each file that is not a notebook (skipped). A notebook one
student handed in more than once is graded once: a file with work in it (an exercise cell
changed from the released stub) before an untouched one, then the file with the exact course
name, then the newest; the others are listed as skipped duplicates. A notebook whose kernel
does not start (a busy machine) is tried once more with a longer start-up time, then listed
as "could not be graded: the kernel did not start". The CSV's folder is checked before
grading starts.

""" + EXIT_CODES


def _positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be > 0, got {text}")
        return value
    return parse


def _course_help():
    default = default_course_dir()
    where = (f"default: {default}" if default and course_notebooks(default) else
             "needed here: this rnnlib is not in a course checkout, nor is the current "
             "folder one")
    return f"folder of instructor notebooks, NN_name.ipynb ({where})"


def parser():
    """The argument parser, with one sub-parser per command (``parser().sub[name]``)."""
    raw = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(prog="rnn-course", description=DESCRIPTION, epilog=EXIT_CODES,
                                formatter_class=raw)
    sub = p.add_subparsers(dest="command", required=True, metavar="{release,grade}")
    r = sub.add_parser("release", formatter_class=raw, epilog=RELEASE_EXIT_CODES,
                       help="write student notebooks (solutions replaced by stubs)",
                       description=textwrap.fill(
                           "Write the student version of every course notebook into OUTDIR "
                           "(the Korean edition into OUTDIR/ko): each solution is replaced by "
                           "raise NotImplementedError, verdicts are cleared. A notebook "
                           "already in OUTDIR is kept, never overwritten.", 88))
    r.add_argument("outdir", type=Path, metavar="OUTDIR",
                   help="folder to write the student notebooks into (created if needed; "
                        "not inside the instructor notebooks)")
    r.add_argument("--course", type=Path, default=None, metavar="DIR", help=_course_help())
    g = sub.add_parser("grade", formatter_class=raw, epilog=GRADE_EPILOG,
                       help="grade submitted notebooks",
                       description=textwrap.fill(
                           "Grade submitted notebooks: each exercise passed or failed, with "
                           "the reason (message and hint) the check cell gives in class.", 88))
    g.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                   help="a notebook, or a folder searched at any depth for notebooks")
    g.add_argument("--csv", type=Path, metavar="FILE", help="also write the table to FILE")
    g.add_argument("--jobs", type=_positive(int), default=1, metavar="N",
                   help="notebooks graded at once (default 1; use the number of cores)")
    g.add_argument("--timeout", type=_positive(float), default=30.0, metavar="SECONDS",
                   help="time limit per cell (default 30)")
    g.add_argument("--course", type=Path, default=None, metavar="DIR", help=_course_help())
    p.sub = {"release": r, "grade": g}
    return p


def missing_for_grading():
    """The modules of the ``grade`` extra that are not installed."""
    return [m for m in GRADE_NEEDS if importlib.util.find_spec(m) is None]


def how_to_install_grading():
    """The command that installs the grade extra into this Python, where rnnlib comes from."""
    from ..envcheck import course_folder
    folder = course_folder()
    if folder is not None:
        return f"run {sys.executable} -m pip install -e '{folder}[grade]'"
    source = installed_from()
    if source is not None:
        return f"run {sys.executable} -m pip install '{source}[grade]'"
    return (f"run {sys.executable} -m pip install 'rnnlib[grade]' (from a package index), or "
            f"{sys.executable} -m pip install '/path/to/course[grade]' (from a copy of the "
            f"course)")


def installed_from():
    """The local folder rnnlib was installed from (pip's direct_url.json), else None."""
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse
    try:
        text = metadata.distribution("rnnlib").read_text("direct_url.json")
        url = json.loads(text)["url"] if text else ""
    except Exception:
        return None
    parsed = urlparse(url)
    if parsed.scheme == "file" and Path(unquote(parsed.path)).is_dir():
        return unquote(parsed.path)
    return None


def main(argv=None):
    p = parser()
    args, extra = p.parse_known_args(argv)
    sub = p.sub[args.command]
    if extra:                             # argparse would print the top-level usage
        sub.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.course is None and default_course_dir() is None:
        sub.error("--course DIR is needed: this rnnlib is installed, not in a copy of the "
                  "course, and the current folder is none either; pass the notebooks/ folder "
                  "of a copy of the course (an installed rnnlib carries no notebooks)")
    course = (args.course or default_course_dir()).resolve()
    if not course_notebooks(course):
        where = "--course" if args.course else "the default folder"
        sub.error(f"no instructor notebooks (NN_name.ipynb) in {course} ({where}): pass "
                  f"--course DIR, the notebooks/ folder of a copy of the course "
                  f"(an installed rnnlib carries no notebooks)")
    if args.command == "grade" and args.csv is not None:
        _check_csv(sub, args.csv)
    if args.command == "release":
        return _release(sub, course, args.outdir)
    return _grade(sub, course, args)


def _release(sub, course, outdir):
    from .release import release
    try:
        written, kept = release(course, outdir)
    except ValueError as e:
        sub.error(str(e))
    outdir = outdir.resolve()
    korean = sum(p.parent == outdir / "ko" for p in written)
    if written:
        print(f"wrote {len(written)} student notebook{'s' if len(written) != 1 else ''} to "
              f"{outdir} ({len(written) - korean} English, {korean} Korean in {outdir / 'ko'})")
    else:
        print(f"wrote no student notebooks: every one is already in {outdir}")
    if kept:
        print(f"kept {len(kept)} already there, untouched (delete one to get a fresh copy): "
              + ", ".join(str(k.relative_to(outdir)) for k in kept))
    return 0


def _check_csv(sub, csv):
    """A usage error, before any grading, when the CSV file cannot be written."""
    import os
    target = csv.resolve()
    if target.is_dir():
        sub.error(f"--csv {csv} is a folder: give a file name")
    if not target.parent.is_dir():
        there = next(p for p in target.parents if p.exists())     # the root always is
        if not there.is_dir():
            sub.error(f"--csv {csv}: {there} is a file, not a folder")
        sub.error(f"--csv {csv}: the folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK) or (target.exists()
                                                  and not os.access(target, os.W_OK)):
        sub.error(f"--csv {csv}: cannot write there (no permission)")


def _save_csv(rows, path):
    """Write the CSV; when that fails after all, print it to stderr so that the run is kept."""
    from .grade import write_csv
    try:
        write_csv(rows, path)
    except OSError as e:
        print(f"rnn-course grade: could not write {path} ({e.strerror}); the CSV follows "
              f"here instead, on stderr:", file=sys.stderr)
        write_csv(rows, sys.stderr)
        return False
    return True


def _grade(sub, course, args):
    missing = [s for s in args.submissions if not s.exists()]
    if missing:
        sub.error(f"no such file or folder: {missing[0]}")
    lacking = missing_for_grading()
    if lacking:
        print(f"rnn-course grade: needs rnnlib's grade extra (missing {', '.join(lacking)}): "
              f"{how_to_install_grading()}", file=sys.stderr)
        return 3
    from .grade import find_submissions, format_table, gradable, grade, grading_problem
    found, skipped = find_submissions(args.submissions)
    if args.csv is not None:
        target = args.csv.resolve()
        if course in target.parents:
            sub.error("--csv must not point into the instructor notebooks")
        if target in {s.resolve() for s, _ in found}:
            sub.error("--csv must not point at a submission")
    if skipped:
        print(f"skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''} that "
              f"{'are not notebooks' if len(skipped) != 1 else 'is not a notebook'} (.ipynb): "
              + ", ".join(map(str, skipped)), file=sys.stderr)
    if not found:
        print("rnn-course grade: no notebooks (.ipynb) found in "
              + ", ".join(map(str, args.submissions)), file=sys.stderr)
        return 1
    # The self-check grades an instructor notebook (seconds): only when something is gradable.
    notebooks = course_notebooks(course)
    gradable_found = any(gradable(path, notebooks) for path, _ in found)
    problem = gradable_found and grading_problem(course, timeout=max(args.timeout, 60))
    if problem:
        print(f"rnn-course grade: {problem}", file=sys.stderr)
        return 3
    rows, all_graded = grade(args.submissions, course, jobs=args.jobs, timeout=args.timeout)
    print(format_table(rows))
    if args.csv is not None and not _save_csv(rows, args.csv):
        return 1
    return 0 if all_graded else 1


if __name__ == "__main__":
    sys.exit(main())
