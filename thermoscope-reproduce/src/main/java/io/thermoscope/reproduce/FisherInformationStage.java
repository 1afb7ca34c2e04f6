package io.thermoscope.reproduce;

import io.thermoscope.decision.Estimate;
import io.thermoscope.decision.EquivalenceRule;
import io.thermoscope.decision.IdentityRule;
import io.thermoscope.decision.Numbers;
import io.thermoscope.decision.Rule;
import io.thermoscope.ensemble.FisherInformation;
import io.thermoscope.ensemble.SyntheticHead;
import io.thermoscope.io.AtomicFiles;
import io.thermoscope.plot.Figure;
import io.thermoscope.report.Claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chapter's "Fisher = C_V": the Fisher information I(β) = E[(∂ ln p/∂β)²] of the attention ensemble, computed by
 * finite differences of ln p and of ln Z (not from the identity I(β) = Var(E)), on every causal attention row of
 * synthetic heads at the attention temperature T = √d_k. Two claims: the identity C_V = β² I(β) (verified), and the
 * chapter's statement that the Fisher information equals C_V, which holds for the information of ln β at every T but
 * for that of β only at T = 1.
 */
public final class FisherInformationStage implements Stage {
    @Override
    public String id() {
        return "fisher-information";
    }

    @Override
    public String title() {
        return "Fisher information of the attention ensemble and C_V";
    }

    @Override
    public double weight(ReproductionConfig config) {
        return 0.3;
    }

    /**
     * What the result depends on.
     *
     * @param heads  synthetic heads
     * @param tokens tokens per head (causal rows of 1 … tokens keys)
     * @param dk     key dimension d_k (T = √d_k)
     * @param seed   master seed
     */
    record Params(int heads, int tokens, int dk, long seed) {
    }

    /** Finite differences resolve I(β) to about 1e-9 relative on these rows; 1e-6 leaves room and still catches a slip. */
    static final IdentityRule IDENTITY = new IdentityRule("max over attention rows of |I(β) − Var(E)|/Var(E), I(β) by "
            + "finite differences of ln p (score) and of ln Z (curvature), at T = √d_k", 1e-6,
            "for any family p ∝ e^{−βE} the score is ∂_β ln p = ⟨E⟩ − E, so I(β) = Var(E) = ∂²_β ln Z and C_V = β² I(β) for "
                    + "every set of energies; this checks the computation, not a property of attention");

    /** The chapter's identity read literally for the information of β, at the temperature attention runs at. */
    static final EquivalenceRule CHAPTER = new EquivalenceRule("I(β)/C_V at the attention temperature T = √d_k, mean over "
            + "attention rows", 1, 0.01, 0.95, 1, "attention rows");

    @Override
    public Record parameters(ReproductionConfig config) {
        return new Params(16, 64, 64, config.seed());
    }

    @Override
    public List<Rule<?>> rules(ReproductionConfig config) {
        return List.of(IDENTITY, CHAPTER);
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<Claim> run(StageContext ctx) {
        Params p = (Params) parameters(ctx.config());
        double t = Math.sqrt(p.dk()); // T = √d_k (Eq. 9)
        List<double[]> rows = new ArrayList<>(); // C_V, I(β), I_{ln β}, I(β)/C_V
        double residual = 0, logBetaDev = 0;
        StringBuilder csv = new StringBuilder("head,query,keys,T,varE,Cv,fisherByScore,fisherByCurvature,fisherLogBeta\n");
        for (int h = 0; h < p.heads(); h++) {
            SyntheticHead head = SyntheticHead.generate(p.tokens(), p.dk(), ctx.seed("fisher head " + h));
            for (int m = 1; m < p.tokens(); m++) { // row m attends to keys 0 … m (row 0 has one key: no fluctuation)
                double[] e = new double[m + 1];
                for (int n = 0; n <= m; n++) e[n] = -dot(head.q()[m], head.k()[n]); // E = −q·k (Eq. 7)
                FisherInformation.Result r = FisherInformation.of(e, t);
                residual = Math.max(residual, r.residual());
                logBetaDev = Math.max(logBetaDev, Math.abs(r.logBeta() / r.cv() - 1)); // I_{ln β} = C_V at every T
                rows.add(new double[]{r.cv(), r.byScore(), r.logBeta(), r.byScore() / r.cv()});
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n", h, m, m + 1, t,
                        r.varE(), r.cv(), r.byScore(), r.byCurvature(), r.logBeta()));
            }
            ctx.progress().update((h + 1.0) / p.heads(), "head " + (h + 1));
        }
        AtomicFiles.writeString(ctx.dir().resolve("fisher.csv"), csv.toString());
        double[] cv = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] line = {java.util.Arrays.stream(cv).min().orElse(1e-3), java.util.Arrays.stream(cv).max().orElse(1)};
        new Figure("Fisher information against C_V on every attention row (T = √d_k = " + Numbers.format(t) + ")",
                "C_V = Var(E)/T²", "Fisher information").logX().logY()
                .points("I(β) (finite differences of ln p)", cv, rows.stream().mapToDouble(r -> r[1]).toArray())
                .points("I_ln β = β² I(β)", cv, rows.stream().mapToDouble(r -> r[2]).toArray())
                .dashed("= C_V", line, line)
                .dashed("= T² C_V", line, new double[]{t * t * line[0], t * t * line[1]})
                .save(ctx.dir(), "fisher-vs-cv");
        double ratio = rows.stream().mapToDouble(r -> r[3]).average().orElse(Double.NaN);
        double ratioMin = rows.stream().mapToDouble(r -> r[3]).min().orElse(Double.NaN);
        double ratioMax = rows.stream().mapToDouble(r -> r[3]).max().orElse(Double.NaN);
        Map<String, String> n = new LinkedHashMap<>();
        n.put("synthetic heads × causal rows", p.heads() + " × " + (p.tokens() - 1) + " (d_k = " + p.dk() + ", T = " + Numbers.format(t) + ")");
        n.put("max |I(β) − Var(E)|/Var(E), both routes", Evidence.num(residual));
        n.put("I(β)/C_V at T = √d_k: mean [min, max] over rows", Evidence.num(ratio) + " [" + Evidence.num(ratioMin) + ", "
                + Evidence.num(ratioMax) + "] (T² = " + Evidence.num(t * t) + ")");
        n.put("max |I_ln β/C_V − 1|", Evidence.num(logBetaDev));
        String evidence = "On " + rows.size() + " causal attention rows of " + p.heads() + " synthetic heads (queries that point at "
                + "earlier keys, E = −q·k), the Fisher information of β computed from its definition — the score by finite "
                + "differences of ln p, and the curvature of ln Z — equals Var(E) to " + Evidence.num(residual) + ", so "
                + "C_V = Var(E)/T² = β² I(β). The chapter's \"Fisher = C_V\" is therefore exact for the Fisher information of "
                + "ln β (or ln T), I_ln β = β² I(β), at every temperature (here |I_ln β/C_V − 1| ≤ " + Evidence.num(logBetaDev)
                + "), and for that of β only at T = 1. At the temperature attention runs at, T = √d_k = "
                + Numbers.format(t) + ", I(β) = T² C_V: the two differ by a factor " + Evidence.num(ratio) + ".";
        List<Claim.Figure> fig = List.of(Evidence.figure(ctx, "fisher-vs-cv", "I(β) and I_ln β against C_V, one point per attention row"));
        Claim identity = Claim.decided(new Claim.Subject(id(), "C_V = β² I(β): the Fisher information of β, computed from its "
                + "definition, is Var(E) (chapter §22–23)", "polylog chapter §22 (\"Fisher = C_V\"); Eq. 28"), IDENTITY, residual,
                new Claim.Presentation(evidence, n, fig));
        Claim chapter = Claim.decided(new Claim.Subject("fisher-equals-cv", "The Fisher information of the inverse temperature "
                        + "equals C_V (\"Fisher = C_V\", chapter), at attention's T = √d_k", "polylog chapter §22 (next chapter's identity)"),
                CHAPTER, Estimate.exact(ratio, rows.size(), "attention rows"), new Claim.Presentation(evidence, n, fig));
        return List.of(identity, chapter);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
