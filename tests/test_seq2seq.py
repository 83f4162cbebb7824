"""The dates task and the encoder-decoder of notebook 09: gradients, padding, bad input."""
import numpy as np
import pytest

from rnnlib import dates
from rnnlib.gradcheck import check_gradients
from rnnlib.seq2seq import Seq2Seq, char_accuracy


@pytest.fixture(scope="module")
def data():
    return dates.translation_data(n_train=300, n_test=50, seed=0)


def test_held_out_sources_never_appear_in_training(data):
    assert not set(data["train"]["sources"]) & set(data["test"]["sources"])
    assert len(set(data["train"]["sources"])) == 300


def test_targets_are_iso_and_decode_back(data):
    t = data["test"]
    assert all(dates.decode_target(row) == target for row, target in zip(t["tgt"], t["targets"]))
    assert np.all(t["tgt"][:, 0] == dates.START) and np.all(t["tgt"][:, 11] == dates.END)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("attention", [False, True])
def test_gradients_match_numerical(data, cell, attention):
    model = Seq2Seq(4, cell=cell, attention=attention, seed=1)
    rng = np.random.default_rng(2)
    for p in model.params.values():
        p += rng.normal(scale=0.3, size=p.shape)
    src, tgt = data["train"]["src"][:4, :24], data["train"]["tgt"][:4]
    loss, grads = model.loss(src, tgt)
    assert set(grads) == set(model.params)
    errors = check_gradients(lambda: model.loss(src, tgt)[0], model.params, grads, eps=1e-5)
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("attention", [False, True])
def test_padding_changes_nothing(data, attention):
    """More padding columns: the same loss, the same gradients, the same translation."""
    model = Seq2Seq(6, attention=attention, seed=0)
    src, tgt = data["test"]["src"][:6], data["test"]["tgt"][:6]
    short = src[:, :int((src != dates.PAD).sum(axis=1).max())]
    wide = np.concatenate([src, np.zeros((6, 5), dtype=src.dtype)], axis=1)
    (l1, g1), (l2, g2) = model.loss(short, tgt), model.loss(wide, tgt)
    assert abs(l1 - l2) < 1e-12
    assert all(np.allclose(g1[k], g2[k], rtol=1e-10, atol=1e-14) for k in g1)
    assert model.translate(short) == model.translate(wide)


def test_masked_positions_get_no_attention(data):
    model = Seq2Seq(6, attention=True, seed=0)
    src = data["test"]["src"][:8]
    _, _, weights = model.translate(src, details=True)
    assert np.all(weights[:, :, :][np.broadcast_to((src == dates.PAD)[:, None, :],
                                                   weights.shape)] == 0.0)


def test_char_accuracy():
    assert list(char_accuracy(["2021-03-03", "2021-03", ""], ["2021-03-03"] * 3)) == [1.0, 0.7, 0.0]


@pytest.mark.parametrize("src, tgt, message", [
    ([[1, 2, 0]], [[1, 3, 2]], None),                                  # fine
    ([[0, 0, 0]], [[1, 3, 2]], "row 0 is all padding"),
    ([[1, 0, 2]], [[1, 3, 2]], "padding before a character"),
    ([[1, 99, 0]], [[1, 3, 2]], "src must hold labels in 0..42"),
    ([[1, 2, 0]], [[3, 3, 2]], "start every row with <s>"),
    ([[1, 2, 0]], [[1, 3, 2], [1, 3, 2]], "tgt must have shape (N, T + 1) = (1, T + 1)"),
    ([1, 2, 0], [[1, 3, 2]], "src must have shape (N, S)"),
])
def test_bad_input(src, tgt, message):
    model = Seq2Seq(4, seed=0)
    if message is None:
        model.loss(src, tgt)
        return
    with pytest.raises(ValueError) as err:
        model.loss(src, tgt)
    assert message in str(err.value) and str(err.value).startswith("Seq2Seq.loss: ")


def test_bad_constructor_and_translate_arguments():
    with pytest.raises(ValueError, match="cell must be 'rnn', 'lstm' or 'gru'"):
        Seq2Seq(4, cell="transformer")
    with pytest.raises(ValueError, match="hidden_dim must be a positive integer"):
        Seq2Seq(0)
    with pytest.raises(ValueError, match="max_len must be a positive integer"):
        Seq2Seq(4).translate([[1, 2]], max_len=0)
