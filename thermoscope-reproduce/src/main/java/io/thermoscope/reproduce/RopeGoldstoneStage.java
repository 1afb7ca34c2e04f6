package io.thermoscope.reproduce;

import io.thermoscope.io.Json;
import io.thermoscope.report.Claim;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Rule;
import io.thermoscope.rope.ColemanWeinbergPotential;
import io.thermoscope.rope.GoldstoneCheck;
import io.thermoscope.rope.MexicanHatFigures;
import io.thermoscope.rope.RopeCheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** §V.C: RoPE as a Goldstone mode — relative-position energies, ΔE = 0 under a global phase, the Hessian spectrum. */
public final class RopeGoldstoneStage implements Stage {
    @Override
    public String id() {
        return "rope-goldstone";
    }

    @Override
    public String title() {
        return "RoPE and the U(1) zero mode";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 1;
    }

    /** Tolerances of the symmetry checks: round-off of the rotations, and of the numerical Hessian. */
    static final double EXACT_TOL = 1e-12, HESSIAN_TOL = 1e-6;

    static final IdentityRule RULE = new IdentityRule("the largest residual of the four symmetry checks in units of its "
            + "tolerance (relative position and global phase: " + EXACT_TOL + "; angular and radial Hessian: " + HESSIAN_TOL + ")",
            1, "a rotation preserves dot products, so RoPE energies depend only on m − n and are unchanged by a global "
            + "phase for any q, k; and a potential of |Φ| alone has zero curvature along the phase — these check the "
            + "code, not whether learned features are Goldstone modes");

    /**
     * What the result depends on.
     *
     * @param dim         embedding dimension of the RoPE check
     * @param base        RoPE frequency base
     * @param tokens      random tokens checked
     * @param maxPosition largest position they are placed at
     * @param seed        master seed
     */
    record Params(int dim, double base, int tokens, int maxPosition, long seed) {
    }

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(64, 10_000, 64, 4096, config.seed());
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
        ColemanWeinbergPotential pot = ColemanWeinbergPotential.figureOne();
        Params p = (Params) parameters(ctx.config());
        RopeCheck.Result r = RopeCheck.run(new RopeCheck.Config(p.dim(), p.base(), p.tokens(), p.maxPosition(), ctx.seed("rope"), pot));
        Json.write(ctx.dir().resolve("rope-check.json"), Json.withProvenance(r, ctx.provenance()));
        MexicanHatFigures.write(ctx.dir(), pot);
        double maxAng = 0, maxRad = 0;
        for (GoldstoneCheck.Result g : r.goldstone()) {
            maxAng = Math.max(maxAng, g.angularRelativeError());
            maxRad = Math.max(maxRad, g.radialRelativeError());
        }
        GoldstoneCheck.Result g0 = r.goldstone().get(0);
        Map<String, String> n = new LinkedHashMap<>();
        n.put("max |q·k − f(m − n)| / |q||k| (relative position)", Evidence.num(r.maxRelativePositionError()));
        n.put("max |ΔE| under a global phase (Eq. 36)", Evidence.num(r.maxGlobalPhaseDeltaE()));
        n.put("Hessian at the vacuum: radial eigenvalue vs V''(r_min) = 4β", Evidence.num(g0.radialEigen()) + " vs " + Evidence.num(g0.higgsClosedForm()));
        n.put("Hessian at the vacuum: angular eigenvalue / 4β (Goldstone)", Evidence.num(maxAng));
        String evidence = "RoPE energies depend only on the relative position (error " + Evidence.num(r.maxRelativePositionError())
                + "), a global phase rotation leaves every energy unchanged (ΔE ≤ " + Evidence.num(r.maxGlobalPhaseDeltaE())
                + "), and at the vacuum of the U(1) potential the angular curvature vanishes while the radial one equals 4β. "
                + "This verifies the symmetry statements of §V.C; whether learned features are 'Goldstone modes' is an "
                + "interpretation that these numbers cannot decide.";
        double residual = Math.max(Math.max(r.maxRelativePositionError(), r.maxGlobalPhaseDeltaE()) / EXACT_TOL,
                Math.max(maxAng, maxRad) / HESSIAN_TOL);
        return List.of(Claim.decided(new Claim.Subject(id(), "RoPE is a Goldstone mode: the symmetry statements (§V.C)",
                "§V.C, Eqs. 29–36, Fig. 1"), RULE, residual, new Claim.Presentation(evidence, n, List.of(Evidence.figure(ctx, "mexican-hat-profile", "the Coleman–Weinberg potential along Re Φ"),
                Evidence.figure(ctx, "mexican-hat-plane", "V over the Φ plane with the vacuum circle (grey)")))));
    }
}
