#!/usr/bin/env python3
"""Reference values for the Boltzmann ensemble at extreme magnitudes (issue 14), 40 digits (mpmath).

Each row: a case name, T, the energies (';'-separated, repr() of the exact doubles), then ln Z, F, U, S, C_v, Var(E),
N_eff; a value beyond the double range (|x| > 1.7976931348623157e308) is written 'overflow' and the code must
return +-Infinity for it (the CLI shows it as null), never NaN.
Run: python3 make_ensemble_extreme_table.py > ensemble_extreme_reference.csv
"""
from mpmath import mp, mpf, exp, log, nstr

mp.dps = 40
MAX = mpf(1.7976931348623157e308)

CASES = [
    ("huge-spread", 1.0, [1e308, -1e308, 5e307]),
    ("pm1e300-at-1e300", 1e300, [-1e300, -5e299, 0.0, 5e299, 1e300]),
    ("near-max-close", 1e307, [1.0e308, 1.1e308, 1.2e308]),
    ("max-span-at-max-T", 1.7e308, [-1.7e308, 1.7e308]),
    ("max-span-at-1e308", 1e308, [-1.7976931348623157e308, 1.7976931348623157e308, 0.0]),
    ("tiny-T", 1e-300, [1e-300, 2e-300, 1.5e-300, 1e-300]),
    ("1e308-at-1", 1.0, [1e308, 1e308, 1e308 + 1e292]),
]


def fmt(v):
    if abs(v) > MAX:
        return "overflow"
    return "0.0" if abs(v) < mpf("1e-330") else nstr(v, 25, min_fixed=1, max_fixed=0)  # below the subnormals


print("case,T,energies,logZ,F,U,S,Cv,varE,nEff")
for name, T, es in CASES:
    # in the excitations y_i = (E_i - E_min)/T: E_i - E_min of two doubles is exact at 40 digits, while -E_i/T
    # itself (~1e308) would leave no digits for ln 2
    T = mpf(T)
    E = [mpf(e) for e in es]
    emin = min(E)
    y = [(e - emin) / T for e in E]
    z = mp.fsum(exp(-yi) for yi in y)
    p = [exp(-yi) / z for yi in y]
    ybar = mp.fsum(pi * yi for pi, yi in zip(p, y))
    logZ = -emin / T + log(z)
    F = emin - T * log(z)
    U = emin + T * ybar
    S = log(z) + ybar
    cv = mp.fsum(pi * (yi - ybar) ** 2 for pi, yi in zip(p, y))
    var = T * T * cv
    neff = 1 / mp.fsum(pi * pi for pi in p)
    print(",".join([name, repr(float(T)), ";".join(repr(e) for e in es)] + [fmt(v) for v in (logZ, F, U, S, cv, var, neff)]))
