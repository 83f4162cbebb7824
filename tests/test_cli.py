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
