"""Reading the exercise structure of a course notebook (see CONTRIBUTING.md).

An exercise cell is a code cell tagged ``exercise`` with an ``exercise_id`` in its metadata;
the cells tagged ``check`` with the same id check it.
"""
import difflib
import json
import os
import re
from pathlib import Path

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NUMBER = re.compile(r"^(\d{2})_")
# What copying or downloading adds to a name: "Copy of 05_x" (Colab, Google Drive),
# "05_x-Copy1" (JupyterLab's Duplicate), "05_x (1)" (a browser's second download).
_COPY_PREFIX = re.compile(r"^(copy of\s+)+", re.IGNORECASE)
_COPY_SUFFIX = re.compile(r"(-copy\d*|\s*\(\d+\))+$", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^(\d+)[_\s-]+")


class Node(dict):
    """A dict whose keys are also attributes (``cell.source``), as nbformat's notebooks."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value


def _nodes(value):
    if isinstance(value, dict):
        return Node({k: _nodes(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_nodes(v) for v in value]
    return value


def read_notebook(path):
    """The notebook at ``path`` (nbformat 4 JSON) with every cell's source as one string.

    Plain JSON, so that ``rnn-course release`` needs no nbformat.
    """
    nb = _nodes(json.loads(Path(path).read_text(encoding="utf-8")))
    for cell in nb.get("cells", []):
        if isinstance(cell.get("source"), list):
            cell.source = "".join(cell.source)
    return nb


def write_notebook(nb, file):
    """Write ``nb`` as JSON to an open text ``file``, laid out as nbformat writes it."""
    file.write(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def exercise_id(cell):
    return cell.get("metadata", {}).get("exercise_id")


def exercise_cells(nb):
    """The exercise cells of ``nb``, in order."""
    return [c for c in nb.cells if c.cell_type == "code" and "exercise" in tags(c)]


def exercise_or_check(cell):
    """Whether ``cell`` is a code cell tagged ``exercise`` or ``check``: a cell that release
    empties of outputs and whose run decides a grade."""
    return cell.cell_type == "code" and bool({"exercise", "check"} & set(tags(cell)))


# A student's name, then the two-digit number, then nothing or the notebook's topic.
_STUDENT_PREFIX = re.compile(r"^.+?[_\- ](\d\d)(?:[_\- ](.+))?$")


def notebook_number(path):
    """'05' for '05_many_to_one_forward.ipynb'; None when the name has no leading number."""
    m = NUMBER.match(Path(path).name)
    return m.group(1) if m else None


def _rest(stem):
    """The name without what copying added and without its leading number: the topic."""
    stem = _COPY_SUFFIX.sub("", _COPY_PREFIX.sub("", stem.strip()))
    m = _LEADING_NUMBER.match(stem)
    return (m.group(1) if m else None), (stem[m.end():] if m else stem).lower()


def match_notebook(path, course):
    """The course number a submission's file name belongs to: ``(number, None)``, or
    ``(None, why not)`` with a suggestion when one fits.

    ``course`` maps numbers to course notebook paths. A name starting with two digits and
    ``_`` is matched by its number. Otherwise, after dropping what copying adds ("Copy of ",
    "-Copy1", " (1)") and any leading number, a name equal to the rest of one course
    notebook's name is matched by it (``5_many_to_one_forward``, ``many_to_one_forward``).
    A student's name before the number, as learning platforms download files, is dropped:
    ``kim_05`` and ``kim_05_many_to_one_forward`` are 05 (but not ``kim_05_draft``).

    >>> course = {"05": Path("05_many_to_one_forward.ipynb")}
    >>> match_notebook("Copy of 05_many_to_one_forward.ipynb", course)
    ('05', None)
    >>> match_notebook("5_many_to_one_forward.ipynb", course)
    ('05', None)
    >>> match_notebook("kim_05.ipynb", course), match_notebook("kim_05_many_to_one_forward.ipynb", course)
    (('05', None), ('05', None))
    >>> match_notebook("many_to_one_fwd.ipynb", course)[1].split("; ")[1]
    'did you mean 05_many_to_one_forward.ipynb?'
    """
    name = Path(path).name
    number = notebook_number(name)
    if number is not None and number in course:
        return number, None
    digits, rest = _rest(Path(name).stem)
    if digits is not None and len(digits) == 2 and digits in course:
        return digits, None
    topics = {_rest(p.stem)[1]: n for n, p in course.items()}
    if rest in topics and (digits is None or int(digits) == int(topics[rest])
                           or number is None):
        return topics[rest], None
    stem = _COPY_SUFFIX.sub("", _COPY_PREFIX.sub("", Path(name).stem))
    prefixed = _STUDENT_PREFIX.match(stem)          # kim_02, kim_02_hidden_state_shapes
    if prefixed and prefixed.group(1) in course:
        n, topic = prefixed.group(1), prefixed.group(2)
        if not topic or topic.lower() == _rest(course[n].stem)[1]:
            return n, None
    if number is not None:
        return None, f"no course notebook is numbered {number}"
    close = difflib.get_close_matches(rest, list(topics), n=1, cutoff=0.6)
    suggestion = f"; did you mean {course[topics[close[0]]].name}?" if close else ""
    if digits is not None and len(digits) == 1:
        return None, ("the file name must start with a two-digit notebook number "
                      f"(0{digits}_..., not {digits}_...){suggestion}")
    if digits is None and not suggestion:
        return None, ("no course notebook matches this name: it neither starts with a "
                      "two-digit number (NN_name.ipynb) nor is a course notebook's name "
                      "without its number (name.ipynb); the course notebooks are "
                      + ", ".join(p.name for p in course.values()))
    return None, ("the file name does not start with a two-digit notebook number "
                  f"(NN_name.ipynb){suggestion}")


def course_notebooks(course_dir):
    """Number -> path of every course notebook in ``course_dir``."""
    return {notebook_number(p): p for p in sorted(Path(course_dir).glob("[0-9][0-9]_*.ipynb"))}


def is_course_checkout(folder):
    """True when ``folder`` is a copy of the course: rnnlib/ and notebooks/ side by side."""
    folder = Path(folder)
    return (folder / "rnnlib" / "__init__.py").is_file() and (folder / "notebooks").is_dir()


def default_course_dir():
    """The notebooks/ folder of the checkout rnnlib lives in; else, when the current folder
    is a course checkout (rnnlib/ and notebooks/ side by side), its notebooks/; else None.

    An installed rnnlib carries no notebooks: outside a checkout, pass ``--course DIR``. A
    ``notebooks/`` folder that merely happens to be in the current folder is never used.
    """
    home = Path(__file__).resolve().parents[2]
    if is_course_checkout(home):
        return home / "notebooks"
    return Path.cwd() / "notebooks" if is_course_checkout(Path.cwd()) else None


def same_matrix_kernels():
    """Make kernels started from now on use OpenBLAS's Haswell kernels, on any CPU with AVX2.

    Stored notebooks hold the numbers their training runs print. OpenBLAS chooses its matrix
    kernels by CPU, and a chaotic run (notebook 07's vanilla RNN: 0.54 on one machine, 0.47
    on another) or a float32 round-off (notebook 06) ends elsewhere under other kernels. One
    kernel for everyone makes the stored outputs reproducible. An explicit
    ``OPENBLAS_CORETYPE`` is left as it is. Used by the tests (conftest.py) and by
    scripts/execute_notebooks.py.
    """
    try:
        avx2 = "avx2" in Path("/proc/cpuinfo").read_text().split()
    except OSError:
        avx2 = False
    if avx2:
        os.environ.setdefault("OPENBLAS_CORETYPE", "Haswell")
