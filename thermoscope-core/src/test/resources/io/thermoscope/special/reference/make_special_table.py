#!/usr/bin/env python3
"""Reference values for io.thermoscope.special (Riemann/Hurwitz zeta, polylogarithm and its s-derivatives).

Deterministic grid + seeded random points; mpmath at mp.dps = 50 (values printed with 25 significant digits),
every row's inputs are printed with repr() so Java parses exactly the double mpmath used (mpf(float) is exact).
Rows:  kind,s,x,value,d1,d2
  zeta     x unused (0)       value = zeta(s)
  hurwitz  x = a              value = zeta(s, a)
  polylog  x = z              value = polylog(s, z)            (z = 1 -> zeta(s), s > 1)
  ofexp    x = lambda         value = polylog(s, exp(-lambda)) (lambda exact, not the rounded z)
  ofexpd   x = lambda         value, d1 = d/ds, d2 = d^2/ds^2 (incl. s at the edges |s - n| = 0.1, 0.5 of the
                              pole-combination bands) (mpmath.diff at raised precision; at integer s the
                              derivatives are taken at s + 1e-25, where mpmath.diff is accurate)
A random tenth of the rows is recomputed at mp.dps = 80 and must agree to 1e-24 relative (checked, else abort).
Run: python3 make_special_table.py > special_reference.csv   (a few minutes)
"""
import random
import sys
import mpmath as mp

DPS = 50
rng = random.Random(20261123)
NEAR = [0.0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -1e-6]
LAMBDAS = [1e-8, 3e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.3, 0.7, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0,
           10.0, 15.0, 20.0, 30.0]


def ref(kind, s, x):
    s = mp.mpf(s)
    x = mp.mpf(x)
    if kind == "zeta":
        return (mp.zeta(s),)
    if kind == "hurwitz":
        return (mp.zeta(s, x),)
    if kind == "polylog":
        return (mp.re(mp.polylog(s, x)),)
    z = mp.exp(-x)
    f = lambda t: mp.re(mp.polylog(t, z))
    if kind == "ofexp":
        return (f(s),)
    # mpmath.diff is inaccurate at integer s (polylog switches algorithm there): differentiate at s + 1e-25,
    # which moves the derivatives by ~1e-25 relative, and take the value at s itself
    t = s + mp.mpf(10) ** -25 if s == mp.floor(s) else s
    return (f(s), mp.diff(f, t, 1), mp.diff(f, t, 2))


def rows():
    out = []
    # Riemann zeta: grid, integers and near-integers, random
    for i in range(-12, 61):
        s = i / 4.0
        if s != 1.0:
            out.append(("zeta", s, 0.0))
    for n in range(-3, 16):
        for d in NEAR[1:]:
            out.append(("zeta", n + d, 0.0))
    for d in [1e-15, -1e-15, 1e-3, -1e-3, 0.05, -0.05, 0.2, -0.2]:
        out.append(("zeta", 1.0 + d, 0.0))
    for _ in range(60):
        out.append(("zeta", rng.uniform(-3, 15), 0.0))
    for _ in range(20):
        out.append(("zeta", rng.uniform(-30, -3), 0.0))
    # Hurwitz zeta
    for a in [0.01, 0.1, 0.5, 1.0, 1.5, 2.75, 10.0, 100.0]:
        for s in [-3.0, -2.5, -1.0, -0.5, 0.0, 0.5, 0.999999, 1.000001, 1.5, 2.0, 3.0, 4.5, 8.0, 15.0]:
            out.append(("hurwitz", s, a))
    for _ in range(60):
        out.append(("hurwitz", rng.uniform(-3, 15), 10 ** rng.uniform(-2, 2)))
    # polylog on a (s, z) grid incl. negative z and z = 1
    zs = [-4.0, -3.0, -2.0, -1.0, -0.75, -0.5, -0.25, -0.1, -1e-3, 0.0, 1e-3, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999999,
          1.0]
    ss = [-3.0, -2.5, -2.0, -1.0 + 1e-9, -0.5, 0.0, 0.5, 1.0, 1.0 + 1e-12, 1.5, 2.0, 2.0 - 1e-6, 3.0, 3.5, 5.0, 8.0, 15.0]
    for s in ss:
        for z in zs:
            if z == 1.0 and s <= 1.0:
                continue
            out.append(("polylog", s, z))
    for _ in range(250):
        s = rng.uniform(-3, 15)
        if rng.random() < 0.3:
            s = float(rng.randint(-3, 15)) + rng.choice(NEAR)
        z = rng.uniform(-4, 1)
        if rng.random() < 0.2:
            z = -rng.uniform(-4, 1) ** 2 / 4 if rng.random() < 0.5 else 1 - 10 ** rng.uniform(-9, -1)
        out.append(("polylog", s, z))
    # Li_s(e^-lambda): integers +- tiny offsets over the log-spaced lambdas, plus random
    for n in range(-3, 16):
        for d in NEAR:
            for lam in LAMBDAS:
                if rng.random() < 0.35:
                    out.append(("ofexp", n + d, lam))
    for _ in range(300):
        out.append(("ofexp", rng.uniform(-3, 15), 10 ** rng.uniform(-8, 1.4771212547)))
    # derivatives
    for n in range(-3, 16):
        for d in [0.0, 1e-12, -1e-9, 1e-6, 0.3]:
            for lam in LAMBDAS[::3]:
                if rng.random() < 0.45:
                    out.append(("ofexpd", n + d, lam))
    for _ in range(120):
        out.append(("ofexpd", rng.uniform(-3, 15), 10 ** rng.uniform(-8, 1.4771212547)))
    # edges of the bands where the implementation switches between separate and combined poles (|s - n| = 0.1, 0.5)
    for n in [1, 2, 4, 7, 10]:
        for e in [0.0999999, 0.1000001, -0.0999999, -0.1000001, 0.4999999, -0.4999999, 0.5]:
            for lam in [1e-8, 1e-3, 0.2, 0.9]:
                out.append(("ofexpd", n + e, lam))
    return out


def fmt(v):
    return mp.nstr(v, 25, min_fixed=1, max_fixed=0) if v is not None else ""


def main():
    mp.mp.dps = DPS
    print("kind,s,x,value,d1,d2")
    for kind, s, x in rows():
        vals = ref(kind, s, x)
        if rng.random() < 0.1:
            with mp.workdps(80):
                hi = ref(kind, s, x)
            for a, b in zip(vals, hi):
                if abs(a - b) > mp.mpf(10) ** -24 * max(abs(b), mp.mpf(10) ** -60):
                    sys.exit("precision check failed: %s %r %r %s %s" % (kind, s, x, a, b))
        cols = [fmt(v) for v in vals] + [""] * (3 - len(vals))
        print("%s,%r,%r,%s" % (kind, s, x, ",".join(cols)), flush=True)


if __name__ == "__main__":
    main()
