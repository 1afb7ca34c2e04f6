package io.thermoscope.bench.special;

import io.thermoscope.special.Polylogarithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of Li_s(e^−λ) (the distance-ensemble partition function) over s ∈ [−3, 15], λ ∈ [1e-8, 30] (log-uniform).
 * Each invocation evaluates 1024 points; scores are evaluations per second.
 * Run: {@code java -jar thermoscope-bench/target/benchmarks.jar PolylogBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolylogBenchmark {
    static final int N = 1024;
    private final double[] s = new double[N], lambda = new double[N], nearInteger = new double[N];

    /** Seeded points: s uniform in [−3, 15], λ = 10^u with u uniform in [−8, log10 30]; s = n ± {0, 1e-12, 1e-9, 1e-6}. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(20261123);
        double[] offsets = {0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -1e-6};
        for (int i = 0; i < N; i++) {
            s[i] = -3 + 18 * rng.nextDouble();
            lambda[i] = Math.pow(10, -8 + (8 + Math.log10(30)) * rng.nextDouble());
            nearInteger[i] = rng.nextInt(-3, 16) + offsets[rng.nextInt(offsets.length)];
        }
    }

    /** A new (s, λ) at every call: the worst case for the per-s cache of ζ(s − k). */
    @Benchmark
    @OperationsPerInvocation(N)
    public double randomSAndLambda() {
        double acc = 0;
        for (int i = 0; i < N; i++) acc += Polylogarithm.ofExp(s[i], lambda[i]);
        return acc;
    }

    /** s within 1e-6 of an integer (cancelling poles), new s and λ at every call. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double nearIntegerS() {
        double acc = 0;
        for (int i = 0; i < N; i++) acc += Polylogarithm.ofExp(nearInteger[i], lambda[i]);
        return acc;
    }

    /** One s (= 1.5), λ sweeping the range: a fit or scan in λ at fixed γ. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double fixedSSweepLambda() {
        double acc = 0;
        for (int i = 0; i < N; i++) acc += Polylogarithm.ofExp(1.5, lambda[i]);
        return acc;
    }

    /** A 32 × 32 grid of (s, λ) from the same ranges, λ-major (every λ visits all 32 s): rows stay cached. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double gridLambdaMajor() {
        double acc = 0;
        for (int j = 0; j < 32; j++) {
            for (int i = 0; i < 32; i++) acc += Polylogarithm.ofExp(s[i], lambda[j]);
        }
        return acc;
    }

    /** Value and both s-derivatives, new (s, λ) at every call. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double derivativesRandom() {
        double acc = 0;
        for (int i = 0; i < N; i++) acc += Polylogarithm.ofExpDerivatives(s[i], lambda[i]).d1();
        return acc;
    }

    /** The floor for comparison: one Math.exp per point. */
    @Benchmark
    @OperationsPerInvocation(N)
    public double expFloor() {
        double acc = 0;
        for (int i = 0; i < N; i++) acc += Math.exp(-lambda[i] * s[i]);
        return acc;
    }
}
