#!/usr/bin/env python3
"""Reference values for the distance ensemble where Z itself leaves the double range (issue 14), 30 digits.

moments rows:  moments,gamma,lambda,n,logZ,meanLogDistance,varLogDistance
  lambda >= 700 (e^-lambda underflows), gamma << 0 (d^-gamma overflows): direct sums with mpmath, up to the
  distance where the remaining terms are below 1e-40 of the sum (checked by doubling the cut).
window rows:   window,gamma,lambda(0),q,log10Window,window      (N = inf)
  the smallest integer W with sum_{d<=W} d^-gamma >= q zeta(gamma), i.e. zeta(gamma, W+1) <= (1-q) zeta(gamma):
  W = ceil(root) of zeta(gamma, x+1) = (1-q) zeta(gamma), solved in log x; window = 'overflow' beyond 1.8e308
captured rows: captured,gamma,lambda(0),w,mass   mass captured by the window w = 2^63 - 1 (the old code's 'infinity')
Run: python3 make_distance_extreme_table.py > distance_extreme_reference.csv
"""
from mpmath import mp, mpf, log, exp, zeta, findroot, ceil, nstr, fsum, inf

mp.dps = 30


def direct(g, l, n):
    g, l = mpf(g), mpf(l)
    terms = []
    top = n if n != inf else None
    d = 1
    best = -inf
    while True:
        lw = -g * log(d) - l * d
        best = max(best, lw)
        terms.append((lw, log(d)))
        d += 1
        if top is not None and d > top:
            break
        if top is None and l * d > -g and lw < best - 120:
            # past the peak d* = -gamma/lambda the terms fall at least geometrically (ratio <= e^-l (d+1/d)^-g
            # -> e^-l): the remaining tail is below e^-120/(1 - e^-l) of the largest term
            break
    m = max(t[0] for t in terms)
    w = [exp(lw - m) for lw, _ in terms]
    s0 = fsum(w)
    s1 = fsum(wi * ld for wi, (_, ld) in zip(w, terms))
    mean = s1 / s0
    s2 = fsum(wi * (ld - mean) ** 2 for wi, (_, ld) in zip(w, terms))
    return m + log(s0), mean, s2 / s0


def fmt(x):
    return nstr(x, 22, min_fixed=1, max_fixed=0)


print("kind,gamma,lambda,n,a,b,c")
for g, l, n in [(1.0, 700.0, inf), (1.0, 745.0, inf), (1.0, 800.0, inf), (2.5, 800.0, inf), (0.5, 1e4, inf),
                (1.0, 800.0, 1000), (-3.0, 800.0, inf), (-1000.0, 50.0, inf), (-300.0, 1.0, inf),
                (-200.0, 0.0, 10000), (-80.0, 0.0, 3000), (3.0, 1000.0, 5)]:
    lz, mean, var = direct(g, l, n)
    print(f"moments,{g!r},{l!r},{'inf' if n == inf else n},{fmt(lz)},{fmt(mean)},{fmt(var)}")
MAX = mpf(1.7976931348623157e308)
for g, q in [(1.01, 0.9), (1.01, 0.5), (1.05, 0.99), (1.3, 0.999999), (1.002, 0.9), (1.001, 0.9), (1.0001, 0.5)]:
    g, q = mpf(g), mpf(q)
    target = (1 - q) * zeta(g)
    # zeta(g, x+1) ~ x^(1-g)/(g-1): start from that, solve in t = ln x
    t0 = log(target * (g - 1)) / (1 - g)
    t = findroot(lambda t: log(zeta(g, exp(t) + 1)) - log(target), t0)
    w = ceil(exp(t))
    wtext = "overflow" if w > MAX else nstr(w, 22, min_fixed=1, max_fixed=0)
    print(f"window,{float(g)!r},0.0,inf,{float(q)!r},{nstr(t / log(10), 22)},{wtext}")
g = mpf(1.01)
w = mpf(2) ** 63 - 1
print(f"captured,1.01,0.0,inf,{int(w)},{nstr(1 - zeta(g, w + 1) / zeta(g), 22)},")
