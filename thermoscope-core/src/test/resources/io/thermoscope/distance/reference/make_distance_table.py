#!/usr/bin/env python3
"""Reference moments of the distance ensemble w(d) = d^-gamma e^(-lambda d), d = 1..N (N = inf allowed), 40 digits.

Independent of the Java method (direct sums + Euler-Maclaurin): N = inf uses mpmath's polylog (lambda > 0) or
Riemann zeta (lambda = 0) and their s-derivatives; finite N uses exact sums (N <= 1e5), Hurwitz zeta differences
(lambda = 0) or Lerch-transcendent tails (lambda > 0).
Columns: gamma,lambda,n (inf or integer),logZ,meanLogDistance,varLogDistance
Run: python3 make_distance_table.py > distance_reference.csv
"""
import sys
from mpmath import mp, mpf, exp, log, polylog, zeta, lerchphi, diff, fsum, nstr, inf

mp.dps = 40


def moments(g, l, n):
    g, l = mpf(g), mpf(l)
    if n == "inf":
        if l == 0:
            s0, s1, s2 = zeta(g), -zeta(g, 1, 1), zeta(g, 1, 2)
        else:
            z = exp(-l)
            f = lambda s: polylog(s, z)
            s0, s1, s2 = f(g), -diff(f, g), diff(f, g, 2)
    else:
        N = int(n)
        if N <= 100000:
            ws = [(mpf(d) ** -g * exp(-l * d), log(d)) for d in range(1, N + 1)]
            s0 = fsum(w for w, _ in ws)
            s1 = fsum(w * L for w, L in ws)
            s2 = fsum(w * L * L for w, L in ws)
        elif l == 0:
            f = lambda s: zeta(s) - zeta(s, N + 1)
            s0, s1, s2 = f(g), -diff(f, g), diff(f, g, 2)
        else:
            z = exp(-l)
            f = lambda s: polylog(s, z) - z ** (N + 1) * lerchphi(z, s, N + 1)
            s0, s1, s2 = f(g), -diff(f, g), diff(f, g, 2)
    mean = s1 / s0
    return log(s0), mean, s2 / s0 - mean ** 2


rows = []
for g in ("0", "0.3", "0.9", "0.99", "1", "1.01", "1.1", "1.5", "2", "3.5"):
    for l in ("0", "1e-8", "1e-4", "0.01", "0.3", "2", "8"):
        for n in ("inf", "10", "1000", "100000", "1000000000"):
            if n == "inf" and float(l) == 0 and float(g) <= 1:
                continue
            if n == "1000000000" and float(g) == 1 and float(l) == 0:
                continue  # zeta difference is singular at s = 1
            if n == "100000" and l not in ("0", "1e-4"):
                continue  # keep the table quick to make
            rows.append((g, l, n))

out = sys.stdout
out.write("gamma,lambda,n,logZ,meanLogDistance,varLogDistance\n")
for g, l, n in rows:
    vals = moments(g, l, n)
    out.write(",".join([g, l, n] + [nstr(v, 25, min_fixed=0, max_fixed=0) for v in vals]) + "\n")
    out.flush()
