"""The environment check of notebook 00: is everything the course needs installed?

It prints requirement lines, never version numbers, so its output is the same on every
machine where the course works (the notebook's stored output is what nbval compares with).
"""
import re
import sys
from importlib import metadata

# (distribution name, minimum version, what it is for)
REQUIREMENTS = [
    ("numpy", "1.24", "arrays: every formula of the course"),
    ("matplotlib", "3.7", "figures"),
    ("ipywidgets", "8.0", "sliders"),
    ("jupyterlab", "4.0", "the notebook editor"),
    ("jupyterlab_widgets", "3.0", "shows sliders in JupyterLab"),
    ("nbval", "0.11", "re-runs notebooks as tests"),
]
PYTHON = (3, 10)


def _version_tuple(text):
    """'1.26.4' -> (1, 26, 4); stops after the first part that is not a plain number
    ('2.0rc1' -> (2, 0))."""
    parts = []
    for piece in text.split("."):
        digits = re.match(r"\d*", piece).group()
        if digits:
            parts.append(int(digits))
        if not digits or digits != piece:
            break
    return tuple(parts)


def requirement_status(name, minimum, version_of=metadata.version):
    """'ok', 'missing' or 'too old' for one distribution."""
    try:
        installed = version_of(name)
    except metadata.PackageNotFoundError:
        return "missing"
    return "ok" if _version_tuple(installed) >= _version_tuple(minimum) else "too old"


def environment_problems(version_of=metadata.version, python=sys.version_info):
    """What is missing or too old, as ``(requirement, status)`` pairs; empty when all is well."""
    problems = []
    if tuple(python[:2]) < PYTHON:
        problems.append(("Python >= " + ".".join(map(str, PYTHON)), "too old"))
    for name, minimum, _ in REQUIREMENTS:
        status = requirement_status(name, minimum, version_of)
        if status != "ok":
            problems.append((f"{name} >= {minimum}", status))
    return problems


def check_environment(version_of=metadata.version, python=sys.version_info):
    """Print one line per requirement and say what to do when something is missing.

    Prints only (it returns None, so a notebook cell shows just the lines); use
    :func:`environment_problems` for the list itself.
    """
    bad = dict(environment_problems(version_of, python))
    rows = [("Python >= " + ".".join(map(str, PYTHON)), "the language")]
    rows += [(f"{name} >= {minimum}", purpose) for name, minimum, purpose in REQUIREMENTS]
    for requirement, purpose in rows:
        status = bad.get(requirement, "ok")
        print(f"{requirement:28s} {status if status == 'ok' else status.upper():8s} ({purpose})")
    if not bad:
        print("Everything the course needs is installed.")
    else:
        print("Something is missing: run `make lab` in the course folder, which installs it "
              "into .venv, and open the notebooks from there.")
