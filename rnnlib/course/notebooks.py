"""Reading the exercise structure of a course notebook (see CONTRIBUTING.md).

An exercise cell is a code cell tagged ``exercise`` with an ``exercise_id`` in its metadata;
the cells tagged ``check`` with the same id check it.
"""
import os
import re
from pathlib import Path

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NUMBER = re.compile(r"^(\d{2})_")


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def exercise_id(cell):
    return cell.get("metadata", {}).get("exercise_id")


def exercise_cells(nb):
    """The exercise cells of ``nb``, in order."""
    return [c for c in nb.cells if c.cell_type == "code" and "exercise" in tags(c)]


def notebook_number(path):
    """'05' for '05_many_to_one_forward.ipynb'; None when the name has no leading number."""
    m = NUMBER.match(Path(path).name)
    return m.group(1) if m else None


def course_notebooks(course_dir):
    """Number -> path of every course notebook in ``course_dir``."""
    return {notebook_number(p): p for p in sorted(Path(course_dir).glob("[0-9][0-9]_*.ipynb"))}


def default_course_dir():
    """The notebooks/ folder of the checkout rnnlib lives in, else ./notebooks.

    An installed wheel carries no notebooks: there, pass ``--course DIR``.
    """
    here = Path(__file__).resolve().parents[2] / "notebooks"
    return here if here.is_dir() else Path.cwd() / "notebooks"


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
