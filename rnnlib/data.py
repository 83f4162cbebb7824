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

# The course's data files live in the top-level data/ folder of the checkout. A wheel carries
# the same files inside the package, as rnnlib/_data (see pyproject.toml), so that an installed
# rnnlib (JupyterHub, Binder, a plain `pip install`) finds them too.
_INSTALLED_DATA = Path(__file__).resolve().parent / "_data"
DATA_DIR = (_INSTALLED_DATA if _INSTALLED_DATA.is_dir()
            else Path(__file__).resolve().parents[1] / "data")


def data_path(name):
    """The path of the data file ``name`` (for example ``"as_soon_as.tsv"``).

    Raises ``FileNotFoundError`` naming the folder searched when the file is not there.
    """
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"data file {name!r} not found in {DATA_DIR} (rnnlib reads "
                                f"the checkout's data/ folder, or rnnlib/_data in a wheel)")
    return path

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
        raise FileNotFoundError(f"{path} not found")
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
    sentences, y = load_labelled_sentences(data_path("as_soon_as.tsv"))
    vocab = build_vocab(sentences)
    X = one_hot(encode(sentences, vocab), len(vocab))
    return X, y, vocab


def long_range_task(n_samples=200, seq_len=100, n_symbols=4, seed=0):
    """A memory task: the label is the symbol at the first step, followed by distractors.

    Each sequence starts with a marker, ``A`` (label 0) or ``B`` (label 1), and goes on with
    ``seq_len - 1`` random distractor symbols that carry no information. To answer at the
    last step, a model must carry the first step through all the others: a long-term
    dependency. Whether a model learns it depends on its architecture, its initialisation and
    the learning rate: see the control table of :func:`rnnlib.train.long_range_race`.

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
    Notebook 07's race of a vanilla RNN against an LSTM on this task is
    :func:`rnnlib.train.long_range_race`, its whole recipe ``rnnlib.train.RACE``: 256
    training and 200 held-out sequences of 60 steps (seeds ``2 * seed`` and ``2 * seed + 1``),
    H = 8, the LSTM's input, forget and output gate biases set to -3, 5 and 2, Adam with
    learning rate 0.02 and eps 1e-3, 8 epochs of mini-batches of 32. The race's LSTM then
    reaches held-out accuracy >= 0.95 on 100 of seeds 0..99 and the default vanilla RNN on 2;
    other initialisations, Adam's eps and the learning rate move both models (the variants of
    ``rnnlib.train.RACE_VARIANTS``, their table in notebook 07 and
    ``benchmarks/bench_race.py``). With the default forget bias of 1 the LSTM's memory fades
    over the sequence as well (0.73^59 = 9e-9).
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


# --- Characters: the text helpers of notebook 08's character-level language model ----------
#
#     "a cat"  --char_vocab-->  {" ": 0, "a": 1, "c": 2, "t": 3}
#              --encode_text-->  [1, 0, 2, 1, 3]  --decode-->  "a cat"

def char_vocab(text):
    """Map every distinct character of ``text`` to an index, in sorted order.

    >>> char_vocab("a cat")
    {' ': 0, 'a': 1, 'c': 2, 't': 3}
    """
    if not isinstance(text, str) or not text:
        raise ValueError(f"char_vocab: text must be a non-empty str, got {text!r:.40}")
    return {c: i for i, c in enumerate(sorted(set(text)))}


def encode_text(text, vocab):
    """Character indices of ``text``: a str of length L -> int array (L,).

    Raises ``ValueError`` naming the characters of ``text`` that are missing from ``vocab``.

    >>> encode_text("a cat", char_vocab("a cat"))
    array([1, 0, 2, 1, 3])
    """
    if not isinstance(text, str):
        raise ValueError(f"encode_text: text must be a str, got {type(text).__name__}")
    missing = sorted(set(text) - set(vocab))
    if missing:
        raise ValueError(f"encode_text: text has characters not in vocab: {missing[:10]}")
    return np.fromiter((vocab[c] for c in text), dtype=np.int64, count=len(text))


def decode(ids, vocab):
    """The text of character indices ``ids`` (any sequence of ints in 0 .. V-1).

    >>> decode([1, 0, 2, 1, 3], char_vocab("a cat"))
    'a cat'
    """
    chars = sorted(vocab, key=vocab.get)
    ids = np.asarray(ids, dtype=int).reshape(-1)
    if ids.size and (ids.min() < 0 or ids.max() >= len(chars)):
        raise ValueError(f"decode: ids must lie in 0..{len(chars) - 1} (V = {len(chars)}), "
                         f"got values from {ids.min()} to {ids.max()}")
    return "".join(chars[i] for i in ids)


def tiny_stories():
    """The corpus of notebook 08: ``data/tiny_stories.txt`` as one str (see data/README.md).

    54 short stories written for the course, 112,825 characters, 75 distinct ones.
    """
    return data_path("tiny_stories.txt").read_text(encoding="utf-8")
