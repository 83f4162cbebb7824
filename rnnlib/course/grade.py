"""Grade submitted notebooks against the instructor notebooks, with nbval.

For each submission: take a fresh copy of the instructor notebook with the same number, put
the submission's exercise cells in place of its own (by ``exercise_id``, or by position when
the submission's cells carry no ids), and run it under nbval, up to its last exercise or
check cell, with a time limit per cell. Only the exercise cells' code comes from the
submission.

The verdict is reached here, in the grader's process, never in the student's kernel: the
grader draws each exercise's test inputs from a seed chosen now and writes them to the
temporary folder; the graded notebook's check cells are rewritten to call the student's
function on them and write what it returned (plain arrays, no pickles); the grader then
judges those values with the exercise's own judge (``rnnlib.checks.EXERCISES``), as the check
cell would in class. An exercise cell that calls the library function it asks the student to
write fails too (:mod:`rnnlib.course.shortcuts`). Nothing is written into a submission or the
course folder.
"""
import copy
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..checks import EXERCISES
from ..checks._exercise import load_results, save_cases
from .notebooks import (BEGIN, course_notebooks, exercise_cells, exercise_id, exercise_or_check,
                        match_notebook, tags)
from .shortcuts import uses

SANITIZE = Path(__file__).with_name("nbval_sanitize.cfg")
MISSING_STUB = 'raise NotImplementedError("this exercise cell is missing from the submission")'
# How each grading run starts pytest: ``python -m pytest``, except that the module
# rfc3987_syntax is set to None in sys.modules, so importing it fails at once. nbval imports
# nbformat, nbformat imports jsonschema, and jsonschema imports rfc3987_syntax when it can, to
# check the "iri" string format, which no notebook schema uses; that import builds some 35
# parsers and took 2-2.5 s of every grading run's ~6 s on the machine of stop 32.
PYTEST = ("import sys; sys.modules['rfc3987_syntax'] = None; "
          "import pytest; sys.exit(pytest.console_main())")


@dataclass
class Result:
    """One row of the grade table."""
    submission: str
    notebook: str
    exercise: str
    status: str            # "passed" or "failed"
    reason: str = ""
    student: str = ""      # the folder under the submissions root ("" for a file given alone)


class Ungradable(Exception):
    """The submission as a whole cannot be graded; the message says why."""


class KernelDidNotStart(Ungradable):
    """No cell ran: the kernel did not start in time, or died before the first cell. A
    problem of the grading machine (a busy one starts kernels slowly), not of the submission."""


# Seconds the kernel is given to start: the first try (nbval's default), then the one retry.
STARTUP_TIMEOUTS = (60, 240)


def find_submissions(paths):
    """The notebooks named by ``paths``, and the files skipped: ``([(path, student)], [path])``.

    A file named in ``paths`` is graded as it is, with no student (""). A folder is searched
    at any depth for ``*.ipynb``; the student of a notebook found there is the name of the
    folder right under it (``submissions/kim/02_x.ipynb``: ``kim``; a notebook directly in the
    folder has none). Other files found there are skipped; hidden files and folders
    (``.ipynb_checkpoints``) are left out without a word.
    """
    found, skipped = [], []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append((path, ""))
            continue
        for p in sorted(path.rglob("*")):
            rel = p.relative_to(path).parts
            if not p.is_file() or any(part.startswith(".") for part in rel):
                continue
            if p.suffix == ".ipynb":
                found.append((p, rel[0] if len(rel) > 1 else ""))
            else:
                skipped.append(p)
    return found, skipped


NOT_A_NOTEBOOK = "not a notebook (.ipynb)"     # the reason of a skipped file (class.zip)


def student_of(path, roots):
    """The student of a file found under one of the folders ``roots``: the folder right under
    it ("" for a file right in it)."""
    for root in map(Path, roots):
        if root.is_dir() and root in Path(path).parents:
            rel = Path(path).relative_to(root).parts
            return rel[0] if len(rel) > 1 else ""
    return ""


NO_FOLDER = "(no folder)"   # the student of a notebook right under a submissions folder


def empty_students(paths):
    """The folders right under the submission folders of ``paths`` that hold no notebook:
    ``[(folder, student)]``. Such a student handed in nothing, and is listed as such."""
    empty = []
    for path in map(Path, paths):
        if path.is_dir():
            for d in sorted(path.iterdir()):
                if d.is_dir() and not d.name.startswith(".") and not any(
                        not any(part.startswith(".") for part in p.relative_to(d).parts)
                        for p in d.rglob("*.ipynb")):
                    empty.append((d, d.name))
    return empty


def pick_duplicates(submissions, course):
    """One notebook per student and course notebook: ``(kept, [(dropped, graded one)])``.

    When a student handed in the same course notebook more than once (``02_x.ipynb`` and
    ``02_x (1).ipynb``), one is graded: a file with work in it (:func:`has_work`) before an
    untouched one, then the one with the exact course name, then the newest (latest
    modification time); the others are not graded, and named. Notebooks without a student
    folder are all graded.
    """
    groups = {}
    for member in submissions:
        path, student = member
        number, _ = match_notebook(path, course)
        key = (student, number) if student and number is not None else (path, None)
        groups.setdefault(key, []).append(member)
    kept, dropped = [], []
    for (student, number), members in groups.items():
        if len(members) == 1:
            kept += members
            continue
        best = max(members, key=lambda m: (has_work(m[0], course[number]),
                                           Path(m[0]).name == course[number].name,
                                           Path(m[0]).stat().st_mtime))
        kept.append(best)
        dropped += [(m, best[0]) for m in members if m is not best]
    order = {id(m): k for k, m in enumerate(submissions)}
    kept.sort(key=lambda m: order[id(m)])
    return kept, dropped


DUPLICATE_RULE = ("a file with work in it is graded before an untouched one, then the one with "
                  "the exact course name, then the newest")


def has_work(path, instructor_path):
    """True when some exercise cell of the submission ``path`` differs from the released stub
    of the instructor notebook at ``instructor_path`` (by ``exercise_id``, else by position);
    False for an untouched released notebook, or a file that cannot be read as a notebook."""
    from .release import student_version
    try:
        theirs = exercise_cells(read_submission(path))
        stubs = exercise_cells(student_version(nbformat.read(instructor_path, as_version=4)))
    except Exception:
        return False
    by_id = {exercise_id(c): c.source.strip() for c in stubs}
    for k, cell in enumerate(theirs):
        stub = by_id.get(exercise_id(cell)) if exercise_id(cell) else (
            stubs[k].source.strip() if k < len(stubs) else None)
        if stub is not None and cell.source.strip() != stub:
            return True
    return False


def read_submission(path):
    """The submission as a notebook, or Ungradable with the reason."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise Ungradable(f"cannot read the file ({e.strerror})") from None
    if not raw.strip():
        raise Ungradable("empty file")
    try:
        json.loads(raw)
    except ValueError as e:
        raise Ungradable(f"not a notebook: invalid JSON ({e})") from None
    try:
        return nbformat.reads(raw.decode("utf-8"), as_version=4)
    except Exception as e:
        raise Ungradable(f"not a valid notebook ({type(e).__name__})") from None


def assemble(instructor, submission, folder):
    """The notebook to run: the instructor's, with the submission's exercise code.

    Submission cells are matched by ``exercise_id`` when they carry one (when two cells carry
    the same id, a copy of the exercise cell, the first in the notebook), else by their
    position among the exercise cells. A missing exercise gets a stub that raises, so the
    instructor's solution never runs in its place. Each check cell is rewritten to record
    what the student's function returns on the test inputs in ``folder``. The notebook ends
    at its last exercise or check cell: the cells after it cannot change a verdict, and some
    train for many seconds (notebook 07's race, 08's language model).

    Returns ``(graded notebook, {exercise id: submitted source}, [missing exercise ids])``.
    """
    graded = copy.deepcopy(instructor)
    graded.cells = graded.cells[:last_graded_cell(graded) + 1]
    theirs = exercise_cells(submission)
    by_id = {}
    for c in theirs:        # a copied exercise cell carries the same id: the first one counts
        if exercise_id(c):
            by_id.setdefault(exercise_id(c), c)
    submitted, missing = {}, []
    for k, cell in enumerate(exercise_cells(graded)):
        ex_id = exercise_id(cell)
        match = by_id.get(ex_id) if by_id else (theirs[k] if k < len(theirs) else None)
        if match is None:
            missing.append(ex_id)
            cell.source = MISSING_STUB
        else:
            cell.source = submitted[ex_id] = match.source
    for cell in graded.cells:
        exercise = EXERCISES.get(exercise_id(cell))
        if cell.cell_type == "code" and "check" in tags(cell) and exercise is not None:
            cell.source = (f"from rnnlib.checks import record as _record_for_grading\n"
                           f"_record_for_grading({exercise.id!r}, {exercise.function}, "
                           f"{str(folder)!r})")
            cell.metadata["tags"] = tags(cell) + ["nbval-ignore-output"]
    return graded, submitted, missing


def last_graded_cell(nb):
    """Index of the last exercise or check cell of ``nb`` (-1 when it has none)."""
    return max((i for i, c in enumerate(nb.cells) if exercise_or_check(c)), default=-1)


def run_nbval(nb, folder, timeout, startup=STARTUP_TIMEOUTS[0]):
    """Run ``nb`` under nbval in ``folder``, giving the kernel ``startup`` seconds to start;
    return the per-cell records. KernelDidNotStart when no cell ran."""
    path = folder / "graded.ipynb"
    nbformat.write(nb, path)
    (folder / "pytest.ini").write_text("[pytest]\n")
    record = folder / "record.json"
    record.unlink(missing_ok=True)
    n_cells = sum(c.cell_type == "code" for c in nb.cells)
    # --nbval-current-env: the kernel is this very Python (sys.executable), with the rnnlib
    # that grades, whatever kernel a hub registers as "python3" (often another Python).
    cmd = [sys.executable, "-c", PYTEST, "--nbval", str(path), "-q", "-p", "no:cacheprovider",
           "--nbval-current-env",
           "-p", "rnnlib.course._nbval_record", "--nbval-cell-timeout", str(timeout),
           "--nbval-kernel-startup-timeout", str(startup),
           "--nbval-sanitize-with", str(SANITIZE), "--rootdir", str(folder),
           "-c", str(folder / "pytest.ini")]
    env = dict(os.environ, RNN_COURSE_RECORD=str(record))
    env.setdefault("OPENBLAS_NUM_THREADS", "1")    # --jobs kernels side by side, one core each
    env["RNN_COURSE_GRADING"] = "1"                 # no figures rendered (rnnlib.style)
    proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=(n_cells + 2) * (timeout + 10) + 60 + startup)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise Ungradable("the grading run itself exceeded its time limit") from None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    if not record.exists():
        raise Ungradable("nbval did not run the notebook")
    entries = json.loads(record.read_text())
    records = {r["cell"]: r for r in entries if "cell" in r}
    first = records.get(min(records)) if records else None
    if first is None or (not first["kernel_alive"] and first["message"].startswith("Kernel dead")):
        why = next((r["setup_error"] for r in entries if "setup_error" in r),
                   "it died before the first cell" if first else "no cell ran")
        raise KernelDidNotStart(_one_line(why, limit=200))
    return records


def _error(outputs):
    return next((o for o in outputs if o.get("output_type") == "error"), None)


def cell_failure(record, timeout):
    """Why an executed cell failed, or None when nothing went wrong in it."""
    if record is None:
        return "not run"
    if not record["kernel_alive"]:
        if record["message"].startswith("Kernel dead"):
            return "not run: the kernel died in an earlier cell"
        return "kernel died"
    if record["timed_out"]:
        return f"time limit ({timeout:g} s per cell)"
    error = _error(record["outputs"])
    if error is not None:
        if error.get("ename") == "NotImplementedError":
            return "not implemented"
        return _one_line(f"exception: {error.get('ename')}: {error.get('evalue', '')}")
    return None


def _one_line(text, limit=300):
    """``text`` on one line, cut at ``limit`` characters; no trailing ': '."""
    text = " ".join(str(text).split()).rstrip(":").rstrip()
    return text if len(text) <= limit else text[:limit - 3] + "..."


def verdict_reason(verdict):
    """The grade table's reason for a Verdict: what the check cell shows in class, on one line.

    "" when passed; "not implemented"; "exception: ValueError: <its message>"; or "wrong
    answer: <message>"; each followed by ". Hint: <hint>" when the verdict has one (the
    message's own final "." serves: the hint starts a sentence of its own, as on the check's
    second line).
    """
    if verdict.ok:
        return ""
    if verdict.exception == "NotImplementedError":
        return "not implemented"
    if verdict.exception:
        message = verdict.message.removeprefix("your function raised ").rstrip(".")
        text = f"exception: {message or verdict.exception}"
    else:
        text = f"wrong answer: {verdict.message}"
    if verdict.hint:
        text = text.rstrip() + ("" if text.rstrip().endswith((".", "?", "!")) else ".")
        text += f" Hint: {verdict.hint}"
    return _one_line(text, limit=600)


def judge(graded, records, submitted, missing, cases, folder, timeout):
    """(exercise id, status, reason) for every exercise of the assembled notebook."""
    code = [c for c in graded.cells if c.cell_type == "code"]
    results = []
    for k, cell in enumerate(code):
        if "exercise" not in tags(cell):
            continue
        ex_id = exercise_id(cell)
        results.append((ex_id, *_judge_one(ex_id, k, code, records, submitted, missing,
                                            cases, folder, timeout)))
    return results


def _judge_one(ex_id, k, code, records, submitted, missing, cases, folder, timeout):
    """(status, reason) of exercise ``ex_id``, whose exercise cell is code cell ``k``."""
    if ex_id in missing:
        return "failed", "exercise cell missing"
    status, reason = _judge_code(ex_id, k, code, records, submitted, cases, folder, timeout)
    if BEGIN in submitted[ex_id]:
        reason = "; ".join(filter(None, [reason, COPY_FLAG]))
    return status, reason


COPY_FLAG = f"the cell still holds {BEGIN}: a copy of the instructor notebook?"


def _judge_code(ex_id, k, code, records, submitted, cases, folder, timeout):
    """(status, reason) from what the submitted code did."""
    exercise = EXERCISES.get(ex_id)
    if exercise is None:
        return "failed", f"rnnlib.checks has no exercise {ex_id!r} to grade it by"
    shortcut = uses(submitted[ex_id], exercise.writes)
    if shortcut:
        return "failed", f"uses {shortcut[0]}, which this exercise does not allow"
    checks = [j for j, c in enumerate(code) if "check" in tags(c) and exercise_id(c) == ex_id]
    if not checks:
        return "failed", "the instructor notebook has no check cell for this exercise"
    reason = cell_failure(records.get(k), timeout) or cell_failure(records.get(checks[0]),
                                                                   timeout)
    if reason:
        return "failed", reason
    try:
        returned = load_results(folder, ex_id)
        if len(returned) != len(cases[ex_id]):
            raise ValueError("not one result per test input")
    except Exception as e:              # what the kernel wrote is not to be trusted
        return "failed", f"wrong answer: the values the function returned were not recorded ({e})"
    verdict = exercise.judge_results(cases[ex_id], returned)
    return ("passed" if verdict.ok else "failed"), verdict_reason(verdict)


def wrong_notebook(instructor, submission, name):
    """Why ``submission`` looks like another notebook than ``instructor``, or None.

    True when its exercise cells carry ids and none of them is an exercise of ``instructor``.
    """
    theirs = [exercise_id(c) for c in exercise_cells(submission) if exercise_id(c)]
    ours = {exercise_id(c) for c in exercise_cells(instructor)}
    if theirs and not set(theirs) & ours:
        held = list(dict.fromkeys(theirs))
        return (f"this file holds exercise{'s' if len(held) != 1 else ''} {', '.join(held)}, "
                f"none of the exercises of {name}: wrong notebook?")
    return None


def open_submission(path, course):
    """``(number, submission, instructor notebook)`` of a submission file, or Ungradable with
    the reason: its name fits no course notebook, it is not a notebook, or it holds the
    exercises of another one. Quick: nothing runs."""
    number, why_not = match_notebook(path, course)
    if number is None:
        raise Ungradable(rename_hint(path, course, why_not))
    submission = read_submission(path)
    instructor = nbformat.read(course[number], as_version=4)
    wrong = wrong_notebook(instructor, submission, course[number].name)
    if wrong:
        raise Ungradable(wrong)
    return number, submission, instructor


def rename_hint(path, course, why_not):
    """``why_not`` (the name fits no course notebook), with "rename it NN_name.ipynb?" when the
    file holds the exercises of one course notebook and ``why_not`` suggests no name."""
    if "did you mean" in why_not:
        return why_not
    try:
        held = {exercise_id(c) for c in exercise_cells(read_submission(path))} - {None}
    except Ungradable:
        return why_not
    owners = [p for p in course.values()
              if held & {exercise_id(c) for c in exercise_cells(nbformat.read(p, as_version=4))}]
    if len(owners) != 1:
        return why_not
    name = owners[0].name
    short = why_not.split(":")[0]            # the list of course notebooks is not needed
    return f"{short}; it holds the exercises of {name}: rename it {name}?"


def gradable(path, course):
    """Whether :func:`grade_one` would run ``path`` (rather than say it cannot be graded)."""
    try:
        open_submission(path, course)
    except Ungradable:
        return False
    return True


KERNEL_DID_NOT_START = "the kernel did not start"


def run_with_retry(graded, folder, timeout):
    """:func:`run_nbval`, once more with a longer start-up time when the kernel did not start
    (``STARTUP_TIMEOUTS``); then Ungradable, saying it is the grading machine's problem."""
    for startup in STARTUP_TIMEOUTS:
        try:
            return run_nbval(graded, folder, timeout, startup)
        except KernelDidNotStart as e:
            why = e
    allowed = ", then ".join(f"{s:g} s" for s in STARTUP_TIMEOUTS)
    raise Ungradable(f"{KERNEL_DID_NOT_START} ({len(STARTUP_TIMEOUTS)} tries, {allowed} "
                     f"allowed; {why}): a problem of the grading machine (busy?), not of the "
                     f"submission; grade it again") from None


def grade_one(path, course, timeout, seed=None, student=""):
    """Grade one submission file; return its rows (one failed row when it cannot be graded).

    ``seed`` draws the test inputs; ``None`` (the default) picks a fresh one.
    """
    name = str(path)
    number, _ = match_notebook(path, course)
    try:
        number, submission, instructor = open_submission(path, course)
        with tempfile.TemporaryDirectory(prefix="rnn-course-grade-") as tmp:
            folder = Path(tmp)
            graded, submitted, missing = assemble(instructor, submission, folder)
            seed = secrets.randbits(32) if seed is None else seed
            cases = {}
            for cell in exercise_cells(graded):
                exercise = EXERCISES.get(exercise_id(cell))
                if exercise is not None:
                    cases[exercise.id] = exercise.make_cases(seed)
                    save_cases(folder, exercise.id, [exercise.student_args(c)
                                                     for c in cases[exercise.id]])
            records = run_with_retry(graded, folder, timeout)
            rows = judge(graded, records, submitted, missing, cases, folder, timeout)
        return [Result(name, course[number].name, ex, status, reason, student)
                for ex, status, reason in rows], True
    except Ungradable as e:
        notebook = course[number].name if number in course else ""
        return [Result(name, notebook, "", "failed", f"could not be graded: {e}", student)], False


def grade(paths, course_dir, jobs=1, timeout=30, seed=None):
    """Grade every submission under ``paths``; return (rows, all_graded).

    ``seed`` fixes the test inputs (for tests); by default each submission gets fresh ones.
    Also listed, with status "skipped": every copy of a notebook a student handed in more
    than once but the one graded (:func:`pick_duplicates`), and every student folder without
    a notebook ("no notebooks").
    """
    course = course_notebooks(course_dir)
    found, skipped = find_submissions(paths)
    submissions, dropped = pick_duplicates(found, course)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(lambda ps: grade_one(ps[0], course, timeout, seed, ps[1]),
                                 submissions))
    rows = [row for result, _ in outcomes for row in result]
    for (path, student), graded in dropped:
        number, _ = match_notebook(path, course)
        rows.append(Result(str(path), course[number].name, "", "skipped",
                           f"duplicate: {student} handed in {course[number].name} more than "
                           f"once; graded {graded} ({DUPLICATE_RULE})", student))
    for path in skipped:
        rows.append(Result(str(path), "", "", "skipped", NOT_A_NOTEBOOK, student_of(path, paths)))
    for folder, student in empty_students(paths):
        rows.append(Result(str(folder), "", "", "skipped", "no notebooks", student))
    return rows, all(ok for _, ok in outcomes)


def grading_problem(course_dir, timeout=60):
    """None when this Python can grade: the instructor notebook of the smallest number, graded
    against itself, passes every exercise; else what went wrong, in one sentence.

    Run before a class is graded, so that a broken grading environment stops with one clear
    message instead of failing every student.
    """
    course = course_notebooks(course_dir)
    numbers = [n for n, p in course.items() if exercise_cells(nbformat.read(p, as_version=4))]
    if not numbers:
        return None
    rows, _ = grade_one(course[numbers[0]], course, timeout, seed=0)
    bad = [r for r in rows if r.status != "passed"]
    if not bad:
        return None
    reason = bad[0].reason.removesuffix("; " + COPY_FLAG)      # it is the instructor's copy
    if KERNEL_DID_NOT_START in reason:
        return (f"the self-check could not start a kernel to grade the instructor notebook "
                f"{course[numbers[0]].name} ({reason.split(': a problem')[0]}): this machine is "
                f"too busy to grade now; no submission was graded: grade again later, or with "
                f"--jobs 1")
    return (f"the instructor notebook {course[numbers[0]].name} does not pass when graded here "
            f"({bad[0].exercise or 'the notebook'}: {reason}): the grading environment "
            f"({sys.executable}) is broken, so no submission is graded")


def format_table(rows):
    """An aligned text table, then one total line per submission, then one per student."""
    header = ("submission", "exercise", "status", "reason")
    table = [header] + [(r.submission, r.exercise or "-", r.status, r.reason) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths)) + "  " + row[3]
             for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 6)
    lines.append("")
    for submission in dict.fromkeys(r.submission for r in rows):
        mine = [r for r in rows if r.submission == submission]
        if len(mine) == 1 and not mine[0].exercise:
            what = {"no notebooks": "no notebooks",
                    NOT_A_NOTEBOOK: "skipped (not a notebook)"}.get(mine[0].reason) or (
                "not graded (a duplicate)" if mine[0].status == "skipped" else "not graded")
            lines.append(f"{submission}: {what}")
        else:
            passed = sum(r.status == "passed" for r in mine)
            lines.append(f"{submission}: {passed}/{len(mine)} passed")
    students = sorted({r.student or NO_FOLDER for r in rows})
    loose = (f"; {NO_FOLDER}: a notebook right in it, or a file given alone"
             if NO_FOLDER in students else "")
    lines += ["", f"per student (the folder under the submissions folder{loose}):"]
    width = max(map(len, students), default=0)
    for student in students:
        mine = [r for r in rows if (r.student or NO_FOLDER) == student]
        lines.append(f"{student.ljust(width)}  {_student_total(mine)}")
    return "\n".join(line.rstrip() for line in lines)


def _student_total(mine):
    """'3/4 exercises passed in 2 notebooks, 1 not graded, 1 duplicate skipped', or
    'no notebooks', or 'no notebook graded (2 could not be graded)'."""
    others = sum(r.reason == NOT_A_NOTEBOOK for r in mine)
    other_files = [f"{others} file{'s' if others != 1 else ''} skipped (not "
                   f"{'notebooks' if others != 1 else 'a notebook'})"] if others else []
    if all(r.reason in ("no notebooks", NOT_A_NOTEBOOK) for r in mine):
        return "no notebooks" + (f" ({other_files[0]})" if other_files else "")
    graded = [r for r in mine if r.exercise]
    files = len({r.submission for r in graded})
    ungraded = len({r.submission for r in mine if not r.exercise and r.status == "failed"})
    duplicates = len({r.submission for r in mine
                      if r.status == "skipped" and r.reason.startswith("duplicate")})
    notes = ([f"{ungraded} could not be graded"] if ungraded else []) + (
        [f"{duplicates} duplicate{'s' if duplicates != 1 else ''} skipped"] if duplicates
        else []) + other_files
    if not graded:
        return "no notebook graded" + (f" ({', '.join(notes)})" if notes else "")
    passed = sum(r.status == "passed" for r in graded)
    return (f"{passed}/{len(graded)} exercises passed in {files} "
            f"notebook{'s' if files != 1 else ''}" + "".join(f", {n}" for n in notes))


COLUMNS = ["student", "submission", "notebook", "exercise", "status", "reason"]


def write_csv(rows, path):
    """One row per submission and exercise, with the columns of ``COLUMNS``. ``path`` may be
    an open text file (``sys.stderr``)."""
    if hasattr(path, "write"):
        return _write_rows(rows, path)
    with open(path, "w", newline="", encoding="utf-8") as f:
        _write_rows(rows, f)


def _write_rows(rows, f):
    writer = csv.writer(f)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.student or NO_FOLDER, r.submission, r.notebook, r.exercise, r.status,
                         r.reason])
