package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ensemble of independent walkers under the overdamped Langevin equation dΦ = −∇V dt + √(2D) dW (Eq. 37) in the
 * potential of Eq. 38, integrated with Euler–Maruyama:
 * Φ_{n+1} = Φ_n − ∇V(Φ_n; α(t_n)) Δt + √(2DΔt) ξ_n.
 *
 * <p>Walkers are split into fixed chunks of {@link #CHUNK} walkers; chunk c owns the random stream
 * (seed, c) and runs all its steps on one thread, accumulating per-recorded-step statistics (two-pass mean and
 * sum of squared deviations of V). Chunks are merged in chunk order with the exact pairwise (Chan) update, so the
 * results are bit-identical for any thread count.
 *
 * <p>Every walker also accumulates the work done on it by the protocol, W = Σ_n (∂V/∂α)(Φ_n)·(α_n − α_{n−1}) with
 * ∂V/∂α = |Φ|² (Eq. 38): α switches from α_{n−1} to α_n at the state Φ_n, before step n relaxes it. For walkers that
 * start in equilibrium this is the work of Jarzynski's equality ⟨e^{−W/D}⟩ = e^{−ΔF/D}, exact for dynamics that keep
 * exp(−V/D) stationary — Euler–Maruyama does so up to O(Δt).
 */
public final class LangevinSimulator {
    /** Walkers per chunk: the unit of seeding and of parallel work (part of the reproducibility contract). */
    public static final int CHUNK = 4096;
    private static final int PROGRESS_EVERY = 64;
    private static final int STATS = 4; // mean V, M2 of V, sum |Φ|, sum |Φ|²

    private LangevinSimulator() {}

    /**
     * Runs the ensemble from Φ = 0: first {@code burnIn} time at α(0) (not recorded), then {@code tEnd} time
     * along the schedule, recording the observables at steps 0, stride, 2·stride, … and at the last step.
     */
    public static Trajectory run(LangevinConfig cfg, AlphaSchedule schedule, double tEnd, int stride, double burnIn,
                                 ProgressListener progress) {
        return runWithWork(cfg, schedule, tEnd, stride, burnIn, progress).trajectory();
    }

    /**
     * Runs the ensemble from Φ = 0 with α given per step: {@code burnSteps} steps at alphaAt[0] (not recorded), then
     * steps n = 0 … N−1 at alphaAt[n] (N = alphaAt.length − 1), recording at n = 0, stride, … and at N.
     */
    public static Trajectory run(LangevinConfig cfg, double[] alphaAt, int stride, int burnSteps,
                                 ProgressListener progress) {
        return runWithWork(cfg, alphaAt, stride, burnSteps, progress).trajectory();
    }

    /**
     * A run's ensemble observables and the work done on every walker.
     *
     * @param trajectory the recorded observables
     * @param work       W of every walker (walker order: chunk by chunk), Σ_n |Φ_n|²(α_n − α_{n−1})
     */
    public record Run(Trajectory trajectory, double[] work) {
    }

    /** {@link #run(LangevinConfig, AlphaSchedule, double, int, double, ProgressListener)} with the work of every walker. */
    public static Run runWithWork(LangevinConfig cfg, AlphaSchedule schedule, double tEnd, int stride, double burnIn,
                                  ProgressListener progress) {
        InvalidInputException.requirePositive("t-end", tEnd);
        InvalidInputException.requireFinite("burn-in", burnIn);
        if (burnIn < 0) {
            throw new InvalidInputException("burn-in must be >= 0, got " + burnIn);
        }
        long stepsL = Math.round(tEnd / cfg.dt());
        long burnL = Math.round(burnIn / cfg.dt());
        if (stepsL < 1 || stepsL > Integer.MAX_VALUE / 2 || burnL > Integer.MAX_VALUE / 2) {
            throw new InvalidInputException("t-end/dt must give between 1 and 1e9 steps, got " + stepsL);
        }
        int steps = (int) stepsL;
        double[] alphaAt = new double[steps + 1];
        for (int n = 0; n <= steps; n++) {
            alphaAt[n] = schedule.alpha(n * cfg.dt());
        }
        return runWithWork(cfg, alphaAt, stride, (int) burnL, progress);
    }

    /** {@link #run(LangevinConfig, double[], int, int, ProgressListener)} with the work of every walker. */
    public static Run runWithWork(LangevinConfig cfg, double[] alphaAt, int stride, int burnSteps,
                                  ProgressListener progress) {
        if (stride < 1) {
            throw new InvalidInputException("output stride must be >= 1, got " + stride);
        }
        if (alphaAt.length < 2 || burnSteps < 0) {
            throw new InvalidInputException("need at least one step and a non-negative burn-in");
        }
        InvalidInputException.requireAllFinite("alpha schedule", alphaAt);
        int steps = alphaAt.length - 1;
        int burn = burnSteps;
        int records = steps / stride + 1 + (steps % stride == 0 ? 0 : 1);
        int chunks = (cfg.walkers() + CHUNK - 1) / CHUNK;
        if ((long) records * chunks * STATS > 16_000_000L) {
            throw new InvalidInputException("too many recorded steps (" + records + ") for " + cfg.walkers()
                    + " walkers; raise the output stride");
        }
        double[][] perChunk = new double[chunks][];
        double[] work = new double[cfg.walkers()];
        long total = (long) cfg.walkers() * (steps + burn);
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(cfg.threads(), chunks), r -> {
            Thread th = new Thread(r, "langevin-worker");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                final int chunk = c;
                final int size = Math.min(CHUNK, cfg.walkers() - c * CHUNK);
                futures.add(pool.submit(() -> {
                    Chunk walkers = new Chunk(cfg, chunk, size);
                    perChunk[chunk] = walkers.run(alphaAt, steps, burn, stride, records, done, total, progress);
                    System.arraycopy(walkers.work, 0, work, chunk * CHUNK, size);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Langevin run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.progress(total, total);
        return new Run(merge(cfg, perChunk, alphaAt, steps, stride, records), work);
    }

    /** Index of the step recorded in slot r. */
    private static int recordedStep(int r, int steps, int stride) {
        return Math.min(r * stride, steps);
    }

    private static Trajectory merge(LangevinConfig cfg, double[][] perChunk, double[] alphaAt, int steps, int stride,
                                    int records) {
        double[] t = new double[records];
        double[] alpha = new double[records];
        double[] meanV = new double[records];
        double[] varV = new double[records];
        double[] cv = new double[records];
        double[] abs = new double[records];
        double[] sq = new double[records];
        int m = cfg.walkers();
        double d2 = cfg.noise() * cfg.noise();
        for (int r = 0; r < records; r++) {
            int n = recordedStep(r, steps, stride);
            t[r] = n * cfg.dt();
            alpha[r] = alphaAt[n];
            double count = 0;
            double mean = 0;
            double m2 = 0;
            double sumAbs = 0;
            double sumSq = 0;
            for (int c = 0; c < perChunk.length; c++) {
                double nb = Math.min(CHUNK, m - c * CHUNK);
                double[] s = perChunk[c];
                int o = r * STATS;
                // exact pairwise merge of (count, mean, M2) (Chan et al.), in fixed chunk order
                double delta = s[o] - mean;
                double nt = count + nb;
                mean += delta * nb / nt;
                m2 += s[o + 1] + delta * delta * count * nb / nt;
                count = nt;
                sumAbs += s[o + 2];
                sumSq += s[o + 3];
            }
            meanV[r] = mean;
            varV[r] = m2 / (m - 1);
            cv[r] = varV[r] / d2; // C_v = Var(V)/D² (Eq. 28 with T = D)
            abs[r] = sumAbs / m;
            sq[r] = sumSq / m;
        }
        return new Trajectory(t, alpha, meanV, varV, cv, abs, sq);
    }

    /** One chunk of walkers with its own random stream; runs every step on the calling thread. */
    private static final class Chunk {
        private final int size;
        private final int components;
        private final double[] re;
        private final double[] im;
        private final double[] noiseRe;
        private final double[] noiseIm;
        private final double[] energy;
        private final double[] work;
        private final GaussianStream gauss;
        private final double beta;
        private final double invV2;
        private final double dt;
        private final double amplitude;

        Chunk(LangevinConfig cfg, int index, int size) {
            this.size = size;
            this.components = cfg.field().components();
            this.re = new double[size];
            this.im = components == 2 ? new double[size] : null;
            this.noiseRe = new double[size];
            this.noiseIm = components == 2 ? new double[size] : null;
            this.energy = new double[size];
            this.work = new double[size];
            this.gauss = new GaussianStream(cfg.seed(), index);
            this.beta = cfg.potential().beta();
            double v = cfg.potential().v();
            this.invV2 = 1.0 / (v * v);
            this.dt = cfg.dt();
            this.amplitude = Math.sqrt(2 * cfg.noise() * cfg.dt()); // √(2DΔt): Euler–Maruyama noise of Eq. 37
        }

        double[] run(double[] alphaAt, int steps, int burn, int stride, int records, AtomicLong done, long total,
                     ProgressListener progress) {
            double[] out = new double[records * STATS];
            int pending = 0;
            for (int n = 0; n < burn; n++) {
                step(alphaAt[0], null, 0);
                if (++pending == PROGRESS_EVERY) {
                    progress.progress(done.addAndGet((long) pending * size), total);
                    pending = 0;
                }
            }
            int r = 0;
            for (int n = 0; n < steps; n++) {
                if (n > 0 && alphaAt[n] != alphaAt[n - 1]) {
                    addWork(alphaAt[n] - alphaAt[n - 1]);
                }
                boolean record = n % stride == 0;
                step(alphaAt[n], record ? out : null, r * STATS);
                if (record) {
                    r++;
                }
                if (++pending == PROGRESS_EVERY) {
                    progress.progress(done.addAndGet((long) pending * size), total);
                    pending = 0;
                }
            }
            if (alphaAt[steps] != alphaAt[steps - 1]) {
                addWork(alphaAt[steps] - alphaAt[steps - 1]);
            }
            measure(alphaAt[steps], out, r * STATS); // the final state is always recorded
            done.addAndGet((long) pending * size);
            return out;
        }

        /** W += |Φ|²·Δα for every walker: the work of switching α at the current state (∂V/∂α = |Φ|², Eq. 38). */
        private void addWork(double dAlpha) {
            final double[] x = re;
            final double[] w = work;
            if (components == 1) {
                for (int i = 0; i < size; i++) {
                    w[i] += x[i] * x[i] * dAlpha;
                }
            } else {
                final double[] y = im;
                for (int i = 0; i < size; i++) {
                    w[i] += (x[i] * x[i] + y[i] * y[i]) * dAlpha;
                }
            }
        }

        /** One Euler–Maruyama step at α; when {@code out} is not null, first records the statistics of the state. */
        private void step(double alpha, double[] out, int offset) {
            gauss.fill(noiseRe, 0, size);
            if (components == 1) {
                if (out == null) {
                    stepReal(alpha);
                } else {
                    stepRealRecording(alpha);
                    finish(out, offset);
                }
            } else {
                gauss.fill(noiseIm, 0, size);
                if (out == null) {
                    stepComplex(alpha);
                } else {
                    stepComplexRecording(alpha);
                    finish(out, offset);
                }
            }
        }

        private double sumAbs;
        private double sumSq;
        private double sumV;

        private void stepReal(double alpha) {
            final double[] x = re;
            final double[] xi = noiseRe;
            final double b = beta;
            final double s = invV2;
            final double h = dt;
            final double a = amplitude;
            for (int i = 0; i < size; i++) {
                double p = x[i];
                double u = p * p;
                double log = FastLog.log(Math.max(u * s, Double.MIN_NORMAL));
                // ∂V/∂Φ = 2Φ(α + β(ln(Φ²/v²) + 1)) (gradient of Eq. 38); Euler–Maruyama step of Eq. 37
                x[i] = p - h * 2 * p * (alpha + b * (log + 1)) + a * xi[i];
            }
        }

        private void stepRealRecording(double alpha) {
            final double[] x = re;
            final double[] xi = noiseRe;
            final double[] e = energy;
            final double b = beta;
            final double s = invV2;
            final double h = dt;
            final double a = amplitude;
            double sv = 0;
            double sa = 0;
            double sq = 0;
            for (int i = 0; i < size; i++) {
                double p = x[i];
                double u = p * p;
                double log = FastLog.log(Math.max(u * s, Double.MIN_NORMAL));
                double k = alpha + b * log;
                double v = u * k; // V = αΦ² + βΦ² ln(Φ²/v²) (Eq. 38)
                e[i] = v;
                sv += v;
                sa += Math.abs(p);
                sq += u;
                x[i] = p - h * 2 * p * (k + b) + a * xi[i]; // Euler–Maruyama step of Eq. 37 with ∇V of Eq. 38
            }
            sumV = sv;
            sumAbs = sa;
            sumSq = sq;
        }

        private void stepComplex(double alpha) {
            final double[] x = re;
            final double[] y = im;
            final double[] xi = noiseRe;
            final double[] eta = noiseIm;
            final double b = beta;
            final double s = invV2;
            final double h = dt;
            final double a = amplitude;
            for (int i = 0; i < size; i++) {
                double p = x[i];
                double q = y[i];
                double u = p * p + q * q;
                double log = FastLog.log(Math.max(u * s, Double.MIN_NORMAL));
                double g = h * 2 * (alpha + b * (log + 1)); // Δt·2(α + β(ln(|Φ|²/v²) + 1)): ∇V of Eq. 38 per component
                x[i] = p - g * p + a * xi[i];
                y[i] = q - g * q + a * eta[i];
            }
        }

        private void stepComplexRecording(double alpha) {
            final double[] x = re;
            final double[] y = im;
            final double[] xi = noiseRe;
            final double[] eta = noiseIm;
            final double[] e = energy;
            final double b = beta;
            final double s = invV2;
            final double h = dt;
            final double a = amplitude;
            double sv = 0;
            double sa = 0;
            double sq = 0;
            for (int i = 0; i < size; i++) {
                double p = x[i];
                double q = y[i];
                double u = p * p + q * q;
                double log = FastLog.log(Math.max(u * s, Double.MIN_NORMAL));
                double k = alpha + b * log;
                double v = u * k; // V = α|Φ|² + β|Φ|² ln(|Φ|²/v²) (Eq. 38)
                e[i] = v;
                sv += v;
                sa += Math.sqrt(u);
                sq += u;
                double g = h * 2 * (k + b); // ∇V of Eq. 38 per component, times Δt
                x[i] = p - g * p + a * xi[i];
                y[i] = q - g * q + a * eta[i];
            }
            sumV = sv;
            sumAbs = sa;
            sumSq = sq;
        }

        /** Statistics of the current state without stepping (the final record). */
        private void measure(double alpha, double[] out, int offset) {
            double sv = 0;
            double sa = 0;
            double sq = 0;
            for (int i = 0; i < size; i++) {
                double p = re[i];
                double q = components == 2 ? im[i] : 0;
                double u = p * p + q * q;
                double v = u * (alpha + beta * FastLog.log(Math.max(u * invV2, Double.MIN_NORMAL))); // Eq. 38
                energy[i] = v;
                sv += v;
                sa += Math.sqrt(u);
                sq += u;
            }
            sumV = sv;
            sumAbs = sa;
            sumSq = sq;
            finish(out, offset);
        }

        /** Second pass: mean and sum of squared deviations of the energies just stored. */
        private void finish(double[] out, int offset) {
            double mean = sumV / size;
            double m2 = 0;
            double comp = 0;
            for (int i = 0; i < size; i++) {
                double d = energy[i] - mean;
                m2 += d * d;
                comp += d;
            }
            m2 -= comp * comp / size; // corrected two-pass (Chan, Golub & LeVeque)
            out[offset] = mean;
            out[offset + 1] = m2;
            out[offset + 2] = sumAbs;
            out[offset + 3] = sumSq;
        }
    }
}
