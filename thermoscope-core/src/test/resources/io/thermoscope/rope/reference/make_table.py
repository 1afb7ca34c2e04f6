#!/usr/bin/env python3
"""Reference table for the Coleman-Weinberg potential V(r) = alpha r^2 + beta r^2 ln(r^2/v^2) (Kim 2026, Eq. 29/38).

Independent of the Java closed forms: the vacuum radius is found with mpmath.findroot on dV/dr (computed by
mpmath.diff, not by hand), and the radial curvature V''(r_min) and the vacuum energy are evaluated numerically
at 50 digits. Run: python3 make_table.py > cw_vacuum.csv
"""
import mpmath as mp

mp.mp.dps = 50
cases = [(0, 1, 1), (-0.7, 0.3, 2), (1.5, 0.25, 0.5), (-3, 2, 1), (0.2, 5, 10), (-0.1, 0.05, 1)]
print("alpha,beta,v,r_min,V_min,V2_min")
for a, b, v in cases:
    a, b, v = mp.mpf(a), mp.mpf(b), mp.mpf(v)
    V = lambda r: a * r**2 + b * r**2 * mp.log(r**2 / v**2)
    dV = lambda r: mp.diff(V, r)
    # bracket the minimum: V' < 0 just above 0 when ln(r^2/v^2) < -(a+b)/b, V' > 0 for large r
    lo, hi = mp.mpf('1e-30'), mp.mpf(1)
    while dV(hi) <= 0:
        hi *= 2
    while dV(lo) >= 0:
        lo /= 2
    r = mp.findroot(dV, (lo, hi), solver='anderson')
    print(",".join(mp.nstr(x, 25) for x in (a, b, v, r, V(r), mp.diff(V, r, 2))))
