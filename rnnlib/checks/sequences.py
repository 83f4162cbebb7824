"""Checkers of notebooks 00 and 01: the batch shape, and one-hot encoding."""
import numpy as np

from ..data import one_hot
from ._verdict import StudentError, call_student, compare, failed, passed


def check_batch_shape(batch_shape):
    """Check ``batch_shape(n_sentences, words_per_sentence, vocab_size) -> (N, T, D)``."""
    name = "00_batch_shape"
    cases = [(3, 3, 2), (32, 10, 5000), (1, 4, 7)]
    for args in cases:
        try:
            got = call_student(batch_shape, *args)
        except StudentError as e:
            failed(name, f"{e}.")
            return
        if not isinstance(got, (tuple, list)) or tuple(got) != args:
            hint = ("put them in the order (N, T, D): sentences, words, features."
                    if isinstance(got, (tuple, list)) and sorted(got) == sorted(args)
                    else "return a tuple of three numbers (N, T, D).")
            failed(name, f"batch_shape{args} returned {got!r}, expected {args}.", hint)
            return
    passed(name, f"right for all {len(cases)} batches.")


def check_one_hot(my_one_hot):
    """Check ``my_one_hot(indices, vocab_size) -> (N, T, V)`` against rnnlib.data.one_hot."""
    name = "01_one_hot"
    cases = [(np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]]), 2),
             (np.array([[3, 0, 2, 1]]), 4),
             (np.array([[0], [4], [2]]), 5)]
    for k, (indices, V) in enumerate(cases, start=1):
        try:
            out = call_student(my_one_hot, indices, V)
        except StudentError as e:
            failed(name, f"{e}.", "np.eye(vocab_size)[indices] picks one row per index.")
            return
        expected = one_hot(indices, V)
        hint = "each index i becomes a vector of V zeros with a 1 at position i."
        if np.shape(out) == expected.shape[::-1] or np.shape(out) == (V,) + indices.shape:
            hint = "the one-hot axis comes last: the shape is (N, T, V)."
        if not compare(name, "the one-hot array", out, expected, k, hint=hint):
            return
    passed(name, f"matches rnnlib.data.one_hot on {len(cases)} test inputs.")
