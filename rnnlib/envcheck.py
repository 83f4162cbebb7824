"""The environment check of notebook 00: does the Python running the notebook have what a
student needs?

A student needs, in the kernel's Python: NumPy, Matplotlib and ipywidgets (with its
JupyterLab part, jupyterlab_widgets). Nothing for the tests (nbval) and not JupyterLab
itself, which a hub may run from another environment than the kernel's.

It prints requirement lines, never version numbers, so its output is the same on every
machine where the course works (the notebook's stored output is what nbval compares with).
When something is missing, its advice fits where it runs: ``make lab`` in a copy of the
course that has make; ``pip install`` into this Python elsewhere (a hub, a plain install).
"""
import re
import shutil
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

from .language import say

# (distribution name, minimum version, what it is for)
REQUIREMENTS = [
    ("numpy", "1.24", "arrays: every formula of the course"),
    ("matplotlib", "3.7", "figures"),
    ("ipywidgets", "8.0", "sliders"),
    ("jupyterlab_widgets", "3.0", "shows sliders in JupyterLab"),
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


def course_folder():
    """The copy of the course rnnlib runs from (the folder with its Makefile), or None when
    rnnlib is an installed package (a hub, ``pip install``)."""
    here = Path(__file__).resolve().parents[1]
    return here if (here / "Makefile").is_file() and (here / "pyproject.toml").is_file() else None


def advice(problems, folder=..., has_make=None):
    """What to do about ``problems`` (pairs from :func:`environment_problems`), where this runs.

    ``folder`` is the course folder, None for an installed rnnlib (default:
    :func:`course_folder`); ``has_make`` whether ``make`` is there (default: looked up on
    PATH).
    """
    folder = course_folder() if folder is ... else folder
    has_make = shutil.which("make") is not None if has_make is None else has_make
    if any(req.startswith("Python") for req, _ in problems):
        return (f"This Python ({sys.executable}) is older than the course needs: open the "
                f"notebooks with a kernel of Python >= {'.'.join(map(str, PYTHON))}.")
    if folder is not None and has_make:
        return (f"Something is missing or too old: run `make lab` in the course folder "
                f"({folder}), which installs it into .venv, and open the notebooks from there.")
    specs = " ".join(f'"{req.replace(" ", "")}"' for req, _ in problems)
    step = (f"in the course folder ({folder}) run `{sys.executable} -m pip install -e .`"
             if folder is not None else f"in a notebook cell run `%pip install {specs}`")
    return (f"Something is missing or too old in this Python ({sys.executable}): {step}, then "
            f"restart the kernel. On a shared server (JupyterHub), tell the person who runs it.")


def _padded(text, width):
    """``text`` padded to ``width`` columns; a Hangul character takes two."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)


def check_environment(version_of=metadata.version, python=sys.version_info, folder=...,
                      has_make=None):
    """Print one line per requirement and say what to do when something is missing.

    Prints only (it returns None, so a notebook cell shows just the lines); use
    :func:`environment_problems` for the list itself. In the Korean edition the lines are
    in Korean (:func:`rnnlib.language.say`). ``folder`` and ``has_make`` are for
    :func:`advice`.
    """
    problems = environment_problems(version_of, python)
    bad = dict(problems)
    rows = [("Python >= " + ".".join(map(str, PYTHON)), "the language")]
    rows += [(f"{name} >= {minimum}", purpose) for name, minimum, purpose in REQUIREMENTS]
    for requirement, purpose in rows:
        status = bad.get(requirement, "ok")
        shown = say(status if status == "ok" else status.upper())
        print(f"{requirement:28s} {_padded(shown, 8)} ({say(purpose)})")
    if not bad:
        print(say("Everything the course needs is installed."))
    else:
        print(say(advice(problems, folder, has_make)))
