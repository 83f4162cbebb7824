"""Exercises of notebook 09: masked dot-product attention (forward and backward) and a GRU step."""
import numpy as np

from ..attention import attention_backward, attention_forward
from ..gradcheck import numerical_gradient, rel_error
from ..gru import gru_step_forward
from ._exercise import Exercise
from ._verdict import compare, compare_gradient, failed, first_raised, must_return, passed

FORWARD = "09_attention_forward"
BACKWARD = "09_attention_backward"
GRU = "09_gru_step"


def _masks(rng, N, S):
    """A mask (N, S) with a different number of real positions per row, the last row full."""
    lengths = rng.integers(1, S, size=N)
    lengths[-1] = S
    return np.arange(S)[None, :] < lengths[:, None]


def _attention_cases(rng):
    """(query, keys, mask): small scores, large scores, no padding.

    In the large case every row has a real score of 800 or more (np.exp overflows without
    the max subtracted), row 0 a padded score 1000 above its largest real one (a max
    taken over the padded positions too makes every real weight underflow to 0), and the
    last row a largest real score 1000 above every other row's (one max over the whole batch
    makes the other rows' weights underflow to 0)."""
    cases = []
    for (N, S, H), scale in [((2, 5, 3), 1.0), ((3, 4, 2), 30.0), ((1, 3, 4), 0.5)]:
        mask = _masks(rng, N, S) if N > 1 else np.ones((N, S), dtype=bool)
        query = rng.normal(scale=scale, size=(N, H))
        keys = rng.normal(scale=scale, size=(N, S, H))
        if scale > 1:
            qq = (query ** 2).sum(axis=1)
            for n in range(N):
                real = np.einsum("sh,h->s", keys[n], query[n])[mask[n]]
                top = int(np.argmax(real))
                if real[top] < 800:       # a score k . q moves by a |q|^2 when a q is added
                    keys[n, top] += (800 - real[top]) / qq[n] * query[n]
                if n == 0:                # row 0 always has padding (see _masks)
                    pad = S - 1
                    target = max(800.0, real[top]) + 1000
                    keys[n, pad] += (target - keys[n, pad] @ query[n]) / qq[n] * query[n]
            tops = [np.einsum("sh,h->s", keys[n], query[n])[mask[n]].max() for n in range(N)]
            last, top = N - 1, int(np.argmax(keys[N - 1] @ query[N - 1]))    # last row: no padding
            target = max(tops[:-1]) + 1000
            if tops[-1] < target:
                keys[last, top] += (target - tops[-1]) / qq[last] * query[last]
        cases.append((query, keys, mask))
    return cases


def _softmax(scores, axis):
    e = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _forward_variants(query, keys, mask):
    """(weights, hint) of the usual mistakes."""
    scores = np.einsum("nsh,nh->ns", keys, query)
    return [(_softmax(scores, 1), "padded positions must get weight exactly 0: set their "
                                  "scores to -inf (np.where(mask, scores, -np.inf)) before "
                                  "the softmax."),
            (_softmax(np.where(mask, scores, -np.inf), 0), "the softmax runs over the source "
                                                           "positions s (axis 1), not over "
                                                           "the batch."),
            (_softmax(scores, 1) * mask, "zeroing the padded weights after the softmax leaves "
                                         "rows that sum to less than 1: set the padded scores "
                                         "to -inf before the softmax instead.")]


def _judge_forward(cases, results):
    error = first_raised(FORWARD, results, "scores = one dot product per source position, "
                                           "then a masked softmax, then the weighted sum.")
    if error:
        return error
    for k, (args, r) in enumerate(zip(cases, results), start=1):
        out = r.value
        wrong = must_return(FORWARD, out, ("context", "weights"))
        if wrong:
            return wrong
        context, weights, _ = attention_forward(*args)
        if np.shape(out[0]) == weights.shape and np.shape(out[1]) == context.shape:
            return failed(FORWARD, "returned (weights, context): the order is (context, "
                                   "weights).", "end with `return context, weights`.")
        hint = "weights = softmax of the scores over s, 0 where mask is False; context[n] = " \
               "sum over s of weights[n, s] * keys[n, s]."
        got_w = out[1]
        for variant, variant_hint in _forward_variants(*args):
            if np.shape(got_w) == variant.shape and np.allclose(np.asarray(got_w, float), variant):
                hint = variant_hint
        got_arr = np.asarray(got_w, dtype=float) if np.shape(got_w) == weights.shape else None
        if got_arr is not None and np.any(~np.isfinite(got_arr)):
            hint = "the scores reach thousands here: set the padded scores to -inf first, " \
                   "then subtract each row's largest real score before np.exp (a padded " \
                   "score can be the largest), or exp overflows or every real weight " \
                   "underflows and the weights become nan."
        if got_arr is not None:
            with np.errstate(all="ignore"):
                scores = np.einsum("nsh,nh->ns", args[1], args[0])
                inverted = _softmax(np.where(args[2], -np.inf, scores), 1)
            if np.allclose(got_arr, inverted, equal_nan=True):
                hint = ("the mask is inverted: mask is True at the real positions, which keep "
                        "their scores; set the scores to -inf where mask is False.")
        wrong = (compare(FORWARD, "weights", got_w, weights, k, rtol=1e-7, atol=1e-12, hint=hint)
                 or compare(FORWARD, "context", out[0], context, k, rtol=1e-7, atol=1e-10,
                            hint="context[n] = sum over s of weights[n, s] * keys[n, s]: "
                                 "an (N, H) array."))
        if wrong:
            return wrong
    return passed(FORWARD, f"matches rnnlib.attention_forward on {len(cases)} test inputs "
                           f"(padding, large scores, no padding).")


ATTENTION_FORWARD = Exercise(FORWARD, "attention_forward_exercise", _attention_cases,
                             _judge_forward, seed=90,
                             writes={"attention_forward": "rnnlib.attention_forward",
                                     "attend": "rnnlib.attention.attend"})


def check_attention_forward(attention_forward_exercise):
    """Check ``f(query, keys, mask) -> (context, weights)``."""
    ATTENTION_FORWARD.check(attention_forward_exercise)


# ---- the backward pass, judged entry-wise and by a gradient check ---------------------------

TOL = 1e-7
NAMES = ("dquery", "dkeys")


def _backward_cases(rng):
    """(dcontext, query, keys, mask): a flat and a peaked softmax, both with padding."""
    cases = []
    for (N, S, H), scale in [((3, 5, 4), 0.5), ((2, 4, 3), 1.5)]:
        while True:
            case = (rng.normal(size=(N, H)), rng.normal(scale=scale, size=(N, H)),
                    rng.normal(scale=scale, size=(N, S, H)), _masks(rng, N, S))
            if _well_conditioned(case):
                break
        cases.append(case)
    return cases


def _well_conditioned(case):
    """True when the right gradients pass the gradient check with room to spare (relative
    error < TOL / 10). A peaked softmax can make the true dquery so small that round-off
    in the central difference alone exceeds TOL; such a draw is drawn again."""
    dcontext, query, keys, mask = case
    expected = attention_backward(dcontext, attention_forward(query, keys, mask)[2])

    def loss():
        return float(np.sum(attention_forward(query, keys, mask)[0] * dcontext))

    return all(rel_error(numerical_gradient(loss, value), e) < TOL / 10
               for value, e in zip((query, keys), expected))


def _backward_variants(dcontext, query, keys, mask):
    """(dquery, dkeys, hint) of the usual mistakes."""
    _, w, _ = attention_forward(query, keys, mask)
    dw = np.einsum("nsh,nh->ns", keys, dcontext)
    full = w * (dw - (w * dw).sum(axis=1, keepdims=True))
    no_sub = w * dw
    out = []
    for ds, hint in [(no_sub, "the softmax couples the positions: dscores = weights * "
                              "(dweights - sum over s of weights * dweights).")]:
        out.append((np.einsum("ns,nsh->nh", ds, keys),
                    w[:, :, None] * dcontext[:, None] + ds[:, :, None] * query[:, None], hint))
    out.append((np.einsum("ns,nsh->nh", full, keys), full[:, :, None] * query[:, None],
                "keys are also the values: dkeys gets weights[n, s] * dcontext[n] from the "
                "weighted sum as well as dscores[n, s] * query[n] from the scores."))
    w_all = _softmax(np.einsum("nsh,nh->ns", keys, query), 1)     # recomputed without the mask
    ds_all = w_all * (dw - (w_all * dw).sum(axis=1, keepdims=True))
    out.append((np.einsum("ns,nsh->nh", ds_all, keys),
                w_all[:, :, None] * dcontext[:, None] + ds_all[:, :, None] * query[:, None],
                "recompute the weights with the mask, as in the forward pass: a padded "
                "position has weight exactly 0 (score -inf), so it gets gradient 0."))
    return out


def _judge_backward(cases, results):
    error = first_raised(BACKWARD, results, "recompute the forward pass first (scores, "
                                            "weights), then go backwards.")
    if error:
        return error
    for k, (case, r) in enumerate(zip(cases, results), start=1):
        out = r.value
        wrong = must_return(BACKWARD, out, NAMES)
        if wrong:
            return wrong
        dcontext, query, keys, mask = case
        _, _, cache = attention_forward(query, keys, mask)
        expected = attention_backward(dcontext, cache)
        inputs = [query, keys]

        def loss():
            return float(np.sum(attention_forward(query, keys, mask)[0] * dcontext))

        for i, (name, got, value) in enumerate(zip(NAMES, out, inputs)):
            def hint():
                for variant in _backward_variants(*case):
                    if np.allclose(variant[i], expected[i]):
                        continue          # this mistake leaves this gradient right
                    if np.shape(variant[i]) == np.shape(got) and np.allclose(variant[i], got):
                        return variant[2]
                return "dweights = keys @ dcontext; dscores from the softmax; then dquery " \
                       "and dkeys."
            shape_hint = f"{name} has the shape of {name[1:]}."
            wrong = (compare_gradient(BACKWARD, name, got, numerical_gradient(loss, value),
                                      hint, case=k, tol=TOL, shape_hint=shape_hint)
                     or compare(BACKWARD, name, got, expected[i], k, rtol=1e-7, atol=1e-10,
                                hint=hint()))
            if wrong:
                return wrong
    return passed(BACKWARD, f"dquery and dkeys match entry by entry and pass the gradient "
                            f"check (relative error < {TOL:.0e}) on {len(cases)} test inputs.")


ATTENTION_BACKWARD = Exercise(
    BACKWARD, "attention_backward_exercise", _backward_cases, _judge_backward, seed=91,
    writes={"attention_backward": "rnnlib.attention_backward",
            "attend_backward": "rnnlib.attention.attend_backward",
            "numerical_gradient": "rnnlib.gradcheck.numerical_gradient",
            "numerical_gradient_array": "rnnlib.gradcheck.numerical_gradient_array"})


def check_attention_backward(attention_backward_exercise):
    """Grade ``f(dcontext, query, keys, mask) -> (dquery, dkeys)`` entry-wise and with a
    gradient check of the loss sum(context * dcontext) in float64."""
    ATTENTION_BACKWARD.check(attention_backward_exercise)


# ---- one GRU step -----------------------------------------------------------------------------

def _gru_cases(rng):
    """(x_t, h_prev, Wx, Wh, bx, bh) for three (N, D, H); the last with saturated gates."""
    cases = []
    for (N, D, H), scale in [((2, 3, 4), 1.0), ((1, 2, 1), 1.0), ((3, 4, 2), 4.0)]:
        cases.append((rng.normal(size=(N, D)), rng.normal(size=(N, H)),
                      rng.normal(scale=scale, size=(D, 3 * H)),
                      rng.normal(scale=scale, size=(H, 3 * H)),
                      rng.normal(size=(3 * H,)), rng.normal(size=(3 * H,))))
    return cases


def _gru_variants(x_t, h_prev, Wx, Wh, bx, bh):
    """(h_next, hint) of the usual mistakes."""
    H = h_prev.shape[1]
    sig = lambda a: 1 / (1 + np.exp(-a))
    ax, ah = x_t @ Wx + bx, h_prev @ Wh + bh
    r, z = sig(ax[:, :H] + ah[:, :H]), sig(ax[:, H:2 * H] + ah[:, H:2 * H])
    n = np.tanh(ax[:, 2 * H:] + r * ah[:, 2 * H:])
    z2, r2 = sig(ax[:, :H] + ah[:, :H]), sig(ax[:, H:2 * H] + ah[:, H:2 * H])
    n2 = np.tanh(ax[:, 2 * H:] + r2 * ah[:, 2 * H:])
    n_before = np.tanh(ax[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + bh[2 * H:])
    n_bias = np.tanh(ax[:, 2 * H:] + r * (h_prev @ Wh[:, 2 * H:]) + bh[2 * H:])
    return [(z * n + (1 - z) * h_prev, "h_next = (1 - z) * n + z * h_prev: z is the share of "
                                       "h_prev that is kept."),
            ((1 - z2) * n2 + z2 * h_prev, "the blocks are r, z, n in that order: r is the "
                                          "first H columns."),
            ((1 - z) * n_before + z * h_prev, "that is the reset-before form (Keras's "
                                              "reset_after=False); here r multiplies "
                                              "h_prev @ Wh_n + bh_n, after the product."),
            ((1 - z) * n_bias + z * h_prev, "r multiplies the whole h_prev @ Wh_n + bh_n, "
                                            "bias included.")]


def _judge_gru(cases, results):
    error = first_raised(GRU, results, "ax = x_t @ Wx + bx and ah = h_prev @ Wh + bh, then "
                                       "split each into r, z, n blocks of H columns.")
    if error:
        return error
    for k, (args, r) in enumerate(zip(cases, results), start=1):
        out = r.value
        if isinstance(out, tuple):
            return failed(GRU, f"returned a tuple of {len(out)} values; gru_step returns h_next "
                               "alone, an array (N, H).",
                          "return h_next only, not (h_next, cache) as "
                          "rnnlib.gru_step_forward does.")
        h_next, _ = gru_step_forward(*args)
        hint = "r and z are sigmoids of ax + ah; n = tanh(ax_n + r * ah_n); " \
               "h_next = (1 - z) * n + z * h_prev."
        for variant, variant_hint in _gru_variants(*args):
            if (np.shape(out) == variant.shape and np.allclose(np.asarray(out, float), variant)
                    and not np.allclose(variant, h_next)):
                hint = variant_hint
        wrong = compare(GRU, "h_next", out, h_next, k, rtol=1e-7, atol=1e-12, hint=hint)
        if wrong:
            return wrong
    return passed(GRU, f"matches rnnlib.gru_step_forward on {len(cases)} test inputs.")


GRU_STEP = Exercise(GRU, "gru_step", _gru_cases, _judge_gru, seed=92,
                    writes={"gru_step_forward": "rnnlib.gru_step_forward",
                            "gru_forward": "rnnlib.gru_forward"})


def check_gru_step(gru_step):
    """Check ``gru_step(x_t, h_prev, Wx, Wh, bx, bh) -> h_next``."""
    GRU_STEP.check(gru_step)
