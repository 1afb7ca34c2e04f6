package io.thermoscope.bench.special;

import io.thermoscope.special.Polylogarithm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Li_s(e^−λ) evaluations per second of this thread's CPU time (the honest number on a shared, loaded machine, where
 * JMH's wall-clock scores depend on the other load), for the same point sets as {@link PolylogBenchmark}.
 * Usage: {@code java -cp thermoscope-bench/target/benchmarks.jar io.thermoscope.bench.special.PolylogThroughput
 * [seconds-per-case]}.
 */
public final class PolylogThroughput {
    private PolylogThroughput() {
    }

    /** Prints one line per case: evaluations per CPU-second (best and median of the repeats). */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int n = 1 << 14;
        double[] s = new double[n], lambda = new double[n], near = new double[n];
        SplittableRandom rng = new SplittableRandom(20261123);
        double[] offsets = {0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -1e-6};
        for (int i = 0; i < n; i++) {
            s[i] = -3 + 18 * rng.nextDouble();
            lambda[i] = Math.pow(10, -8 + (8 + Math.log10(30)) * rng.nextDouble());
            near[i] = rng.nextInt(-3, 16) + offsets[rng.nextInt(offsets.length)];
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, load average %.1f%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String[] names = {"random s and lambda", "s within 1e-6 of an integer", "fixed s = 1.5, lambda sweep",
                "32 x 32 grid, lambda-major", "derivatives, random"};
        for (int c = 0; c < names.length; c++) {
            double[] rates = new double[7];
            double sink = 0;
            for (int r = 0; r < rates.length; r++) {
                long evals = 0, t0 = tm.getCurrentThreadCpuTime(), t;
                do {
                    sink += run(c, s, lambda, near, n);
                    evals += c == 3 ? 1024 : n;
                    t = tm.getCurrentThreadCpuTime();
                } while (t - t0 < seconds * 1e9 / rates.length);
                rates[r] = evals / ((t - t0) * 1e-9);
            }
            java.util.Arrays.sort(rates);
            System.out.printf(Locale.ROOT, "%-30s best %6.2f M/s, median %6.2f M/s per CPU-second (%.3g)%n", names[c],
                    rates[rates.length - 1] / 1e6, rates[rates.length / 2] / 1e6, sink);
        }
    }

    private static double run(int c, double[] s, double[] lambda, double[] near, int n) {
        double acc = 0;
        switch (c) {
            case 0 -> {
                for (int i = 0; i < n; i++) acc += Polylogarithm.ofExp(s[i], lambda[i]);
            }
            case 1 -> {
                for (int i = 0; i < n; i++) acc += Polylogarithm.ofExp(near[i], lambda[i]);
            }
            case 2 -> {
                for (int i = 0; i < n; i++) acc += Polylogarithm.ofExp(1.5, lambda[i]);
            }
            case 3 -> {
                for (int j = 0; j < 32; j++) {
                    for (int i = 0; i < 32; i++) acc += Polylogarithm.ofExp(s[i], lambda[j]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) acc += Polylogarithm.ofExpDerivatives(s[i], lambda[i]).d1();
            }
        }
        return acc;
    }
}
