"""rnn-course after the second newcomer review (r2): messages that say what happened, and a
command that answers at once when it has nothing to run.

Fast: nothing here runs a notebook (a submission that cannot be graded needs no kernel, and
grading does not start the instructor self-check for it).
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from rnnlib.course import cli, grade
from rnnlib.course.grade import Result, format_table

COURSE = Path(__file__).resolve().parents[1] / "notebooks"
NB02, NB03 = COURSE / "02_hidden_state_shapes.ipynb", COURSE / "03_tanh_nonlinearity.ipynb"


def usage_error(argv, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    assert e.value.code == 2
    return capsys.readouterr().err


def test_csv_under_a_file_says_it_is_a_file(tmp_path, capsys):
    (tmp_path / "ro").write_text("x")
    sub = tmp_path / "02_mine.ipynb"
    sub.write_bytes(NB02.read_bytes())
    for target in (tmp_path / "ro" / "grades.csv", tmp_path / "ro" / "deeper" / "grades.csv"):
        err = usage_error(["grade", str(sub), "--csv", str(target), "--course", str(COURSE)],
                          capsys)
        assert err.startswith("usage: rnn-course grade ")
        assert f"--csv {target}: {tmp_path / 'ro'} is a file, not a folder" in err, err
        assert "does not exist" not in err


def test_extra_arguments_print_the_subcommands_usage(tmp_path, capsys):
    err = usage_error(["release", str(tmp_path / "a"), "b", "--course", str(COURSE)], capsys)
    assert err.startswith("usage: rnn-course release ")
    assert err.rstrip().endswith("rnn-course release: error: unrecognized arguments: b")
    assert not (tmp_path / "a").exists()
    err = usage_error(["grade", str(tmp_path), "--jbos", "2"], capsys)
    assert err.startswith("usage: rnn-course grade ") and "unrecognized arguments: --jbos 2" in err


def test_wrong_notebook_says_exercises_in_the_plural(tmp_path):
    import nbformat
    from rnnlib.course.grade import wrong_notebook
    nb03, nb02 = (nbformat.read(p, as_version=4) for p in (NB03, NB02))
    assert wrong_notebook(nb02, nb03, NB02.name) == (
        f"this file holds exercises 03_tanh_from_exp, 03_tanh_derivative, none of the "
        f"exercises of {NB02.name}: wrong notebook?")
    one = nbformat.read(COURSE / "00_start_here.ipynb", as_version=4)
    assert wrong_notebook(nb02, one, NB02.name).startswith(
        "this file holds exercise 00_batch_shape, none")


def test_a_file_given_alone_gets_its_total_too():
    rows = [Result("x/02_a.ipynb", NB02.name, "02_rnn_step", "passed"),
            Result("x/02_a.ipynb", NB02.name, "02_param_count", "failed", "not implemented")]
    table = format_table(rows)
    assert table.endswith("x/02_a.ipynb: 1/2 passed\n\n"
                          "per student (the folder under the submissions folder; (no folder): "
                          "a notebook right in it, or a file given alone):\n"
                          "(no folder)  1/2 exercises passed in 1 notebook"), table


@pytest.fixture
def no_self_check(monkeypatch):
    """The instructor self-check, which must not run: it fails the test if it does."""
    def fail(*args, **kwargs):
        raise AssertionError("the self-check ran although nothing was gradable")
    monkeypatch.setattr(grade, "grading_problem", fail)


def test_nothing_gradable_runs_no_self_check(tmp_path, capsys, no_self_check):
    """A file alone that cannot be graded: its row and its total, at once, exit 1."""
    wrong = tmp_path / NB02.name
    wrong.write_bytes(NB03.read_bytes())             # notebook 03 saved under 02's name
    assert cli.main(["grade", str(wrong), "--course", str(COURSE)]) == 1
    out = capsys.readouterr().out
    assert "could not be graded: this file holds exercises 03_tanh_from_exp" in out
    assert out.rstrip().endswith("(no folder)  no notebook graded (1 could not be graded)"), out


def test_a_class_of_ungradable_files_runs_no_self_check(tmp_path, capsys, no_self_check):
    (tmp_path / "kim").mkdir()
    (tmp_path / "kim" / "homework.ipynb").write_text("{}")
    (tmp_path / "kim" / "02_empty.ipynb").write_text("")
    (tmp_path / "lee").mkdir()
    (tmp_path / "lee" / "02_bad.ipynb").write_text("{not json")
    assert cli.main(["grade", str(tmp_path), "--course", str(COURSE)]) == 1
    out = capsys.readouterr().out
    assert out.count("failed  could not be graded: ") == 3
    assert "kim  no notebook graded (2 could not be graded)" in out


def test_gradable_decides_without_running(tmp_path):
    from rnnlib.course.notebooks import course_notebooks
    course = course_notebooks(COURSE)
    (tmp_path / "02_mine.ipynb").write_bytes(NB02.read_bytes())
    (tmp_path / "02_other.ipynb").write_bytes(NB03.read_bytes())
    (tmp_path / "homework.ipynb").write_bytes(NB02.read_bytes())
    assert grade.gradable(tmp_path / "02_mine.ipynb", course)
    assert not grade.gradable(tmp_path / "02_other.ipynb", course)
    assert not grade.gradable(tmp_path / "homework.ipynb", course)


HEAVY = ("numpy", "nbformat", "nbclient", "nbval", "matplotlib", "rnnlib.checks")


@pytest.mark.parametrize("argv", [["--help"], ["grade", "--help"], ["release", "--help"],
                                  ["release", "a", "b"],
                                  ["grade", ".", "--csv", "/nonexistent/x/grades.csv"]])
def test_help_and_usage_errors_import_nothing_heavy(argv):
    """--help and a usage error answer at once: what they print needs no NumPy, nbformat,
    nbclient or rnnlib.checks (those load in the commands that use them)."""
    code = ("import sys\nfrom rnnlib.course import cli\n"
            f"try:\n    cli.main({argv!r})\nexcept SystemExit as e:\n    code = e.code\n"
            f"print(json.dumps([code, sorted(m for m in {HEAVY!r} if m in sys.modules)]))")
    out = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True,
                         text=True, cwd=COURSE.parent, timeout=120)
    code, heavy = json.loads(out.stdout.splitlines()[-1])
    assert code == (0 if "--help" in argv else 2), out.stderr
    assert heavy == [], heavy


# ---- after the third newcomer review (s25) ---------------------------------------------------

def test_a_duplicate_with_work_in_it_beats_an_untouched_exact_name(tmp_path):
    """han handed in the released notebook untouched under the exact name, and his work later
    as "02_x (1).ipynb": his work is graded. Between two of a kind the exact name wins."""
    import os
    from rnnlib.course.notebooks import course_notebooks, read_notebook, write_notebook
    from rnnlib.course.release import student_version
    course = course_notebooks(COURSE)
    released = student_version(read_notebook(NB02))
    han = tmp_path / "han"
    han.mkdir()
    untouched, work = han / NB02.name, han / "02_hidden_state_shapes (1).ipynb"
    with open(untouched, "w") as f:
        write_notebook(released, f)
    work.write_bytes(NB02.read_bytes())                       # every exercise filled in
    os.utime(untouched, (1_000, 1_000))
    os.utime(work, (2_000, 2_000))
    found = [(untouched, "han"), (work, "han")]
    kept, dropped = grade.pick_duplicates(found, course)
    assert kept == [(work, "han")] and dropped == [((untouched, "han"), work)]
    assert grade.has_work(work, NB02) and not grade.has_work(untouched, NB02)
    work.write_bytes(untouched.read_bytes())                  # both untouched: the exact name
    assert grade.pick_duplicates(found, course)[0] == [(untouched, "han")]
    assert "work in it" in cli.GRADE_EPILOG and "untouched" in cli.GRADE_EPILOG


def test_the_hint_starts_a_sentence_of_its_own_in_the_reason(capsys):
    from rnnlib.checks._exercise import check_cell
    from rnnlib.checks._verdict import Verdict
    raised = Verdict("02_rnn_step", False, "your function raised ValueError: matmul: Input "
                     "operand 1 (size 3 is different from 4).", "the shapes do not fit.",
                     exception="ValueError")
    assert grade.verdict_reason(raised) == (
        "exception: ValueError: matmul: Input operand 1 (size 3 is different from 4). "
        "Hint: the shapes do not fit.")
    check_cell("02_param_count", "def param_count(D, H):\n    return helper(D, H)")
    graded_line = capsys.readouterr().out.splitlines()[-1]
    assert graded_line.startswith("Graded: failed, exception: NameError: name 'helper' is not "
                                  "defined. Hint: only the exercise cell is graded")


def test_a_misnamed_file_holding_one_notebooks_exercises_gets_rename_it(tmp_path):
    from rnnlib.course.notebooks import course_notebooks
    course = course_notebooks(COURSE)
    homework = tmp_path / "homework.ipynb"
    homework.write_bytes(NB02.read_bytes())
    with pytest.raises(grade.Ungradable) as e:
        grade.open_submission(homework, course)
    assert str(e.value) == ("no course notebook matches this name; it holds the exercises of "
                            f"{NB02.name}: rename it {NB02.name}?")
    empty = tmp_path / "notes.ipynb"
    empty.write_text("{}")                               # no exercises: the list, as before
    with pytest.raises(grade.Ungradable) as e:
        grade.open_submission(empty, course)
    assert "the course notebooks are 00_" in str(e.value)


def test_skipped_files_are_in_the_csv_too(tmp_path, capsys, no_self_check):
    (tmp_path / "kim").mkdir()
    (tmp_path / "kim" / "homework.ipynb").write_text("{}")
    (tmp_path / "class.zip").write_text("x")
    (tmp_path / "kim" / "notes.pdf").write_text("x")
    csv_path = tmp_path.parent / f"{tmp_path.name}.csv"
    assert cli.main(["grade", str(tmp_path), "--course", str(COURSE),
                     "--csv", str(csv_path)]) == 1
    import csv
    rows = {r["submission"]: r for r in csv.DictReader(csv_path.open())}
    for name, student in [("class.zip", "(no folder)"), ("kim/notes.pdf", "kim")]:
        row = rows[str(tmp_path / name)]
        assert (row["student"], row["status"], row["reason"]) == (
            student, "skipped", "not a notebook (.ipynb)")
    out = capsys.readouterr().out
    assert f"{tmp_path / 'class.zip'}: skipped (not a notebook)" in out
    assert "kim          no notebook graded (1 could not be graded, 1 file skipped (not a " \
           "notebook))" in out, out
