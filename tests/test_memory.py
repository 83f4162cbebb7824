"""rnnlib.memory: a sequence's arrays reuse the freed memory of the call before.

Run in a fresh interpreter each, so that nothing else this test session allocated decides
what malloc hands out.
"""
import subprocess
import sys

import pytest

from rnnlib.memory import keep_freed_memory

FAULTS = """
import resource
import numpy as np
{setup}
from rnnlib import rnn_backward, rnn_forward
rng = np.random.default_rng(0)
N, T, D, H = 64, 100, 256, 256                    # 13 MB per (N, T, H) array
x, dh = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, H))
h0, b = np.zeros((N, H)), np.zeros(H)
Wx, Wh = 0.05 * rng.normal(size=(D, H)), 0.05 * rng.normal(size=(H, H))

def call():
    h, cache = rnn_forward(x, h0, Wx, Wh, b)
    rnn_backward(dh, cache)

call()                                            # the first call maps its pages
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):
    call()
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) // 3)
"""


def faults_per_call(setup=""):
    out = subprocess.run([sys.executable, "-c", FAULTS.format(setup=setup)], check=True,
                         capture_output=True, text=True).stdout
    return int(out)


@pytest.mark.skipif(not keep_freed_memory(), reason="no glibc: malloc is left as it is")
def test_a_second_forward_and_backward_reuses_the_pages_of_the_first():
    # Five arrays of 13 MB per call (x time-major, h, the h returned, da, dx): with the
    # memory kept, no page of them is new; glibc's default returns each to the system
    # when it is freed (about 3,400 faults per call here, 4 KB each).
    assert faults_per_call() < 100
    # the control: the same calls with glibc's starting thresholds (128 KB) set again after
    # the import, so that every such block is mapped on allocation and unmapped when freed
    restore = ("import ctypes, rnnlib.rnn\n"
               "ctypes.CDLL(None).mallopt(-3, 128 * 1024)\n"
               "ctypes.CDLL(None).mallopt(-1, 128 * 1024)")
    assert faults_per_call(restore) > 1000
