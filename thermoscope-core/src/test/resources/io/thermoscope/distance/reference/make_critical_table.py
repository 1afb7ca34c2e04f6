#!/usr/bin/env python3
"""Reference values for the distance ensemble near gamma = 1 (lambda = 0, d = 1..N), 30 digits, for
io.thermoscope.distance.CriticalScaling and the distance-phases stage.

1. The two-term asymptote at gamma = 1, L = ln N (sums S_k = sum_{d<=N} ln^k d / d = L^(k+1)/(k+1) + gamma_k + o(1),
   gamma_k the Stieltjes constants):
       Var(ln d) = L^2/12 + gamma_E L/6 - 5 gamma_E^2/12 - gamma_1 + c1/L + O(1/L^2),
       c1 = 2 gamma_E^3/3 + 2 gamma_E gamma_1 + gamma_2.
   It is verified here, before anything relies on it, against the exact Var(ln d) computed by two independent routes:
   (a) Hurwitz-zeta differences sum_{d<=N} d^-s ln^k d = (-1)^k [zeta^(k)(s) - zeta^(k)(s, N+1)] at s = 1 + 1e-40
       (200 digits absorb the cancelling poles, up to 2e120 for k = 2; the shift costs O(1e-40));
   (b) Euler-Maclaurin with 100 exact terms, the integral in closed form and 8 Bernoulli corrections (no zeta at all).
   The script stops if the routes differ by more than 1e-25 or if (Var - A2 - c1/L) L^2 is not bounded.
2. The data collapse (Kim 2026 §VIII.C.3): with x = (gamma - 1) L, C_V/(gamma^2 L^2) = Var(ln d)/L^2 -> g(x),
   g(x) = 1/x^2 - 1/(4 sinh^2(x/2)), g(0) = 1/12 (the variance of the truncated exponential law e^(-x t) on [0, 1]).

Columns: n,x,gamma,varLogDistance,g   (gamma printed with 17 digits: the Java test evaluates at that double)
Run: python3 make_critical_table.py > critical_reference.csv
"""
import math
import sys
from mpmath import mp, mpf, zeta, log, euler, stieltjes, sinh, bernoulli, diff, nstr, fsum

mp.dps = 200
SHIFT = mpf(10) ** -40


def sums_hurwitz(n, s):
    s = mpf(s)
    if s == 1:
        s += SHIFT
    s0 = zeta(s) - zeta(s, n + 1)
    s1 = -(zeta(s, 1, 1) - zeta(s, n + 1, 1))
    s2 = zeta(s, 1, 2) - zeta(s, n + 1, 2)
    return s0, s1, s2


def sums_euler_maclaurin(n, m=100, terms=8):
    """gamma = 1 only: f_k(t) = ln^k t / t, integral ln^(k+1) t/(k+1)."""
    out = []
    for k in range(3):
        f = lambda t, k=k: log(t) ** k / t
        head = fsum(f(mpf(d)) for d in range(1, m))
        integral = (log(mpf(n)) ** (k + 1) - log(mpf(m)) ** (k + 1)) / (k + 1)
        tail = (f(mpf(m)) + f(mpf(n))) / 2
        for j in range(1, terms + 1):
            order = 2 * j - 1
            tail += bernoulli(2 * j) / math.factorial(2 * j) * (diff(f, mpf(n), order) - diff(f, mpf(m), order))
        out.append(head + integral + tail)
    return out


def variance(s0, s1, s2):
    mean = s1 / s0
    return s2 / s0 - mean * mean


def g(x):
    x = mpf(x)
    return mpf(1) / 12 if x == 0 else 1 / x ** 2 - 1 / (4 * sinh(x / 2) ** 2)


g1, g2 = stieltjes(1), stieltjes(2)
c1 = 2 * euler ** 3 / 3 + 2 * euler * g1 + g2
rows = []
for e in range(3, 16):
    n = 10 ** e
    L = log(n)
    va = variance(*sums_hurwitz(n, 1))
    vb = variance(*sums_euler_maclaurin(n))
    assert abs(va - vb) < mpf(10) ** -25, (n, va, vb)
    a2 = L ** 2 / 12 + euler * L / 6 - 5 * euler ** 2 / 12 - g1
    scaled = (va - a2 - c1 / L) * L ** 2
    assert abs(scaled) < 1, (n, scaled)
    print("N = 1e%d: Var = %s, (Var - A2) L = %s, (Var - A2 - c1/L) L^2 = %s" % (e, nstr(va, 20), nstr((va - a2) * L, 8),
                                                                            nstr(scaled, 8)), file=sys.stderr)
    rows.append((n, "0", "1", va, g(0)))
print("c1 = %s" % nstr(c1, 20), file=sys.stderr)
for e in (3, 6, 9, 12, 15):
    n = 10 ** e
    for xi in range(-8, 9):
        if xi == 0:
            continue
        gamma = repr(1 + xi / math.log(n))   # the double the Java side evaluates at
        x = (mpf(gamma) - 1) * log(n)          # the exact x of that double
        rows.append((n, nstr(x, 25), gamma, variance(*sums_hurwitz(n, gamma)), g(x)))

out = sys.stdout
out.write("n,x,gamma,varLogDistance,g\n")
for n, x, gamma, v, gx in rows:
    out.write("%d,%s,%s,%s,%s\n" % (n, x, gamma, nstr(v, 30, min_fixed=0, max_fixed=0), nstr(gx, 30, min_fixed=0, max_fixed=0)))
