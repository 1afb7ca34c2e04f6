#!/usr/bin/env python3
"""Reference table for io.thermoscope.peaks.PeakFinder, generated with scipy.signal.

Writes
  signals.csv : signal,window,i,x,y            (the raw signals; x non-uniform for some signals)
  peaks.csv   : signal,window,index,x,height,prominence,width
                every peak scipy.signal.find_peaks finds on the signal smoothed with `window`
                (window 1 = raw), its peak_prominences and its peak_widths(rel_height=0.5), the width
                converted to x units by linear interpolation of x at the fractional sample positions.
The smoother (centred moving average, window shrinking symmetrically at the ends) is re-implemented
here independently with numpy. Values are written with repr() so Java reads back the exact doubles.
Run: python3 make_table.py   (numpy, scipy)
"""
import csv
import numpy as np
from scipy.signal import find_peaks, peak_prominences, peak_widths


def smooth(y, window):
    n = len(y)
    h = window // 2
    out = np.empty(n)
    for i in range(n):
        hh = min(h, i, n - 1 - i)
        out[i] = np.sum(y[i - hh:i + hh + 1]) / (2 * hh + 1)
    return out


def signals():
    rng = np.random.default_rng(20260523)
    x = np.linspace(0.0, 10.0, 201)
    # 0: two Gaussians + noise
    yield x, np.exp(-(x - 3) ** 2) + 0.6 * np.exp(-((x - 7) / 0.5) ** 2) + 0.05 * rng.standard_normal(x.size)
    # 1: pure noise
    yield x, rng.standard_normal(x.size)
    # 2: quantised sine -> plateaus
    yield x, np.round(np.sin(1.7 * x) * 4) / 4
    # 3: single peak on a slope (C_v-like bump on a drift)
    yield x, 0.1 * x + 2.0 / (1 + ((x - 4.2) / 0.3) ** 2)
    # 4: non-uniform x, damped oscillation
    xn = np.sort(rng.uniform(0, 10, 150))
    yield xn, np.exp(-0.2 * xn) * np.cos(3 * xn) + 0.02 * rng.standard_normal(xn.size)
    # 5: random walk
    yield x, np.cumsum(rng.standard_normal(x.size))
    # 6: small integers (many ties, plateaus of width 2-3)
    yield x[:60], rng.integers(0, 4, 60).astype(float)
    for k in range(7, 12):  # 7-11: random sums of Lorentzians on noise
        centres = rng.uniform(1, 9, 3)
        y = sum(rng.uniform(0.5, 2) / (1 + ((x - c) / rng.uniform(0.1, 0.8)) ** 2) for c in centres)
        yield x, y + 0.1 * rng.standard_normal(x.size)


def main():
    with open('signals.csv', 'w', newline='') as fs, open('peaks.csv', 'w', newline='') as fp:
        ws, wp = csv.writer(fs), csv.writer(fp)
        ws.writerow(['signal', 'i', 'x', 'y'])
        wp.writerow(['signal', 'window', 'index', 'x', 'height', 'prominence', 'width'])
        for s, (x, y) in enumerate(signals()):
            for i in range(len(x)):
                ws.writerow([s, i, repr(float(x[i])), repr(float(y[i]))])
            for window in (1, 5, 11):
                ys = smooth(y, window)
                idx, _ = find_peaks(ys)
                if len(idx) == 0:
                    continue
                prom = peak_prominences(ys, idx)[0]
                w = peak_widths(ys, idx, rel_height=0.5)
                samples = np.arange(len(x))
                widths = np.interp(w[3], samples, x) - np.interp(w[2], samples, x)
                for j, p in enumerate(idx):
                    wp.writerow([s, window, int(p), repr(float(x[p])), repr(float(ys[p])),
                                 repr(float(prom[j])), repr(float(widths[j]))])


if __name__ == '__main__':
    main()
