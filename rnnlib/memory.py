"""Keep freed memory for the next array instead of handing it back to the system.

A forward + backward pass over a whole sequence allocates a few arrays of T*N rows (13 MB
each at N = 64, T = 100, H = 256) and frees them when the caller lets go of the cache. The C
library's ``malloc`` (glibc, on Linux) returns a freed block that large to the system at
once, and the next call gets fresh pages from it: about 3,400 page faults per RNN forward +
backward at that size, each a trip into the kernel before the first write. Told to keep up to
256 MB of freed memory and to serve blocks up to 32 MB from it, ``malloc`` hands the same
pages to the next call, already mapped (measured on a 2-core AMD EPYC: the faults went from
about 3,400 to none, and the RNN's forward + backward took 0-20 ms less of its 100-150 ms,
median 12 ms over six paired runs).

:func:`keep_freed_memory` says so, with ``mallopt``; :mod:`rnnlib.rnn` calls it once, when it
is imported. It changes no value and no dtype, only where the memory of a new array comes
from; the process keeps at most 256 MB of freed memory at the top of its heap instead of
128 KB to 64 MB. On a system without glibc (macOS, Windows, musl) it does nothing.
"""
import ctypes

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3     # glibc's malloc.h
KEEP = 256 << 20                                  # freed memory kept, at most (bytes)
FROM_HEAP = 32 << 20                              # blocks up to this size reuse it (glibc's maximum)


def keep_freed_memory():
    """Ask glibc's ``malloc`` to reuse freed blocks up to 32 MB, keeping up to 256 MB free.

    Returns True when the setting took, False where there is no glibc (nothing changes).
    """
    try:
        process = ctypes.CDLL(None)                # the C library this Python already uses
        process.gnu_get_libc_version               # present in glibc only
        mallopt = process.mallopt
    except (OSError, AttributeError, TypeError):   # TypeError: Windows has no CDLL(None)
        return False
    # Setting either threshold stops glibc adapting both to the blocks freed: set both.
    return bool(mallopt(_M_MMAP_THRESHOLD, FROM_HEAP)) and bool(mallopt(_M_TRIM_THRESHOLD, KEEP))
