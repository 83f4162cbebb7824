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
Numbers only: nothing here is a test.
"""
import time

import numpy as np

import rnnlib

SIZES = [("classroom", 32, 50, 64, 64), ("larger", 64, 100, 256, 256)]


def median_ms(fn, reps):
    fn()                                          # warm up
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def matmul_rate():
    """float64 FLOP/s of one large matrix product on this machine."""
    A = np.random.default_rng(0).normal(size=(1024, 1024))
    return 2 * 1024 ** 3 / (median_ms(lambda: A @ A, 5) / 1e3)


def gemm_flops(N, T, D, H, gates):
    """FLOPs of every matrix product of forward + backward (W = gates * H columns).

    forward: x @ Wx (N T D W), h @ Wh (N T H W); backward: dx, dWx (2 N T D W),
    dh_prev and dWh (2 N T H W). Each multiply-add counts 2.
    """
    W = gates * H
    return 2 * (3 * N * T * D * W + 3 * N * T * H * W)


def inputs(cell, N, T, D, H, rng):
    W = 4 * H if cell == "lstm" else H
    return dict(x=rng.normal(size=(N, T, D)), h0=rng.normal(size=(N, H)),
                Wx=rng.normal(scale=D ** -0.5, size=(D, W)),
                Wh=rng.normal(scale=H ** -0.5, size=(H, W)),
                b=rng.normal(scale=0.1, size=W), dh=rng.normal(size=(N, T, H)))


def ours(cell, p):
    forward, backward = ((rnnlib.rnn_forward, rnnlib.rnn_backward) if cell == "rnn"
                         else (rnnlib.lstm_forward, rnnlib.lstm_backward))

    def run():
        h, cache = forward(p["x"], p["h0"], p["Wx"], p["Wh"], p["b"])
        return (h,) + backward(p["dh"], cache)
    return run


def theirs(cell, p):
    """The same computation in PyTorch (weights copied in, transposed to its convention)."""
    import torch
    D, H = p["x"].shape[2], p["h0"].shape[1]
    layer = (torch.nn.RNN(D, H, nonlinearity="tanh", batch_first=True) if cell == "rnn"
             else torch.nn.LSTM(D, H, batch_first=True)).double()
    with torch.no_grad():
        layer.weight_ih_l0.copy_(torch.from_numpy(p["Wx"].T))
        layer.weight_hh_l0.copy_(torch.from_numpy(p["Wh"].T))
        layer.bias_ih_l0.copy_(torch.from_numpy(p["b"]))
        layer.bias_hh_l0.zero_()
    x = torch.from_numpy(p["x"]).requires_grad_()
    h0 = torch.from_numpy(p["h0"])[None].clone().requires_grad_()
    dh = torch.from_numpy(p["dh"])

    def run():
        for t in (x, h0, *layer.parameters()):
            t.grad = None
        state = h0 if cell == "rnn" else (h0, torch.zeros_like(h0))
        h, _ = layer(x, state)
        h.backward(dh)
        return (h.detach().numpy(), x.grad.numpy(), h0.grad[0].numpy(),
                layer.weight_ih_l0.grad.numpy().T, layer.weight_hh_l0.grad.numpy().T,
                layer.bias_ih_l0.grad.numpy())
    return run, torch


def main():
    rate = matmul_rate()
    print(f"float64 matrix multiply on this machine: {rate / 1e9:.1f} GFLOP/s")
    try:
        import torch  # noqa: F401
        have_torch = True
    except ImportError:
        have_torch = False
        print("PyTorch is not installed: timing rnnlib only")
    for cell in ("rnn", "lstm"):
        for label, N, T, D, H in SIZES:
            p = inputs(cell, N, T, D, H, np.random.default_rng(0))
            reps = 20 if label == "classroom" else 5
            ms = median_ms(ours(cell, p), reps)
            bound = 1e3 * gemm_flops(N, T, D, H, 4 if cell == "lstm" else 1) / rate
            line = (f"{cell:4s} {label:9s} N={N} T={T} D={D} H={H}: {ms:8.2f} ms"
                    f"  bound {bound:7.2f} ms  ours/bound {ms / bound:4.2f}")
            if have_torch:
                run, torch = theirs(cell, p)
                torch.set_num_threads(torch.get_num_threads())
                t_ms = median_ms(run, reps)
                diff = max(float(np.max(np.abs(a - b)))
                           for a, b in zip(ours(cell, p)(), run()))
                line += f"  torch {t_ms:8.2f} ms  ours/torch {ms / t_ms:4.2f}  max|diff| {diff:.1e}"
            print(line)
    char_model_section(have_torch)


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
    out = {}
    for cell in ("rnn", "lstm"):
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
        times = {k: [] for k in runs}
        for _ in range(rounds):
            for k, run in runs.items():
                times[k].append(median_ms(run, reps))
        out[cell] = {k: float(np.median(v)) for k, v in times.items()}
    return out


def char_model_section(have_torch):
    print("\nCharacter language model (notebook 08): ManyToMany")
    torch = None
    if have_torch:
        import torch
        torch.set_num_threads(2)
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


if __name__ == "__main__":
    main()
