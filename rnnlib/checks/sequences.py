"""Exercises of notebooks 00 and 01: the batch shape, and one-hot encoding."""
import numpy as np

from ..data import one_hot
from ._exercise import Exercise
from ._verdict import compare, failed, first_raised, passed

SHAPE, ONE_HOT = "00_batch_shape", "01_one_hot"


def _shape_cases(rng):
    """(n_sentences, words_per_sentence, vocab_size): "as soon as" first, then two drawn."""
    return [(3, 3, 2)] + [tuple(int(v) for v in rng.choice(np.arange(2, 61), 3, replace=False))
                          for _ in range(2)]


def _judge_shape(cases, results):
    error = first_raised(SHAPE, results)
    if error:
        return error
    for args, r in zip(cases, results):
        got = r.value
        ints = isinstance(got, (tuple, list)) and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in got)
        if not ints or tuple(got) != args:
            if ints and sorted(got) == sorted(args):
                hint = "put them in the order (N, T, D): sentences, words, features."
            elif ints and len(got) == 3:
                hint = ("your numbers do not follow the arguments: N, T and D are the three "
                        "numbers the function is given.")
            else:
                hint = "return a tuple of three integers (N, T, D)."
            return failed(SHAPE, f"batch_shape{args} returned {got!r}, expected {args}.", hint)
    return passed(SHAPE, f"right for all {len(cases)} batches.")


def _one_hot_cases(rng):
    """Index arrays (N, T) with their V: the "as soon as" toy first, then three drawn.

    The drawn batches use only the indices 0 .. V - 2 (some only 0 .. V - 4): the last words
    of the vocabulary are missing from them, so the one-hot length must come from V, not
    from the largest index (``np.eye(indices.max() + 1)[indices]`` fails).
    """
    cases = [(np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]]), 2)]
    for N, T, V, missing in [(1, 4, 4, 1), (3, 1, 5, 1), (2, 5, 9, 3)]:
        cases.append((rng.integers(0, V - missing, size=(N, T)), V))
    return cases


# Hints for a my_one_hot that raised: about the way to the answer, never the answer itself.
ONE_HOT_RAISED_HINT = ("the result is an (N, T, V) array of zeros with, for every n and t, "
                       "a 1 at position indices[n, t] of its last axis.")
ONE_HOT_SHAPE_HINT = ("the last axis has vocab_size entries, one per word of the vocabulary; "
                      "an index i (0 to vocab_size - 1) puts its 1 at position i.")


def _same(got, want):
    """Whether ``got`` has the shape and values of ``want`` (False for what is no array)."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == want.shape and np.allclose(got, want)


def _judge_one_hot(cases, results):
    error = first_raised(ONE_HOT, results, ONE_HOT_RAISED_HINT, shape_hint=ONE_HOT_SHAPE_HINT)
    if error:
        return error
    for k, ((indices, V), r) in enumerate(zip(cases, results), start=1):
        expected = one_hot(indices, V)
        hint = "each index i becomes a vector of V zeros with a 1 at position i."
        shape = np.shape(r.value)
        if _same(r.value, expected.swapaxes(0, 1)):
            hint = ("the first two axes are swapped: axis 0 is the sentence n, axis 1 the "
                    "step t, as in indices itself.")
        elif shape != expected.shape and sorted(shape) == sorted(expected.shape):
            hint = "the one-hot axis comes last: the shape is (N, T, V)."
        elif shape == indices.shape + (int(indices.max()) + 1,) != expected.shape:
            hint = ("the last axis has vocab_size entries, even when the batch does not "
                    "contain the last words of the vocabulary: take its length from vocab_size.")
        wrong = compare(ONE_HOT, "the one-hot array", r.value, expected, k, hint=hint)
        if wrong:
            return wrong
        dtype = np.asarray(r.value).dtype
        if not np.issubdtype(dtype, np.floating):
            return failed(ONE_HOT, f"the one-hot array has the right values on test input {k} "
                                   f"but dtype {dtype}, expected a float array.",
                          "the exercise asks for a float array (the one-hot vectors are then "
                          "multiplied by float weights): make it float, e.g. with .astype(float).")
    return passed(ONE_HOT, f"matches rnnlib.data.one_hot on {len(cases)} test inputs, "
                           f"{len(cases) - 1} of them without the vocabulary's last word.")


BATCH_SHAPE = Exercise(SHAPE, "batch_shape", _shape_cases, _judge_shape, seed=0)
ONE_HOT_EXERCISE = Exercise(ONE_HOT, "my_one_hot", _one_hot_cases, _judge_one_hot, seed=10,
                            writes={"one_hot": "rnnlib.data.one_hot"})


def check_batch_shape(batch_shape):
    """Check ``batch_shape(n_sentences, words_per_sentence, vocab_size) -> (N, T, D)``."""
    BATCH_SHAPE.check(batch_shape)


def check_one_hot(my_one_hot):
    """Check ``my_one_hot(indices, vocab_size) -> (N, T, V)`` against rnnlib.data.one_hot."""
    ONE_HOT_EXERCISE.check(my_one_hot)
