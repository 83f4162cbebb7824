"""rnnlib.data: from sentences to (N, T, D) arrays, and the course's data sets."""
import numpy as np
import pytest

from rnnlib import data


def test_tokenize_drops_case_and_punctuation():
    assert data.tokenize("I am a boy.") == ["i", "am", "a", "boy"]
    assert data.tokenize("Boy, am a I?") == ["boy", "am", "a", "i"]


def test_vocab_in_order_of_first_appearance_and_encode():
    vocab = data.build_vocab(["I am a boy", "boy am a I"])
    assert vocab == {"i": 0, "am": 1, "a": 2, "boy": 3}
    np.testing.assert_array_equal(data.encode(["boy am a I"], vocab), [[3, 1, 2, 0]])


def test_one_hot_shape_and_values():
    oh = data.one_hot(np.array([[0, 1, 0], [1, 1, 0]]), 2)
    assert oh.shape == (2, 3, 2) and oh.dtype == np.float64
    np.testing.assert_array_equal(oh[0], [[1, 0], [0, 1], [1, 0]])


@pytest.mark.parametrize("call, piece", [
    (lambda: data.one_hot([0, 2], 2), "indices must lie in 0..1"),
    (lambda: data.one_hot([0.5], 2), "indices must be integers"),
    (lambda: data.encode(["as soon", "as"], {"as": 0, "soon": 1}), "same number of tokens"),
    (lambda: data.encode(["as late"], {"as": 0}), "not in vocab"),
    (lambda: data.tokenize(3), "sentence must be a str"),
    (lambda: data.long_range_task(n_samples=1), "n_samples"),
])
def test_bad_input(call, piece):
    with pytest.raises(ValueError, match=piece):
        call()


def test_as_soon_as_reads_the_data_file():
    sentences, labels = data.load_labelled_sentences(data.DATA_DIR / "as_soon_as.tsv")
    assert sentences == ["as as soon", "soon as as", "as soon as"]
    np.testing.assert_array_equal(labels, [0, 0, 1])


def test_missing_data_file_says_where_it_looked(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing.tsv not found"):
        data.load_labelled_sentences(tmp_path / "nothing.tsv")


def test_long_range_task_shape_balance_and_seed():
    X, y = data.long_range_task(n_samples=10, seq_len=7, n_symbols=3, seed=5)
    assert X.shape == (10, 7, 5) and y.shape == (10,)
    assert y.sum() == 5                                   # balanced
    np.testing.assert_array_equal(X[:, 0, :2].argmax(axis=1), y)   # the marker is the label
    assert np.all(X[:, 1:, :2] == 0)                      # later steps never show a marker
    X2, y2 = data.long_range_task(n_samples=10, seq_len=7, n_symbols=3, seed=5)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
