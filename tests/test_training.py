"""Optimisers, gradient clipping, the training loop and parameter counts."""
import numpy as np
import pytest

import rnnlib
from rnnlib.optim import SGD, Adam, clip_grad_norm
from rnnlib.params import lstm_param_count, rnn_param_count
from rnnlib.train import RACE, long_range_race, race_data, race_model, train


def test_clip_grad_norm_scales_to_max_norm():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    assert clip_grad_norm(grads, 1.0) == pytest.approx(5.0)
    total = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    assert total == pytest.approx(1.0)
    small = {"a": np.array([0.1])}
    clip_grad_norm(small, 1.0)
    np.testing.assert_array_equal(small["a"], [0.1])       # below the bound: unchanged


@pytest.mark.parametrize("make", [lambda p: SGD(p, lr=0.1), lambda p: SGD(p, 0.1, momentum=0.9),
                                  lambda p: Adam(p, lr=0.1)])
def test_optimisers_minimise_a_quadratic(make):
    params = {"w": np.array([3.0, -2.0])}
    opt = make(params)
    for _ in range(300):
        opt.step({"w": 2 * params["w"]})                   # gradient of |w|^2
    assert np.linalg.norm(params["w"]) < 1e-2


def test_optimiser_does_not_change_the_grads_it_is_given():
    params = {"w": np.ones(2)}
    grads = {"w": np.array([10.0, 0.0])}
    SGD(params, lr=0.1, clip=1.0).step(grads)
    np.testing.assert_array_equal(grads["w"], [10.0, 0.0])
    np.testing.assert_allclose(params["w"], [0.9, 1.0])     # clipped to norm 1, then a step


@pytest.mark.parametrize("grads, piece", [({"v": np.zeros(2)}, "keys of params"),
                                          ({"w": np.zeros(3)}, "must have shape")])
def test_optimiser_rejects_mismatched_grads(grads, piece):
    with pytest.raises(ValueError, match=piece):
        Adam({"w": np.zeros(2)}).step(grads)


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_train_reaches_full_accuracy_on_as_soon_as(cell):
    X, y, _ = rnnlib.data.as_soon_as()
    model = rnnlib.ManyToOne(2, 3, cell=cell, seed=0)
    history = train(model, X, y, Adam(model.params, lr=0.1), epochs=150)
    assert len(history["loss"]) == 151 and history["accuracy"][-1] == 1.0
    untrained = rnnlib.ManyToOne(2, 3, cell=cell, seed=0)     # entry 0: before any update
    assert (history["loss"][0], history["accuracy"][0]) == untrained.evaluate(X, y)
    assert history["loss"][-1] < history["loss"][0]


def test_train_is_deterministic_with_mini_batches():
    X, y = rnnlib.data.long_range_task(20, 5, seed=0)
    runs = []
    for _ in range(2):
        model = rnnlib.ManyToOne(X.shape[2], 4, seed=1)
        runs.append(train(model, X, y, SGD(model.params, 0.1), epochs=3, batch_size=6,
                          X_val=X, y_val=y))
    assert runs[0] == runs[1]
    assert set(runs[0]) == {"loss", "accuracy", "val_loss", "val_accuracy"}


@pytest.mark.parametrize("D, H, rnn, lstm", [(2, 3, 18, 72), (1, 3, 15, 60), (10, 32, 1376, 5504)])
def test_parameter_counts(D, H, rnn, lstm):
    assert rnn_param_count(D, H) == rnn == H * H + D * H + H
    assert lstm_param_count(D, H) == lstm
    assert rnn_param_count(D, H, bias="pytorch") == rnn + H
    assert lstm_param_count(D, H, bias="pytorch") == lstm + 4 * H
    model = rnnlib.ManyToOne(D, H, cell="rnn")
    assert sum(model.params[k].size for k in ("Wx", "Wh", "b")) == rnn


def test_three_hidden_units_have_nine_recurrent_weights():
    assert rnn_param_count(1, 3) - 1 * 3 - 3 == 9


@pytest.mark.parametrize("call, piece", [(lambda: rnn_param_count(0, 3), "input_dim"),
                                         (lambda: lstm_param_count(2, 3, bias="tf"), "bias"),
                                         (lambda: train(None, np.zeros((2, 1, 1)), [0], None, 1),
                                          "same number N")])
def test_bad_input(call, piece):
    with pytest.raises(ValueError, match=piece):
        call()


RACE_SEEDS = [0, 1, 2]


@pytest.fixture(scope="module")
def races():
    """Notebook 07's race on three seeds, run once for the tests below."""
    return {seed: long_range_race(seed) for seed in RACE_SEEDS}


@pytest.mark.parametrize("seed", RACE_SEEDS)
def test_lstm_wins_the_long_range_race(races, seed):
    result = races[seed]
    assert set(result) == {"rnn", "lstm"}
    assert all(isinstance(acc, float) for acc in result.values())
    assert result["lstm"] >= 0.95, result
    assert result["rnn"] <= 0.65, result


def test_long_range_race_is_a_long_range_task():
    assert RACE.seq_len - 1 >= 50                           # marker to answer: >= 50 steps
    X, y, X_test, y_test = race_data(seed=0)
    tokens = X.argmax(axis=2)
    np.testing.assert_array_equal(tokens[:, 0], y)          # the label is the first step ...
    assert np.all(tokens[:, 1:] >= 2)                       # ... then only distractors


@pytest.mark.parametrize("seed", [0, 1, 2, 7])
def test_race_held_out_set_is_disjoint_from_the_training_set(seed):
    X, y, X_test, y_test = race_data(seed)
    assert X.shape[0] == RACE.n_train and 0 < X_test.shape[0] <= RACE.n_test
    assert len(X_test) == len(y_test)
    train_rows = {row.tobytes() for row in X.argmax(axis=2)}
    assert not any(row.tobytes() in train_rows for row in X_test.argmax(axis=2))


def test_race_drops_a_held_out_sequence_seen_in_training(monkeypatch):
    X, y, X_test, y_test = race_data(seed=0)
    copied = X_test.copy()
    copied[5] = X[3]                                        # a training sequence, planted
    fake = iter([(X, y), (copied, y_test)])
    monkeypatch.setattr(rnnlib.train, "long_range_task", lambda *a, **k: next(fake))
    _, _, X_kept, y_kept = race_data(seed=0)
    assert len(X_kept) == len(X_test) - 1 and len(y_kept) == len(y_test) - 1


def test_race_gates_start_from_the_recipe_biases():
    H = RACE.hidden_dim
    b = race_model("lstm", seed=0).params["b"]
    assert np.all(b[:H] == RACE.input_bias) and np.all(b[H:2 * H] == RACE.forget_bias)
    assert np.all(b[3 * H:] == RACE.output_bias)
    rnn = race_model("rnn", seed=0).params
    plain = rnnlib.ManyToOne(2 + RACE.n_symbols, H, cell="rnn", seed=0).params
    assert all(np.array_equal(rnn[k], plain[k]) for k in plain)   # the RNN is left as it is


def test_same_seed_gives_the_same_race(races):
    detailed = long_range_race(0, details=True)                   # details change nothing
    again, histories = detailed["accuracy"], detailed["histories"]
    assert again == races[0]
    for cell in ("rnn", "lstm"):
        assert len(histories[cell]["val_accuracy"]) == RACE.epochs + 1
        assert histories[cell]["val_accuracy"][-1] == again[cell]
        model = detailed["models"][cell]
        assert rnnlib.train.accuracy(model, detailed["X_test"], detailed["y_test"]) == again[cell]


# ---- the race's control variants ---------------------------------------------------------------

def test_race_variants_change_only_what_they_name():
    from rnnlib.train import RACE_VARIANTS
    H = RACE.hidden_dim
    plain = {c: rnnlib.ManyToOne(2 + RACE.n_symbols, H, cell=c, seed=3).params
             for c in ("rnn", "lstm")}
    for name, v in RACE_VARIANTS.items():
        p = race_model(v.cell, 3, v.init, v.hidden_dim).params
        if v.hidden_dim != H:
            assert name == "rnn_wide" and p["Wh"].shape == (19, 19)
            continue
        np.testing.assert_array_equal(p["Wx"], plain[v.cell]["Wx"])   # shared by all variants
        np.testing.assert_array_equal(p["Wy"], plain[v.cell]["Wy"])
        if v.init in ("orthogonal", "identity"):
            np.testing.assert_allclose(p["Wh"] @ p["Wh"].T, np.eye(H), atol=1e-12)
        else:
            np.testing.assert_array_equal(p["Wh"], plain[v.cell]["Wh"])
    b = race_model("lstm", 3, "keras").params["b"]
    assert np.all(b[H:2 * H] == 1.0) and np.all(np.delete(b, np.s_[H:2 * H]) == 0.0)
    b = race_model("lstm", 3, "pytorch").params["b"]
    assert np.all(np.abs(b) <= 2 / np.sqrt(H)) and np.unique(b).size == 4 * H  # two U(-k, k)
    b = race_model("lstm", 3, "forget5").params["b"]
    assert np.all(b[H:2 * H] == RACE.forget_bias) and np.count_nonzero(b) == H
    assert np.array_equal(race_model("rnn", 3, "identity").params["Wh"], np.eye(H))


def test_rnn_wide_has_at_least_the_lstms_parameters():
    from rnnlib.params import lstm_param_count, rnn_param_count
    from rnnlib.train import RACE_VARIANTS
    D = 2 + RACE.n_symbols
    wide = rnn_param_count(D, RACE_VARIANTS["rnn_wide"].hidden_dim)
    assert wide >= lstm_param_count(D, RACE.hidden_dim)
    assert rnn_param_count(D, RACE_VARIANTS["rnn_wide"].hidden_dim - 1) < lstm_param_count(
        D, RACE.hidden_dim)


def test_race_variants_keep_the_default_race(races):
    both = long_range_race(0, variants=["rnn", "lstm", "rnn_eps1e-8"])
    assert {k: both[k] for k in ("rnn", "lstm")} == races[0]          # same data, same updates
    assert set(both) == {"rnn", "lstm", "rnn_eps1e-8"}


def test_race_variants_bad_input():
    with pytest.raises(ValueError, match="long_range_race: variants must be names"):
        long_range_race(0, variants=["gru"])
    with pytest.raises(ValueError, match="long_range_race: variants must name at least one"):
        long_range_race(0, variants=[])
    from rnnlib.train import RaceVariant
    with pytest.raises(ValueError, match="init must be one of"):
        long_range_race(0, variants=[RaceVariant("rnn", "race")])


def test_learning_rate_controls_change_only_the_learning_rate(monkeypatch):
    import rnnlib.train as rt
    for name, base in [("rnn_orthogonal_lr0.005", "rnn_orthogonal"),
                       ("rnn_orthogonal_eps1e-8_lr0.005", "rnn_orthogonal_eps1e-8"),
                       ("lstm_lr0.005", "lstm"), ("lstm_eps1e-8_lr0.005", "lstm_eps1e-8")]:
        v, b = rt.RACE_VARIANTS[name], rt.RACE_VARIANTS[base]
        assert v.lr == 0.005 and b.lr == RACE.lr
        assert (v.cell, v.init, v.hidden_dim, v.eps) == (b.cell, b.init, b.hidden_dim, b.eps)
    used = []
    real_adam = rt.Adam
    monkeypatch.setattr(rt, "Adam", lambda *a, **k: used.append(k["lr"]) or real_adam(*a, **k))
    monkeypatch.setattr(rt, "train", lambda *a, **k: {})
    rt.long_range_race(0, variants=["lstm", "lstm_lr0.005"])
    assert used == [RACE.lr, 0.005]
