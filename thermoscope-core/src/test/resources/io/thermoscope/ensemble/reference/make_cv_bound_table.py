#!/usr/bin/env python3
"""Reference table for SpecificHeatBound: B(n), the largest specific heat C_v = Var_rho(E)/T^2 (Eq. 28) a single
query can show over n keys. Over all energies, rho = softmax(-E/T) ranges over every distribution on n points and
C_v = Var_rho(ln rho) (the varentropy); its maximum is attained by one key of weight q and n - 1 keys sharing 1 - q,
B(n) = max_q q(1 - q) ln^2(q (n - 1)/(1 - q)). With L = ln(q(n - 1)/(1 - q)), dV/dq = L((1 - 2q)L + 2), so the maxima
solve (1 - 2q)L + 2 = 0, one on each side of the uniform point q = 1/n; each is bracketed on a fine grid and
solved by bisection at 40 digits with mpmath. The two-level form is checked against a general n-point optimisation
(random restarts, coordinate search) for n <= 6.

usage: python3 make_cv_bound_table.py > cv_bound_reference.csv
"""
import random

import mpmath as mp

mp.mp.dps = 40


def V(q, n):
    return q * (1 - q) * mp.log(q * (n - 1) / (1 - q)) ** 2


def g(q, n):
    return (1 - 2 * q) * mp.log(q * (n - 1) / (1 - q)) + 2


def bound(n):
    if n == 1:
        return mp.mpf(0)
    best = mp.mpf(0)
    grid = [mp.mpf(i) / 20000 for i in range(1, 20000)]
    for a, b in zip(grid, grid[1:]):
        if abs(a - mp.mpf(1) / n) < mp.mpf(1) / 20000 or abs(b - mp.mpf(1) / n) < mp.mpf(1) / 20000:
            continue
        if g(a, n) * g(b, n) < 0:
            lo, hi = a, b
            for _ in range(200):
                mid = (lo + hi) / 2
                if g(lo, n) * g(mid, n) <= 0:
                    hi = mid
                else:
                    lo = mid
            best = max(best, V((lo + hi) / 2, n))
    return best


def general(n, restarts=60):
    """Largest varentropy found over arbitrary n-point distributions (logit parametrisation, coordinate search)."""
    rng = random.Random(n)
    best = mp.mpf(0)
    for _ in range(restarts):
        x = [mp.mpf(rng.gauss(0, 3)) for _ in range(n)]

        def f(x):
            m = max(x)
            w = [mp.e ** (xi - m) for xi in x]
            z = sum(w)
            p = [wi / z for wi in w]
            s = [-mp.log(pi) for pi in p]
            mean = sum(pi * si for pi, si in zip(p, s))
            return sum(pi * (si - mean) ** 2 for pi, si in zip(p, s))

        step = mp.mpf(1)
        fx = f(x)
        while step > mp.mpf(10) ** -12:
            improved = False
            for i in range(n):
                for d in (step, -step):
                    y = list(x)
                    y[i] += d
                    fy = f(y)
                    if fy > fx:
                        x, fx, improved = y, fy, True
            if not improved:
                step /= 2
        best = max(best, fx)
    return best


if __name__ == "__main__":
    print("keys,bound")
    for n in list(range(1, 18)) + [24, 33, 48, 65, 129]:
        b = bound(n)
        if 2 <= n <= 6:
            found = general(n)
            assert found <= b + mp.mpf(10) ** -20, (n, found, b)
            assert b - found < mp.mpf(10) ** -8, (n, found, b)
        print(f"{n},{mp.nstr(b, 25)}")
