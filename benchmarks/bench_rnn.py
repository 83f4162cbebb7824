"""Speed of rnnlib's RNN and LSTM, forward plus backward, in float64.

    python benchmarks/bench_rnn.py

For each size it prints milliseconds per forward+backward call (median of several), the
bound set by this machine's float64 matrix-multiply rate (the time the forward and backward
matrix products alone would take at that rate) and our time over that bound. When PyTorch is
installed it also times ``nn.RNN``/``nn.LSTM`` on the same work, prints our time over theirs,
and checks that both give the same outputs and gradients (max absolute difference).

Then the character language model of notebook 08: ``ManyToMany`` against ``nn.RNN``/``nn.LSTM``
+ ``nn.Linear`` + ``F.cross_entropy`` (loss, every gradient, and greedy decoding against
``sample`` at temperature 1e-3), and the time of one training step (forward, backward, Adam
with clipping) at N = 32, T = 32, H = 128, V = 75, ours and PyTorch's on 2 threads.
The machine is described first (benchmarks/machine.py: CPU, BLAS and the kernel it uses,
GEMM rate, PyTorch). PyTorch belongs in a virtual environment of its own, never the course's:
``RNN_COURSE_TORCH_VENV=/path/to/venv`` makes it importable here (``make bench`` passes it).
Ours and PyTorch's are timed in alternation (``ROUNDS`` rounds of a few calls each, the
median of the round medians), so that a load that comes and goes hits both alike. Last, a
profile per phase of our forward and backward (each phase timed alone at the shapes the
code uses; the rest of the total is validation, Python and small operations).
Numbers only: nothing here is a test.
"""
import time

import numpy as np

import rnnlib
from rnnlib.lstm import _gate_scale, _gates_inplace
from rnnlib.rnn import matmul, sum_prev_outer

try:
    from machine import describe, import_torch, matmul_rate
except ImportError:                               # imported from elsewhere than benchmarks/
    from benchmarks.machine import describe, import_torch, matmul_rate

SIZES = [("classroom", 32, 50, 64, 64), ("larger", 64, 100, 256, 256)]
ROUNDS = 5


def median_ms(fn, reps):
    fn()                                          # warm up
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def gemm_flops(N, T, D, H, gates):
    """FLOPs of every matrix product of forward + backward (W = gates * H columns).

    forward: x @ Wx (N T D W), h @ Wh (N T H W); backward: dx, dWx (2 N T D W),
    dh_prev and dWh (2 N T H W). Each multiply-add counts 2.
    """
    W = gates * H
    return 2 * (3 * N * T * D * W + 3 * N * T * H * W)


GATES = {"rnn": 1, "lstm": 4, "gru": 3}        # G: the weight matrices are G H wide


def cells():
    """The cells rnnlib has: rnn, lstm, and gru once rnnlib.gru_forward exists."""
    return [c for c in GATES if c != "gru" or hasattr(rnnlib, "gru_forward")]


def inputs(cell, N, T, D, H, rng):
    W = GATES[cell] * H
    p = dict(x=rng.normal(size=(N, T, D)), h0=rng.normal(size=(N, H)),
             Wx=rng.normal(scale=D ** -0.5, size=(D, W)),
             Wh=rng.normal(scale=H ** -0.5, size=(H, W)),
             b=rng.normal(scale=0.1, size=W), dh=rng.normal(size=(N, T, H)))
    if cell == "gru":                             # two biases, as PyTorch's nn.GRU
        p["bh"] = rng.normal(scale=0.1, size=W)
    return p


def ours(cell, p):
    forward, backward = (getattr(rnnlib, f"{cell}_forward"), getattr(rnnlib, f"{cell}_backward"))
    biases = (p["b"], p["bh"]) if cell == "gru" else (p["b"],)

    def run():
        h, cache = forward(p["x"], p["h0"], p["Wx"], p["Wh"], *biases)
        return (h,) + backward(p["dh"], cache)
    return run


def theirs(torch, cell, p):
    """The same computation in PyTorch (weights copied in, transposed to its convention).

    Same gate orders (i, f, g, o; r, z, n); our single bias goes in ``bias_ih`` and zeros in
    ``bias_hh``, except for the GRU, which has both.
    """
    D, H = p["x"].shape[2], p["h0"].shape[1]
    layer = {"rnn": lambda: torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True),
             "lstm": lambda: torch.nn.LSTM(D, H, batch_first=True),
             "gru": lambda: torch.nn.GRU(D, H, batch_first=True)}[cell]().double()
    with torch.no_grad():
        layer.weight_ih_l0.copy_(torch.from_numpy(p["Wx"].T))
        layer.weight_hh_l0.copy_(torch.from_numpy(p["Wh"].T))
        layer.bias_ih_l0.copy_(torch.from_numpy(p["b"]))
        if cell == "gru":
            layer.bias_hh_l0.copy_(torch.from_numpy(p["bh"]))
        else:
            layer.bias_hh_l0.zero_()
    x = torch.from_numpy(p["x"]).requires_grad_()
    h0 = torch.from_numpy(p["h0"])[None].clone().requires_grad_()
    dh = torch.from_numpy(p["dh"])

    def run():
        for t in (x, h0, *layer.parameters()):
            t.grad = None
        state = (h0, torch.zeros_like(h0)) if cell == "lstm" else h0
        h, _ = layer(x, state)
        h.backward(dh)
        grads = (h.detach().numpy(), x.grad.numpy(), h0.grad[0].numpy(),
                 layer.weight_ih_l0.grad.numpy().T, layer.weight_hh_l0.grad.numpy().T,
                 layer.bias_ih_l0.grad.numpy())
        return grads + ((layer.bias_hh_l0.grad.numpy(),) if cell == "gru" else ())
    return run


def interleaved_ms(runs, reps, rounds=ROUNDS):
    """{name: median over ``rounds`` of the median ms of ``reps`` calls}, the runs alternating."""
    times = {k: [] for k in runs}
    for _ in range(rounds):
        for k, run in runs.items():
            times[k].append(median_ms(run, reps))
    return {k: float(np.median(v)) for k, v in times.items()}


def main():
    rate = matmul_rate()
    print("\n".join(describe(rate)))
    torch = import_torch()
    if torch is not None:
        torch.set_num_threads(2)
    print("\nForward + backward, float64 (ms; bound = the matrix products alone at the rate "
          "above)")
    print("| cell N, T, D = H | rnnlib | torch | rnnlib / torch | rnnlib / bound | max abs diff |")
    print("|---|---|---|---|---|---|")
    for cell in cells():
        for label, N, T, D, H in SIZES:
            p = inputs(cell, N, T, D, H, np.random.default_rng(0))
            reps = 10 if label == "classroom" else 3
            runs = {"ours": ours(cell, p)}
            if torch is not None:
                runs["torch"] = theirs(torch, cell, p)
            ms = interleaved_ms(runs, reps)
            bound = 1e3 * gemm_flops(N, T, D, H, GATES[cell]) / rate
            t_ms, ratio, diff = "-", "-", "-"
            if torch is not None:
                t_ms, ratio = f"{ms['torch']:.2f}", f"{ms['ours'] / ms['torch']:.2f}"
                diff = "{:.1e}".format(max(float(np.max(np.abs(a - b)))
                                           for a, b in zip(runs["ours"](), runs["torch"]())))
            print(f"| {cell} {N}, {T}, {D} | {ms['ours']:.2f} | {t_ms} | {ratio} "
                  f"| {ms['ours'] / bound:.2f} | {diff} |", flush=True)
    char_model_section(torch)
    profile_section()


def torch_char_model(torch, model):
    """nn.RNN/nn.LSTM (batch_first, float64) + nn.Linear holding ``model``'s weights.

    PyTorch stores W as (out, in), the transpose of ours, and has two biases: ours goes in
    ``bias_ih``, zeros in ``bias_hh``. Its LSTM gate order is i, f, g, o, as ours.
    """
    p = model.params
    V, H = model.vocab_size, model.hidden_dim
    layer = (torch.nn.RNN(V, H, nonlinearity="tanh", batch_first=True) if model.cell == "rnn"
             else torch.nn.LSTM(V, H, batch_first=True)).double()
    linear = torch.nn.Linear(H, V).double()
    with torch.no_grad():
        layer.weight_ih_l0.copy_(torch.from_numpy(p["Wx"].T))
        layer.weight_hh_l0.copy_(torch.from_numpy(p["Wh"].T))
        layer.bias_ih_l0.copy_(torch.from_numpy(p["b"]))
        layer.bias_hh_l0.zero_()
        linear.weight.copy_(torch.from_numpy(p["Wy"].T))
        linear.bias.copy_(torch.from_numpy(p["by"]))
    return layer, linear


def torch_loss_and_grads(torch, layer, linear, X, Y):
    """Mean cross-entropy over all N T positions and the gradients, in our names and shapes."""
    for t in (*layer.parameters(), *linear.parameters()):
        t.grad = None
    h, _ = layer(torch.from_numpy(X))
    scores = linear(h)
    V = scores.shape[-1]
    loss = torch.nn.functional.cross_entropy(scores.reshape(-1, V),
                                             torch.from_numpy(Y).reshape(-1))
    loss.backward()
    return loss.item(), {"Wx": layer.weight_ih_l0.grad.numpy().T,
                         "Wh": layer.weight_hh_l0.grad.numpy().T,
                         "b": layer.bias_ih_l0.grad.numpy(),
                         "Wy": linear.weight.grad.numpy().T, "by": linear.bias.grad.numpy()}


def torch_greedy(torch, layer, linear, prompt, n):
    """Argmax decoding by the PyTorch model, one step at a time with its state.

    Returns the n tokens and the smallest gap between the two largest scores on the way: at
    temperature tau the runner-up is drawn with probability below e^(-gap / tau) (V - 1).
    """
    V = linear.out_features
    ids, gap = [], np.inf
    with torch.no_grad():
        x = torch.nn.functional.one_hot(torch.tensor([prompt]), V).double()
        out, state = layer(x)
        for _ in range(n):
            scores = linear(out[0, -1]).numpy()
            top2 = np.sort(scores)[-2:]
            gap = min(gap, top2[1] - top2[0])
            ids.append(int(np.argmax(scores)))
            x = torch.nn.functional.one_hot(torch.tensor([[ids[-1]]]), V).double()
            out, state = layer(x, state)
    return ids, gap


def compare_many_to_many(torch, cell, N=4, T=9, V=11, H=7):
    """Max |diff| of loss and gradients; sample(T=1e-3) against the torch argmax.

    The output weights are scaled up (x 10) so that no two top scores come within a few
    1e-3 of each other on the 100 greedy steps: at such a near tie temperature 1e-3 is not
    yet argmax (the smallest gap is printed).
    """
    from rnnlib.data import one_hot
    rng = np.random.default_rng(0)
    model = rnnlib.ManyToMany(V, H, cell=cell, seed=0)
    for p in model.params.values():              # non-zero biases, larger weights
        p += rng.normal(scale=1.0, size=p.shape)
    model.params["Wy"] *= 10
    model.params["by"] *= 10
    ids = rng.integers(0, V, size=(N, T + 1))
    X, Y = one_hot(ids[:, :-1], V), ids[:, 1:]
    loss, grads = model.loss(X, Y)
    layer, linear = torch_char_model(torch, model)
    t_loss, t_grads = torch_loss_and_grads(torch, layer, linear, X, Y)
    diffs = {"loss": abs(loss - t_loss)}
    diffs.update({k: float(np.max(np.abs(grads[k] - t_grads[k]))) for k in grads})
    prompt = [3, 1, 4]
    greedy, gap = torch_greedy(torch, layer, linear, prompt, 100)
    return diffs, model.sample(prompt, 100, temperature=1e-3) == greedy, gap


def train_step_ms(torch=None, N=32, T=32, H=128, V=75, reps=30, rounds=5):
    """Median ms of one training step (forward, backward, clip, Adam), ours and PyTorch's.

    Both read a one-hot (N, T, V) chunk; the two are timed in alternation, ``rounds`` times
    ``reps`` steps each, so that a load that comes and goes hits both alike.
    """
    from rnnlib.data import one_hot
    from rnnlib.optim import Adam
    ids = np.random.default_rng(0).integers(0, V, size=(N, T + 1))
    from rnnlib.model import _CELLS
    out = {}
    for cell in [c for c in ("rnn", "lstm", "gru") if c in _CELLS]:   # the GRU once it exists
        model = rnnlib.ManyToMany(V, H, cell=cell, seed=0)
        opt = Adam(model.params, lr=0.002, clip=5.0)

        def ours():
            _, grads, _ = model.loss_and_state(one_hot(ids[:, :-1], V), ids[:, 1:])
            opt.step(grads)
        runs = {"ours": ours}
        if torch is not None and cell in ("rnn", "lstm"):   # (torch_char_model: no GRU yet)
            layer, linear = torch_char_model(torch, model)
            params = [*layer.parameters(), *linear.parameters()]
            t_opt = torch.optim.Adam(params, lr=0.002)

            def theirs():
                torch_loss_and_grads(torch, layer, linear, one_hot(ids[:, :-1], V),
                                     ids[:, 1:])
                torch.nn.utils.clip_grad_norm_(params, 5.0)
                t_opt.step()
            runs["torch"] = theirs
        out[cell] = interleaved_ms(runs, reps, rounds)
    return out


def char_model_section(torch):
    print("\nCharacter language model (notebook 08): ManyToMany")
    if torch is not None:
        for cell in ("rnn", "lstm"):
            diffs, same, gap = compare_many_to_many(torch, cell)
            print(f"{cell:4s} vs torch (float64): max|diff| "
                  + "  ".join(f"{k} {v:.1e}" for k, v in diffs.items())
                  + f"\n     sample(T=1e-3, 100 tokens) == torch argmax: {same}"
                  f" (smallest top-2 score gap {gap:.3f})")
    for cell, ms in train_step_ms(torch).items():
        line = f"{cell:4s} training step N=32 T=32 H=128 V=75: ours {ms['ours']:6.2f} ms"
        if "torch" in ms:
            line += (f"  torch (2 threads) {ms['torch']:6.2f} ms  "
                     f"ours/torch {ms['ours'] / ms['torch']:4.2f}")
        print(line)



def phases(cell, N, T, D, H, reps):
    """{phase: ms} of our forward + backward, each phase timed alone at its shapes."""
    G = 4 if cell == "lstm" else 1
    p = inputs(cell, N, T, D, H, np.random.default_rng(0))
    x, h0, Wx, Wh, b, dh = p["x"], p["h0"], p["Wx"], p["Wh"], p["b"], p["dh"]
    forward, backward = ((rnnlib.rnn_forward, rnnlib.rnn_backward) if cell == "rnn"
                         else (rnnlib.lstm_forward, rnnlib.lstm_backward))
    h, cache = forward(x, h0, Wx, Wh, b)
    buf, out = np.empty((N, G * H)), np.empty((N, H))
    work = np.empty((N, T, G * H))

    def step_gemms():
        for t in range(T):
            np.dot(h[:, t], Wh, out=buf)

    def gate_math():
        work[:] = 0.1
        s = _gate_scale(H, work.dtype) if cell == "lstm" else None
        for t in range(T):
            a = work[:, t]
            a += buf
            if cell == "rnn":
                np.tanh(a, out=a)
            else:                                 # the gates and c_t, h_t, as lstm_forward
                _gates_inplace(a, H, s)
                c_t = a[:, H:2 * H] * out
                c_t += a[:, :H] * a[:, 2 * H:3 * H]
                np.multiply(a[:, 3 * H:], np.tanh(c_t), out=out)

    da = np.full((N, T, G * H), 0.01)
    flat = da.reshape(N * T, G * H)

    def back_gemms():
        for t in range(T - 1, -1, -1):
            np.dot(da[:, t], Wh.T, out=out)

    runs = {"forward": lambda: forward(x, h0, Wx, Wh, b),
            "backward": lambda: backward(dh, cache),
            "input GEMM x @ Wx, all steps": lambda: matmul(x.reshape(N * T, D), Wx),
            "T step GEMMs h @ Wh": step_gemms,
            "gate / state arithmetic": gate_math,
            "copy of h returned": h.copy,
            "T step GEMMs da @ Wh.T": back_gemms,
            "dx GEMM": lambda: matmul(flat, Wx.T),
            "dWx GEMM": lambda: x.reshape(N * T, D).T @ flat,
            "dWh GEMM (sum_prev_outer)": lambda: sum_prev_outer(h0, h, da),
            "db sum": lambda: flat.sum(axis=0)}
    ms = interleaved_ms(runs, reps, rounds=3)     # a load that comes and goes hits all alike
    total_f, total_b = ms.pop("forward"), ms.pop("backward")
    names = list(ms)
    f = {k: ms[k] for k in names[:4]}
    bw = {k: ms[k] for k in names[4:]}
    f["rest (validation, allocation, Python)"] = total_f - sum(f.values())
    bw["rest (gate gradients, carries, validation)"] = total_b - sum(bw.values())
    return total_f, f, total_b, bw


def train_phases(cell, N=32, T=32, H=128, V=75, reps=20):
    """{phase: ms} of one training step of notebook 08's ManyToMany, each phase alone."""
    from rnnlib.data import one_hot
    from rnnlib.losses import temporal_softmax_loss
    from rnnlib.model import _CELLS
    from rnnlib.optim import Adam
    ids = np.random.default_rng(0).integers(0, V, size=(N, T + 1))
    X, Y = one_hot(ids[:, :-1], V), ids[:, 1:]
    model = rnnlib.ManyToMany(V, H, cell=cell, seed=0)
    p = model.params
    opt = Adam({k: v.copy() for k, v in p.items()}, lr=0.002, clip=5.0)
    h, cache, _ = model._recurrent("loss", X, None)
    h_flat = h.reshape(N * T, H)
    scores = (h_flat @ p["Wy"] + p["by"]).reshape(N, T, V)
    _, dscores = temporal_softmax_loss(scores, Y)
    dscores = dscores.reshape(N * T, V)
    dh = (dscores @ p["Wy"].T).reshape(h.shape)
    _, grads = model.loss(X, Y)
    runs = {"whole step (loss_and_state + Adam.step)":
            lambda: opt.step(model.loss_and_state(X, Y)[1]),
            "recurrent forward": lambda: model._recurrent("loss", X, None),
            "output layer + softmax loss": lambda: temporal_softmax_loss(
                (h_flat @ p["Wy"] + p["by"]).reshape(N, T, V), Y),
            "recurrent backward (its dx unused)": lambda: _CELLS[cell][1](dh, cache),
            "output layer backward": lambda: (dscores @ p["Wy"].T, h_flat.T @ dscores,
                                              dscores.sum(axis=0)),
            "clipping + Adam": lambda: opt.step(grads)}
    out = interleaved_ms(runs, reps, rounds=3)
    return out


def profile_section():
    print("\nWhere the time goes (ms, each phase timed alone, all in alternation; "
          "'rest' = total - phases)")
    for cell in ("rnn", "lstm"):
        for label, N, T, D, H in SIZES:
            total_f, f, total_b, bw = phases(cell, N, T, D, H, 10 if label == "classroom" else 3)
            print(f"{cell} N={N} T={T} D=H={H}: forward {total_f:.2f}, backward {total_b:.2f}")
            for name, ms in list(f.items()) + list(bw.items()):
                print(f"    {'fwd' if name in f else 'bwd'} {name:44s} {ms:8.2f}")
    from rnnlib.model import _CELLS
    for cell in [c for c in ("rnn", "lstm", "gru") if c in _CELLS]:
        print(f"{cell} training step N=32 T=32 H=128 V=75:")
        for name, ms in train_phases(cell).items():
            print(f"    {name:48s} {ms:8.2f}")


if __name__ == "__main__":
    main()
