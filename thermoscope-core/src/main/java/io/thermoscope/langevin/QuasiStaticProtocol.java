package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

/**
 * The quasi-static reference protocol: α takes {@code levels} equally spaced values from alphaFrom to alphaTo;
 * the ensemble (carried over from the previous level) is held at each value for {@code equilibrationTime}, then
 * for {@code measureTime} during which the ensemble observables are recorded every {@code measureStride} steps
 * and averaged. Var(V) at a level is the mean of the per-snapshot ensemble variances, C_v = Var(V)/D².
 *
 * @param alphaFrom         first α level
 * @param alphaTo           last α level
 * @param levels            number of α levels (≥ 2)
 * @param equilibrationTime time held at each level before measuring
 * @param measureTime       time over which each level is measured (&gt; 0)
 * @param measureStride     steps between snapshots inside the measuring window (≥ 1)
 */
public record QuasiStaticProtocol(double alphaFrom, double alphaTo, int levels, double equilibrationTime,
                                  double measureTime, int measureStride) {

    /** Validates the parameters. */
    public QuasiStaticProtocol {
        InvalidInputException.requireFinite("alpha-from", alphaFrom);
        InvalidInputException.requireFinite("alpha-to", alphaTo);
        if (levels < 2) {
            throw new InvalidInputException("quasi-static protocol needs at least 2 alpha levels, got " + levels);
        }
        InvalidInputException.requireFinite("equilibration time", equilibrationTime);
        if (equilibrationTime < 0) {
            throw new InvalidInputException("equilibration time must be >= 0, got " + equilibrationTime);
        }
        InvalidInputException.requirePositive("measure time", measureTime);
        if (measureStride < 1) {
            throw new InvalidInputException("measure stride must be >= 1, got " + measureStride);
        }
    }

    /** The α value of level k. */
    public double level(int k) {
        return alphaFrom + (alphaTo - alphaFrom) * k / (levels - 1);
    }

    private int equilibrationSteps(LangevinConfig cfg) {
        return (int) Math.round(equilibrationTime / cfg.dt());
    }

    private int measureSteps(LangevinConfig cfg) {
        return (int) Math.max(1, Math.round(measureTime / cfg.dt()));
    }

    /** Total walker-steps this protocol costs. */
    public long walkerSteps(LangevinConfig cfg) {
        return (long) cfg.walkers() * levels * (equilibrationSteps(cfg) + measureSteps(cfg));
    }

    /**
     * Runs the staircase and returns one entry per level: t is the end of the level's measuring window, the
     * observables are the window averages.
     */
    public Trajectory run(LangevinConfig cfg, ProgressListener progress) {
        int eq = equilibrationSteps(cfg);
        int meas = measureSteps(cfg);
        int perLevel = eq + meas;
        long totalL = (long) perLevel * levels;
        if (totalL > Integer.MAX_VALUE / 2) {
            throw new InvalidInputException("quasi-static protocol too long: " + totalL + " steps");
        }
        int total = (int) totalL;
        double[] alphaAt = new double[total + 1];
        for (int n = 0; n <= total; n++) {
            alphaAt[n] = level(Math.min(n / perLevel, levels - 1));
        }
        int stride = measureStride;
        Trajectory raw = LangevinSimulator.run(cfg, alphaAt, stride, 0, progress);
        double[] t = new double[levels];
        double[] alpha = new double[levels];
        double[] meanV = new double[levels];
        double[] varV = new double[levels];
        double[] cv = new double[levels];
        double[] abs = new double[levels];
        double[] sq = new double[levels];
        int[] count = new int[levels];
        for (int r = 0; r < raw.size(); r++) {
            long n = Math.round(raw.t()[r] / cfg.dt());
            int k = (int) Math.min(n / perLevel, levels - 1);
            long inLevel = n - (long) k * perLevel;
            boolean lastStep = n == total; // the state after the last step closes the last window
            if ((inLevel >= eq && n < total) || lastStep) {
                meanV[k] += raw.meanV()[r];
                varV[k] += raw.varV()[r];
                abs[k] += raw.meanAbsPhi()[r];
                sq[k] += raw.meanPhiSq()[r];
                count[k]++;
            }
        }
        double d2 = cfg.noise() * cfg.noise();
        for (int k = 0; k < levels; k++) {
            t[k] = (double) (k + 1) * perLevel * cfg.dt();
            alpha[k] = level(k);
            meanV[k] /= count[k];
            varV[k] /= count[k];
            abs[k] /= count[k];
            sq[k] /= count[k];
            cv[k] = varV[k] / d2; // C_v = Var(V)/D² (Eq. 28 with T = D)
        }
        return new Trajectory(t, alpha, meanV, varV, cv, abs, sq);
    }
}
