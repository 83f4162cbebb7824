"""rnnlib installed from a wheel, as a JupyterHub image or `pip install <repository>` installs it.

The wheel is built from this checkout and installed into a fresh virtual environment outside
the checkout, first without extras (a plain `pip install`): there `rnn-course --help` and
`release` work, README's "Using rnnlib on its own" runs and prints what README shows, the
JupyterLab settings land where JupyterLab reads them, and `grade` says in one line what to
install. Then with the ``grade`` extra: the package loads every data set, trains, and grades
a submission against ``--course DIR``.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NB02 = ROOT / "notebooks" / "02_hidden_state_shapes.ipynb"

IN_THE_NEW_ENVIRONMENT = """
import json, sys
from pathlib import Path
import numpy as np
import rnnlib
from rnnlib.optim import Adam
from rnnlib.train import train

X, y, vocab = rnnlib.data.as_soon_as()
text = rnnlib.data.tiny_stories()
model = rnnlib.ManyToOne(2, 3, seed=0)
history = train(model, X, y, Adam(model.params, lr=0.1), epochs=150)
print(json.dumps({
    "rnnlib": rnnlib.__file__,
    "data_dir": str(rnnlib.data.DATA_DIR),
    "version": rnnlib.__version__,
    "X": list(X.shape), "y": y.tolist(), "vocab": vocab,
    "tiny_stories": len(text),
    "accuracy": history["accuracy"][-1],
}))
"""


def _run(cmd, cwd, env=None, timeout=600):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, \
        f"{cmd} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def readme_example():
    """The Python block of README's "Using rnnlib on its own", and the output it shows."""
    section = (ROOT / "README.md").read_text().split("## Using rnnlib on its own")[1]
    code, output = re.findall(r"```(?:python)?\n(.*?)```", section, re.DOTALL)[:2]
    return code, output


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment, outside the checkout, with the wheel installed: first
    plain (what happened then is in ``PLAIN``), then with the grade extra."""
    work = tmp_path_factory.mktemp("install")
    # Build from a copy: setuptools leaves build/ in the source tree, and stale files there
    # would end up in later wheels.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "notebooks", "student"))
    _run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
          "-w", str(work / "dist")], cwd=work)
    wheel = next((work / "dist").glob("rnnlib-*.whl"))
    venv.EnvBuilder(with_pip=True).create(work / "env")
    python = work / "env" / "bin" / "python"
    grader = str(python.parent / "rnn-course")
    # Nothing of the checkout may leak in: no PYTHONPATH, and a working folder outside it.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], cwd=work)
    run = dict(cwd=work, env=env, capture_output=True, text=True, timeout=300)
    PLAIN["help"] = subprocess.run([grader, "--help"], **run)
    PLAIN["grade_help"] = subprocess.run([grader, "grade", "--help"], **run)
    PLAIN["release"] = subprocess.run([grader, "release", str(work / "class"), "--course",
                                       str(ROOT / "notebooks")], **run)
    PLAIN["released"] = sorted(p.name for p in (work / "class").glob("*.ipynb"))
    submission = work / "02_mine.ipynb"
    submission.write_bytes(NB02.read_bytes())
    PLAIN["grade"] = subprocess.run([grader, "grade", str(submission), "--course",
                                     str(ROOT / "notebooks")], **run)
    PLAIN["readme"] = subprocess.run([str(python), "-c", readme_example()[0]], **run)
    PLAIN["modules"] = subprocess.run([str(python), "-c", "import importlib.util as u; print("
                                       "[m for m in ('nbformat', 'nbval', 'pytest', "
                                       "'jupyterlab', 'playwright') if u.find_spec(m)])"], **run)
    PLAIN["overrides"] = list((work / "env" / "share" / "jupyter" / "lab" / "settings" /
                               "overrides.d").glob("*.json"))
    _run([str(python), "-m", "pip", "install", "-q", f"{wheel}[grade]"], cwd=work)
    return work, python, env


PLAIN = {}                    # what the plain install did, before the grade extra came


def test_a_plain_install_has_no_grading_or_test_tooling(installed):
    assert PLAIN["modules"].returncode == 0 and PLAIN["modules"].stdout.strip() == "[]"


def test_a_plain_install_shows_help_and_releases(installed):
    for key in ("help", "grade_help"):
        result = PLAIN[key]
        assert result.returncode == 0, result.stderr
        assert "exit status:" in result.stdout and "Traceback" not in result.stderr
    release = PLAIN["release"]
    assert release.returncode == 0, release.stderr
    assert "English" in release.stdout and "Korean" in release.stdout
    assert PLAIN["released"] == sorted(p.name for p in (ROOT / "notebooks").glob(
        "[0-9][0-9]_*.ipynb"))


def test_a_plain_install_says_in_one_line_what_grading_needs(installed):
    result = PLAIN["grade"]
    assert result.returncode == 3 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "grade extra" in lines[0] and "rnnlib[grade]" in lines[0] and "nbformat" in lines[0]


def test_the_readme_example_runs_and_prints_what_the_readme_shows(installed):
    result = PLAIN["readme"]
    assert result.returncode == 0, result.stderr
    assert result.stdout == readme_example()[1]


def test_the_wheel_installs_the_jupyterlab_settings(installed):
    assert [p.name for p in PLAIN["overrides"]] == ["rnn-course.json"]
    settings = json.loads(PLAIN["overrides"][0].read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_the_wheel_carries_the_data_and_trains(installed):
    work, python, env = installed
    out = _run([str(python), "-c", IN_THE_NEW_ENVIRONMENT], cwd=work, env=env).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert str(work / "env") in report["rnnlib"]                 # the installed copy ran ...
    assert report["data_dir"].endswith(os.path.join("rnnlib", "_data"))   # ... with its data
    assert report["version"] != "0+unknown"
    assert report["X"] == [3, 3, 2] and report["y"] == [0, 0, 1]
    assert report["vocab"] == {"as": 0, "soon": 1}
    assert report["tiny_stories"] > 90_000
    assert report["accuracy"] == 1.0


def test_the_installed_grader_needs_and_uses_course(installed, tmp_path):
    work, python, env = installed
    grader = str(python.parent / "rnn-course")
    submission = tmp_path / "02_mine.ipynb"
    submission.write_bytes(NB02.read_bytes())
    missing = subprocess.run([grader, "grade", str(submission)], cwd=work, env=env,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "--course" in missing.stderr
    graded = _run([grader, "grade", str(submission), "--course", str(ROOT / "notebooks"),
                   "--csv", str(tmp_path / "grades.csv")], cwd=work, env=env)
    assert "02_mine.ipynb: 3/3 passed\n" in graded.stdout, graded.stdout
    # a file given alone is "(no folder)"'s, and the table ends with the total per student
    assert graded.stdout.rstrip().endswith("(no folder)  3/3 exercises passed in 1 notebook"), \
        graded.stdout
    released = _run([grader, "release", str(tmp_path / "class"), "--course",
                     str(ROOT / "notebooks")], cwd=work, env=env)
    assert "student notebooks" in released.stdout
