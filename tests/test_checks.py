"""Every exercise checker, with a right answer, typical wrong answers and a raising answer.

A checker prints exactly one verdict: "PASSED <id>: ..." or "FAILED <id>: ..." with a hint,
never raises because of the student's code, and prints the same text on every run.
"""
import numpy as np
import pytest

from rnnlib import checks


def not_implemented(*args):
    raise NotImplementedError("write your solution here")


# checker, right answer, [(wrong answer, piece of the hint)]
CASES = {
    "batch_shape": (checks.check_batch_shape, lambda n, t, d: (n, t, d), [
        (lambda n, t, d: (t, n, d), "order (N, T, D)"),
        (lambda n, t, d: n * t * d, "tuple of three numbers"),
    ]),
    "one_hot": (checks.check_one_hot, lambda idx, v: np.eye(v)[idx], [
        (lambda idx, v: np.moveaxis(np.eye(v)[idx], -1, 0), "one-hot axis comes last"),
        (lambda idx, v: np.eye(v)[idx - 1], "a vector of V zeros"),
    ]),
    "rnn_step": (checks.check_rnn_step,
                 lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx + b), [
        (lambda x, h, Wx, Wh, b: h @ Wh + x @ Wx + b, "apply np.tanh"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx), "add the bias"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh.T + x @ Wx + b), "not Wh.T"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b), "both terms"),
        (lambda x, h, Wx, Wh, b: (np.tanh(h @ Wh + x @ Wx + b), None), "not (h_next, cache)"),
    ]),
    "param_count": (checks.check_param_count, lambda D, H: H * H + D * H + H, [
        (lambda D, H: H * H + D * H, "forgot the bias"),
        (lambda D, H: D * H + H, "forgot Wh"),
        (lambda D, H: H * H + D * H + 2 * H, "two biases"),
    ]),
    "tanh_from_exp": (checks.check_tanh_from_exp,
                      lambda x: np.sign(x) * (1 - np.exp(-2 * np.abs(x)))
                      / (1 + np.exp(-2 * np.abs(x))), [
        (lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), "e^1000 overflows"),
        (lambda x: (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1), "e^1000 overflows"),
        (lambda x: np.exp(-2 * np.abs(x)), "check the formula"),
    ]),
    "tanh_derivative": (checks.check_tanh_derivative, lambda x: 1 - np.tanh(x) ** 2, [
        (lambda x: 1 - x ** 2, "apply np.tanh to x first"),
        (lambda x: np.tanh(x) ** 2, "1 - tanh(x)"),
    ]),
}

RIGHT = [(name, c[0], c[1]) for name, c in CASES.items()]
WRONG = [(name, c[0], wrong, hint) for name, c in CASES.items() for wrong, hint in c[2]]


def verdict(capsys, checker, fn):
    result = checker(fn)
    out = capsys.readouterr().out
    assert result is None                         # the cell shows only the printed verdict
    return out


@pytest.mark.parametrize("name, checker, right", RIGHT, ids=[r[0] for r in RIGHT])
def test_right_answer_passes(capsys, name, checker, right):
    out = verdict(capsys, checker, right)
    assert out.startswith("PASSED ") and out.count("\n") == 1, out


@pytest.mark.parametrize("name, checker, wrong, hint", WRONG,
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_wrong_answer_fails_with_a_hint(capsys, name, checker, wrong, hint):
    with np.errstate(all="ignore"):
        out = verdict(capsys, checker, wrong)
    assert out.startswith("FAILED "), out
    assert hint in out, out
    assert "  Hint: " in out


@pytest.mark.parametrize("name, checker, right", RIGHT, ids=[r[0] for r in RIGHT])
def test_raising_answer_fails_and_names_the_exception(capsys, name, checker, right):
    out = verdict(capsys, checker, not_implemented)
    assert out.startswith("FAILED ") and "raised NotImplementedError" in out, out


@pytest.mark.parametrize("name, checker, right", RIGHT, ids=[r[0] for r in RIGHT])
def test_verdict_is_the_same_on_every_run(capsys, name, checker, right):
    wrong = CASES[name][2][0][0]
    with np.errstate(all="ignore"):
        assert verdict(capsys, checker, wrong) == verdict(capsys, checker, wrong)
