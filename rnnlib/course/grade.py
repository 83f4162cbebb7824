"""Grade submitted notebooks against the instructor notebooks, with nbval.

For each submission: take a fresh copy of the instructor notebook with the same number, put
the submission's exercise cells in place of its own (by ``exercise_id``, or by position when
the submission's cells carry no ids), run it under nbval with a time limit per cell, and
judge each exercise by its check cells. Only the exercise cells' code comes from the
submission: every expected output comes from the instructor notebook. Nothing is written
into a submission or the course folder; the work happens in a temporary folder.
"""
import copy
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .notebooks import (course_notebooks, exercise_cells, exercise_id, notebook_number, tags)

SANITIZE = Path(__file__).with_name("nbval_sanitize.cfg")
MISSING_STUB = 'raise NotImplementedError("this exercise cell is missing from the submission")'


@dataclass
class Result:
    """One row of the grade table."""
    submission: str
    notebook: str
    exercise: str
    status: str            # "passed" or "failed"
    reason: str = ""


class Ungradable(Exception):
    """The submission as a whole cannot be graded; the message says why."""


def find_submissions(paths):
    """Every notebook named by ``paths``: files as given, folders searched recursively."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb")
                            if ".ipynb_checkpoints" not in p.parts)
        else:
            found.append(path)
    return found


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


def assemble(instructor, submission):
    """The instructor notebook with the submission's exercise code; and the missing ids.

    Submission cells are matched by ``exercise_id`` when they carry one, else by their
    position among the exercise cells. A missing exercise gets a stub that raises, so the
    instructor's solution never runs in its place.
    """
    graded = copy.deepcopy(instructor)
    theirs = exercise_cells(submission)
    by_id = {exercise_id(c): c for c in theirs if exercise_id(c)}
    missing = []
    for k, cell in enumerate(exercise_cells(graded)):
        ex_id = exercise_id(cell)
        match = by_id.get(ex_id) if by_id else (theirs[k] if k < len(theirs) else None)
        if match is None:
            missing.append(ex_id)
            cell.source = MISSING_STUB
        else:
            cell.source = match.source
    return graded, missing


def run_nbval(nb, timeout):
    """Run ``nb`` under nbval in a temporary folder; return the per-cell records."""
    with tempfile.TemporaryDirectory(prefix="rnn-course-grade-") as tmp:
        tmp = Path(tmp)
        path = tmp / "graded.ipynb"
        nbformat.write(nb, path)
        (tmp / "pytest.ini").write_text("[pytest]\n")
        record = tmp / "record.json"
        n_cells = sum(c.cell_type == "code" for c in nb.cells)
        cmd = [sys.executable, "-m", "pytest", "--nbval", str(path), "-q", "-p", "no:cacheprovider",
               "-p", "rnnlib.course._nbval_record", "--nbval-cell-timeout", str(timeout),
               "--nbval-sanitize-with", str(SANITIZE), "--rootdir", str(tmp),
               "-c", str(tmp / "pytest.ini")]
        env = dict(os.environ, RNN_COURSE_RECORD=str(record))
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=(n_cells + 2) * (timeout + 10) + 60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise Ungradable("the grading run itself exceeded its time limit") from None
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        if not record.exists():
            raise Ungradable("nbval did not run the notebook")
        return {r["cell"]: r for r in json.loads(record.read_text())}


def _text(outputs):
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")


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
        return f"exception: {error.get('ename')}"
    return None


def verdict_reason(text):
    """The reason in a checker's FAILED verdict."""
    for line in text.splitlines():
        if line.startswith("FAILED "):
            message = line.split(": ", 1)[1] if ": " in line else line
            if "raised NotImplementedError" in message:
                return "not implemented"
            m = re.search(r"raised (\w+)", message)
            if m:
                return f"exception: {m.group(1)}"
            return f"wrong answer: {message}"
    return "wrong answer: the check printed something other than the expected verdict"


def judge(graded, records, missing, timeout):
    """(exercise id, status, reason) for every exercise of the assembled notebook."""
    code = [c for c in graded.cells if c.cell_type == "code"]
    results = []
    for k, cell in enumerate(code):
        if "exercise" not in tags(cell):
            continue
        ex_id = exercise_id(cell)
        if ex_id in missing:
            results.append((ex_id, "failed", "exercise cell missing"))
            continue
        checks = [j for j, c in enumerate(code) if "check" in tags(c) and exercise_id(c) == ex_id]
        reason = cell_failure(records.get(k), timeout)
        if reason is None:
            for j in checks:
                record = records.get(j)
                if record is not None and record["passed"]:
                    continue
                reason = cell_failure(record, timeout) or verdict_reason(_text(record["outputs"]))
                break
        if not checks and reason is None:
            reason = "the instructor notebook has no check cell for this exercise"
        results.append((ex_id, "failed" if reason else "passed", reason or ""))
    return results


def grade_one(path, course, timeout):
    """Grade one submission file; return its rows (one failed row when it cannot be graded)."""
    name = str(path)
    number = notebook_number(path)
    try:
        if number is None:
            raise Ungradable("the file name does not start with a notebook number (NN_...)")
        if number not in course:
            raise Ungradable(f"no course notebook is numbered {number}")
        submission = read_submission(path)
        instructor = nbformat.read(course[number], as_version=4)
        graded, missing = assemble(instructor, submission)
        records = run_nbval(graded, timeout)
        return [Result(name, course[number].name, ex, status, reason)
                for ex, status, reason in judge(graded, records, missing, timeout)], True
    except Ungradable as e:
        notebook = course[number].name if number in course else ""
        return [Result(name, notebook, "", "failed", f"could not be graded: {e}")], False


def grade(paths, course_dir, jobs=1, timeout=30):
    """Grade every submission under ``paths``; return (rows, all_graded)."""
    course = course_notebooks(course_dir)
    submissions = find_submissions(paths)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(lambda p: grade_one(p, course, timeout), submissions))
    rows = [row for result, _ in outcomes for row in result]
    return rows, all(ok for _, ok in outcomes)


def format_table(rows):
    """An aligned text table, then one total line per submission."""
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
            lines.append(f"{submission}: not graded")
        else:
            passed = sum(r.status == "passed" for r in mine)
            lines.append(f"{submission}: {passed}/{len(mine)} passed")
    return "\n".join(line.rstrip() for line in lines)


def write_csv(rows, path):
    """One row per submission and exercise: submission, notebook, exercise, status, reason."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", "notebook", "exercise", "status", "reason"])
        for r in rows:
            writer.writerow([r.submission, r.notebook, r.exercise, r.status, r.reason])
