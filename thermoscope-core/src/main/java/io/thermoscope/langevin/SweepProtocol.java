package io.thermoscope.langevin;

import io.thermoscope.InvalidInputException;

/**
 * The paper's non-equilibrium protocol (§VI.A): after {@code burnIn} time at α = alphaFrom, α(t) is swept linearly
 * to alphaTo over [0, tEnd] while the ensemble keeps running; the observables are recorded every
 * {@code stride} steps.
 *
 * @param alphaFrom α at t = 0
 * @param alphaTo   α at t = tEnd
 * @param tEnd      sweep duration
 * @param burnIn    equilibration time at alphaFrom before t = 0 (not recorded)
 * @param stride    record every stride-th step (and the last)
 */
public record SweepProtocol(double alphaFrom, double alphaTo, double tEnd, double burnIn, int stride) {

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
    }

    /** The schedule α(t). */
    public AlphaSchedule schedule() {
        return new AlphaSchedule.Linear(alphaFrom, alphaTo, tEnd);
    }

    /** Total walker-steps this protocol costs (for progress and throughput). */
    public long walkerSteps(LangevinConfig cfg) {
        return (long) cfg.walkers() * (Math.round(tEnd / cfg.dt()) + Math.round(burnIn / cfg.dt()));
    }

    /** Runs the sweep. */
    public Trajectory run(LangevinConfig cfg, ProgressListener progress) {
        return LangevinSimulator.run(cfg, schedule(), tEnd, stride, burnIn, progress);
    }
}
