"""rnnlib installed from a wheel, as a JupyterHub image or `pip install <repository>` installs it.

The wheel is built from this checkout and installed (with the ``grade`` extra) into a fresh
virtual environment outside the checkout. There, with the checkout out of reach, the package
must load every data set, train, and grade a submission against ``--course DIR``.
"""
import json
import os
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


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment, outside the checkout, with the wheel installed."""
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
    _run([str(python), "-m", "pip", "install", "-q", f"{wheel}[grade]"], cwd=work)
    # Nothing of the checkout may leak in: no PYTHONPATH, and a working folder outside it.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return work, python, env


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
    assert graded.stdout.rstrip().endswith("02_mine.ipynb: 2/2 passed"), graded.stdout
    released = _run([grader, "release", str(tmp_path / "class"), "--course",
                     str(ROOT / "notebooks")], cwd=work, env=env)
    assert "student notebooks" in released.stdout
