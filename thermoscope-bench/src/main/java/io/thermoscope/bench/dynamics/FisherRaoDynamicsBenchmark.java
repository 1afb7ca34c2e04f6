package io.thermoscope.bench.dynamics;

import io.thermoscope.dynamics.FisherRaoDynamics;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
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
 * The Euler–Lagrange motion on the Fisher–Rao sphere: one right-hand-side evaluation (N logs + the multiplier) and a
 * whole undamped run of 10 small-oscillation periods at the default tolerance 1e-14 (DP853).
 * Run: {@code java -jar thermoscope-bench/target/benchmarks.jar FisherRaoDynamicsBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FisherRaoDynamicsBenchmark {
    /** Number of attention states N. */
    @Param({"8", "64"})
    public int n;

    private FisherRaoDynamics dynamics;
    private OrdinaryDifferentialEquation ode;
    private double[] y;
    private double[] rho0;

    /** Gaussian energies at T = 0.5, a random tangent state for the RHS, the uniform start for the run. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(42);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = rng.nextGaussian();
        dynamics = new FisherRaoDynamics(e, 0.5, FisherRaoDynamics.Settings.of(1, 0));
        ode = dynamics.equations();
        y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            y[i] = 2 / Math.sqrt(n);
            y[n + i] = 0.1 * rng.nextGaussian();
        }
        rho0 = FisherRaoDynamics.uniform(n);
    }

    /** One evaluation of (ẋ, ẍ). */
    @Benchmark
    public double[] rightHandSide() {
        return ode.computeDerivatives(0, y);
    }

    /** Ten periods 2π√(m/T) from the uniform state at rest, 101 samples. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public FisherRaoDynamics.Trajectory tenPeriods() {
        return dynamics.integrate(rho0, null, 10 * 2 * Math.PI * Math.sqrt(1 / 0.5), 101);
    }
}
