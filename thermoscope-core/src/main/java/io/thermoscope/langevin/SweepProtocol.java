package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

/**
 * The paper's non-equilibrium protocol (§VI.A): after {@code burnIn} time at α = alphaFrom, α(t) is swept linearly
 * to alphaTo over [0, tEnd] while the ensemble keeps running, then held at alphaTo for {@code hold} (the
 * relaxation after the sweep); the observables are recorded every {@code stride} steps.
 *
 * @param alphaFrom α at t = 0
 * @param alphaTo   α at t = tEnd
 * @param tEnd      sweep duration
 * @param burnIn    equilibration time at alphaFrom before t = 0 (not recorded)
 * @param stride    record every stride-th step (and the last)
 * @param hold      time at alphaTo after the sweep (0: the run ends with the sweep)
 */
public record SweepProtocol(double alphaFrom, double alphaTo, double tEnd, double burnIn, int stride, double hold) {

    /** A sweep without a hold after it. */
    public SweepProtocol(double alphaFrom, double alphaTo, double tEnd, double burnIn, int stride) {
        this(alphaFrom, alphaTo, tEnd, burnIn, stride, 0);
    }

    /** Validates the parameters. */
    public SweepProtocol {
        InvalidInputException.requireFinite("alpha-from", alphaFrom);
        InvalidInputException.requireFinite("alpha-to", alphaTo);
        InvalidInputException.requirePositive("t-end", tEnd);
        InvalidInputException.requireFinite("burn-in", burnIn);
        if (burnIn < 0) {
            throw new InvalidInputException("burn-in must be >= 0, got " + burnIn);
        }
        if (stride < 1) {
            throw new InvalidInputException("stride must be >= 1, got " + stride);
        }
        InvalidInputException.requireFinite("hold", hold);
        if (hold < 0) {
            throw new InvalidInputException("hold must be >= 0, got " + hold);
        }
    }

    /** The schedule α(t). */
    public AlphaSchedule schedule() {
        return new AlphaSchedule.Linear(alphaFrom, alphaTo, tEnd);
    }

    /** Total walker-steps this protocol costs (for progress and throughput). */
    public long walkerSteps(LangevinConfig cfg) {
        return (long) cfg.walkers() * (Math.round((tEnd + hold) / cfg.dt()) + Math.round(burnIn / cfg.dt()));
    }

    /** Runs the sweep. */
    public Trajectory run(LangevinConfig cfg, ProgressListener progress) {
        return runWithWork(cfg, progress).trajectory();
    }

    /** Runs the sweep and returns the work W = Σ |Φ|²Δα done on every walker as well. */
    public LangevinSimulator.Run runWithWork(LangevinConfig cfg, ProgressListener progress) {
        return LangevinSimulator.runWithWork(cfg, schedule(), tEnd + hold, stride, burnIn, progress);
    }
}
