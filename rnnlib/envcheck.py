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


def check_environment(version_of=metadata.version, python=sys.version_info):
    """Print one line per requirement and say what to do when something is missing.

    Returns
    -------
    bool
        True when everything is there.
    """
    ok = tuple(python[:2]) >= PYTHON
    print(f"{'Python >= ' + '.'.join(map(str, PYTHON)):28s} {'ok' if ok else 'TOO OLD'}")
    for name, minimum, purpose in REQUIREMENTS:
        status = requirement_status(name, minimum, version_of)
        ok = ok and status == "ok"
        print(f"{name + ' >= ' + minimum:28s} {status if status == 'ok' else status.upper():8s}"
              f" ({purpose})")
    if ok:
        print("Everything the course needs is installed.")
    else:
        print("Something is missing: run `make lab` in the course folder, which installs it "
              "into .venv, and open the notebooks from there.")
    return ok
