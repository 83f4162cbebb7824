"""Describe the machine the benchmarks run on, so that the next reader can compare.

    python benchmarks/machine.py

Prints the CPU model and core count, the load at start, NumPy's BLAS (name, version, the
kernel it chose for this CPU, i.e. its "core type", and its thread count), the
``OPENBLAS_CORETYPE`` and ``OPENBLAS_NUM_THREADS`` in the environment (the tests set
``OPENBLAS_CORETYPE=Haswell``: see ``rnnlib.course.notebooks.same_matrix_kernels``), the
measured float64 matrix-multiply rate at 1024^3, and PyTorch's version, threads and BLAS when
it can be imported (see :func:`import_torch`).
"""
import ctypes
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

TORCH_VENV_VARIABLE = "RNN_COURSE_TORCH_VENV"


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def openblas():
    """(core type, config string, threads) of the OpenBLAS NumPy loaded, or None.

    Read from the library itself (as threadpoolctl does), so it is the kernel in use, after
    ``OPENBLAS_CORETYPE``, not the one NumPy was built with.
    """
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return None
    paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower()
                    and line.split()[-1].startswith("/")})
    for path in paths:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""),
                               ("openblas_", ""), ("openblas_", "64_")):
            try:
                core = getattr(lib, f"{prefix}get_corename{suffix}")
                config = getattr(lib, f"{prefix}get_config{suffix}")
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
            except AttributeError:
                continue
            core.restype = config.restype = ctypes.c_char_p
            return core().decode(), config().decode(), threads()
    return None


def own_kernel():
    """The kernel OpenBLAS picks for this CPU when OPENBLAS_CORETYPE is not set."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    code = (f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import numpy; "
            "from machine import openblas; print(openblas()[0])")
    try:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=60).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def matmul_rate(n=1024, reps=7):
    """float64 FLOP/s of an n x n by n x n matrix product (median of ``reps``)."""
    A = np.random.default_rng(0).normal(size=(n, n))
    A @ A
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        A @ A
        times.append(time.perf_counter() - start)
    return 2 * n ** 3 / float(np.median(times))


def import_torch():
    """PyTorch, or None. It need not be in the course's environment (and should not be):
    when ``import torch`` fails, the site-packages of the virtual environment named by
    ``RNN_COURSE_TORCH_VENV`` are appended to ``sys.path`` (after NumPy's, so the course's
    NumPy stays the one in use), e.g. ``RNN_COURSE_TORCH_VENV=/work/torchvenv``.
    """
    try:
        import torch
        return torch
    except ImportError:
        pass
    venv = os.environ.get(TORCH_VENV_VARIABLE)
    if not venv:
        return None
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for site in (Path(venv) / "lib" / version / "site-packages",
                 Path(venv) / "lib64" / version / "site-packages"):
        if site.is_dir() and str(site) not in sys.path:
            sys.path.append(str(site))
    try:
        import torch
        return torch
    except ImportError:
        return None


def describe(rate=None):
    """The lines describing this machine; ``rate`` (FLOP/s) is measured when not given."""
    rate = matmul_rate() if rate is None else rate
    lines = [f"CPU: {cpu_model()}, {os.cpu_count()} logical cores; "
             f"load average at start {os.getloadavg()[0]:.1f}",
             f"Python {platform.python_version()}, NumPy {np.__version__}"]
    blas = openblas()
    if blas is None:
        lines.append("BLAS: not OpenBLAS (or not found)")
    else:
        core, config, threads = blas
        lines.append(f"BLAS: {config.strip()}; kernel in use: {core}; {threads} threads")
        if os.environ.get("OPENBLAS_CORETYPE"):
            lines.append(f"  (OPENBLAS_CORETYPE sets that kernel; this CPU's own choice "
                         f"without it: {own_kernel()})")
    lines.append("environment: " + ", ".join(
        f"{k}={os.environ.get(k, '(unset)')}"
        for k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")))
    lines.append(f"float64 1024^3 matrix product: {rate / 1e9:.1f} GFLOP/s")
    torch = import_torch()
    if torch is None:
        lines.append(f"PyTorch: not found (install it in a separate venv and set "
                     f"{TORCH_VENV_VARIABLE})")
    else:
        blas_info = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
        lines.append(f"PyTorch {torch.__version__}: {torch.get_num_threads()} threads, "
                     f"BLAS {blas_info.group(1) if blas_info else 'unknown'}, "
                     f"CPU capability {torch.backends.cpu.get_cpu_capability()}")
    return lines


if __name__ == "__main__":
    print("\n".join(describe()))
