"""rnn-course release and grade, on the real course notebooks.

One class folder of submissions covers every case the grader must handle, forgeries and
mis-named files among them; it is graded once (two at a time, 5 s per cell) and the tests
read the table and the CSV. Hashes show that nothing was written into the submissions or the
course's notebooks/.
"""
import contextlib
import copy
import csv
import hashlib
import io
import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

from rnnlib.checks import EXERCISES
from rnnlib.course import cli
from rnnlib.course.grade import grade
from rnnlib.course.notebooks import exercise_cells, exercise_id, tags
from rnnlib.course.release import strip_solution, student_version

COURSE = Path(__file__).resolve().parents[1] / "notebooks"
NB02 = COURSE / "02_hidden_state_shapes.ipynb"
TIMEOUT = 5


def digest(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def with_exercise(nb, ex_id, source):
    nb = copy.deepcopy(nb)
    for cell in exercise_cells(nb):
        if exercise_id(cell) == ex_id:
            cell.source = source
    return nb


def solved(nb):
    """``nb`` as a student who solved every exercise hands it in: the instructor's solutions
    without the BEGIN/END SOLUTION marker lines (a verbatim copy keeps them: flagged)."""
    nb = copy.deepcopy(nb)
    for cell in exercise_cells(nb):
        cell.source = "\n".join(line for line in cell.source.split("\n")
                                if "### BEGIN SOLUTION" not in line
                                and "### END SOLUTION" not in line)
    return nb


def without_outputs(nb):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


COPIED = ("passed", "the cell still holds ### BEGIN SOLUTION: a copy of the instructor notebook?")
STEP_RIGHT = "def rnn_step(x_t, h_prev, Wx, Wh, b):\n    return np.tanh(h_prev @ Wh + x_t @ Wx + b)"
SUBMISSIONS = {
    # name: (how to make it from the instructor notebook, {exercise: expected reason or None})
    "alice/02_released.ipynb": (lambda nb: student_version(nbformat.read(NB02, as_version=4)),
                                {"02_rnn_step": "not implemented",
                                 "02_param_count": "not implemented"}),
    # A verbatim copy of the instructor notebook: passed (its code is right), and flagged.
    "bob/02_instructor_copy.ipynb": (lambda nb: nbformat.read(NB02, as_version=4),
                                     {"02_rnn_step": COPIED, "02_param_count": COPIED}),
    # The reason carries the check's message and its hint, as the class sees them.
    "carol/02_wrong.ipynb": (lambda nb: without_outputs(with_exercise(
        nb, "02_rnn_step", "def rnn_step(x_t, h_prev, Wx, Wh, b):\n"
                           "    return h_prev @ Wh + x_t @ Wx + b")),
        {"02_rnn_step": "wrong answer: h_next is wrong", "02_param_count": None}),
    "dave/02_wrong_keeps_outputs.ipynb": (lambda nb: with_exercise(
        nb, "02_param_count", "def param_count(D, H):\n    return D * H"),
        {"02_rnn_step": None, "02_param_count": "wrong answer: param_count(2, 3) returned 6"}),
    "erin/02_raises.ipynb": (lambda nb: with_exercise(with_exercise(
        nb, "02_rnn_step", "def rnn_step(x_t, h_prev, Wx, Wh, b):\n    return 1 / 0"),
        "02_param_count", "raise ValueError('not today')"),
        {"02_rnn_step": "exception: ZeroDivisionError: division by zero",
         "02_param_count": "exception: ValueError: not today"}),
    "frank/02_loops.ipynb": (lambda nb: with_exercise(
        nb, "02_rnn_step", "def rnn_step(x_t, h_prev, Wx, Wh, b):\n    while True:\n"
                           "        pass"),
        {"02_rnn_step": f"time limit ({TIMEOUT} s per cell)", "02_param_count": None}),
    "grace/02_kills_kernel.ipynb": (lambda nb: with_exercise(
        nb, "02_rnn_step", "import os\n\ndef rnn_step(x_t, h_prev, Wx, Wh, b):\n"
                           "    os._exit(3)"),
        {"02_rnn_step": "kernel died",
         "02_param_count": "not run: the kernel died in an earlier cell"}),
    "heidi/02_deleted_cell.ipynb": (lambda nb: nbformat.v4.new_notebook(
        cells=[c for c in nb.cells if exercise_id(c) != "02_param_count" or "check" in tags(c)],
        metadata=nb.metadata),
        {"02_rnn_step": None, "02_param_count": "exercise cell missing"}),
}
# What a student who wants the points without the work might try. Each returns wrong values
# (or none) from rnn_step, and tries to make the check print PASSED anyway.
FORGED_VERDICT = "PASSED 02_rnn_step: matches rnnlib.rnn_step_forward on 3 test inputs."
WRONG_STEP = "def rnn_step(x_t, h_prev, Wx, Wh, b):\n    return x_t @ Wx\n"
FORGERIES = {
    "patched_checker": ("rnnlib.checks.check_rnn_step = lambda f: print("
                        f"{FORGED_VERDICT!r})\n" + WRONG_STEP.replace("x_t @ Wx", "None")),
    "patched_print": ("import builtins\n_print = builtins.print\n"
                      "builtins.print = lambda *a, **k: _print(*(str(x).replace('FAILED', "
                      "'PASSED') for x in a), **k)\n" + WRONG_STEP),
    "rewritten_stdout": ("import sys\nclass Rewrite:\n    def __init__(self, out):\n"
                         "        self.out = out\n    def write(self, text):\n"
                         "        return self.out.write(text.replace('FAILED', 'PASSED'))\n"
                         "    def flush(self):\n        self.out.flush()\n"
                         "sys.stdout = Rewrite(sys.stdout)\n" + WRONG_STEP),
    "patched_numpy": "np.allclose = lambda *a, **k: True\n" + WRONG_STEP,
}
for _name, _source in FORGERIES.items():
    SUBMISSIONS[f"forger_{_name}/02_hidden_state_shapes.ipynb"] = (
        lambda nb, _source=_source: with_exercise(nb, "02_rnn_step", _source),
        {"02_rnn_step": "wrong answer:", "02_param_count": None})
SUBMISSIONS.update({
    # Calling the library function the exercise asks for: failed, and the reason names it.
    "peggy/02_calls_rnnlib.ipynb": (lambda nb: with_exercise(with_exercise(
        nb, "02_rnn_step", "def rnn_step(x_t, h_prev, Wx, Wh, b):\n"
                           "    return rnnlib.rnn_step_forward(x_t, h_prev, Wx, Wh, b)[0]"),
        "02_param_count", "from rnnlib.params import rnn_param_count as count\n\n"
                          "def param_count(D, H):\n    return count(D, H)"),
        {"02_rnn_step": "uses rnnlib.rnn_step_forward, which this exercise does not allow",
         "02_param_count": "uses rnnlib.params.rnn_param_count"}),
    # Honest NumPy, written differently from the instructor's solution: passed.
    "quinn/02_own_numpy.ipynb": (lambda nb: with_exercise(with_exercise(
        nb, "02_rnn_step", "def rnn_step(x_t, h_prev, Wx, Wh, b):\n"
                           "    a = np.dot(x_t, Wx) + np.dot(h_prev, Wh)\n"
                           "    a = a + np.reshape(b, (1, -1))\n"
                           "    return (np.exp(2 * a) - 1) / (np.exp(2 * a) + 1)"),
        "02_param_count", "def param_count(D, H):\n    return (D + H + 1) * H"),
        {"02_rnn_step": None, "02_param_count": None}),
})
# The Korean edition: graded against the same instructor notebook, by number and exercise id.
KO02 = COURSE / "ko" / NB02.name
SUBMISSIONS.update({
    "yuna/ko/02_hidden_state_shapes.ipynb": (lambda nb: solved(nbformat.read(KO02,
                                                                             as_version=4)),
                                             {"02_rnn_step": None, "02_param_count": None}),
    "yann/ko/02_wrong.ipynb": (lambda nb: with_exercise(
        solved(nbformat.read(KO02, as_version=4)), "02_param_count",
        "def param_count(D, H):\n    return D * H"),
        {"02_rnn_step": None, "02_param_count": "wrong answer: param_count(2, 3) returned 6"}),
})
# 02_rnn_forward, the third exercise: the instructor's solution in every submission but these.
RNN_FORWARD_REASONS = {"alice/02_released.ipynb": "not implemented",
                       "bob/02_instructor_copy.ipynb": COPIED,
                       "grace/02_kills_kernel.ipynb": "not run: the kernel died in an earlier cell"}
for _name, (_make, _expected) in SUBMISSIONS.items():
    _expected["02_rnn_forward"] = RNN_FORWARD_REASONS.get(_name)
# Names as students save them: matched to notebook 02 by what follows the number.
RELEASED_02 = SUBMISSIONS["alice/02_released.ipynb"]
for _name in ["ivan/hidden_state_shapes.ipynb", "liam/2_hidden_state_shapes.ipynb",
              "mia/Copy of 02_hidden_state_shapes.ipynb", "mina/02_hidden_state_shapes (1).ipynb",
              "mio/02_hidden_state_shapes-Copy1.ipynb"]:
    SUBMISSIONS[_name] = RELEASED_02
# One notebook handed in twice by one student, both untouched: the exact course name is
# graded, the copy is listed as a skipped duplicate (never summed). (A copy with work in it
# beats an untouched one: tests/test_cli.py.)
SUBMISSIONS["lee/02_hidden_state_shapes.ipynb"] = RELEASED_02
DUPLICATES = {"lee/02_hidden_state_shapes (1).ipynb":
              lambda nb: student_version(nbformat.read(NB02, as_version=4))}
EMPTY = ["zoe", "zack/week1"]        # student folders without a notebook (and kim: notes.pdf)
BROKEN = {
    "judy/02_invalid.ipynb": (b'{"cells": [', "invalid JSON"),
    "mallory/02_empty.ipynb": (b"", "empty file"),
    "oscar/99_unknown.ipynb": (NB02.read_bytes(), "no course notebook is numbered 99"),
    "noah/hidden_state_shape.ipynb": (NB02.read_bytes(), "does not start with a two-digit "
                                      "notebook number (NN_name.ipynb); did you mean "
                                      "02_hidden_state_shapes.ipynb?"),
    "noah/2_shapes.ipynb": (NB02.read_bytes(), "must start with a two-digit notebook number "
                                               "(02_..., not 2_...)"),
    # Notebook 03 handed in under 02's name.
    "olivia/02_hidden_state_shapes.ipynb": (
        (COURSE / "03_tanh_nonlinearity.ipynb").read_bytes(),
        "this file holds exercises 03_tanh_from_exp, 03_tanh_derivative, none of the exercises "
        "of 02_hidden_state_shapes.ipynb: wrong notebook?"),
}
SKIPPED = ["class.zip", "kim/notes.pdf"]
OUTPUT = {}                      # what grading the class printed: out, err


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    instructor = solved(nbformat.read(NB02, as_version=4))
    for name, (make, _) in SUBMISSIONS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(make(instructor), folder / name)
    for name, (content, _) in BROKEN.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    for name in SKIPPED:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"not a notebook")
    for name, make in DUPLICATES.items():
        nbformat.write(make(instructor), folder / name)
    for name in EMPTY:
        (folder / name).mkdir(parents=True)
    before = digest(folder), digest(COURSE)
    csv_path = tmp_path_factory.mktemp("out") / "grades.csv"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["grade", str(folder), "--jobs", "2", "--timeout", str(TIMEOUT),
                           "--csv", str(csv_path), "--course", str(COURSE)])
    after = digest(folder), digest(COURSE)
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    OUTPUT.update(out=out.getvalue(), err=err.getvalue())
    return folder, status, rows, before, after


@pytest.mark.parametrize("name", SUBMISSIONS)
def test_each_exercise_gets_its_status_and_reason(graded, name):
    folder, _, rows, _, _ = graded
    mine = {r["exercise"]: r for r in rows if r["submission"] == str(folder / name)}
    expected = SUBMISSIONS[name][1]
    assert set(mine) == set(expected)
    for exercise, reason in expected.items():
        row = mine[exercise]
        assert row["notebook"] == NB02.name
        if reason is None:
            assert (row["status"], row["reason"]) == ("passed", ""), row
        elif isinstance(reason, tuple):
            assert (row["status"], row["reason"]) == reason, row
        else:
            assert row["status"] == "failed" and row["reason"].startswith(reason), row


@pytest.mark.parametrize("name", BROKEN)
def test_ungradable_submission_gets_one_failed_row(graded, name):
    folder, _, rows, _, _ = graded
    mine = [r for r in rows if r["submission"] == str(folder / name)]
    assert len(mine) == 1
    assert mine[0]["status"] == "failed" and mine[0]["exercise"] == ""
    assert "could not be graded" in mine[0]["reason"] and BROKEN[name][1] in mine[0]["reason"]


def test_exit_status_is_1_when_a_submission_could_not_be_graded(graded):
    assert graded[1] == 1


def test_reasons_carry_the_hint_the_class_sees(graded):
    folder, _, rows, _, _ = graded
    row = next(r for r in rows if r["submission"] == str(folder / "carol/02_wrong.ipynb")
               and r["exercise"] == "02_rnn_step")
    assert " Hint: " in row["reason"] and "tanh" in row["reason"], row


def test_files_that_are_not_notebooks_are_named_as_skipped(graded):
    folder = graded[0]
    err = OUTPUT["err"]
    assert "skipped 2 files that are not notebooks (.ipynb)" in err
    assert all(str(folder / name) in err for name in SKIPPED)


def test_the_student_is_the_folder_under_the_submissions_root(graded):
    folder, _, rows, _, _ = graded
    for r in rows:
        parts = Path(r["submission"]).relative_to(folder).parts
        assert r["student"] == (parts[0] if len(parts) > 1 or Path(folder / parts[0]).is_dir()
                                else "(no folder)"), r


def test_the_table_ends_with_a_total_per_student(graded):
    out = OUTPUT["out"]
    totals = out.split("\nper student (")[1].split("\n", 1)[1]
    lines = {k.strip(): v.strip() for k, v in (line.split("  ", 1)
                                                for line in totals.splitlines())}
    assert lines["bob"] == "3/3 exercises passed in 1 notebook"
    assert lines["yuna"] == "3/3 exercises passed in 1 notebook"
    assert lines["noah"] == "no notebook graded (2 could not be graded)"
    assert lines["lee"] == "0/3 exercises passed in 1 notebook, 1 duplicate skipped"
    assert lines["zoe"] == lines["zack"] == "no notebooks"
    assert lines["kim"] == lines["(no folder)"] == "no notebooks (1 file skipped (not a notebook))"
    assert set(lines) == {name.split("/")[0] for name in list(SUBMISSIONS) + list(BROKEN)
                          + EMPTY + SKIPPED[1:]} | {"(no folder)"}


def test_a_notebook_handed_in_twice_is_graded_once(graded):
    folder, _, rows, _, _ = graded
    (dup,) = [r for r in rows if r["submission"] == str(folder / list(DUPLICATES)[0])]
    assert dup["status"] == "skipped" and dup["exercise"] == ""
    assert dup["reason"] == (f"duplicate: lee handed in {NB02.name} more than once; graded "
                             f"{folder / 'lee' / NB02.name} (a file with work in it is graded "
                             f"before an untouched one, then the one with the exact course "
                             f"name, then the newest)")
    assert "lee/02_hidden_state_shapes (1).ipynb: not graded (a duplicate)" in OUTPUT["out"]


def test_a_student_folder_without_notebooks_is_listed(graded):
    folder, _, rows, _, _ = graded
    for name in ["zoe", "zack"]:
        (row,) = [r for r in rows if r["student"] == name]
        assert (row["submission"], row["status"], row["reason"]) == (
            str(folder / name), "skipped", "no notebooks")
        assert f"{folder / name}: no notebooks" in OUTPUT["out"]


def test_nothing_is_written_into_submissions_or_the_course(graded):
    _, _, _, before, after = graded
    assert before == after


def test_every_submission_is_in_the_csv(graded):
    folder, _, rows, _, _ = graded
    assert {r["submission"] for r in rows} == {str(folder / n) for n in
                                               list(SUBMISSIONS) + list(BROKEN)
                                               + list(DUPLICATES) + ["zoe", "zack", "kim"]
                                               + SKIPPED}
    assert {r["reason"] for r in rows if r["submission"] in {str(folder / n) for n in SKIPPED}} \
        == {"not a notebook (.ipynb)"}
    assert list(rows[0]) == ["student", "submission", "notebook", "exercise", "status",
                             "reason"]


def test_table_and_exit_0_when_all_were_graded(tmp_path, capsys):
    nbformat.write(nbformat.read(NB02, as_version=4), tmp_path / "02_mine.ipynb")
    assert cli.main(["grade", str(tmp_path / "02_mine.ipynb"), "--course", str(COURSE)]) == 0
    out = capsys.readouterr().out
    assert "02_rnn_step" in out and "passed" in out
    assert "02_mine.ipynb: 3/3 passed\n" in out
    assert out.rstrip().endswith("(no folder)  3/3 exercises passed in 1 notebook")


@pytest.mark.parametrize("argv", [["grade"], ["grade", "nowhere.ipynb"],
                                  ["grade", ".", "--jobs", "0"], ["release"]])
def test_usage_errors_exit_2_with_the_subcommands_usage(argv, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 2
    assert capsys.readouterr().err.startswith(f"usage: rnn-course {argv[0]} ")


def test_an_unknown_command_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["mark", "x"])
    assert e.value.code == 2 and "invalid choice: 'mark'" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], ["grade", "--help"], ["release", "--help"]])
def test_help_is_plain_text_with_exit_codes(argv, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert e.value.code == 0
    assert "``" not in out and ":mod:" not in out
    assert "exit status:" in out and "\n  2  " in out
    assert ("\n  3  " in out) == (argv[0] != "release")      # release has no status 1 or 3
    assert ("\n  1  " in out) == (argv[0] != "release")
    if argv[0] == "release":
        assert "OUTDIR folder to write the student notebooks into" in flat
    if argv[0] != "--help":
        assert "--course DIR folder of instructor notebooks" in flat and "(default: " in flat


def test_course_help_is_honest_where_no_course_folder_is_found(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "default_course_dir", lambda: tmp_path / "notebooks")
    assert "needed here" in cli._course_help() and "default" not in cli._course_help()


@pytest.mark.parametrize("files", [[], ["class.zip", "notes.pdf", "kim/rnn.py"]])
def test_a_folder_without_notebooks_says_so_and_exits_1(tmp_path, capsys, files):
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert cli.main(["grade", str(tmp_path), "--course", str(COURSE)]) == 1
    captured = capsys.readouterr()
    assert f"no notebooks (.ipynb) found in {tmp_path}" in captured.err
    assert all(str(tmp_path / name) in captured.err for name in files)
    assert captured.out == ""


def test_a_foreign_python3_kernel_does_not_grade(tmp_path, monkeypatch, capsys):
    """A hub registers another Python as "python3" (one without rnnlib); the grader still
    runs its own Python, and a correct submission passes."""
    kernel = tmp_path / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (the hub's base)", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    from jupyter_client.kernelspec import KernelSpecManager
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == "/usr/bin/python3"
    assert sys.executable != "/usr/bin/python3"
    submission = tmp_path / "kim" / "02_mine.ipynb"
    submission.parent.mkdir()
    submission.write_bytes(NB02.read_bytes())
    assert cli.main(["grade", str(tmp_path / "kim"), "--course", str(COURSE)]) == 0
    assert "02_mine.ipynb: 3/3 passed\n" in capsys.readouterr().out


def test_a_grading_environment_that_fails_the_instructor_notebook_stops(tmp_path, capsys):
    """Checked first, on the instructor notebook: when it does not pass here, nothing is
    graded and the message says why (exit 3), instead of a class graded "failed"."""
    course = tmp_path / "course"
    course.mkdir()
    broken = with_exercise(nbformat.read(NB02, as_version=4), "02_param_count",
                           "import no_such_module_here\n\ndef param_count(D, H):\n    return 0")
    nbformat.write(broken, course / NB02.name)
    (tmp_path / "02_mine.ipynb").write_bytes(NB02.read_bytes())
    assert cli.main(["grade", str(tmp_path / "02_mine.ipynb"), "--course", str(course)]) == 3
    captured = capsys.readouterr()
    assert "does not pass when graded here" in captured.err
    assert "ModuleNotFoundError" in captured.err and "no submission is graded" in captured.err
    assert captured.out == ""


def test_grading_stops_at_the_last_check_cell(tmp_path):
    """The cells after the last exercise or check cell cannot change a verdict: the graded
    notebook ends there (07's race and 08's training are not run again per submission)."""
    from rnnlib.course.grade import assemble, last_graded_cell
    course = tmp_path / "course"
    course.mkdir()
    instructor = nbformat.read(NB02, as_version=4)
    last = last_graded_cell(instructor)
    assert 0 < last < len(instructor.cells) - 1 and "check" in tags(instructor.cells[last])
    instructor.cells.append(nbformat.v4.new_code_cell("raise SystemExit('ran past the checks')"))
    graded, _, _ = assemble(instructor, instructor, tmp_path)
    assert len(graded.cells) == last + 1 and "check" in tags(graded.cells[-1])
    nbformat.write(instructor, course / NB02.name)
    rows, ok = grade([NB02], course, timeout=60, seed=0)
    assert ok and [r.status for r in rows] == ["passed"] * 3, rows


def test_csv_may_not_overwrite_a_submission(tmp_path):
    sub = tmp_path / "02_mine.ipynb"
    sub.write_bytes(NB02.read_bytes())
    with pytest.raises(SystemExit) as e:
        cli.main(["grade", str(sub), "--csv", str(sub), "--course", str(COURSE)])
    assert e.value.code == 2 and sub.read_bytes() == NB02.read_bytes()


# ---- release -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def released(tmp_path_factory):
    out = tmp_path_factory.mktemp("students")
    before = digest(COURSE)
    assert cli.main(["release", str(out / "class"), "--course", str(COURSE)]) == 0
    assert digest(COURSE) == before
    return out / "class"


def test_release_says_how_many_of_each_edition(tmp_path, capsys):
    assert cli.main(["release", str(tmp_path), "--course", str(COURSE)]) == 0
    english = len(list(COURSE.glob("[0-9][0-9]_*.ipynb")))
    korean = len(list((COURSE / "ko").glob("[0-9][0-9]_*.ipynb")))
    assert (f"wrote {english + korean} student notebooks to {tmp_path} ({english} English, "
            f"{korean} Korean in {tmp_path / 'ko'})") in capsys.readouterr().out
    assert cli.main(["release", str(tmp_path), "--course", str(COURSE)]) == 0
    out = capsys.readouterr().out
    assert f"wrote no student notebooks: every one is already in {tmp_path}" in out
    kept = out.split("fresh copy): ")[1].strip().split(", ")
    assert len(kept) == len(set(kept)) == english + korean
    assert f"ko/{NB02.name}" in kept and NB02.name in kept


def test_release_writes_every_notebook_of_both_editions(released):
    for edition in ("", "ko"):
        assert sorted(p.name for p in (released / edition).glob("*.ipynb")) == sorted(
            p.name for p in (COURSE / edition).glob("[0-9][0-9]_*.ipynb"))
    korean = nbformat.read(released / "ko" / NB02.name, as_version=4)
    assert all(c.outputs == [] for c in korean.cells
               if c.cell_type == "code" and {"exercise", "check"} & set(tags(c)))


def test_release_replaces_solutions_clears_verdicts_and_keeps_the_rest(released):
    for path in sorted(COURSE.glob("[0-9][0-9]_*.ipynb")):
        teacher = nbformat.read(path, as_version=4)
        student = nbformat.read(released / path.name, as_version=4)
        assert len(teacher.cells) == len(student.cells)
        for t, s in zip(teacher.cells, student.cells):
            if "exercise" in tags(t):
                assert "### BEGIN SOLUTION" not in s.source and "END SOLUTION" not in s.source
                assert f'raise NotImplementedError("Exercise {exercise_id(t)}' in s.source
                assert s.outputs == [] and s.execution_count is None
                assert s.metadata == t.metadata
            elif "check" in tags(t):              # no verdict before the student's own run
                assert s.source == t.source and s.metadata == t.metadata
                assert s.outputs == [] and s.execution_count is None
            else:
                assert s == t


def test_stub_keeps_the_indentation():
    source = "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"
    assert strip_solution(source, "id") == (
        'def f(x):\n    raise NotImplementedError("Exercise id: write your solution here")\n')


def test_unclosed_solution_is_an_error():
    with pytest.raises(ValueError, match="never closed"):
        strip_solution("### BEGIN SOLUTION\nx = 1\n", "id")


def test_release_refuses_the_course_folder(tmp_path):
    with pytest.raises(SystemExit):
        cli.main(["release", str(COURSE), "--course", str(COURSE)])
    with pytest.raises(SystemExit):
        cli.main(["release", str(COURSE / "sub"), "--course", str(COURSE)])


def test_release_again_never_overwrites_a_students_work(tmp_path, capsys):
    assert cli.main(["release", str(tmp_path), "--course", str(COURSE)]) == 0
    mine = tmp_path / NB02.name
    mine.write_text("my work in progress")
    (tmp_path / "03_tanh_nonlinearity.ipynb").unlink()
    (tmp_path / "notes.txt").write_text("mine")
    capsys.readouterr()
    assert cli.main(["release", str(tmp_path), "--course", str(COURSE)]) == 0
    out = capsys.readouterr().out
    assert "wrote 1 student notebook to" in out and "kept" in out and NB02.name in out
    assert mine.read_text() == "my work in progress"
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert (tmp_path / "03_tanh_nonlinearity.ipynb").exists()


def test_grading_the_released_course_fails_everything_and_the_course_passes(released):
    """Every exercise of the course, end to end (the English edition; Korean submissions are
    graded the same way, above)."""
    rows, ok = grade(sorted(released.glob("*.ipynb")), COURSE, jobs=2, timeout=60)
    assert ok and rows and all(r.reason == "not implemented" for r in rows)
    rows, ok = grade(sorted(COURSE.glob("[0-9][0-9]_*.ipynb")), COURSE, jobs=2, timeout=60)
    assert ok and all(r.status == "passed" for r in rows), [r for r in rows if r.reason]
    assert {r.exercise for r in rows} == set(EXERCISES)


# ---- after the newcomer review (r1) ---------------------------------------------------------

def test_csv_into_a_missing_folder_is_a_usage_error_before_grading(tmp_path, capsys):
    sub = tmp_path / "02_mine.ipynb"
    sub.write_bytes(NB02.read_bytes())
    for target, says in [(tmp_path / "nodir" / "x.csv", "does not exist"),
                         (tmp_path, "is a folder")]:
        with pytest.raises(SystemExit) as e:
            cli.main(["grade", str(sub), "--csv", str(target), "--course", str(COURSE)])
        err = capsys.readouterr().err
        assert e.value.code == 2 and says in err and "usage: rnn-course grade" in err
        assert "Traceback" not in err


def test_a_csv_that_cannot_be_written_after_all_goes_to_stderr(tmp_path, capsys):
    from rnnlib.course.grade import Result
    rows = [Result("kim/02_x.ipynb", NB02.name, "02_rnn_step", "passed", "", "kim")]
    assert not cli._save_csv(rows, tmp_path / "gone" / "x.csv")
    err = capsys.readouterr().err
    assert "could not write" in err and "the CSV follows here instead" in err
    assert "kim,kim/02_x.ipynb,02_hidden_state_shapes.ipynb,02_rnn_step,passed," in err


def test_totals_name_loose_notebooks_and_ungraded_students():
    from rnnlib.course.grade import Result, format_table, write_csv
    rows = [Result("c/02_x.ipynb", NB02.name, "02_rnn_step", "passed"),
            Result("c/han/02_x.ipynb", NB02.name, "", "failed", "could not be graded: x", "han"),
            Result("c/kim/02_x.ipynb", NB02.name, "02_rnn_step", "passed", "", "kim")]
    totals = format_table(rows).split("\nper student (")[1].splitlines()[1:]
    assert totals == ["(no folder)  1/1 exercises passed in 1 notebook",
                      "han          no notebook graded (1 could not be graded)",
                      "kim          1/1 exercises passed in 1 notebook"]
    out = io.StringIO()
    write_csv(rows, out)
    assert out.getvalue().splitlines()[1].startswith("(no folder),c/02_x.ipynb,")


def test_a_name_that_matches_nothing_lists_the_course_notebooks():
    from rnnlib.course.notebooks import course_notebooks, match_notebook
    course = course_notebooks(COURSE)
    number, why = match_notebook("homework.ipynb", course)
    assert number is None and "no course notebook matches this name" in why
    assert "nor is a course notebook's name without its number" in why
    assert all(p.name in why for p in course.values())


@pytest.mark.parametrize("name, number", [
    ("kim_02.ipynb", "02"), ("kim_02_hidden_state_shapes.ipynb", "02"),
    ("Copy of kim-05_many_to_one_forward.ipynb", "05"), ("kim 08.ipynb", "08"),
    ("kim_02_draft.ipynb", None), ("kim_99.ipynb", None), ("2024_report.ipynb", None)])
def test_a_student_name_before_the_number_is_dropped(name, number):
    """Newcomer s26: README's own `rnn-course grade kim_02.ipynb` was refused; learning
    platforms download files as <student>_<name>."""
    from rnnlib.course.notebooks import course_notebooks, match_notebook
    assert match_notebook(name, course_notebooks(COURSE))[0] == number


def test_release_into_a_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "README.md").write_text("x")
    with pytest.raises(SystemExit) as e:
        cli.main(["release", str(tmp_path / "README.md"), "--course", str(COURSE)])
    err = capsys.readouterr().err
    assert e.value.code == 2 and "is a file, not a folder" in err and "Traceback" not in err


def test_an_installed_rnnlib_needs_course_outside_a_checkout(tmp_path, monkeypatch, capsys):
    from rnnlib.course import notebooks
    monkeypatch.setattr(notebooks, "__file__", str(tmp_path / "site" / "rnnlib" / "course"
                                                   / "notebooks.py"))
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / NB02.name).write_bytes(NB02.read_bytes())
    monkeypatch.chdir(tmp_path)          # a notebooks/ folder, but no course checkout
    assert notebooks.default_course_dir() is None
    with pytest.raises(SystemExit) as e:
        cli.main(["release", str(tmp_path / "out")])
    assert e.value.code == 2 and "--course DIR is needed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    (tmp_path / "rnnlib").mkdir()
    (tmp_path / "rnnlib" / "__init__.py").write_text("")
    assert notebooks.default_course_dir() == tmp_path / "notebooks"


def test_the_grade_extra_command_fits_where_rnnlib_came_from(monkeypatch):
    import rnnlib.envcheck
    monkeypatch.setattr(rnnlib.envcheck, "course_folder", lambda: None)
    monkeypatch.setattr(cli, "installed_from", lambda: "/srv/course")
    assert cli.how_to_install_grading() == (f"run {sys.executable} -m pip install "
                                            f"'/srv/course[grade]'")
    monkeypatch.setattr(cli, "installed_from", lambda: None)
    text = cli.how_to_install_grading()
    assert f"{sys.executable} -m pip install 'rnnlib[grade]' (from a package index)" in text
    assert "'/path/to/course[grade]'" in text and "<" not in text


@pytest.mark.parametrize("source, hint", [
    ("def rnn_step(x_t, h_prev, Wx, Wh, b):\n    raise NotImplementedError",
     "replace the raise NotImplementedError line by your code."),
    ("def rnn_step(x_t, h_prev, Wx, Wh, b):\n    return np.tanh(h_prev @ Wx + x_t @ Wh + b)",
     "did you swap Wx and Wh?")])
def test_rnn_step_hints_fit_what_it_raised(source, hint, capsys):
    import numpy as np
    namespace = {"np": np}
    exec(source, namespace)
    EXERCISES["02_rnn_step"].check(namespace["rnn_step"])
    out = capsys.readouterr().out
    assert "FAILED" in out and hint in out and "any N, D, H" not in out


def test_a_self_check_whose_kernel_does_not_start_says_busy_not_broken(tmp_path, monkeypatch):
    """Newcomer s26: the self-check said "busy? grade it again" and "is broken" in one line."""
    from rnnlib.course import grade as grading
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00_slow.py").write_text("import time\ntime.sleep(15)\n")
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    # one try (each failed start costs ~15 s of kernel shutdown); the retry is the next test's
    monkeypatch.setattr(grading, "STARTUP_TIMEOUTS", (2,))
    problem = grading.grading_problem(COURSE)
    assert "too busy to grade now" in problem and "--jobs 1" in problem
    assert "broken" not in problem


def test_a_kernel_that_does_not_start_is_the_machines_problem(tmp_path, monkeypatch, capsys):
    """A busy machine starts kernels slowly (nbval gives one 60 s): no cell runs. That is
    not the student's "not run" on every exercise with exit 0, but one row "could not be
    graded: the kernel did not start", after one retry with a longer start-up time, exit 1."""
    from rnnlib.course import grade as grading
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00_slow.py").write_text("import time\ntime.sleep(15)\n")
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setattr(grading, "STARTUP_TIMEOUTS", (2, 3))
    monkeypatch.setattr(grading, "grading_problem", lambda *args, **kwargs: None)
    tried = []
    run = grading.run_nbval
    monkeypatch.setattr(grading, "run_nbval",
                        lambda *args: tried.append(args[-1]) or run(*args))
    submission = tmp_path / "kim" / "02_mine.ipynb"
    submission.parent.mkdir()
    submission.write_bytes(NB02.read_bytes())
    csv_path = tmp_path / "grades.csv"
    assert cli.main(["grade", str(tmp_path / "kim"), "--course", str(COURSE),
                     "--csv", str(csv_path)]) == 1
    out = capsys.readouterr().out
    assert tried == [2, 3]
    assert "not run" not in out
    assert "could not be graded: the kernel did not start (2 tries, 2 s, then 3 s allowed" in out
    assert "not of the submission" in out
    assert out.rstrip().endswith("(no folder)  no notebook graded (1 could not be graded)")
    rows = list(csv.DictReader(csv_path.open()))
    assert [(r["status"], r["reason"][:40]) for r in rows] == [
        ("failed", "could not be graded: the kernel did not ")]
