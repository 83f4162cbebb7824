"""ManyToOne: gradient check of its loss, reproducible seeds, training on the toy."""
import numpy as np
import pytest

import rnnlib
from rnnlib import ManyToOne
from rnnlib.gradcheck import check_gradients

CELLS = ["rnn", "lstm"]


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("output_dim", [1, 3])
def test_loss_gradients_match_numerical(rng, cell, output_dim):
    N, T, D, H = 4, 5, 3, 4
    model = ManyToOne(D, H, output_dim=output_dim, cell=cell, seed=7)
    for p in model.params.values():              # non-zero biases, so every path is tested
        p += rng.normal(scale=0.1, size=p.shape)
    X = rng.normal(size=(N, T, D))
    y = rng.integers(0, 2 if output_dim == 1 else output_dim, size=N)
    loss, grads = model.loss(X, y)
    assert set(grads) == set(model.params)
    for name in grads:
        assert grads[name].shape == model.params[name].shape
    errors = check_gradients(lambda: model.loss(X, y)[0], model.params, grads)
    assert max(errors.values()) < 1e-7, errors


def test_binary_targets_may_be_a_column(rng):
    model = ManyToOne(2, 3, seed=0)
    X, y, _ = rnnlib.data.as_soon_as()
    loss_flat, grads_flat = model.loss(X, y)
    loss_col, grads_col = model.loss(X, y.reshape(-1, 1))
    assert loss_flat == loss_col
    for k in grads_flat:
        np.testing.assert_array_equal(grads_flat[k], grads_col[k])


@pytest.mark.parametrize("cell", CELLS)
def test_same_seed_same_weights(cell):
    a, b = ManyToOne(2, 5, cell=cell, seed=3), ManyToOne(2, 5, cell=cell, seed=3)
    c = ManyToOne(2, 5, cell=cell, seed=4)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert not np.array_equal(a.params["Wx"], c.params["Wx"])


def test_seed_gives_known_weights():
    """The generator's stream is fixed, so these numbers are the same on every machine."""
    Wx = ManyToOne(2, 3, seed=0).params["Wx"]
    expected = np.random.default_rng(0).uniform(-1 / np.sqrt(3), 1 / np.sqrt(3), size=(2, 3))
    np.testing.assert_array_equal(Wx, expected)


@pytest.mark.parametrize("cell", CELLS)
def test_shapes_of_every_method(cell):
    X = np.zeros((5, 4, 2))
    model = ManyToOne(2, 3, output_dim=1, cell=cell)
    assert model.forward(X).shape == (5, 1)
    assert model.predict_proba(X).shape == (5,)
    assert model.predict(X).shape == (5,)
    assert model.hidden_states(X).shape == (5, 4, 3)
    multi = ManyToOne(2, 3, output_dim=4, cell=cell)
    assert multi.predict_proba(X).shape == (5, 4)
    np.testing.assert_allclose(multi.predict_proba(X).sum(axis=1), 1.0)
    assert multi.predict(X).dtype.kind == "i"


def test_methods_read_params_when_called():
    model = ManyToOne(2, 3, seed=0)
    X, _, _ = rnnlib.data.as_soon_as()
    before = model.forward(X).copy()
    model.params["by"] += 1.0                      # an in-place update is seen at once
    np.testing.assert_allclose(model.forward(X), before + 1.0)


@pytest.mark.parametrize("cell", CELLS)
def test_training_on_as_soon_as_reaches_full_accuracy(cell):
    X, y, _ = rnnlib.data.as_soon_as()
    model = ManyToOne(2, 3, cell=cell, seed=0)
    lr = 0.1
    for _ in range(500):                           # plain gradient descent, no helpers
        loss, grads = model.loss(X, y)
        for k in model.params:
            model.params[k] -= lr * grads[k] * 10
    np.testing.assert_array_equal(model.predict(X), y)
    assert loss < 0.1
