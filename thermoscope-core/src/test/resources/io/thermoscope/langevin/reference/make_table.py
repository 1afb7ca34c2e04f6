#!/usr/bin/env python3
"""Exact equilibrium moments of the stationary law p(Φ) ∝ exp(−V(Φ)/D) for V = α|Φ|² + β|Φ|² ln(|Φ|²/v²)
(Eq. 38), by mpmath quadrature (tanh-sinh, 30 digits), for io.thermoscope.langevin.StationaryLaw.

Real field: p(r) ∝ exp(−V(r)/D) on r = |Φ| ≥ 0 (the law is even in Φ); complex field: p(r) ∝ r·exp(−V(r)/D)
(polar measure). Columns: field,alpha,beta,v,D,meanV,varV,cv,meanAbsPhi,meanPhiSq with cv = Var(V)/D².
Run: python3 make_table.py > equilibrium.csv
"""
import mpmath as mp

mp.mp.dps = 30

CASES = []
for field in ('real', 'complex'):
    for (alpha, beta, v, D) in [(1.0, 1.0, 1.0, 0.1), (-0.4, 1.0, 1.0, 0.1), (-2.0, 1.0, 1.0, 0.1),
                                (3.0, 1.0, 1.0, 0.1), (0.5, 2.0, 0.7, 0.5), (-1.0, 0.5, 2.0, 1.0),
                                (2.0, 0.0, 1.0, 0.3), (-3.0, 1.0, 1.0, 0.01)]:
        CASES.append((field, alpha, beta, v, D))


def V(r, alpha, beta, v):
    if r == 0:
        return mp.mpf(0)
    u = r * r
    return alpha * u + beta * u * mp.log(u / (v * v))


def moments(field, alpha, beta, v, D):
    alpha, beta, v, D = map(mp.mpf, (alpha, beta, v, D))
    if beta > 0:
        ustar = v * v * mp.exp(-1 - alpha / beta)
        vmin = -beta * ustar
    else:
        ustar = mp.mpf(0)
        vmin = mp.mpf(0)
    rstar = mp.sqrt(ustar)
    jac = (lambda r: 1) if field == 'real' else (lambda r: r)
    w = lambda r: jac(r) * mp.exp(-(V(r, alpha, beta, v) - vmin) / D)
    # break points: 0, around the minimum (± a few thermal widths), infinity
    width = mp.sqrt(D / (4 * beta)) if beta > 0 else mp.sqrt(D / alpha)
    pts = sorted(set([mp.mpf(0)] + [p for p in (rstar - 4 * width, rstar, rstar + 4 * width, rstar + 12 * width) if p > 0]))
    pts.append(mp.inf)
    Z = mp.quad(w, pts)
    m1 = mp.quad(lambda r: w(r) * V(r, alpha, beta, v), pts) / Z
    var = mp.quad(lambda r: w(r) * (V(r, alpha, beta, v) - m1) ** 2, pts) / Z
    mabs = mp.quad(lambda r: w(r) * r, pts) / Z
    msq = mp.quad(lambda r: w(r) * r * r, pts) / Z
    return m1, var, var / D ** 2, mabs, msq


print('field,alpha,beta,v,D,meanV,varV,cv,meanAbsPhi,meanPhiSq')
for c in CASES:
    m = moments(*c)
    print(','.join([c[0]] + [repr(x) for x in c[1:]] + [mp.nstr(x, 20) for x in m]))
