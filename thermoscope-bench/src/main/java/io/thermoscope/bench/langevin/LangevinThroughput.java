package io.thermoscope.bench.langevin;

import io.thermoscope.langevin.AlphaSchedule;
import io.thermoscope.langevin.CwPotential;
import io.thermoscope.langevin.FieldKind;
import io.thermoscope.langevin.LangevinConfig;
import io.thermoscope.langevin.LangevinSimulator;
import io.thermoscope.langevin.ProgressListener;
import io.thermoscope.langevin.Trajectory;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Whole-run throughput harness for the Langevin ensemble: walker-steps per second of wall time, and per second of
 * process CPU time (the honest number on a shared machine: wall-clock throughput there depends on the other load).
 * Usage: {@code java -cp thermoscope-bench/target/benchmarks.jar io.thermoscope.bench.langevin.LangevinThroughput
 * [walkers] [steps] [stride] [repeats]}. Checks that 1 and 2 threads give bit-identical C_v.
 */
public final class LangevinThroughput {
    private LangevinThroughput() {}

    /** Runs the harness and prints one line per (field, threads, repeat). */
    public static void main(String[] args) {
        int walkers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int stride = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, walkers %d, steps %d, record stride %d%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), walkers, steps, stride);
        for (FieldKind field : FieldKind.values()) {
            double[] reference = null;
            for (int threads : new int[] {1, 2}) {
                var cfg = new LangevinConfig(field, new CwPotential(1, 1), 0.1, 0.01, walkers, 42, threads);
                var schedule = new AlphaSchedule.Linear(1, -3, steps * 0.01);
                double bestWall = 0;
                double bestCpu = 0;
                for (int r = 0; r < repeats + 1; r++) {
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    Trajectory tr = LangevinSimulator.run(cfg, schedule, steps * 0.01, stride, 0, ProgressListener.NONE);
                    double wall = (System.nanoTime() - t0) * 1e-9;
                    double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
                    double ws = (double) walkers * steps;
                    if (r == 0) {
                        // warm-up run, also the reproducibility check
                        if (reference == null) {
                            reference = tr.cv();
                        } else if (!java.util.Arrays.equals(reference, tr.cv())) {
                            throw new AssertionError("threads changed the numbers");
                        }
                        continue;
                    }
                    bestWall = Math.max(bestWall, ws / wall);
                    bestCpu = Math.max(bestCpu, ws / cpu);
                    System.out.printf(Locale.ROOT, "%-7s threads=%d run %d: wall %.3f s -> %.1f M walker-steps/s; "
                            + "cpu %.3f s -> %.1f M walker-steps per CPU-second%n",
                            field, threads, r, wall, ws / wall / 1e6, cpu, ws / cpu / 1e6);
                }
                System.out.printf(Locale.ROOT, "%-7s threads=%d BEST wall %.1f M/s, per CPU-second %.1f M/s%n",
                        field, threads, bestWall / 1e6, bestCpu / 1e6);
            }
        }
    }
}
