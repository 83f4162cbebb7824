"""Exercises of notebook 08: the temporal softmax loss, and sampling with a temperature."""
import numpy as np

from ..gradcheck import numerical_gradient
from ..losses import temporal_softmax_loss
from ..model import ManyToMany
from ._exercise import Exercise, first_raised
from ._verdict import compare_gradient, failed, passed

LOSS, SAMPLE = "08_temporal_softmax_loss", "08_sample"
TOL = 1e-7


def _loss_cases(rng):
    """(scores (N, T, V), y (N, T), mask (N, T)): all positions, some masked, large scores."""
    N, T, V = 2, 3, 4
    some = np.ones((N, T), dtype=bool)
    some[0, 2] = some[1, 0] = False
    return [(rng.normal(size=(N, T, V)), rng.integers(0, V, size=(N, T)),
             np.ones((N, T), dtype=bool)),
            (rng.normal(size=(N, T, V)), rng.integers(0, V, size=(N, T)), some),
            (rng.normal(size=(N, T, V)) + 1000 * rng.choice([-1, 1], size=(N, T, 1)),
             rng.integers(0, V, size=(N, T)), some)]


def _loss_hint(got_loss, scores, y, mask):
    """A hint for the usual mistakes of the loss value."""
    ref, _ = temporal_softmax_loss(scores, y, mask)
    M, count = mask.sum(), mask.size
    if not np.isfinite(got_loss):
        return "subtract each position's largest score before np.exp (log-sum-exp)."
    if np.isclose(got_loss, ref * M):
        return "take the mean over the counted positions: divide the sum by mask.sum()."
    full, _ = temporal_softmax_loss(scores, y)
    if np.isclose(got_loss, full) or np.isclose(got_loss, ref * M / count):
        return "count only the positions where mask is True, and divide by their number."
    return "loss = -(1/M) sum over masked (n, t) of log softmax(scores[n, t])[y[n, t]]."


def _judge_loss(cases, results):
    error = first_raised(LOSS, results, "start from shifted = scores - scores.max(axis=2, "
                                        "keepdims=True).")
    if error:
        return error
    for k, ((scores, y, mask), r) in enumerate(zip(cases, results), start=1):
        out = r.value
        if not isinstance(out, tuple) or len(out) != 2:
            return failed(LOSS, "must return a tuple (loss, dscores).",
                          "end with `return loss, dscores`.")
        got_loss, got_d = out
        ref, ref_d = temporal_softmax_loss(scores, y, mask)
        try:
            got_loss = float(got_loss)
        except (TypeError, ValueError):
            return failed(LOSS, f"loss is not a number on test input {k}.",
                          "return the mean loss as a float.")
        if not np.isclose(got_loss, ref, rtol=1e-6, atol=1e-8):
            return failed(LOSS, f"loss is {got_loss:.4g} on test input {k}, expected "
                                f"{ref:.4g}.", _loss_hint(got_loss, scores, y, mask))
        hint = "dscores = (softmax(scores) - onehot(y)) / M at counted positions, 0 elsewhere."
        if isinstance(got_d, np.ndarray) and got_d.shape == ref_d.shape:
            if not np.allclose(got_d[~mask], 0):
                hint = "set dscores to 0 where mask is False: those positions do not count."
            elif np.allclose(got_d, ref_d * mask.sum()):
                hint = "divide dscores by M, the number of counted positions, as the loss is."
        x = scores.copy()
        numeric = numerical_gradient(lambda: temporal_softmax_loss(x, y, mask)[0], x)
        wrong = compare_gradient(LOSS, "dscores", got_d, numeric, hint, case=k, tol=TOL,
                                 shape_hint="dscores has the shape of scores.")
        if wrong:
            return wrong
    return passed(LOSS, f"the loss matches on {len(cases)} test inputs (masked and large "
                        f"scores included) and dscores passes the gradient check "
                        f"(relative error < {TOL:.0e}).")


def _sample_cases(rng):
    """(Wx, Wh, b, Wy, by, start, n, temperature, seed) of a small RNN character model."""
    V, H = 6, 5
    params = (rng.normal(size=(V, H)), rng.normal(scale=0.5, size=(H, H)),
              rng.normal(scale=0.1, size=H), rng.normal(scale=2.0, size=(H, V)),
              rng.normal(scale=0.1, size=V))
    return [params + ([0, 3], 12, temperature, int(rng.integers(0, 1000)))
            for temperature in (1.0, 0.5, 2.0)]


def _model(Wx, Wh, b, Wy, by):
    model = ManyToMany(Wx.shape[0], Wx.shape[1], cell="rnn")
    model.params.update(Wx=Wx, Wh=Wh, b=b, Wy=Wy, by=by)
    return model


def _judge_sample(cases, results):
    error = first_raised(SAMPLE, results, "run the prompt through the RNN, then draw one "
                                          "token at a time with rng.choice(V, p=p).")
    if error:
        return error
    for k, (case, r) in enumerate(zip(cases, results), start=1):
        *params, start, n, temperature, seed = case
        model = _model(*params)
        expected = model.sample(start, n, temperature, seed)
        got = r.value
        if isinstance(got, (tuple, list, np.ndarray)) and [int(v) for v in got
                                                            if np.isscalar(v)] == expected:
            continue
        hint = ("feed each drawn token back in as the next input, and draw with "
                "rng = np.random.default_rng(seed), rng.choice(V, p=p) once per token.")
        variants = [(model.sample(start, n, 1e-9, seed), "that is argmax decoding: draw from "
                     "p = softmax(scores / temperature) with rng.choice(V, p=p).")]
        if temperature != 1.0:
            variants += [(model.sample(start, n, 1.0, seed), "divide the scores by the "
                          "temperature before the softmax."),
                         (model.sample(start, n, 1.0 / temperature, seed), "divide the "
                          "scores by the temperature; do not multiply.")]
        for variant, variant_hint in variants:
            if isinstance(got, (list, tuple)) and list(got) == variant:
                hint = variant_hint
                break
        if not isinstance(got, (list, tuple, np.ndarray)) or len(got) != n:
            hint = f"return a list of the n = {n} new token indices (not the prompt)."
        return failed(SAMPLE, f"sample {k} (temperature {temperature:g}) differs from "
                              f"ManyToMany.sample with the same seed.", hint)
    return passed(SAMPLE, f"draws the same tokens as ManyToMany.sample at {len(cases)} "
                          f"temperatures.")


TEMPORAL_SOFTMAX_LOSS = Exercise(
    LOSS, "temporal_softmax_loss_exercise", _loss_cases, _judge_loss, seed=80,
    writes={"temporal_softmax_loss": "rnnlib.temporal_softmax_loss",
            "softmax_cross_entropy": "rnnlib.losses.softmax_cross_entropy",
            "numerical_gradient": "rnnlib.gradcheck.numerical_gradient"})
SAMPLE_EXERCISE = Exercise(SAMPLE, "sample_exercise", _sample_cases, _judge_sample, seed=81,
                           writes={"sample": "rnnlib.ManyToMany.sample",
                                   "ManyToMany": "rnnlib.ManyToMany"})


def check_temporal_softmax_loss(temporal_softmax_loss_exercise):
    """Check ``f(scores, y, mask) -> (loss, dscores)``: values, masking, large scores."""
    TEMPORAL_SOFTMAX_LOSS.check(temporal_softmax_loss_exercise)


def check_sample(sample_exercise):
    """Check ``f(Wx, Wh, b, Wy, by, start, n, temperature, seed) -> list of n tokens``."""
    SAMPLE_EXERCISE.check(sample_exercise)
