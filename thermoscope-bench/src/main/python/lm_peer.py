#!/usr/bin/env python3
"""PyTorch-eager peer of thermoscope-train's CausalLm + AdamW (io.thermoscope.train.lm), for the tokens/s comparison
in docs/benchmarks.md. Same model, same ops: byte embedding (row lookup), pre-LN blocks, q/k/v projections without
bias, interleaved RoPE (x*cos + rot(x)*sin, rot = pair swap times (-1, +1)), scores q k^T / sqrt(d_k) + causal mask
(-1e9), softmax, GELU (erf) MLP, final LN, untied unembedding to 256 logits, mean next-byte cross-entropy over every
position; torch.optim.AdamW with decay on the weight matrices only; float32, CPU, eager. Windows are random bytes
(throughput does not depend on the data). Not a runtime dependency. Needs python3-torch.

usage: lm_peer.py LAYERS D_MODEL HEADS CONTEXT BATCH THREADS STEPS
Prints: tokens per second of wall time and per CPU-second over STEPS timed steps after 5 warm-up steps, and the fp32
matmul peak (1024^3) at THREADS.
"""
import math
import os
import sys
import time

if len(sys.argv) > 6:  # pin BLAS/OpenMP pools before torch loads
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = sys.argv[6]

import torch  # noqa: E402


class Model(torch.nn.Module):
    def __init__(self, L, d, h, ctx):
        super().__init__()
        self.L, self.d, self.h, self.dk = L, d, h, d // h
        g = torch.Generator().manual_seed(0)
        P = lambda *s, std: torch.nn.Parameter(torch.randn(*s, generator=g) * std)
        res = 0.02 / math.sqrt(2 * L)
        self.WE = P(256, d, std=0.02)
        self.blocks = []
        for l in range(L):
            b = dict(g1=torch.nn.Parameter(torch.ones(d)), b1=torch.nn.Parameter(torch.zeros(d)),
                     WQ=P(d, d, std=0.02), WK=P(d, d, std=0.02), WV=P(d, d, std=0.02), WO=P(d, d, std=res),
                     g2=torch.nn.Parameter(torch.ones(d)), b2=torch.nn.Parameter(torch.zeros(d)),
                     Win=P(d, 4 * d, std=0.02), bin=torch.nn.Parameter(torch.zeros(4 * d)),
                     Wout=P(4 * d, d, std=res), bout=torch.nn.Parameter(torch.zeros(d)))
            for k, t in b.items():
                self.register_parameter(f"L{l}_{k}", t)
            self.blocks.append(b)
        self.gf, self.bf = torch.nn.Parameter(torch.ones(d)), torch.nn.Parameter(torch.zeros(d))
        self.WU = P(d, 256, std=0.02)
        theta = [10000 ** (-2 * i / self.dk) for i in range(self.dk // 2)]
        ang = torch.tensor([[m * t for t in theta] for m in range(ctx)], dtype=torch.float64)
        self.cos = torch.cos(ang).repeat_interleave(2, dim=1).float()
        self.sin = torch.sin(ang).repeat_interleave(2, dim=1).float()
        self.sign = torch.tensor([-1.0, 1.0])
        self.mask = torch.triu(torch.full((ctx, ctx), -1e9), diagonal=1)

    def ln(self, x, g, b):
        mu = x.mean(-1, keepdim=True)
        c = x - mu
        return c / (c.square().mean(-1, keepdim=True) + 1e-5).sqrt() * g + b

    def rope(self, x, B, S):
        rot = (x.reshape(B, self.h, S, self.dk // 2, 2).flip(4) * self.sign).reshape(B, self.h, S, self.dk)
        return x * self.cos[:S] + rot * self.sin[:S]

    def forward(self, x):
        B, S = x.shape
        h, dk = self.h, self.dk
        r = self.WE[x]
        for b in self.blocks:
            a = self.ln(r, b["g1"], b["b1"])
            heads = lambda t: t.reshape(B, S, h, dk).transpose(1, 2)
            q, k, v = heads(a @ b["WQ"]), heads(a @ b["WK"]), heads(a @ b["WV"])
            q, k = self.rope(q, B, S), self.rope(k, B, S)
            s = q @ k.transpose(-1, -2) / math.sqrt(dk) + self.mask[:S, :S]
            z = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, S, h * dk)
            r = r + z @ b["WO"]
            m = self.ln(r, b["g2"], b["b2"])
            r = r + torch.nn.functional.gelu(m @ b["Win"] + b["bin"]) @ b["Wout"] + b["bout"]
        return self.ln(r, self.gf, self.bf) @ self.WU


def main():
    L, d, h, ctx, B, threads, steps = (int(a) for a in sys.argv[1:8])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = Model(L, d, h, ctx)
    decayed = [p for n, p in model.named_parameters() if "W" in n and not n.endswith("WE")]
    plain = [p for n, p in model.named_parameters() if not ("W" in n and not n.endswith("WE"))]
    opt = torch.optim.AdamW([{"params": decayed, "weight_decay": 0.1}, {"params": plain, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.95), eps=1e-8)

    def step():
        w = torch.randint(0, 256, (B, ctx + 1))
        logits = model(w[:, :ctx])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, 256), w[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()

    for _ in range(5):
        step()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(steps):
        step()
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    for _ in range(3):
        a @ b
    t1 = time.perf_counter()
    reps = 20
    for _ in range(reps):
        a @ b
    peak = reps * 2 * 1024 ** 3 / (time.perf_counter() - t1)
    print(f"pytorch-eager {torch.__version__} L={L} d={d} heads={h} context={ctx} batch={B} threads={threads} "
          f"steps={steps} tokens/s={steps * B * ctx / sec:.1f} tokens/cpu-s={steps * B * ctx / cpu:.1f} "
          f"matmul-peak-GFLOP/s={peak / 1e9:.2f}")


if __name__ == "__main__":
    main()
