package io.thermoscope.bench.langevin;

import io.thermoscope.langevin.AlphaSchedule;
import io.thermoscope.langevin.CwPotential;
import io.thermoscope.langevin.FieldKind;
import io.thermoscope.langevin.LangevinConfig;
import io.thermoscope.langevin.LangevinSimulator;
import io.thermoscope.langevin.ProgressListener;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The cost of accumulating every walker's work W = Σ |Φ|²Δα: process CPU time of runs at constant α (no work pass)
 * against runs whose α moves by 1e-7 over the whole run (a work pass at every step, the same dynamics otherwise),
 * alternated, one thread, the first two pairs discarded. Usage: {@code java -cp thermoscope-bench/target/benchmarks.jar
 * io.thermoscope.bench.langevin.LangevinWorkOverhead [walkers] [steps] [repeats]}.
 */
public final class LangevinWorkOverhead {
    private LangevinWorkOverhead() {}

    /** Runs the comparison and prints the mean CPU seconds of each kind and the overhead. */
    public static void main(String[] args) {
        int walkers = args.length > 0 ? Integer.parseInt(args[0]) : 40_960;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var cfg = new LangevinConfig(FieldKind.REAL, new CwPotential(1, 1), 0.1, 0.01, walkers, 42, 1);
        double t = steps * 0.01;
        AlphaSchedule[] kinds = {new AlphaSchedule.Constant(-1), new AlphaSchedule.Linear(-1, -1 - 1e-7, t)};
        double[] cpu = new double[2];
        for (int r = 0; r < repeats + 2; r++) {
            for (int k = 0; k < 2; k++) {
                long c0 = os.getProcessCpuTime();
                LangevinSimulator.runWithWork(cfg, kinds[k], t, 10, 0, ProgressListener.NONE);
                if (r >= 2) cpu[k] += (os.getProcessCpuTime() - c0) * 1e-9 / repeats;
            }
        }
        double ws = (double) walkers * steps;
        System.out.printf(Locale.ROOT, "walkers %d, steps %d: CPU %.3f s without the work pass (%.1f M walker-steps per "
                + "CPU-second), %.3f s with it (%.1f M): overhead %.1f %%%n", walkers, steps, cpu[0], ws / cpu[0] / 1e6, cpu[1],
                ws / cpu[1] / 1e6, 100 * (cpu[1] / cpu[0] - 1));
    }
}
