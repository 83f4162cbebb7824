"""Re-execute the course notebooks in place, top to bottom, each in a fresh kernel.

    python scripts/execute_notebooks.py                        # every notebooks/*.ipynb
    python scripts/execute_notebooks.py notebooks/02_*.ipynb   # some of them

This is how a notebook is stored "executed": its outputs become nbval's reference. A notebook
whose run fails (a cell raises, unless tagged ``raises-exception``) is NOT written back, so a
broken run never replaces good stored outputs. Prints each notebook's time.
"""
import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rnnlib.course.notebooks import same_matrix_kernels  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def execute(path, timeout=120):
    """Execute the notebook at ``path`` in a fresh kernel; return the executed notebook."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def main(argv=None):
    same_matrix_kernels()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to execute (default: notebooks/*.ipynb)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    failed = 0
    for path in paths:
        start = time.perf_counter()
        try:
            nb = execute(path, args.timeout)
        except CellExecutionError as e:
            failed += 1
            print(f"FAILED {path.name}: not written back\n{e}", file=sys.stderr)
            continue
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"{path.name}: {time.perf_counter() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
