"""Notebook 08's language model: temporal_softmax_loss, ManyToMany, TBPTT, the bigram baseline
and the character helpers."""
import numpy as np
import pytest

import rnnlib
from rnnlib import ManyToMany, ManyToOne, bigram, ngram, tbptt, temporal_softmax_loss
from rnnlib.data import char_vocab, decode, encode_text, one_hot
from rnnlib.gradcheck import check_gradients, numerical_gradient, rel_error

CELLS = ["rnn", "lstm"]


def perturbed_model(rng, V, H, cell, scale=0.1):
    """A seeded model with non-zero biases, so that every path of the gradient is tested."""
    model = ManyToMany(V, H, cell=cell, seed=7)
    for p in model.params.values():
        p += rng.normal(scale=scale, size=p.shape)
    return model


def random_text(rng, N, T, V):
    ids = rng.integers(0, V, size=(N, T + 1))
    return one_hot(ids[:, :-1], V), ids[:, 1:]


# --- temporal_softmax_loss -------------------------------------------------------------------

@pytest.mark.parametrize("with_mask", [False, True])
def test_temporal_softmax_loss_gradient(rng, with_mask):
    N, T, V = 3, 4, 5
    scores = rng.normal(size=(N, T, V))
    y = rng.integers(0, V, size=(N, T))
    mask = rng.random((N, T)) < 0.6 if with_mask else None
    if with_mask:
        mask[0, 0] = True
    loss, dscores = temporal_softmax_loss(scores, y, mask)
    num = numerical_gradient(lambda: temporal_softmax_loss(scores, y, mask)[0], scores)
    assert rel_error(num, dscores) < 1e-7


def test_uniform_scores_give_log_V():
    loss, dscores = temporal_softmax_loss(np.zeros((2, 3, 7)), np.full((2, 3), 4))
    assert loss == pytest.approx(np.log(7), abs=1e-12)
    assert dscores.shape == (2, 3, 7)


def test_two_positions_by_hand():
    # position 1: scores (0, 0), label 0: p = 1/2, loss log 2
    # position 2: scores (log 3, 0), label 1: p = 1 / (3 + 1), loss log 4
    scores = np.array([[[0.0, 0.0], [np.log(3.0), 0.0]]])
    loss, dscores = temporal_softmax_loss(scores, [[0, 1]])
    assert loss == pytest.approx((np.log(2) + np.log(4)) / 2, abs=1e-12)
    # (softmax - onehot) / 2 positions
    np.testing.assert_allclose(dscores, [[[-0.25, 0.25], [0.375, -0.375]]], atol=1e-12)


def test_masked_positions_do_not_count(rng):
    scores = np.array([[[0.0, 0.0], [np.log(3.0), 0.0]]])
    loss, dscores = temporal_softmax_loss(scores, [[0, 1]], mask=np.array([[True, False]]))
    assert loss == pytest.approx(np.log(2), abs=1e-12)          # the mean of one position
    np.testing.assert_array_equal(dscores[0, 1], 0.0)
    np.testing.assert_allclose(dscores[0, 0], [-0.5, 0.5])
    # changing a masked position's scores changes nothing
    N, T, V = 2, 5, 4
    s, y = rng.normal(size=(N, T, V)), rng.integers(0, V, size=(N, T))
    mask = np.ones((N, T), dtype=bool)
    mask[1, 2:] = False
    loss1, d1 = temporal_softmax_loss(s, y, mask)
    s[1, 2:] += rng.normal(size=(T - 2, V)) * 10
    loss2, d2 = temporal_softmax_loss(s, y, mask)
    assert loss1 == pytest.approx(loss2, abs=1e-12)
    np.testing.assert_allclose(d1, d2, atol=1e-15)
    assert loss1 == pytest.approx(temporal_softmax_loss(s[mask][None], y[mask][None])[0])


def test_temporal_softmax_loss_is_stable():
    scores = np.array([[[1000.0, -1000.0, 0.0]]])
    loss, dscores = temporal_softmax_loss(scores, [[1]])
    assert loss == pytest.approx(2000.0) and np.all(np.isfinite(dscores))


# --- ManyToMany --------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", CELLS)
def test_loss_gradients_match_numerical(rng, cell):
    N, T, V, H = 3, 5, 6, 4
    model = perturbed_model(rng, V, H, cell)
    X, Y = random_text(rng, N, T, V)
    loss, grads = model.loss(X, Y)
    assert set(grads) == set(model.params)
    for name in grads:
        assert grads[name].shape == model.params[name].shape
    errors = check_gradients(lambda: model.loss(X, Y)[0], model.params, grads)
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("cell", CELLS)
def test_loss_and_state_gradients_from_a_carried_state(rng, cell):
    N, T, V, H = 2, 4, 5, 3
    model = perturbed_model(rng, V, H, cell)
    X, Y = random_text(rng, N, T, V)
    h = rng.normal(scale=0.5, size=(N, H))
    state = h if cell == "rnn" else (h, rng.normal(scale=0.5, size=(N, H)))
    loss, grads, _ = model.loss_and_state(X, Y, state)
    errors = check_gradients(lambda: model.loss_and_state(X, Y, state)[0], model.params, grads)
    assert max(errors.values()) < 1e-7, errors


@pytest.mark.parametrize("cell", CELLS)
def test_shapes_and_loss_matches_temporal_softmax_loss(rng, cell):
    N, T, V, H = 3, 6, 5, 4
    model = ManyToMany(V, H, cell=cell)
    X, Y = random_text(rng, N, T, V)
    scores = model.forward(X)
    assert scores.shape == (N, T, V)
    assert model.loss(X, Y)[0] == pytest.approx(temporal_softmax_loss(scores, Y)[0], abs=1e-12)


@pytest.mark.parametrize("cell", CELLS)
def test_state_carries_across_a_cut(rng, cell):
    """Two chunks with the state carried over give the forward values of one long run."""
    N, T, V, H = 2, 7, 5, 6
    model = perturbed_model(rng, V, H, cell, scale=0.5)
    ids = rng.integers(0, V, size=(N, 2 * T + 1))
    X, Y = one_hot(ids[:, :-1], V), ids[:, 1:]
    whole = model.forward(X)
    loss1, _, state = model.loss_and_state(X[:, :T], Y[:, :T])
    np.testing.assert_allclose(model.forward(X[:, T:], h0=state), whole[:, T:], atol=1e-12)
    loss2, _, _ = model.loss_and_state(X[:, T:], Y[:, T:], state)
    assert loss2 == pytest.approx(temporal_softmax_loss(whole[:, T:], Y[:, T:])[0], abs=1e-12)
    scores1, state_f = model.forward_and_state(X[:, :T])
    np.testing.assert_allclose(scores1, whole[:, :T], atol=1e-12)
    for a, b in zip(np.atleast_1d(state) if cell == "rnn" else state,
                    np.atleast_1d(state_f) if cell == "rnn" else state_f):
        np.testing.assert_array_equal(a, b)
    # without the carried state the second chunk's scores differ
    assert not np.allclose(model.forward(X[:, T:]), whole[:, T:])


@pytest.mark.parametrize("cell", CELLS)
def test_same_initial_weights_as_many_to_one(cell):
    a = ManyToMany(6, 5, cell=cell, seed=3)
    b = ManyToOne(6, 5, output_dim=6, cell=cell, seed=3)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert a.params["Wx"].shape == (6, 20 if cell == "lstm" else 5)
    assert a.params["Wy"].shape == (5, 6) and a.params["by"].shape == (6,)


def test_methods_read_params_when_called(rng):
    model = ManyToMany(4, 3, seed=0)
    X, _ = random_text(rng, 2, 3, 4)
    before = model.forward(X).copy()
    model.params["by"] += 1.0
    np.testing.assert_allclose(model.forward(X), before + 1.0)


def greedy(model, prompt, n):
    """Argmax decoding, written independently of ManyToMany.sample: rerun the whole text."""
    seq = list(prompt)
    for _ in range(n):
        scores = model.forward(one_hot(np.array(seq)[None], model.vocab_size))[0, -1]
        seq.append(int(np.argmax(scores)))
    return seq[len(prompt):]


@pytest.mark.parametrize("cell", CELLS)
def test_sampling_is_reproducible_by_seed(rng, cell):
    model = perturbed_model(rng, 8, 6, cell, scale=0.5)
    a = model.sample([1, 2, 3], 40, seed=5)
    assert a == model.sample([1, 2, 3], 40, seed=5)
    assert a != model.sample([1, 2, 3], 40, seed=6)
    assert len(a) == 40 and all(isinstance(t, int) and 0 <= t < 8 for t in a)
    assert model.sample(3, 10, seed=1) == model.sample([3], 10, seed=1)
    assert model.sample(3, 0) == []


@pytest.mark.parametrize("cell", CELLS)
def test_tiny_temperature_is_greedy_decoding(rng, cell):
    model = perturbed_model(rng, 8, 6, cell, scale=1.0)
    for prompt in ([0], [4, 2, 7]):
        expected = greedy(model, prompt, 30)
        for seed in (0, 1):
            assert model.sample(prompt, 30, temperature=1e-3, seed=seed) == expected


def test_high_temperature_flattens(rng):
    """At a huge temperature every token is about equally likely."""
    model = perturbed_model(rng, 4, 5, "rnn", scale=1.0)
    counts = np.bincount(model.sample(0, 4000, temperature=1e6, seed=0), minlength=4)
    assert np.all(np.abs(counts / 4000 - 0.25) < 0.03)


# --- truncated BPTT ----------------------------------------------------------------------------

def test_streams_cut_the_text_into_equal_parts():
    np.testing.assert_array_equal(tbptt.streams(np.arange(11), 2),
                                  [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]])


@pytest.mark.parametrize("cell", CELLS)
def test_tbptt_learns_a_periodic_text(cell):
    text = "abcabd" * 60
    vocab = char_vocab(text)
    ids = encode_text(text, vocab)
    model = ManyToMany(len(vocab), 12, cell=cell, seed=0)
    hist = tbptt.train(model, ids, steps=150, seq_len=12, batch_size=4, lr=0.05,
                       sample_at=(0, 150), vocab=vocab)
    assert len(hist["loss"]) == len(hist["smooth_loss"]) == 150
    assert set(hist["samples"]) == {0, 150}
    assert hist["smooth_loss"][-1] < 0.5 * hist["smooth_loss"][0]
    # after "ab" comes "c" or "d": only a memory of the steps before "ab" tells which
    assert tbptt.evaluate(model, ids) < 0.3
    assert hist["samples"][150][:11] == "bcabdabcabd"


def test_smoothed_loss_is_a_bias_corrected_average():
    ids = np.arange(200) % 7
    model = ManyToMany(7, 6, seed=1)
    hist = tbptt.train(model, ids, steps=30, seq_len=5, batch_size=3)
    loss, smooth = np.array(hist["loss"]), np.array(hist["smooth_loss"])
    assert smooth[0] == pytest.approx(loss[0])           # no pull towards 0 at the start
    for t in (1, 10, 29):
        w = 0.9 ** np.arange(t, -1, -1)                   # weights of steps 1 .. t + 1
        assert smooth[t] == pytest.approx(w @ loss[:t + 1] / w.sum())
    with pytest.raises(ValueError, match="smoothing"):
        tbptt.train(model, ids, steps=3, seq_len=5, batch_size=3, smoothing=1.0)


def test_evaluate_per_token(rng):
    model = perturbed_model(rng, 5, 4, "lstm")
    ids = rng.integers(0, 5, size=40)
    per = tbptt.evaluate(model, ids, seq_len=7, per_token=True)
    assert per.shape == (39,) and per.mean() == pytest.approx(tbptt.evaluate(model, ids))


def test_tbptt_callback_stops_early():
    ids = np.arange(100) % 5
    model = ManyToMany(5, 4)
    hist = tbptt.train(model, ids, steps=50, seq_len=5, batch_size=2,
                       callback=lambda step, loss: step == 7)
    assert len(hist["loss"]) == 7


@pytest.mark.parametrize("cell", CELLS)
def test_evaluate_equals_one_long_forward(rng, cell):
    V = 6
    model = perturbed_model(rng, V, 5, cell, scale=0.5)
    ids = rng.integers(0, V, size=57)
    scores = model.forward(one_hot(ids[None, :-1], V))
    whole = temporal_softmax_loss(scores, ids[None, 1:])[0]
    assert tbptt.evaluate(model, ids, seq_len=10) == pytest.approx(whole, abs=1e-12)


# --- the bigram baseline ---------------------------------------------------------------------

def test_bigram_add_one_by_hand():
    vocab = char_vocab("abc")                             # a 0, b 1, c 2
    probs = bigram.fit(encode_text("abab", vocab), 3)     # pairs ab, ba, ab
    # from a: ab twice -> (0+1, 2+1, 0+1) / (2+3); from b: ba once -> (2, 1, 1) / 4;
    # from c: never -> uniform (1, 1, 1) / 3
    np.testing.assert_allclose(probs, [[1 / 5, 3 / 5, 1 / 5], [2 / 4, 1 / 4, 1 / 4],
                                       [1 / 3, 1 / 3, 1 / 3]])
    held_out = encode_text("abc", vocab)
    assert bigram.nats_per_char(probs, held_out) == pytest.approx(
        -(np.log(3 / 5) + np.log(1 / 4)) / 2)


def test_bigram_uniform_is_log_V():
    V = 4
    every_pair = [0, 0, 1, 1, 2, 2, 3, 3, 0, 2, 0, 3, 1, 3, 2, 1, 0]   # each of the 16 once
    assert len({(a, b) for a, b in zip(every_pair, every_pair[1:])}) == 16
    probs = bigram.fit(every_pair, V)
    np.testing.assert_allclose(probs, 1 / V)
    assert bigram.nats_per_char(probs, [3, 1, 0, 2, 2]) == pytest.approx(np.log(V))


def test_bigram_sample_follows_the_counts():
    probs = bigram.fit([0, 1, 0, 1, 0, 1] * 50, 2, alpha=1e-9)   # 0 -> 1 -> 0 -> ...
    assert bigram.sample(probs, 0, 6, seed=3) == [1, 0, 1, 0, 1, 0]


# --- the interpolated count model ------------------------------------------------------------

def test_ngram_witten_bell_by_hand():
    model = ngram.fit([0, 1, 0, 1, 1], vocab_size=3, order=1)
    p0 = np.array([2 + 1, 3 + 1, 0 + 1]) / (5 + 3)        # add-one unigram
    np.testing.assert_allclose(model.probs([]), p0)
    # after 0: 1 twice (c = 2, u = 1); after 1: 0 once and 1 once (c = 2, u = 2)
    np.testing.assert_allclose(model.probs([0]), (np.array([0, 2, 0]) + 1 * p0) / (2 + 1))
    np.testing.assert_allclose(model.probs([1]), (np.array([1, 1, 0]) + 2 * p0) / (2 + 2))
    # a context never seen falls back to the shorter one
    np.testing.assert_allclose(model.probs([2]), p0)
    assert model.prob([1], 0) == pytest.approx(model.probs([1])[0])
    held_out = [0, 1, 2]
    assert ngram.nats_per_char(model, held_out) == pytest.approx(
        -(np.log(model.probs([0])[1]) + np.log(model.probs([1])[2])) / 2)


def test_ngram_every_distribution_sums_to_one(rng):
    ids = rng.integers(0, 5, size=300)
    model = ngram.fit(ids, 5, order=3)
    for t in range(0, 300, 7):
        p = model.probs(ids[max(0, t - 3):t])
        assert p.sum() == pytest.approx(1.0) and np.all(p > 0)
        assert model.prob(ids[max(0, t - 3):t], ids[t]) == pytest.approx(p[ids[t]])
    per_char = ngram.nats_per_char(model, ids[:50], per_char=True)
    assert per_char.shape == (49,)
    assert per_char.mean() == pytest.approx(ngram.nats_per_char(model, ids[:50]))
    seen = ngram.seen(model, ids[:50])              # ids[t] for t = 1 .. 49; trained on them
    assert seen.shape == (49,) and seen[2:].all() and not seen[:2].any()   # t < K: not full


def test_ngram_longer_contexts_win_on_a_text_with_memory():
    text = "the cat sat on the mat. " * 30
    vocab = char_vocab(text)
    ids = encode_text(text, vocab)
    losses = [ngram.nats_per_char(ngram.fit(ids[:600], len(vocab), order=k), ids[600:])
              for k in range(4)]
    assert losses == sorted(losses, reverse=True) and losses[3] < 0.2
    model = ngram.fit(ids, len(vocab), order=4)
    for seed in range(3):            # 4 characters back decide, until "the " comes again
        assert decode(ngram.sample(model, encode_text("the cat ", vocab), 11, seed=seed),
                      vocab) == "sat on the "


def test_ngram_lower_order_of_a_fitted_table_is_that_order_fitted(rng):
    ids = rng.integers(0, 4, size=500)
    big = ngram.fit(ids[:400], 4, order=3)
    for k in range(4):
        small = ngram.fit(ids[:400], 4, order=k)
        assert ngram.nats_per_char(big, ids[400:], order=k) == pytest.approx(
            ngram.nats_per_char(small, ids[400:]), abs=1e-12)
        np.testing.assert_array_equal(ngram.seen(big, ids[400:], order=k),
                                      ngram.seen(small, ids[400:]))
        assert big.n_counts(order=k) == small.n_counts()
    with pytest.raises(ValueError, match="0..3"):
        ngram.nats_per_char(big, ids[400:], order=4)


def test_ngram_order_1_is_a_bigram_with_another_smoothing():
    ids = np.random.default_rng(3).integers(0, 4, size=2000)
    a = ngram.nats_per_char(ngram.fit(ids[:1500], 4, order=1), ids[1500:])
    b = bigram.nats_per_char(bigram.fit(ids[:1500], 4), ids[1500:])
    assert a == pytest.approx(b, abs=0.01)


@pytest.mark.parametrize("call, words", [
    (lambda: ngram.fit([0, 1], 0), "vocab_size"),
    (lambda: ngram.fit([0, 1], 2, order=-1), "order"),
    (lambda: ngram.fit([0, 3], 2), "0..1"),
    (lambda: ngram.nats_per_char(ngram.fit([0, 1], 2), [1]), "at least 2"),
    (lambda: ngram.nats_per_char(bigram.fit([0, 1], 2), [0, 1]), "NGram"),
    (lambda: ngram.sample(ngram.fit([0, 1], 2), [5], 3), "0..1"),
])
def test_ngram_bad_input(call, words):
    with pytest.raises(ValueError, match="ngram") as info:
        call()
    assert words in str(info.value)


# --- the character helpers -------------------------------------------------------------------

def test_text_helpers_round_trip():
    text = "Once upon a time,\nthe fox said: \"Hello!\" 123"
    vocab = char_vocab(text)
    assert list(vocab.values()) == list(range(len(vocab)))
    assert list(vocab) == sorted(set(text))
    ids = encode_text(text, vocab)
    assert ids.shape == (len(text),) and ids.dtype.kind == "i"
    assert ids.tolist() == [vocab[c] for c in text]
    assert decode(ids, vocab) == text
    assert decode(ids.tolist(), vocab) == text
    other = {"z": 0, "a": 1}                            # any dict works, in its own order
    assert encode_text("aza", other).tolist() == [1, 0, 1]
    assert decode([1, 0], other) == "az"


def test_tiny_stories_is_the_documented_corpus():
    text = rnnlib.data.tiny_stories()
    assert len(text) == 112825 and len(char_vocab(text)) == 75


# --- the figures of notebook 08 ------------------------------------------------------------------

def test_temperature_figure_is_updated_in_place():
    from rnnlib.plots.language_model import TemperatureFigure, draw_temperature
    vocab = char_vocab("the cat sat on the mat. ")
    model = ManyToMany(len(vocab), 6, seed=0)
    figure = TemperatureFigure(model, vocab, prompt="the ")
    first = figure(0.5)
    heights = [bar.get_height() for bar in figure.bars]
    title = first._suptitle.get_text()
    assert figure(2.0) is first                           # the same Figure, redrawn
    assert first._suptitle.get_text() != title
    assert [bar.get_height() for bar in figure.bars] != heights
    # the static drawing agrees with the explorer's figure at the same temperature
    static = draw_temperature(model, vocab, prompt="the ", temperature=2.0)
    assert static is not first
    assert static._suptitle.get_text() == first._suptitle.get_text()
    assert [b.get_height() for b in static.axes[1].patches] == \
        [b.get_height() for b in figure.bars]
    assert static.axes[0].texts[0].get_text() == first.axes[0].texts[0].get_text()


def test_history_figure_draws_every_seed():
    from rnnlib.plots.language_model import plot_lm_history
    runs = [{"loss": [3.0, 2.5, 2.0], "smooth_loss": [3.0, 2.8, 2.5]} for _ in range(3)]
    fig = plot_lm_history(runs, baseline=2.4, count_model=1.7, uniform=4.3,
                          held_out=[(3, 1.9), (3, 1.88), (3, 1.87)])
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sum(label.startswith("smoothed") for label in labels) == 3
    assert sum(label.startswith("held out") for label in labels) == 3
    assert any("count model" in label for label in labels)
