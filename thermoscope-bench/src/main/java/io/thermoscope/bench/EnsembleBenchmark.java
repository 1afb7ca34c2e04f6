package io.thermoscope.bench;

import io.thermoscope.ensemble.BoltzmannEnsemble;
import io.thermoscope.ensemble.EnsembleStatistics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Ensemble statistics for n keys against the practical floor: one {@code Math.exp} per key, summed.
 * Run: {@code java -jar thermoscope-bench/target/benchmarks.jar EnsembleBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnsembleBenchmark {
    @Param({"4096"})
    public int n;

    private double[] energies;
    private BoltzmannEnsemble ensemble;
    private double temperature;

    /** Gaussian energies with the spread of q·k for unit-variance vectors in d_k = 64. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(42);
        energies = new double[n];
        for (int i = 0; i < n; i++) energies[i] = 8 * rng.nextGaussian();
        ensemble = new BoltzmannEnsemble(n);
        temperature = 8;
    }

    /** Full statistics: ln Z, F, U, S, Var(E), C_v, N_eff. */
    @Benchmark
    public EnsembleStatistics ensembleStatistics() {
        return ensemble.compute(energies, 0, n, temperature);
    }

    /** The floor: Σ exp(−E_i/T), one Math.exp per key. */
    @Benchmark
    public double expFloor() {
        double s = 0;
        double beta = 1 / temperature;
        for (int i = 0; i < n; i++) s += Math.exp(-energies[i] * beta);
        return s;
    }
}
