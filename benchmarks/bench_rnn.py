"""Speed of rnnlib's RNN and LSTM, forward plus backward, in float64.

    python benchmarks/bench_rnn.py

For each size it prints milliseconds per forward+backward call (median of several), the
bound set by this machine's float64 matrix-multiply rate (the time the forward and backward
matrix products alone would take at that rate) and our time over that bound. When PyTorch is
installed it also times ``nn.RNN``/``nn.LSTM`` on the same work, prints our time over theirs,
and checks that both give the same outputs and gradients (max absolute difference).
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


if __name__ == "__main__":
    main()
