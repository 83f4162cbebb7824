"""Speed of rnnlib's RNN, LSTM and GRU, forward plus backward, in float64.

    python benchmarks/bench_rnn.py

For each size it prints milliseconds per forward+backward call (median of several), the
bound set by this machine's float64 matrix-multiply rate (the time the forward and backward
matrix products alone would take at that rate) and our time over that bound. When PyTorch is
installed it also times ``nn.RNN``/``nn.LSTM``/``nn.GRU`` on the same work, prints our time
over theirs, and checks that both give the same outputs and gradients (max absolute
difference).

Then the character language model of notebook 08: ``ManyToMany`` against ``nn.RNN``/
``nn.LSTM``/``nn.GRU`` + ``nn.Linear`` + ``F.cross_entropy`` (loss, every gradient, and greedy
decoding against ``sample`` at temperature 1e-3), and the time of one training step (forward,
backward, Adam with clipping) at N = 32, T = 32, H = 128, V = 75, ours and PyTorch's on 2
threads, for each cell.
The machine is described first (benchmarks/machine.py: CPU, BLAS and the kernel it uses,
GEMM rate, PyTorch). PyTorch belongs in a virtual environment of its own, never the course's:
``RNN_COURSE_TORCH_VENV=/path/to/venv`` makes it importable here (``make bench`` passes it).
Ours and PyTorch's are timed in alternation (``ROUNDS`` rounds of a few calls each, the
median of the round medians), so that a load that comes and goes hits both alike. The same
alternation times each phase of our forward + backward, printed last as a profile whose
total is the table's rnnlib time (one measurement, one number): every matrix product alone
(with its GFLOP/s:
the small per-step products run well below the 1024^3 rate, which is why the time stays
above the bound), the allocation of the large arrays, the validation, and the rest
(elementwise gate arithmetic, copies, Python); and of a training step.
On a machine shared with other jobs, OpenBLAS's two threads wait for each other at every
step's small product: the times then grow many-fold. Take numbers when ``uptime`` shows a
load below the core count. Numbers only: nothing here is a test.
"""
import time

import numpy as np

import rnnlib

try:
    from machine import describe, import_torch, matmul_rate
except ImportError:                               # imported from elsewhere than benchmarks/
    from benchmarks.machine import describe, import_torch, matmul_rate

SIZES = [("classroom", 32, 50, 64, 64), ("larger", 64, 100, 256, 256)]
GEMM = "1024^3 matrix product, the bound's rate"
ROUNDS = 5                                        # rounds of the alternation
REPS = {"classroom": 10, "larger": 3}             # timed calls per run and round


def median_ms(fn, reps):
    """Median ms of ``reps`` calls of ``fn``, after one call not timed (the warm-up)."""
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
    print("\nForward + backward, float64 (ms; bound = the matrix products alone at the 1024^3 "
          "rate, timed in the same alternation as each row: its GEMM column)")
    print("| cell N, T, D = H | rnnlib | torch | rnnlib / torch | rnnlib / bound "
          "| GEMM GFLOP/s | max abs diff |")
    print("|---|---|---|---|---|---|---|")
    profiles = []
    for cell in cells():
        for label, N, T, D, H in SIZES:
            # one alternation for the table and the profile: the same calls, warm-up,
            # repetitions and medians, so both quote the same rnnlib time
            total, parts, ms, diff, rate = measure(torch, cell, N, T, D, H, REPS[label])
            bound = 1e3 * gemm_flops(N, T, D, H, GATES[cell]) / rate
            t_ms, ratio = "-", "-"
            if "torch" in ms:
                t_ms, ratio = f"{ms['torch']:.2f}", f"{total / ms['torch']:.2f}"
            print(f"| {cell} {N}, {T}, {D} | {total:.2f} | {t_ms} | {ratio} "
                  f"| {total / bound:.2f} | {rate / 1e9:.1f} | {diff} |", flush=True)
            profiles.append((cell, N, T, D, H, total, parts, rate))
    char_model_section(torch)
    profile_section(profiles)


def torch_char_model(torch, model):
    """nn.RNN/nn.LSTM/nn.GRU (batch_first, float64) + nn.Linear holding ``model``'s weights.

    PyTorch stores W as (out, in), the transpose of ours, and has two biases: ours goes in
    ``bias_ih``, zeros in ``bias_hh`` (the GRU has both: ``b`` and ``bh``). Its gate orders
    are ours: i, f, g, o for the LSTM, r, z, n for the GRU.
    """
    p = model.params
    V, H = model.vocab_size, model.hidden_dim
    layer = {"rnn": lambda: torch.nn.RNN(V, H, nonlinearity="tanh", batch_first=True),
             "lstm": lambda: torch.nn.LSTM(V, H, batch_first=True),
             "gru": lambda: torch.nn.GRU(V, H, batch_first=True)}[model.cell]().double()
    linear = torch.nn.Linear(H, V).double()
    with torch.no_grad():
        layer.weight_ih_l0.copy_(torch.from_numpy(p["Wx"].T))
        layer.weight_hh_l0.copy_(torch.from_numpy(p["Wh"].T))
        layer.bias_ih_l0.copy_(torch.from_numpy(p["b"]))
        if "bh" in p:
            layer.bias_hh_l0.copy_(torch.from_numpy(p["bh"]))
        else:
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
    grads = {"Wx": layer.weight_ih_l0.grad.numpy().T, "Wh": layer.weight_hh_l0.grad.numpy().T,
             "b": layer.bias_ih_l0.grad.numpy(),
             "Wy": linear.weight.grad.numpy().T, "by": linear.bias.grad.numpy()}
    if isinstance(layer, torch.nn.GRU):
        grads["bh"] = layer.bias_hh_l0.grad.numpy()
    return loss.item(), grads


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
        if torch is not None:
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
        from rnnlib.model import _CELLS
        for cell in [c for c in ("rnn", "lstm", "gru") if c in _CELLS]:
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



def gemm_phases(cell, N, T, D, H):
    """{phase: (FLOPs, fn)}: every matrix product of our forward + backward, alone.

    The shapes and memory layouts are the ones the code uses: the loops of all three cells
    read step t's rows ``h[t]`` of a time-major (T, N, .) array; x @ Wx, dx, dWx and dWh are
    single products over the T*N rows of the flat views of time-major arrays (x is copied
    time-major once, in the forward). Each product writes into a preallocated output: the
    time of the arithmetic alone.
    """
    W = GATES[cell] * H
    GH = f"{GATES[cell]}H" if GATES[cell] > 1 else "H"
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N, T, D))
    h = rng.normal(size=(T, N, H))
    da = rng.normal(size=(T, N, W))
    Wx, Wh = rng.normal(size=(D, W)), rng.normal(size=(H, W))
    Wh_T = np.ascontiguousarray(Wh.T)
    buf_w, buf_h = np.empty((N, W)), np.empty((N, H))
    out = {"x": np.empty((T * N, W)), "dx": np.empty((T * N, D)), "dWx": np.empty((D, W)),
           "dWh": np.empty((H, W))}
    h_flat, da_flat = h.reshape(T * N, H), da.reshape(T * N, W)
    x_tm = x.transpose(1, 0, 2).reshape(T * N, D)    # the time-major copy the forward makes

    def step_gemms():
        for t in range(T):
            np.dot(h[t], Wh, out=buf_w)

    def back_step_gemms():
        for t in range(T - 1, -1, -1):
            np.dot(da[t], Wh_T, out=buf_h)

    return {
        f"fwd input GEMM (NT, D) @ (D, {GH}), all steps":
            (2 * N * T * D * W, lambda: np.matmul(x_tm, Wx, out=out["x"])),
        f"fwd T step GEMMs (N, H) @ (H, {GH})": (2 * N * T * H * W, step_gemms),
        f"bwd T step GEMMs (N, {GH}) @ ({GH}, H)":
            (2 * N * T * H * W, back_step_gemms),
        "bwd dx GEMM": (2 * N * T * D * W,
                        lambda: np.matmul(da_flat, Wx.T, out=out["dx"])),
        "bwd dWx GEMM": (2 * N * T * D * W, lambda: np.matmul(x_tm.T, da_flat, out=out["dWx"])),
        "bwd dWh GEMM": (2 * N * T * H * W, lambda: np.matmul(h_flat.T, da_flat, out=out["dWh"])),
    }


def allocated_shapes(cell, N, T, D, H):
    """The large arrays one forward + backward call of ``cell`` allocates (cache and results)."""
    NTH, NTD = (N, T, H), (N, T, D)
    if cell == "rnn":          # x time-major, h (cache), its copy returned; da, dx
        return [NTD, NTH, NTH, NTH, NTD]
    if cell == "lstm":         # gates, c, tanh(c), h, h returned, x time-major; da, dx
        return [(N, T, 4 * H), NTH, NTH, NTH, NTH, (N, T, 4 * H), NTD, NTD]
    # gru: gates, ahn, h, h returned, x time-major; dax, dah, dx
    return [(N, T, 3 * H), NTH, NTH, NTH, (N, T, 3 * H), (N, T, 3 * H), NTD, NTD]


def measure(torch, cell, N, T, D, H, reps, rounds=ROUNDS):
    """Ours, PyTorch's and each phase of ours, timed in one alternation.

    Returns (total ms of our forward + backward, {phase: (ms, FLOPs or None)}, {run: ms},
    max abs difference to PyTorch or "-", FLOP/s of a 1024^3 matrix product timed in the same
    alternation: the rate of this size's bound, so that a machine whose speed drifts, as
    shared ones do, moves the bound with the times it divides). Every run (ours, torch, every phase) gets the same
    warm-up call, ``reps`` timed calls per round, ``rounds`` rounds, and the median of the
    round medians (:func:`interleaved_ms`), so a load that comes and goes hits all alike and
    the table and the profile quote the same number.

    The phases: the matrix products (:func:`gemm_phases`), the allocation and first touch of
    the large arrays (:func:`allocated_shapes`), the validation of the inputs (shapes, and a
    pass over every value for NaN and infinity) and of the upstream gradient; the rest of
    the total is the elementwise gate arithmetic, the copies and Python.
    """
    from rnnlib._validate import upstream, validate
    p = inputs(cell, N, T, D, H, np.random.default_rng(0))
    gemms = gemm_phases(cell, N, T, D, H)
    shapes = allocated_shapes(cell, N, T, D, H)
    spec = {"Wx": ("D", "GH"), "Wh": ("H", "GH"), "b": ("GH",), "x": ("N", "T", "D"),
            "h0": ("N", "H")}

    def allocate():
        for shape in shapes:
            np.empty(shape).fill(0.0)

    def check():
        validate("bench", spec, x=p["x"], h0=p["h0"], Wx=p["Wx"], Wh=p["Wh"], b=p["b"])
        upstream("bench", "dh", p["dh"], np.float64, (N, T, H), ("N", "T", "H"))

    runs = {"ours": ours(cell, p)}
    if torch is not None:
        runs["torch"] = theirs(torch, cell, p)
    runs.update({k: fn for k, (_, fn) in gemms.items()})
    runs["allocation and first touch of the large arrays"] = allocate
    runs["validation of inputs and upstream gradient"] = check
    A, C = np.random.default_rng(1).normal(size=(1024, 1024)), np.empty((1024, 1024))
    runs[GEMM] = lambda: np.matmul(A, A, out=C)        # the rate of the bound, alongside
    ms = interleaved_ms(runs, reps, rounds)
    rate = 2 * 1024 ** 3 / (ms.pop(GEMM) / 1e3)
    diff = "-"
    if torch is not None:
        diff = "{:.1e}".format(max(float(np.max(np.abs(a - b)))
                                   for a, b in zip(runs["ours"](), runs["torch"]())))
    total = ms["ours"]
    parts = {k: (v, gemms[k][0] if k in gemms else None) for k, v in ms.items()
             if k not in ("ours", "torch")}
    parts["rest: elementwise gate arithmetic, copies, Python"] = (
        total - sum(v for v, _ in parts.values()), None)
    return total, parts, {k: ms[k] for k in ("ours", "torch") if k in ms}, diff, rate


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
            "recurrent backward (input_grad=False)":
                lambda: _CELLS[cell][1](dh, cache, input_grad=False),
            "output layer backward": lambda: (dscores @ p["Wy"].T, h_flat.T @ dscores,
                                              dscores.sum(axis=0)),
            "clipping + Adam": lambda: opt.step(grads)}
    out = interleaved_ms(runs, reps, rounds=3)
    return out


def profile_section(profiles):
    """Print the profile of every cell and size (from :func:`measure`) and of a training step."""
    print("\nWhere the time goes (ms; the same alternation as the table, so its total is the "
          "table's rnnlib time; every phase timed alone, the matrix products into "
          "preallocated outputs, with their rate; 'rest' = total - phases)")
    for cell, N, T, D, H, total, parts, rate in profiles:
        bound = 1e3 * gemm_flops(N, T, D, H, GATES[cell]) / rate
        gemm_ms = sum(ms for ms, flops in parts.values() if flops)
        print(f"{cell} N={N} T={T} D=H={H}: forward + backward {total:.2f} ms = "
              f"{total / bound:.2f} x the bound {bound:.2f}; its matrix products alone "
              f"{gemm_ms:.2f} ms = {gemm_ms / bound:.2f} x")
        for name, (ms, flops) in parts.items():
            speed = f"{flops / ms / 1e6:7.1f} GFLOP/s" if flops else ""
            print(f"    {name:52s} {ms:8.2f} {speed}")
    from rnnlib.model import _CELLS
    for cell in [c for c in ("rnn", "lstm", "gru") if c in _CELLS]:
        print(f"{cell} training step N=32 T=32 H=128 V=75:")
        for name, ms in train_phases(cell).items():
            print(f"    {name:48s} {ms:8.2f}")


if __name__ == "__main__":
    main()
