#!/usr/bin/env python3
"""Reference moments of the distance ensemble w(d) = d^-gamma e^(-lambda d), d = 1..N (N = inf allowed), 30 digits.

Independent of the Java method (direct sums + Euler-Maclaurin): N = inf uses a Mellin integral (lambda > 0,
mpmath quad, s-derivatives taken analytically) or Riemann zeta (lambda = 0) and its s-derivatives; finite N uses exact sums (N <= 1e5), Hurwitz zeta differences
(lambda = 0) or the N = inf value when lambda*N > 1e4 (tail below e^-1e4).
Columns: gamma,lambda,n (inf or integer),logZ,meanLogDistance,varLogDistance
Run: python3 make_distance_table.py > distance_reference.csv
"""
import sys
from mpmath import mp, mpf, exp, log, zeta, fsum, nstr, inf, quad, psi, gamma, expm1

mp.dps = 30


def mellin(g, l):
    """sum_d d^-g e^(-l d) (ln d)^k, k = 0, 1, 2, from the Mellin integral
    sum_d d^-s e^(-l d) = 1/Gamma(s) int_0^inf t^(s-1) / (e^(t+l) - 1) dt  (s > 0),
    differentiated in s analytically under the integral (digamma/trigamma), so no numerical differentiation.
    (mpmath's numerical s-derivatives of polylog were found wrong at the 1e-11 level near integer s.)"""
    # 60 working digits and tanh-sinh degree 8: the t^(s-1) endpoint singularity and the cancellation inside the
    # second moment cost digits (checked against float64 direct sums where those are possible)
    with mp.workdps(60):
        s = mpf(g)
        l = mpf(l)
        psi0, psi1 = psi(0, s), psi(1, s)
        K = lambda t: t ** (s - 1) / expm1(t + l) if t + l > 0 else mpf(0)
        pts = [mpf(0)] + [mpf(10) ** k for k in range(-10, 3)] + [inf]
        pts = sorted(set(pts + [l, 10 * l]))
        i0 = quad(K, pts, maxdegree=8)
        i1 = quad(lambda t: K(t) * (log(t) - psi0), pts, maxdegree=8)
        i2 = quad(lambda t: K(t) * ((log(t) - psi0) ** 2 - psi1), pts, maxdegree=8)
        G = gamma(s)
        return +(i0 / G), -(i1 / G), +(i2 / G)


def moments(g, l, n):
    g, l = mpf(g), mpf(l)
    if n == "inf":
        if l == 0:
            s0, s1, s2 = zeta(g), -zeta(g, 1, 1), zeta(g, 1, 2)
        elif g == 0:
            # direct sum (only for lambda >= 0.01: 40/lambda terms reach e^-40 below 30 digits... and more)
            D = int(90 / l) + 1
            z = exp(-l)
            s0 = z / (1 - z)
            s1 = fsum(log(d) * z ** d for d in range(2, D))
            s2 = fsum(log(d) ** 2 * z ** d for d in range(2, D))
        else:
            s0, s1, s2 = mellin(g, l)
    else:
        N = int(n)
        if N <= 100000:
            ws = [(mpf(d) ** -g * exp(-l * d), log(d)) for d in range(1, N + 1)]
            s0 = fsum(w for w, _ in ws)
            s1 = fsum(w * L for w, L in ws)
            s2 = fsum(w * L * L for w, L in ws)
        elif l == 0:
            # Hurwitz-zeta differences with mpmath's own s-derivatives
            s0 = zeta(g) - zeta(g, N + 1)
            s1 = -(zeta(g, 1, 1) - zeta(g, N + 1, 1))
            s2 = zeta(g, 1, 2) - zeta(g, N + 1, 2)
        else:
            # the tail beyond N is below e^(-lambda N) <= e^(-1e7): far below 30 digits, so N = inf values apply
            assert l * N > 1e4
            s0, s1, s2 = mellin(g, l) if g != 0 else (None, None, None)
            if g == 0:
                return moments("0", l, "inf")
    mean = s1 / s0
    return log(s0), mean, s2 / s0 - mean ** 2


rows = []
for g in ("0", "0.3", "0.9", "0.99", "1", "1.01", "1.1", "1.5", "2", "3.5"):
    for l in ("0", "1e-8", "1e-4", "0.01", "0.3", "2", "8"):
        for n in ("inf", "10", "1000", "100000", "1000000000"):
            if n == "inf" and float(l) == 0 and float(g) <= 1:
                continue
            if n in ("inf", "1000000000") and float(g) == 0 and 0 < float(l) < 0.01:
                continue  # direct sum too long; gamma = 0.3 covers small lambda
            if n == "1000000000" and float(g) == 1 and float(l) == 0:
                continue  # zeta difference is singular at s = 1
            if n == "1000000000" and float(l) * 1e9 <= 1e4 and float(l) != 0:
                continue  # tail neither zero nor cheap: covered by the N = 1e5 rows
            if n == "100000" and l not in ("0", "1e-4"):
                continue  # keep the table quick to make
            rows.append((g, l, n))

out = sys.stdout
out.write("gamma,lambda,n,logZ,meanLogDistance,varLogDistance\n")
for g, l, n in rows:
    vals = moments(g, l, n)
    out.write(",".join([g, l, n] + [nstr(v, 25, min_fixed=0, max_fixed=0) for v in vals]) + "\n")
    out.flush()
    print(g, l, n, file=sys.stderr, flush=True)
