"""rnnlib's GRU and notebook 09's attention model against PyTorch, in float64 on 2 threads.

PyTorch lives in its own virtual environment, never the project's; as for bench_rnn.py,
``RNN_COURSE_TORCH_VENV`` names it (``make bench`` passes it) and benchmarks/machine.py
imports it after the course's NumPy::

    python3 -m venv /path/torchvenv && /path/torchvenv/bin/pip install torch numpy
    RNN_COURSE_TORCH_VENV=/path/torchvenv .venv/bin/python benchmarks/bench_gru_torch.py

1. ``gru_forward`` / ``gru_backward`` against ``nn.GRU`` on the same weights (rnnlib's blocks
   r, z, n are PyTorch's order; ``weight_ih_l0`` is ``Wx.T``): the largest absolute
   difference of the hidden states and of every gradient, and the time of forward+backward.
2. One training step of the attention model (:class:`rnnlib.seq2seq.Seq2Seq`, the sizes of
   ``rnnlib.train.TRANSLATION``: H = 16, a mini-batch of 64, sources cut to the batch's
   longest, targets of 12 tokens) against the same model written in PyTorch (``nn.GRU``
   encoder and decoder, ``torch.bmm`` attention with the mask, ``nn.Linear`` on [d, c],
   ``F.cross_entropy`` under the target mask, ``torch.optim.Adam`` with the same clipping):
   the loss and gradients compared, then the median time of a step (forward, backward, Adam).
Numbers only: nothing here is a test.

Measured on the course's 2-core machine while it was heavily loaded by other jobs (absolute
times several times the idle ones; the ratios taken side by side in one run): GRU outputs and
gradients equal nn.GRU's to 2.2e-13 or better; forward+backward ours/torch 0.19 (N=64, T=29,
D=43, H=16) and 0.26 (N=32, T=50, D=64, H=64); the attention model's loss equal to 10 digits
and gradients to 3.5e-17; one training step ours/torch 0.34 (1.8 s against 5.3 s under that
load).
"""
import sys
import time

import numpy as np

import rnnlib
from rnnlib.dates import PAD, translation_data
from rnnlib.optim import Adam
from rnnlib.seq2seq import Seq2Seq

try:
    from machine import import_torch
except ImportError:                               # imported from elsewhere than benchmarks/
    from benchmarks.machine import import_torch

torch = import_torch()
if torch is None:
    print("bench_gru_torch: PyTorch not found (install it in a virtual environment of its own "
          "and set RNN_COURSE_TORCH_VENV); nothing to compare")
    sys.exit(0)
F = torch.nn.functional
torch.set_num_threads(2)


def median_ms(fn, reps=20):
    fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * float(np.median(times))


def gru_layer(Wx, Wh, bx, bh):
    D, H = Wx.shape[0], Wh.shape[0]
    layer = torch.nn.GRU(D, H, batch_first=True).double()
    with torch.no_grad():
        layer.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        layer.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        layer.bias_ih_l0.copy_(torch.from_numpy(bx))
        layer.bias_hh_l0.copy_(torch.from_numpy(bh))
    return layer


def compare_gru(N, T, D, H, seed=0):
    rng = np.random.default_rng(seed)
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    Wx = rng.normal(scale=D ** -0.5, size=(D, 3 * H))
    Wh = rng.normal(scale=H ** -0.5, size=(H, 3 * H))
    bx, bh = rng.normal(scale=0.1, size=3 * H), rng.normal(scale=0.1, size=3 * H)
    dh = rng.normal(size=(N, T, H))
    h, cache = rnnlib.gru_forward(x, h0, Wx, Wh, bx, bh)
    ours = rnnlib.gru_backward(dh, cache)
    layer = gru_layer(Wx, Wh, bx, bh)
    xt = torch.from_numpy(x).requires_grad_()
    h0t = torch.from_numpy(h0)[None].clone().requires_grad_()
    out, _ = layer(xt, h0t)
    out.backward(torch.from_numpy(dh))
    theirs = [xt.grad.numpy(), h0t.grad[0].numpy(), layer.weight_ih_l0.grad.numpy().T,
              layer.weight_hh_l0.grad.numpy().T, layer.bias_ih_l0.grad.numpy(),
              layer.bias_hh_l0.grad.numpy()]
    diff = max([float(np.max(np.abs(h - out.detach().numpy())))]
               + [float(np.max(np.abs(a - b))) for a, b in zip(ours, theirs)])

    def run_ours():
        hh, c = rnnlib.gru_forward(x, h0, Wx, Wh, bx, bh)
        rnnlib.gru_backward(dh, c)

    dht = torch.from_numpy(dh)

    def run_theirs():
        layer.zero_grad()
        o, _ = layer(xt, h0t)
        o.backward(dht)
    return diff, median_ms(run_ours), median_ms(run_theirs)


class TorchSeq2Seq(torch.nn.Module):
    """The attention model of rnnlib.seq2seq, in PyTorch, loaded with the same weights."""

    def __init__(self, model):
        super().__init__()
        p = model.params
        self.enc = gru_layer(p["enc_Wx"], p["enc_Wh"], p["enc_b"], p["enc_bh"])
        self.dec = gru_layer(p["dec_Wx"], p["dec_Wh"], p["dec_b"], p["dec_bh"])
        self.out = torch.nn.Linear(*p["Wy"].shape).double()
        with torch.no_grad():
            self.out.weight.copy_(torch.from_numpy(p["Wy"].T))
            self.out.bias.copy_(torch.from_numpy(p["by"]))
        self.Vs, self.V = p["enc_Wx"].shape[0], p["dec_Wx"].shape[0]

    def forward(self, src, tgt):
        N = src.shape[0]
        mask = src != PAD
        lengths = mask.sum(1)
        hs, _ = self.enc(F.one_hot(src, self.Vs).double())
        h_enc = hs[torch.arange(N), lengths - 1][None]
        d, _ = self.dec(F.one_hot(tgt[:, :-1], self.V).double(), h_enc)
        scores = torch.bmm(d, hs.transpose(1, 2)).masked_fill(~mask[:, None, :], float("-inf"))
        context = torch.bmm(torch.softmax(scores, dim=2), hs)
        logits = self.out(torch.cat([d, context], dim=2))
        labels = tgt[:, 1:]
        return F.cross_entropy(logits.reshape(-1, self.V), labels.reshape(-1),
                               ignore_index=PAD)


def compare_step(steps=30):
    R = rnnlib.train.TRANSLATION
    data = translation_data(R.n_train, R.n_test, seed=0)["train"]
    rng = np.random.default_rng(0)
    batches = []
    for _ in range(steps + 1):
        idx = rng.choice(len(data["src"]), size=R.batch_size, replace=False)
        s = data["src"][idx]
        batches.append((s[:, :int((s != PAD).sum(1).max())], data["tgt"][idx]))
    model = Seq2Seq(R.hidden_dim, cell="gru", attention=True, seed=0)
    tmodel = TorchSeq2Seq(model)
    loss, grads = model.loss(*batches[0])
    src_t, tgt_t = (torch.from_numpy(a) for a in batches[0])
    tloss = tmodel(src_t, tgt_t)
    tloss.backward()
    tgrad = {"enc_Wx": tmodel.enc.weight_ih_l0.grad.T, "dec_Wh": tmodel.dec.weight_hh_l0.grad.T,
             "Wy": tmodel.out.weight.grad.T, "dec_bh": tmodel.dec.bias_hh_l0.grad}
    diff = max(float(np.max(np.abs(grads[k] - v.numpy()))) for k, v in tgrad.items())
    print(f"attention model, one mini-batch: loss ours {loss:.10f} torch {tloss.item():.10f}; "
          f"max|grad diff| over {', '.join(tgrad)}: {diff:.1e}")

    opt = Adam(model.params, lr=R.lr, clip=R.clip)
    topt = torch.optim.Adam(tmodel.parameters(), lr=R.lr)
    it = iter(batches * 100)

    def step_ours():
        s, t = next(it)
        _, g = model.loss(s, t)
        opt.step(g)

    torch_batches = [(torch.from_numpy(s), torch.from_numpy(t)) for s, t in batches]
    tit = iter(torch_batches * 100)

    def step_theirs():
        s, t = next(tit)
        topt.zero_grad()
        tmodel(s, t).backward()
        torch.nn.utils.clip_grad_norm_(tmodel.parameters(), R.clip)
        topt.step()

    ours_ms, theirs_ms = median_ms(step_ours, steps), median_ms(step_theirs, steps)
    print(f"training step (H = {R.hidden_dim}, N = {R.batch_size}, S <= 29, T = 11, float64, "
          f"2 threads): ours {ours_ms:.2f} ms, torch {theirs_ms:.2f} ms, "
          f"ours/torch {ours_ms / theirs_ms:.2f}")


def main():
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, float64")
    for N, T, D, H in [(64, 29, 43, 16), (32, 50, 64, 64)]:
        diff, ours_ms, theirs_ms = compare_gru(N, T, D, H)
        print(f"GRU N={N:>3} T={T:>3} D={D:>3} H={H:>3}: max|diff| {diff:.1e}  forward+backward "
              f"ours {ours_ms:7.2f} ms  torch {theirs_ms:7.2f} ms  "
              f"ours/torch {ours_ms / theirs_ms:.2f}")
    compare_step()


if __name__ == "__main__":
    main()
