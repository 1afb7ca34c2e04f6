package io.thermoscope.reproduce;

import io.thermoscope.dynamics.FisherRaoDynamics;
import io.thermoscope.dynamics.TrajectoryOutput;
import io.thermoscope.ensemble.SyntheticHead;
import io.thermoscope.ensemble.TemperatureScan;
import io.thermoscope.report.Claim;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Rule;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Eq. 18: the Euler–Lagrange motion on the Fisher–Rao sphere. Tests that softmax is its stationary point and that the
 * motion relaxes to it once damped, and reports the invariants (Σρ = 1, conserved H when undamped).
 */
public final class EquationOfMotionStage implements Stage {
    static final int STATES = 12;

    static final IdentityRule RULE = new IdentityRule("max |ρ_i(t_end) − softmax_i| of the damped motion (∞ if the "
            + "geodesic distance to softmax ever grows or Σρ drifts from 1 by more than 1e-10)", 1e-6, "with friction the "
            + "total energy K + F decreases while ẋ ≠ 0 and F[ρ] has its unique minimum on the simplex at softmax(−E/T) "
            + "(Eqs. 19–22), so a correct integrator must end there; Eq. 18 itself is frictionless and only oscillates");

    /**
     * What the result depends on.
     *
     * @param states N, the number of keys of the synthetic query
     * @param dims   d_k of the synthetic head
     * @param seed   master seed (the head is drawn from it)
     */
    record Params(int states, int dims, long seed) {
    }

    @Override
    public String id() {
        return "equation-of-motion";
    }

    @Override
    public String title() {
        return "Eq. 18 on the Fisher–Rao sphere";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 3;
    }

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(STATES, 16, config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(RULE);
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        // energies of one query of a reproducible synthetic head, at its structural temperature T = √d_k
        SyntheticHead head = SyntheticHead.generate(STATES, 16, ctx.seed("head"));
        double[] e = TemperatureScan.energies(head.q(), head.k())[STATES - 1];
        double T = 4, m = 1, gammaC = 2 * Math.sqrt(m * T); // critical damping γ_c = 2√(mT)
        double[] uniform = new double[STATES];
        Arrays.fill(uniform, 1.0 / STATES);
        ctx.progress().update(0.05, "damped motion");
        FisherRaoDynamics damped = new FisherRaoDynamics(e, T, FisherRaoDynamics.Settings.of(m, 2 * gammaC));
        FisherRaoDynamics.Trajectory tr = damped.integrate(uniform, null, 60, 601);
        TrajectoryOutput.writeCsv(ctx.dir().resolve("damped.csv"), tr);
        TrajectoryOutput.writeFigures(ctx.dir(), tr, " — damped, γ = 2γ_c");
        ctx.progress().update(0.5, "undamped motion");
        FisherRaoDynamics free = new FisherRaoDynamics(e, T, new FisherRaoDynamics.Settings(m, 0, 1e-15, 1e-15, 200_000_000));
        FisherRaoDynamics.Trajectory fr = free.integrate(uniform, null, 20, 201);
        TrajectoryOutput.writeCsv(ctx.dir().resolve("undamped.csv"), fr);

        int last = tr.size() - 1;
        double dev = 0, sumErr = 0;
        for (int k = 0; k < tr.size(); k++) {
            double s = 0;
            for (double r : tr.rho()[k]) s += r;
            sumErr = Math.max(sumErr, Math.abs(s - 1));
        }
        for (int i = 0; i < STATES; i++) dev = Math.max(dev, Math.abs(tr.rho()[last][i] - tr.equilibrium()[i]));
        boolean monotone = true;
        for (int k = 1; k < tr.size(); k++) monotone &= tr.distance()[k] <= tr.distance()[k - 1] + 1e-12;
        double h0 = fr.energy()[0], drift = 0;
        for (double h : fr.energy()) drift = Math.max(drift, Math.abs(h - h0) / Math.max(Math.abs(h0), 1e-300));
        double freeDistanceEnd = fr.distance()[fr.size() - 1];

        Map<String, String> n = new LinkedHashMap<>();
        n.put("states N, temperature T, mass m", STATES + ", " + Evidence.num(T) + ", " + Evidence.num(m));
        n.put("damping γ (critical γ_c = 2√(mT))", Evidence.num(2 * gammaC) + " (" + Evidence.num(gammaC) + ")");
        n.put("max |ρ_i(t_end) − softmax_i| (damped)", Evidence.num(dev));
        n.put("Bhattacharyya distance monotone (damped)", Boolean.toString(monotone));
        n.put("max |Σρ − 1| along the trajectory", Evidence.num(sumErr));
        n.put("undamped: max relative drift of H = K + F", Evidence.num(drift));
        n.put("undamped: distance to softmax at t = 20 (no relaxation)", Evidence.num(freeDistanceEnd));
        String evidence = "From the uniform state, the damped motion (Eq. 18 plus a Rayleigh term −γẋ) ends "
                + Evidence.num(dev) + " from softmax(−E/T), with the geodesic distance " + (monotone ? "" : "not ")
                + "decreasing monotonically. Eq. 18 itself has no friction: undamped, H is conserved (drift "
                + Evidence.num(drift) + ") and ρ oscillates about softmax for ever (distance " + Evidence.num(freeDistanceEnd)
                + " at t = 20), so softmax is the stationary point the motion relaxes to only once energy is dissipated.";
        double residual = monotone && sumErr < 1e-10 ? dev : Double.POSITIVE_INFINITY;
        return List.of(Claim.decided(new Claim.Subject(id(), "The equation of motion relaxes to softmax (Eq. 18)",
                "§III.B–C, Eqs. 13–22"), RULE, residual, new Claim.Presentation(evidence, n, List.of(Evidence.figure(ctx, "dynamics-rho", "ρ_i(t) under damped Eq. 18 and the softmax values"),
                Evidence.figure(ctx, "dynamics-energy", "free energy, total energy and distance to softmax")))));
    }
}
