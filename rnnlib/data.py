"""Turning text into the (N, T, D) arrays a recurrent layer reads, and the course's data sets.

The path from a sentence to an array::

    "as soon as"  --tokenize-->  ["as", "soon", "as"]  --vocabulary-->  [0, 1, 0]
                  --one_hot-->   [[1, 0], [0, 1], [1, 0]]                 # (T, D) = (3, 2)

Stacking N such sequences gives the batch layout (N, T, D): N sequences, T time steps,
D features per step.

Examples
--------
>>> import rnnlib
>>> X, y, vocab = rnnlib.data.as_soon_as()
>>> X.shape, y.tolist(), vocab
((3, 3, 2), [0, 0, 1], {'as': 0, 'soon': 1})
>>> tokenize("I am a boy.")
['i', 'am', 'a', 'boy']
"""
import csv
import re
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

_WORD = re.compile(r"[a-z0-9']+")


def tokenize(sentence):
    """Split a sentence into lower-case word tokens; punctuation is dropped.

    >>> tokenize("Boy, am a I?")
    ['boy', 'am', 'a', 'i']
    """
    if not isinstance(sentence, str):
        raise ValueError(f"tokenize: sentence must be a str, got {type(sentence).__name__}")
    return _WORD.findall(sentence.lower())


def build_vocab(sentences):
    """Map every token of ``sentences`` to an index, in order of first appearance.

    >>> build_vocab(["as as soon", "soon as as"])
    {'as': 0, 'soon': 1}
    """
    vocab = {}
    for sentence in sentences:
        for token in tokenize(sentence):
            vocab.setdefault(token, len(vocab))
    return vocab


def encode(sentences, vocab):
    """Token indices of equally long sentences: a list of N strings -> int array (N, T).

    Raises ``ValueError`` for a token missing from ``vocab`` or sentences of unequal length.
    """
    rows = []
    for n, sentence in enumerate(sentences):
        tokens = tokenize(sentence)
        missing = [t for t in tokens if t not in vocab]
        if missing:
            raise ValueError(f"encode: sentences[{n}] has tokens not in vocab: {missing}")
        rows.append([vocab[t] for t in tokens])
    lengths = {len(r) for r in rows}
    if len(lengths) > 1:
        raise ValueError(f"encode: sentences must have the same number of tokens T, "
                         f"got lengths {sorted(lengths)}")
    return np.array(rows, dtype=int).reshape(len(rows), -1)


def one_hot(indices, vocab_size):
    """One-hot vectors: int array of any shape S -> float64 array of shape S + (V,).

    Parameters
    ----------
    indices : array of int, shape S (for example (N, T))
        Token indices in 0 .. V-1.
    vocab_size : int
        V, the length of each one-hot vector.

    >>> one_hot([0, 1, 0], 2)
    array([[1., 0.],
           [0., 1.],
           [1., 0.]])
    """
    idx = np.asarray(indices)
    if idx.dtype.kind not in "iu":
        raise ValueError(f"one_hot: indices must be integers, got dtype {idx.dtype}")
    if not isinstance(vocab_size, (int, np.integer)) or vocab_size < 1:
        raise ValueError(f"one_hot: vocab_size must be a positive integer, got {vocab_size!r}")
    if idx.size and (idx.min() < 0 or idx.max() >= vocab_size):
        raise ValueError(f"one_hot: indices must lie in 0..{vocab_size - 1} (V = {vocab_size}), "
                         f"got values from {idx.min()} to {idx.max()}")
    return np.eye(vocab_size)[idx]


def load_labelled_sentences(path):
    """Read a tab-separated file with a header ``sentence<TAB>label``: (sentences, labels)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: rnnlib reads its data from the data/ "
                                f"folder of the course checkout (install it with `make lab`)")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r["sentence"] for r in rows], np.array([int(r["label"]) for r in rows])


def as_soon_as():
    """The "as soon as" toy of notebooks 01, 05 and 06, read from ``data/as_soon_as.tsv``.

    Returns
    -------
    X : ndarray, shape (3, 3, 2), float64
        One-hot sentences, in this order: "as as soon", "soon as as", "as soon as";
        as -> [1, 0], soon -> [0, 1].
    y : ndarray of int, shape (3,)
        [0, 0, 1]: only "as soon as" is labelled 1.
    vocab : dict
        {"as": 0, "soon": 1}.
    """
    sentences, y = load_labelled_sentences(DATA_DIR / "as_soon_as.tsv")
    vocab = build_vocab(sentences)
    X = one_hot(encode(sentences, vocab), len(vocab))
    return X, y, vocab


def long_range_task(n_samples=200, seq_len=100, n_symbols=4, seed=0):
    """A memory task: the label is the symbol at the first step, followed by distractors.

    Each sequence starts with a marker, ``A`` (label 0) or ``B`` (label 1), and goes on with
    ``seq_len - 1`` random distractor symbols that carry no information. To answer at the
    last step, a model must carry the first step through all the others: a long-term
    dependency. An LSTM learns it; a vanilla RNN's gradient vanishes on the way back.

    Parameters
    ----------
    n_samples : int
        N, the number of sequences (half of each label, in random order).
    seq_len : int
        T, the number of time steps.
    n_symbols : int
        Number of distractor symbols; D = 2 + n_symbols (one-hot: A, B, then distractors).
    seed : int

    Returns
    -------
    X : ndarray, shape (N, T, D), float64
    y : ndarray of int, shape (N,)

    Notes
    -----
    The recipe of notebook 07 (``tests/test_training.py`` holds it): the defaults here,
    ``ManyToOne(6, 8, cell=...)`` with seed 0, the LSTM's forget-gate bias set to 3, Adam at
    learning rate 0.05 with clipping at 5, 60 full-batch epochs. The LSTM reaches 100 % on
    held-out sequences (seed 1); the vanilla RNN stays near chance. With shorter sequences
    (T = 30) the vanilla RNN learns the task too, and with the default forget bias of 1 the
    LSTM's memory fades over 100 steps as well (0.73^100).
    """
    for name, value, low in (("n_samples", n_samples, 2), ("seq_len", seq_len, 2),
                             ("n_symbols", n_symbols, 1)):
        if not isinstance(value, (int, np.integer)) or value < low:
            raise ValueError(f"long_range_task: {name} must be an integer >= {low}, "
                             f"got {value!r}")
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n_samples) % 2)
    tokens = np.empty((n_samples, seq_len), dtype=int)
    tokens[:, 0] = y                                     # marker A = 0 or B = 1
    tokens[:, 1:] = 2 + rng.integers(0, n_symbols, size=(n_samples, seq_len - 1))
    return one_hot(tokens, 2 + n_symbols), y
