"""Every exercise of the course, with a right answer, typical wrong answers and a raising one.

A check prints exactly one verdict: "PASSED <id>: ..." or "FAILED <id>: ..." with a hint,
never raises because of the student's code, and prints the same text on every run. The
grader reaches the same verdict from what the function returned, carried through files as
plain arrays, on test inputs drawn from any seed.
"""
from pathlib import Path

import numpy as np
import pytest

from rnnlib import checks
from rnnlib.checks import EXERCISES
from rnnlib.checks._cell import binds
from rnnlib.checks._exercise import capture, load_results, record, save_cases
from rnnlib.checks._verdict import compare_gradient, shape_text
from rnnlib.gradcheck import rel_error

sigmoid = checks.lstm.sigmoid


def not_implemented(*args):
    raise NotImplementedError("write your solution here")


def rnn_step_backward(dh_next, x_t, h_prev, Wx, Wh, h_next):
    da = dh_next * (1 - h_next ** 2)
    return da @ Wx.T, da @ Wh.T, x_t.T @ da, h_prev.T @ da, da.sum(axis=0)


def lstm_step(x_t, h_prev, c_prev, Wx, Wh, b, order=(0, 1, 2, 3), g_act=np.tanh, tanh_c=True):
    H = h_prev.shape[1]
    a = x_t @ Wx + h_prev @ Wh + b
    i, f, g, o = (a[:, k * H:(k + 1) * H] for k in order)
    c = sigmoid(f) * c_prev + sigmoid(i) * g_act(g)
    return sigmoid(o) * (np.tanh(c) if tanh_c else c), c


def lstm_step_backward(dh_next, dc_next, x_t, h_prev, c_prev, Wx, Wh, b, tanh_grad=True,
                       f_on_dc=True, order=(0, 1, 2, 3)):
    H = h_prev.shape[1]
    a = x_t @ Wx + h_prev @ Wh + b
    i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), \
        sigmoid(a[:, 3 * H:])
    tanh_c = np.tanh(f * c_prev + i * g)
    dc = dc_next + dh_next * o * ((1 - tanh_c ** 2) if tanh_grad else 1)
    parts = [dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g),
             dh_next * tanh_c * o * (1 - o)]
    da = np.concatenate([parts[k] for k in order], axis=1)
    return da @ Wx.T, da @ Wh.T, dc * f if f_on_dc else dc, x_t.T @ da, h_prev.T @ da, \
        da.sum(axis=0)


def temporal_loss(scores, y, mask, mean=True, masked_grad=True, stable=True):
    s = scores - scores.max(axis=2, keepdims=True) if stable else scores
    with np.errstate(all="ignore"):
        p = np.exp(s)
        p /= p.sum(axis=2, keepdims=True)
    M = mask.sum()
    n, t = np.nonzero(mask)
    loss = -np.log(p[n, t, y[n, t]]).sum() / (M if mean else 1)
    d = p.copy()
    d[n, t, y[n, t]] -= 1
    return loss, d * (mask[:, :, None] if masked_grad else 1) / M


def sample(Wx, Wh, b, Wy, by, start, n, temperature, seed, argmax=False):
    rng = np.random.default_rng(seed)
    V, H = Wx.shape
    h = np.zeros(H)
    for token in start:
        h = np.tanh(h @ Wh + Wx[token] + b)
    out = []
    for _ in range(n):
        z = (h @ Wy + by) / temperature
        p = np.exp(z - z.max())
        token = int(np.argmax(z)) if argmax else int(rng.choice(V, p=p / p.sum()))
        out.append(token)
        h = np.tanh(h @ Wh + Wx[token] + b)
    return out


def many_to_one(X, Wx, Wh, b, Wy, by, last=True, bias=True):
    h, states = np.zeros((X.shape[0], Wh.shape[0])), []
    for t in range(X.shape[1]):
        h = np.tanh(h @ Wh + X[:, t] @ Wx + b)
        states.append(h)
    return (states[-1] if last else states[0]) @ Wy + (by if bias else 0)


def stable_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# exercise id: (right answer, [(wrong answer, piece of its hint)])
CASES = {
    "00_batch_shape": (lambda n, t, d: (n, t, d), [
        (lambda n, t, d: (t, n, d), "order (N, T, D)"),
        (lambda n, t, d: n * t * d, "tuple of three integers"),
        (lambda n, t, d: {"N": n}, "tuple of three integers"),
    ]),
    "01_one_hot": (lambda idx, v: np.eye(v)[idx], [
        (lambda idx, v: np.moveaxis(np.eye(v)[idx], -1, 0), "one-hot axis comes last"),
        (lambda idx, v: np.eye(v)[idx - 1], "a vector of V zeros"),
    ]),
    "02_rnn_step": (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx + b), [
        (lambda x, h, Wx, Wh, b: h @ Wh + x @ Wx + b, "apply np.tanh"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh + x @ Wx), "add the bias"),
        (lambda x, h, Wx, Wh, b: np.tanh(h @ Wh.T + x @ Wx + b), "not Wh.T"),
        (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b), "both terms"),
        (lambda x, h, Wx, Wh, b: (np.tanh(h @ Wh + x @ Wx + b), None), "not (h_next, cache)"),
        (lambda x, h, Wx, Wh, b: None, "missing return?"),
    ]),
    "02_param_count": (lambda D, H: H * H + D * H + H, [
        (lambda D, H: H * H + D * H, "forgot the bias"),
        (lambda D, H: D * H + H, "forgot Wh"),
        (lambda D, H: H * H + D * H + 2 * H, "two biases"),
        (lambda D, H: "18", "return one integer"),
    ]),
    "03_tanh_from_exp": (lambda x: np.sign(x) * (1 - np.exp(-2 * np.abs(x)))
                         / (1 + np.exp(-2 * np.abs(x))), [
        (lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)), "e^1000 overflows"),
        (lambda x: (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1), "e^1000 overflows"),
        (lambda x: np.exp(-2 * np.abs(x)), "check the formula"),
        (lambda x: np.where(np.abs(x) > 20, np.sign(x), (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1)),
         "nothing overflows"),
    ]),
    "03_tanh_derivative": (lambda x: 1 - np.tanh(x) ** 2, [
        (lambda x: 1 - x ** 2, "apply np.tanh to x first"),
        (lambda x: np.tanh(x) ** 2, "1 - tanh(x)"),
    ]),
    "04_split_w": (lambda W, D: (W[:D], W[D:]), [
        (lambda W, D: (W[D:], W[:D]), "order is swapped"),
        (lambda W, D: W[:D], "return Wx, Wh"),
        (lambda W, D: (W[:D].T, W[D:]), "wrong axis"),
    ]),
    "04_softmax": (stable_softmax, [
        (lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), "subtract each row's max"),
        (lambda z: stable_softmax(z.T).T, "normalise each row"),
    ]),
    "05_many_to_one_forward": (many_to_one, [
        (lambda *a: many_to_one(*a, last=False), "not the first"),
        (lambda *a: many_to_one(*a, bias=False), "add the output bias"),
        (lambda X, Wx, Wh, b, Wy, by: np.zeros((X.shape[0], Wh.shape[0])), "apply the output"),
    ]),
    "06_rnn_step_backward": (rnn_step_backward, [
        (lambda dh, x, hp, Wx, Wh, hn: (dh @ Wx.T,) + rnn_step_backward(dh, x, hp, Wx, Wh, hn)[1:],
         "you skipped tanh"),
        (lambda *a: rnn_step_backward(*a)[:4], "five gradients"),
        (lambda *a: rnn_step_backward(*a)[:4] + (rnn_step_backward(*a)[4][None],), "db"),
    ]),
    "07_lstm_step": (lstm_step, [
        (lambda *a: lstm_step(*a, order=(0, 1, 3, 2)), "g is the third block"),
        (lambda *a: lstm_step(*a, g_act=sigmoid), "uses tanh, not sigmoid"),
        (lambda *a: lstm_step(*a, tanh_c=False), "apply tanh to the cell state"),
        (lambda *a: lstm_step(*a)[0], "tuple (h_next, c_next)"),
    ]),
    "07_lstm_step_backward": (lstm_step_backward, [
        (lambda *a: lstm_step_backward(*a, tanh_grad=False), "the path through h_t passes tanh"),
        (lambda *a: lstm_step_backward(*a, f_on_dc=False), "multiply dc by f"),
        (lambda *a: lstm_step_backward(*a, order=(1, 0, 2, 3)), "order i, f, g, o"),
        (lambda *a: lstm_step_backward(*a)[:5], "six gradients"),
    ]),
    "08_temporal_softmax_loss": (temporal_loss, [
        (lambda *a: temporal_loss(*a, mean=False), "divide the sum by mask.sum()"),
        (lambda *a: temporal_loss(*a, masked_grad=False), "0 where mask is False"),
        (lambda *a: temporal_loss(*a, stable=False), "largest score before np.exp"),
        (lambda *a: temporal_loss(*a)[0], "tuple (loss, dscores)"),
    ]),
    "08_sample": (sample, [
        (lambda *a: sample(*a, argmax=True), "argmax decoding"),
        (lambda *a: sample(*a[:7], 1.0, a[8]), "divide the scores by the temperature"),
        (lambda *a: sample(*a[:7], 1 / a[7], a[8]), "do not multiply"),
        (lambda *a: sample(*a)[:-1], "list of the n = 12"),
    ]),
}

RIGHT = [(ex_id, right) for ex_id, (right, _) in CASES.items()]
WRONG = [(ex_id, wrong, hint) for ex_id, (_, wrongs) in CASES.items() for wrong, hint in wrongs]


def verdict(capsys, ex_id, fn):
    with np.errstate(all="ignore"):
        result = EXERCISES[ex_id].check(fn)
    out = capsys.readouterr().out
    assert result is None                         # the cell shows only the printed verdict
    return out


def test_every_exercise_is_tested_here():
    assert set(CASES) == set(EXERCISES)


@pytest.mark.parametrize("ex_id, right", RIGHT, ids=[r[0] for r in RIGHT])
def test_right_answer_passes(capsys, ex_id, right):
    out = verdict(capsys, ex_id, right)
    assert out.startswith(f"PASSED {ex_id}: ") and out.count("\n") == 1, out


@pytest.mark.parametrize("ex_id, wrong, hint", WRONG,
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_wrong_answer_fails_with_a_hint(capsys, ex_id, wrong, hint):
    out = verdict(capsys, ex_id, wrong)
    assert out.startswith(f"FAILED {ex_id}: "), out
    assert hint in out, out
    assert "  Hint: " in out


@pytest.mark.parametrize("ex_id", CASES)
def test_raising_answer_fails_and_names_the_exception(capsys, ex_id):
    out = verdict(capsys, ex_id, not_implemented)
    assert out.startswith(f"FAILED {ex_id}: ") and "raised NotImplementedError" in out, out
    assert EXERCISES[ex_id].verdict(not_implemented).reason == "not implemented"


@pytest.mark.parametrize("ex_id", CASES)
def test_verdict_is_the_same_on_every_run(capsys, ex_id):
    wrong = CASES[ex_id][1][0][0]
    assert verdict(capsys, ex_id, wrong) == verdict(capsys, ex_id, wrong)


@pytest.mark.parametrize("seed", [1, 2024])
@pytest.mark.parametrize("ex_id", CASES)
def test_the_grader_reaches_the_class_verdict_through_files(tmp_path, ex_id, seed):
    """Cases of any seed, written, recorded by the kernel's function, read back, judged."""
    exercise = EXERCISES[ex_id]
    for fn in [CASES[ex_id][0], not_implemented] + [w for w, _ in CASES[ex_id][1]]:
        cases = exercise.make_cases(seed)
        save_cases(tmp_path, ex_id, [exercise.student_args(c) for c in cases])
        with np.errstate(all="ignore"):
            record(ex_id, fn, tmp_path)
            in_class = exercise.verdict(fn, seed=seed)
        graded = exercise.judge_results(cases, load_results(tmp_path, ex_id))
        assert graded == in_class
        assert graded.ok == (fn is CASES[ex_id][0]), graded


def test_values_travel_without_pickles(tmp_path):
    """Whatever a function returns, only numbers and strings reach the grader."""
    class Sneaky:
        def __reduce__(self):
            raise AssertionError("pickled")
    weird = [Sneaky(), {"a": 1}, np.array([Sneaky()], dtype=object), "text", (1, 2.5, True),
             np.float32(2), [[np.ones(2)]]]
    for value in weird:
        description, arrays = capture(lambda: value, ())
        assert all(a.dtype.kind in "biuf" for a in arrays.values())
    save_cases(tmp_path, "x", [()])
    record("x", lambda: (np.arange(3), None, "ok", Sneaky()), tmp_path)
    (r,) = load_results(tmp_path, "x")
    assert r.value[0].tolist() == [0, 1, 2] and r.value[1] is None and r.value[2] == "ok"
    assert repr(r.value[3]) == "<a Sneaky>"


def test_missing_or_malformed_results_are_reported_not_raised(tmp_path):
    with pytest.raises(ValueError, match="nothing was recorded"):
        load_results(tmp_path, "02_rnn_step")
    (tmp_path / "02_rnn_step.results.json").write_text(
        '[{"value": {"kind": "array", "key": "a0"}}]')
    with pytest.raises(Exception):
        load_results(tmp_path, "02_rnn_step")


# ---- what every exercise shares: rnnlib/checks/_exercise.py and _verdict.py ----------------

def as_list(fn):
    def listed(*args):
        out = fn(*args)
        return list(out) if isinstance(out, tuple) else out
    return listed


@pytest.mark.parametrize("ex_id", CASES)
def test_a_value_instead_of_a_function_is_named(capsys, ex_id):
    out = verdict(capsys, ex_id, 3)
    name = EXERCISES[ex_id].function
    assert out.startswith(f"FAILED {ex_id}: {name} is an int, not a function."), out
    assert "TypeError" not in out


@pytest.mark.parametrize("ex_id", CASES)
def test_a_missing_return_is_named(capsys, ex_id):
    out = verdict(capsys, ex_id, lambda *args: None)
    assert "returned None on test input 1: missing return?" in out, out


@pytest.mark.parametrize("ex_id", CASES)
def test_a_list_is_as_good_as_a_tuple(capsys, ex_id):
    out = verdict(capsys, ex_id, as_list(CASES[ex_id][0]))
    assert out.startswith(f"PASSED {ex_id}: "), out


def test_split_w_accepts_np_split(capsys):
    assert verdict(capsys, "04_split_w", lambda W, D: np.split(W, [D])).startswith("PASSED")


@pytest.mark.parametrize("ex_id", CASES)
def test_a_name_defined_elsewhere_gets_the_hint_of_the_graded_cell(capsys, ex_id):
    def uses_a_helper(*args):
        return helper_from_another_cell(*args)    # noqa: F821 (what the graded cell sees)
    out = verdict(capsys, ex_id, uses_a_helper)
    assert "raised NameError: name 'helper_from_another_cell' is not defined" in out, out
    assert "Hint: only the exercise cell is graded" in out
    assert EXERCISES[ex_id].verdict(uses_a_helper).reason == "exception: NameError"


def test_one_wrong_small_entry_fails_the_gradient_check():
    """A norm-wise relative error hides one wrong entry of a large gradient; entry-wise not."""
    numeric = np.random.default_rng(0).normal(size=(50, 40))
    got = numeric.copy()
    got[3, 7] += 3e-7 * np.abs(numeric).max()
    assert rel_error(numeric, got) < 1e-7                     # passes norm-wise
    wrong = compare_gradient("x", "dW", got, numeric)
    assert wrong is not None and "dW fails the gradient check at entry [3, 7]" in wrong.message
    assert compare_gradient("x", "dW", numeric * (1 + 1e-10), numeric) is None
    assert compare_gradient("x", "dW", np.zeros(3), np.zeros(3)) is None


def test_a_wrong_shape_is_named_with_its_symbols(capsys):
    def transposed(dh_next, x_t, h_prev, Wx, Wh, h_next):
        grads = rnn_step_backward(dh_next, x_t, h_prev, Wx, Wh, h_next)
        return (grads[1],) + grads[1:]
    out = verdict(capsys, "06_rnn_step_backward", transposed)
    assert "dx_t has shape (N, H) = (3, 5), expected (N, D) = (3, 4)." in out, out


def test_shape_text():
    sizes = {"N": 2, "D": 3, "H": 4}
    assert shape_text((2, 4), sizes) == "(N, H) = (2, 4)"
    assert shape_text((4,), sizes) == "(H,) = (4,)"
    assert shape_text((2, 5), sizes) == "(2, 5)"
    assert shape_text((3, 3), {"N": 3, "D": 3}) == "(3, 3)"
    assert shape_text((2, 4)) == "(2, 4)"


# ---- in class: the exercise cell alone, as the grader takes it (an IPython history faked) ----

FIRST = "import numpy as np\nimport rnnlib\nfrom rnnlib.style import use_course_style"
COUNT = "def param_count(D, H):\n    return H * H + D * H + H\n"


class Shell:
    """What the class check reads of IPython: the inputs of this session, in order."""

    def __init__(self, cells):
        self.history_manager = type("History", (), {"input_hist_raw": [""] + cells})()

    def run_line_magic(self, name, line):
        """%time x = 1 runs x = 1 (nothing the check needs)."""


@pytest.fixture
def kernel(monkeypatch):
    import IPython

    def run(*cells):
        shell = Shell(list(cells) + ["rnnlib.checks.check_param_count(param_count)"])
        monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    return run


def count(D, H):
    return H * H + D * H + H


@pytest.mark.parametrize("cells, expected", [
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      "def param_count(D, H):\n    return helper(D, H)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, "def param_count(D, H):\n    return rnnlib.params.rnn_param_count(D, H)"),
     "FAILED 02_param_count: uses rnnlib.params.rnn_param_count, which this exercise asks you "
     "to write."),
    ((FIRST, "def param_count(D, H):\n    return D * H", COUNT, "x = 1"), "PASSED"),  # re-run
    ((FIRST, COUNT, "def param_count(D, H):\n    return D * H"), "FAILED 02_param_count: "
                                                                "param_count(2, 3) returned 6"),
    ((FIRST, "def mine(D, H):\n    return (D + H + 1) * H\n\nparam_count = mine"), "PASSED"),
    ((FIRST, "H = 3", "def param_count(D, H_):\n    return H * H + D * H + H"),
     "FAILED 02_param_count: your function raised NameError: name 'H' is not defined."),
    ((FIRST, "%time x = 1\nprint('run again, not shown')\n\ndef param_count(D, H):\n"
             "    return (D + H + 1) * H"), "PASSED"),
    # W1: a syntax error in the latest exercise cell fails as the grader fails it, never
    # falling back to an older version of the cell from the history
    ((FIRST, COUNT, "def param_count(D, H):\n    return (D + H + 1) * H)"),
     "FAILED 02_param_count: your function raised SyntaxError: unmatched ')'"),
    ((FIRST, "def param_count(D, H)\n    return (D + H + 1) * H"),
     "FAILED 02_param_count: your function raised SyntaxError"),
    ((FIRST, COUNT, "param_count = lambda D, H: (D + H + 1) * H)"),
     "FAILED 02_param_count: your function raised SyntaxError"),
    # W2: a %%time cell is the exercise cell, run alone like any other
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      "%%time\ndef param_count(D, H):\n    return helper(D, H)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, "def param_count(D, H):\n    return D * H", "%%time\n" + COUNT), "PASSED"),
    ((FIRST, "%%capture\n" + COUNT.replace("H * H", "H")), "FAILED 02_param_count: "
                                                            "param_count(2, 3) returned"),
    ((FIRST, "param_count = 18"), "FAILED 02_param_count: param_count is an int, not a "
                                  "function."),
    ((FIRST, "raise ValueError('cell')\nparam_count = count"),
     "FAILED 02_param_count: your function raised ValueError: cell."),
])
def test_the_class_check_judges_the_exercise_cell_alone(kernel, capsys, cells, expected):
    """Whatever the kernel holds (``count`` is right), the last cell binding param_count,
    run alone after the first cell, is judged; a shortcut fails with the grader's reason."""
    kernel(*cells)
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith(expected), out
    verdict = checks._exercise.LAST_VERDICTS["02_param_count"]
    if "uses rnnlib" in expected:
        assert verdict.reason == ("uses rnnlib.params.rnn_param_count, which this exercise "
                                  "asks you to write")


def test_the_graded_kernel_records_the_exercise_cell_alone(kernel, tmp_path):
    """record() does what the class check does: the helper of another cell is not there."""
    kernel(FIRST, "def helper(D, H):\n    return H * H + D * H + H",
           "def param_count(D, H):\n    return helper(D, H)")
    exercise = EXERCISES["02_param_count"]
    save_cases(tmp_path, exercise.id, exercise.make_cases(7))
    record(exercise.id, count, tmp_path)
    results = load_results(tmp_path, exercise.id)
    assert {str(r.raised) for r in results} == {"NameError: name 'helper' is not defined"}


def test_outside_ipython_the_function_is_judged_as_it_is(capsys):
    checks.check_param_count(count)
    assert capsys.readouterr().out.startswith("PASSED 02_param_count")


@pytest.mark.parametrize("source, name, expected", [
    ("def f(x):\n    g = 1\n    return g", "f", True),
    ("def f(x):\n    g = 1\n    return g", "g", False),
    ("f = other", "f", True), ("from m import g as f", "f", True), ("import f.sub", "f", True),
    ("for f in range(3):\n    pass", "f", True), ("[f for f in x]", "f", False),
    ("check(f)", "f", False), ("if True:\n    f = 1", "f", True), ("class f:\n    pass", "f", True),
])
def test_binds(source, name, expected):
    assert binds(source, name) == expected


def test_a_judge_that_forgets_first_raised_still_names_the_exception():
    from rnnlib.checks._exercise import Exercise
    careless = Exercise("99_x", "f", lambda rng: [(1,)], lambda cases, results:
                        passed_if(results[0].value + 1), seed=0)
    assert careless.verdict(not_implemented).reason == "not implemented"
    assert careless.verdict(lambda x: 1 / 0).reason == "exception: ZeroDivisionError"


def passed_if(value):
    from rnnlib.checks._verdict import passed
    return passed("99_x", str(value))


def test_a_copied_exercise_cell_the_grader_takes_the_first(tmp_path):
    """W3: JupyterLab's copy of an exercise cell carries its exercise_id; the grader takes the
    first cell with the id (the exercise cell in its place), as 00 tells the students."""
    import nbformat
    from rnnlib.course.grade import assemble
    from rnnlib.course.notebooks import exercise_cells, exercise_id
    path = Path(__file__).resolve().parents[1] / "notebooks" / "00_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in exercise_cells(nb) if exercise_id(c) == "00_batch_shape")
    copy = nbformat.from_dict(dict(cell))
    copy.source = "def batch_shape(n, t, v):\n    return (t, n, v)   # a draft"
    nb.cells.append(copy)                             # pasted at the end
    instructor = nbformat.read(path, as_version=4)
    _, submitted, missing = assemble(instructor, nb, tmp_path)
    assert missing == [] and submitted["00_batch_shape"] == cell.source
    nb.cells.insert(0, nbformat.from_dict(dict(copy)))   # pasted above: that one is first
    _, submitted, _ = assemble(instructor, nb, tmp_path)
    assert submitted["00_batch_shape"] == copy.source


# --- r2 review of 00: cases where the class check said PASSED and the grader failed --------

CHECK_COUNT = "rnnlib.checks.check_param_count(param_count)"


@pytest.mark.parametrize("runs, expected", [
    # R1: the exercise cell (id "ex") run again with a typo in the def line, or emptied: its
    # last run is judged (the grader's NameError), not the older version that defined it
    ([("ex", COUNT), ("ex", "def param_cout(D, H):\n    return D * H")],
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
    ([("ex", COUNT), ("ex", "# emptied\n")],
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
    ([("ex", "def param_count(D, H):\n    return D * H"), ("ex", COUNT)], "PASSED"),
    # a scratch cell run after the exercise cell is the last to bind the name: it is judged
    ([("ex", "def param_count(D, H):\n    return D * H"), ("scratch", COUNT)], "PASSED"),
    # no cell ids (nbval, plain IPython): the last run that binds the name, as before
    ([(None, COUNT), (None, "def param_cout(D, H):\n    return D * H")], "PASSED"),
    # r3 N1: a scratch cell that held a draft def, then rewritten into a test call, no longer
    # counts: cells are chosen by their LATEST run, so the exercise cell is judged (grader: passed)
    ([("ex", COUNT), ("scratch", "def param_count(D, H):\n    return D * H"),
      ("scratch", "param_count(2, 3)")], "PASSED"),
    ([("ex", COUNT), ("scratch", "def param_count_v2(D, H):\n    return D * H\n"
                                 "param_count = param_count_v2"),
      ("scratch", "param_count(2, 3)")], "PASSED"),
    # ... and a wrong exercise cell is still judged wrong, not the scratch cell's right draft
    ([("ex", "def param_count(D, H):\n    return D * H"), ("scratch", COUNT),
      ("scratch", "param_count(2, 3)")], "FAILED"),
    # the exercise cell broken after a scratch test: still the grader's NameError (R1)
    ([("ex", COUNT), ("scratch", "param_count(2, 3)"), ("ex", "# emptied\n")],
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
])
def test_the_exercise_cell_is_judged_by_its_last_run(monkeypatch, capsys, runs, expected):
    from rnnlib.checks import _cell
    monkeypatch.setattr(_cell, "RUNS", [("first", FIRST)] + runs + [("chk", CHECK_COUNT)])
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith(expected), out


def test_a_module_of_your_own_fails_as_it_does_for_the_grader(kernel, capsys, tmp_path,
                                                               monkeypatch):
    """R2: the grader runs the notebook in a temporary folder, without the student's files."""
    (tmp_path / "my_count_helpers.py").write_text("def helper(D, H):\n"
                                                  "    return H * H + D * H + H\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    kernel(FIRST, "from my_count_helpers import helper\n\ndef param_count(D, H):\n"
                  "    return helper(D, H)")
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith("FAILED 02_param_count: your function raised ModuleNotFoundError: "
                          "No module named 'my_count_helpers'"), out
    helpers = tmp_path / "my_count_utils"           # r3 N2: a folder without __init__.py
    helpers.mkdir()
    (helpers / "helpers.py").write_text("def helper(D, H):\n    return H * H + D * H + H\n")
    kernel(FIRST, "from my_count_utils.helpers import helper\n\ndef param_count(D, H):\n"
                  "    return helper(D, H)")
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith("FAILED 02_param_count: your function raised ModuleNotFoundError: "
                          "No module named 'my_count_utils'"), out
    kernel(FIRST, "import json\nimport numpy.linalg\n\ndef param_count(D, H):\n"
                  "    return (D + H + 1) * H")             # the stdlib and numpy are there
    checks.check_param_count(count)
    assert capsys.readouterr().out.startswith("PASSED"), "stdlib and numpy imports are fine"


@pytest.mark.parametrize("cells, expected", [
    # R3: a %time / %timeit line runs its statement in the cell's own namespace
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      "%time h = helper\n\ndef param_count(D, H):\n    return h(D, H)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, "def helper(D, H):\n    return H * H + D * H + H",
      COUNT + "%timeit -n1 -r1 helper(2, 3)"),
     "FAILED 02_param_count: your function raised NameError: name 'helper' is not defined."),
    ((FIRST, COUNT + "r = %time param_count(2, 3)"), "PASSED"),
    # a %%timeit cell binds nothing in the notebook: the grader's NameError, not an older cell
    ((FIRST, COUNT, "%%timeit -n1 -r1\n" + COUNT),
     "FAILED 02_param_count: your function raised NameError: name 'param_count' is not defined."),
])
def test_line_magics_and_timeit_are_judged_as_graded(kernel, capsys, cells, expected):
    kernel(*cells)
    checks.check_param_count(count)
    out = capsys.readouterr().out
    assert out.startswith(expected), out


def test_the_check_puts_the_global_random_state_back(kernel, capsys):
    """R4: re-running the exercise cell does not reset the notebook's draws."""
    kernel(FIRST, COUNT + "np.random.seed(123)\nimport random\nrandom.seed(5)")
    import random
    np.random.seed(7)
    random.seed(7)
    before = np.random.get_state()[1].copy(), random.getstate()
    checks.check_param_count(count)
    assert capsys.readouterr().out.startswith("PASSED")
    assert np.array_equal(np.random.get_state()[1], before[0])
    assert random.getstate() == before[1]
