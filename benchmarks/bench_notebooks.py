"""Time the re-execution of every course notebook (in a temporary copy, never in place).

    python benchmarks/bench_notebooks.py
"""
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

COURSE = Path(__file__).resolve().parents[1] / "notebooks"


def main():
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(COURSE.glob("[0-9][0-9]_*.ipynb")):
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            nb = nbformat.read(copy, as_version=4)
            start = time.perf_counter()
            NotebookClient(nb, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": tmp}}).execute()
            seconds = time.perf_counter() - start
            total += seconds
            print(f"{path.name:32s} {seconds:5.1f} s")
    print(f"{'whole course':32s} {total:5.1f} s")


if __name__ == "__main__":
    main()
