#!/usr/bin/env python3
"""PyTorch-eager peer of thermoscope-train, for the run-steps/s comparison (docs/benchmarks.md, TrainThroughput).
The model a PyTorch user would write for the same runs: token (row lookup) + position embeddings, pre-LN or no LN,
causal softmax(q k^T / sqrt(d_k)) over every position, ReLU MLP, logits at the last position; cross-entropy;
torch.optim.AdamW; float32, CPU. The runs train one after another, each its own model and optimiser.
Not a runtime dependency. Needs Debian's python3-torch and libopenblas0-pthread (run with /usr/bin/python3).

usage: train_peer.py PRESET P THREADS STEPS RUNS
  presets: fast  (1 layer, d 64, 4 heads, mlp 256, no LN, full batch, lr 3e-3, wd 1, 40 % train)
           paper (2 layers, d 128, 4 heads, mlp 512, pre-LN, batch 512, lr 3e-4, wd 0.1, 50 % train)
Prints one line: run-steps/s over RUNS x STEPS timed steps (20 untimed warm-up steps per run).
"""
import math
import os
import sys
import time

if len(sys.argv) > 3:  # pin BLAS/OpenMP pools before torch loads: Debian's OpenBLAS ignores torch.set_num_threads
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = sys.argv[3]

import torch  # noqa: E402

PRESETS = {
    "fast": dict(layers=1, d=64, heads=4, mlp=256, ln=False, lr=3e-3, wd=1.0, betas=(0.9, 0.98), batch=0, frac=0.4),
    "paper": dict(layers=2, d=128, heads=4, mlp=512, ln=True, lr=3e-4, wd=0.1, betas=(0.9, 0.999), batch=512, frac=0.5),
}


class Model(torch.nn.Module):
    def __init__(self, p, c, seed):
        super().__init__()
        d, h, m, v = c["d"], c["heads"], c["mlp"], p + 1
        self.c, self.h, self.dk = c, h, d // h
        g = torch.Generator().manual_seed(seed)

        def param(*s, std):
            return torch.nn.Parameter(torch.randn(*s, generator=g) * std)

        self.WE, self.Wpos = param(v, d, std=d ** -0.5), param(3, d, std=d ** -0.5)
        self.blocks = []
        for layer in range(c["layers"]):
            b = dict(WQ=param(d, d, std=d ** -0.5), WK=param(d, d, std=d ** -0.5), WV=param(d, d, std=d ** -0.5),
                     WO=param(d, d, std=d ** -0.5), Win=param(d, m, std=d ** -0.5), bin=param(m, std=0.0),
                     Wout=param(m, d, std=m ** -0.5), bout=param(d, std=0.0))
            if c["ln"]:
                b.update(g1=torch.nn.Parameter(torch.ones(d)), b1=torch.nn.Parameter(torch.zeros(d)),
                         g2=torch.nn.Parameter(torch.ones(d)), b2=torch.nn.Parameter(torch.zeros(d)))
            for k, t in b.items():
                self.register_parameter(f"L{layer}_{k}", t)
            self.blocks.append(b)
        if c["ln"]:
            self.gf, self.bf = torch.nn.Parameter(torch.ones(d)), torch.nn.Parameter(torch.zeros(d))
        self.WU = param(d, p, std=d ** -0.5)
        self.register_buffer("mask", torch.triu(torch.full((3, 3), -1e9), 1))

    @staticmethod
    def ln(x, g, b):
        mu = x.mean(-1, keepdim=True)
        c = x - mu
        var = (c * c).mean(-1, keepdim=True)
        return c / torch.sqrt(var + 1e-5) * g + b

    def forward(self, x):
        n, h, dk = x.shape[0], self.h, self.dk
        r = self.WE[x] + self.Wpos
        for b in self.blocks:
            a = self.ln(r, b["g1"], b["b1"]) if self.c["ln"] else r
            q = (a @ b["WQ"]).reshape(n, 3, h, dk).transpose(1, 2)
            k = (a @ b["WK"]).reshape(n, 3, h, dk).transpose(1, 2)
            v = (a @ b["WV"]).reshape(n, 3, h, dk).transpose(1, 2)
            s = (q @ k.transpose(2, 3)) / math.sqrt(dk) + self.mask
            z = (s.softmax(-1) @ v).transpose(1, 2).reshape(n, 3, h * dk)
            r = r + z @ b["WO"]
            m = self.ln(r, b["g2"], b["b2"]) if self.c["ln"] else r
            r = r + torch.relu(m @ b["Win"] + b["bin"]) @ b["Wout"] + b["bout"]
        last = r[:, -1, :]
        if self.c["ln"]:
            last = self.ln(last, self.gf, self.bf)
        return last @ self.WU


def train(c, p, seed, steps):
    """Trains one run for 20 warm-up + STEPS steps; returns the wall seconds of the timed steps."""
    torch.manual_seed(seed)
    n = p * p
    perm = torch.randperm(n)
    ntrain = round(c["frac"] * n)
    idx = perm[:ntrain]
    a, b = idx // p, idx % p
    x = torch.stack([a, b, torch.full_like(a, p)], 1)
    y = ((a + b) % p).unsqueeze(1)
    batch = ntrain if c["batch"] == 0 else min(c["batch"], ntrain)
    model = Model(p, c, seed)
    opt = torch.optim.AdamW(model.parameters(), lr=c["lr"], weight_decay=c["wd"], betas=c["betas"], eps=1e-8)
    spe = max(1, ntrain // batch)
    order = torch.randperm(ntrain)

    def step(s):
        nonlocal order
        if batch == ntrain:
            xb, yb = x, y
        else:
            if s % spe == 0:
                order = torch.randperm(ntrain)
            sel = order[(s % spe) * batch:(s % spe + 1) * batch]
            xb, yb = x[sel], y[sel]
        loss = -model(xb).log_softmax(-1).gather(1, yb).mean()
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        return loss

    for s in range(20):
        step(s)
    t0 = time.perf_counter()
    for s in range(steps):
        loss = step(20 + s)
    loss.item()
    return time.perf_counter() - t0


def main():
    preset, p, threads, steps, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    c = PRESETS[preset]
    c0 = time.process_time()
    wall = sum(train(c, p, seed, steps) for seed in range(runs))
    cpu = time.process_time() - c0
    print(f"python-torch {torch.__version__} preset={preset} p={p} runs={runs} threads={threads} steps={steps} "
          f"wall={wall:.3f}s run-steps/s={runs * steps / wall:.2f} (process cpu incl. set-up {cpu:.1f}s) "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")


if __name__ == "__main__":
    main()
