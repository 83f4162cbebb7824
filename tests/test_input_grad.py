"""input_grad=False: the recurrent backward passes skip dx and give the same other gradients."""
import numpy as np
import pytest

import rnnlib


@pytest.mark.parametrize("cell, G", [("rnn", 1), ("lstm", 4), ("gru", 3)])
def test_backward_without_input_grad_gives_the_same_weight_gradients(cell, G):
    rng = np.random.default_rng(0)
    N, T, D, H = 3, 5, 4, 6
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    Wx, Wh = rng.normal(size=(D, G * H)), rng.normal(size=(H, G * H))
    biases = [rng.normal(size=G * H) for _ in range(2 if cell == "gru" else 1)]
    dh = rng.normal(size=(N, T, H))
    _, cache = getattr(rnnlib, f"{cell}_forward")(x, h0, Wx, Wh, *biases)
    backward = getattr(rnnlib, f"{cell}_backward")
    full, lean = backward(dh, cache), backward(dh, cache, input_grad=False)
    assert full[0].shape == (N, T, D) and lean[0] is None
    for a, b in zip(full[1:], lean[1:]):
        assert np.array_equal(a, b)
