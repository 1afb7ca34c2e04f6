#!/usr/bin/env python3
"""Reference values for io.thermoscope.special at extreme magnitudes (issue 14: finite answers where a double can
hold them, refusals where it cannot).

Rows:  kind,s,x,value      value = 'overflow' when |value| > 1.7976931348623157e308 (the code must refuse)
  zeta     x unused (0)    zeta(s), s from -171 down past the overflow near s = -260, and s in [-30, -9]
  hurwitz  x = a           zeta(s, a): s in [-300, -3], a in [0.01, 400] (Hurwitz's cosine series, the shift to
                           (0, 1], Euler-Maclaurin for large a), incl. the exact cosine zeros a = 1/4, 3/4
  polylog  x = z           Li_s(z) for s <= -4 (Jonquiere's branch sum, the scaled power series); mpmath's own
                           polylog cancels alternating terms for z < 0 (at 30-60 digits it is wrong by orders of
                           magnitude at s = -100, z = -1/2), so each value is recomputed at rising precision until
                           two agree to 30 digits
mpmath at mp.dps = 60 (polylog: up to 1200), printed with 25 significant digits; inputs printed with repr().
Run: python3 make_extreme_table.py > extreme_reference.csv
"""
import random
import mpmath as mp

mp.mp.dps = 60
rng = random.Random(20261201)
MAX = mp.mpf(1.7976931348623157e308)


def row(kind, s, x, v):
    v = mp.re(v)
    text = "overflow" if abs(v) > MAX else mp.nstr(v, 25, min_fixed=1, max_fixed=0)
    print(f"{kind},{s!r},{x!r},{text}")


print("kind,s,x,value")
for s in [-171.0, -171.5, -172.0, -173.0, -180.25, -200.0, -201.0, -229.75, -250.5, -259.0, -260.0, -260.5,
          -262.0, -263.0, -265.0, -300.0, -1000.5, -1e6]:
    row("zeta", s, 0.0, mp.zeta(s))
for _ in range(30):
    s = rng.uniform(-262, -30)
    row("zeta", s, 0.0, mp.zeta(s))
for _ in range(20):
    s = rng.uniform(-30, -9)
    row("zeta", s, 0.0, mp.zeta(s))
for s in [-171.0, -170.0, -100.5, -50.0, -20.25, -9.0]:
    for a in [0.25, 0.75, 0.5, 1.0, 0.1, 0.01, 1.25, 3.3, 10.0, 100.0, 400.0]:
        row("hurwitz", s, a, mp.zeta(s, a))
for _ in range(80):
    s = rng.uniform(-300, -3)
    a = 10 ** rng.uniform(-2, 2.6)
    row("hurwitz", s, a, mp.zeta(s, a))


def polylog(s, z):
    prev = None
    for dps in (60, 150, 400, 1200):
        with mp.workdps(dps):
            v = mp.re(mp.polylog(s, z))
        if prev is not None and abs(v - prev) <= mp.mpf(10) ** -30 * abs(v):
            return v
        prev = v
    raise SystemExit(f"polylog({s}, {z}) did not settle")


for s in [-4.5, -6.0, -8.9, -12.0, -20.5, -40.0, -60.3, -100.0, -150.0, -171.0, -200.0]:
    for z in [0.5, 0.25, 0.01, -0.01, -0.3, -0.5, -1.0, -2.0, -5.0, -7.0, 0.7, 0.9, 0.999]:
        row("polylog", s, z, polylog(s, z))
