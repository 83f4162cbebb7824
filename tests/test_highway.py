"""rnnlib.highway.cell_gradients: the full dL/dc_t and the cell path alone, checked by
finite differences in float64."""
import numpy as np
import pytest

import rnnlib
from rnnlib.highway import cell_gradients


def _run(seed=0, N=2, T=6, D=3, H=4, forget_bias=1.0, scale=1.0):
    rng = np.random.default_rng(seed)
    Wx = rng.normal(scale=scale, size=(D, 4 * H))
    Wh = rng.normal(scale=scale, size=(H, 4 * H))
    b = rng.normal(size=4 * H)
    b[H:2 * H] += forget_bias
    x = rng.normal(size=(N, T, D))
    _, cache = rnnlib.lstm_forward(x, rng.normal(size=(N, H)), Wx, Wh, b)
    return x, Wx, Wh, b, cache, rng.normal(size=(N, H))


def _loss_from(t, c_t, x, Wx, Wh, b, cache, dh_last, frozen):
    """L = sum(dh_last * h_T) with c_t (0-based step t) replaced; frozen: gates fixed."""
    H = c_t.shape[1]
    g = cache["gates"]
    o_t = g[:, t, 3 * H:]
    if frozen:                                    # the cell path: every gate a constant
        c = c_t
        for s in range(t + 1, x.shape[1]):
            c = g[:, s, H:2 * H] * c + g[:, s, :H] * g[:, s, 2 * H:3 * H]
        return float(np.sum(dh_last * g[:, -1, 3 * H:] * np.tanh(c)))
    h_t = o_t * np.tanh(c_t)
    if t == x.shape[1] - 1:
        return float(np.sum(dh_last * h_t))
    h, _ = rnnlib.lstm_forward(x[:, t + 1:], h_t, Wx, Wh, b, c0=c_t)
    return float(np.sum(dh_last * h[:, -1]))


@pytest.mark.parametrize("path", ["full", "cell"])
@pytest.mark.parametrize("forget_bias, scale", [(1.0, 1.0), (5.0, 0.3), (-2.0, 3.0)])
def test_cell_gradients_match_finite_differences(path, forget_bias, scale):
    x, Wx, Wh, b, cache, dh_last = _run(forget_bias=forget_bias, scale=scale)
    dc = cell_gradients(dh_last, cache, path=path)
    assert dc.shape == cache["c"].shape
    eps = 1e-6
    for t in range(x.shape[1]):
        numeric = np.zeros_like(dc[:, t])
        for idx in np.ndindex(numeric.shape):
            plus, minus = cache["c"][:, t].copy(), cache["c"][:, t].copy()
            plus[idx] += eps
            minus[idx] -= eps
            numeric[idx] = (_loss_from(t, plus, x, Wx, Wh, b, cache, dh_last, path == "cell")
                            - _loss_from(t, minus, x, Wx, Wh, b, cache, dh_last,
                                         path == "cell")) / (2 * eps)
        err = np.abs(numeric - dc[:, t]).max() / max(np.abs(numeric).max(), 1e-12)
        assert err < 1e-7, (path, t, err)


def test_cell_path_is_the_product_of_forget_gates():
    x, Wx, Wh, b, cache, dh_last = _run()
    H = dh_last.shape[1]
    cell = cell_gradients(dh_last, cache, path="cell")
    f = cache["gates"][:, :, H:2 * H]
    np.testing.assert_allclose(cell[:, 0], cell[:, -1] * f[:, 1:].prod(axis=1), rtol=1e-12)
    full = cell_gradients(dh_last, cache)
    np.testing.assert_allclose(full[:, -1], cell[:, -1])      # both start at dc_T


def test_cell_gradients_bad_input():
    *_, cache, dh_last = _run()
    with pytest.raises(ValueError, match="cell_gradients: path"):
        cell_gradients(dh_last, cache, path="h")
    with pytest.raises(ValueError, match=r"cell_gradients: dh_last must have shape \(N, H\)"):
        cell_gradients(dh_last[:, :2], cache)
